#!/usr/bin/env bash
# Starts the real Git servers the tests read from and push to, all on 127.0.0.1 and all serving
# one repos dir: git daemon (git://), nginx + fcgiwrap + git-http-backend (http:// and https://,
# basic auth) and sshd (ssh://, ed25519 keys). Everything lives in a fresh `mktemp -d` folder.
# Prints the path of an env file of `export DAPPCTL_TEST_...=...` lines ($DAPPCTL_TEST_ENV if
# set); `stop.sh ENVFILE` stops the servers. Installs nothing (see install.sh).
# Usage: start.sh [--seed-from DIR]   (DIR defaults to <repo root>/fixtures/demo)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seed="$here/../../fixtures/demo"
while [ $# -gt 0 ]; do
  case "$1" in
    --seed-from) seed="${2:?--seed-from needs a directory}"; shift 2 ;;
    --seed-from=*) seed="${1#*=}"; shift ;;
    *) echo "usage: $0 [--seed-from DIR]" >&2; exit 64 ;;
  esac
done
[ -d "$seed" ] || { echo "start.sh: seed directory not found: $seed" >&2; exit 1; }
seed="$(cd "$seed" && pwd)"
timeout="${DAPPCTL_TEST_START_TIMEOUT:-20}" # seconds each server gets to answer
started_at="$EPOCHREALTIME"

# A run left behind under the same env file is stopped first (stop.sh checks each PID).
if [ -n "${DAPPCTL_TEST_ENV:-}" ] && [ -f "$DAPPCTL_TEST_ENV" ]; then
  "$here/stop.sh" "$DAPPCTL_TEST_ENV" >&2 || true
fi

T="$(mktemp -d -t dappctl-servers.XXXXXX)"
envfile="${DAPPCTL_TEST_ENV:-$T/env.sh}"
repos="$T/repos" logs="$T/logs" gitcore="$(git --exec-path)" user="$(id -un)"
mkdir -p "$repos" "$logs" "$T/home" "$T/nginx" "$T/tls" "$T/ssh"
: >"$T/pids"
# Git run by this script and by the servers ignores the caller's ~/.gitconfig and /etc/gitconfig.
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0

# On any failure: show what the servers logged, stop them, remove the folder, exit non-zero.
ok=0
cleanup() {
  [ "$ok" = 1 ] && return
  echo "start.sh: FAILED; server logs:" >&2
  for f in "$logs"/*.log; do
    [ -s "$f" ] && { echo "--- ${f##*/} (last 30 lines)" >&2; tail -n 30 "$f" >&2; }
  done
  "$here/stop.sh" "$T" >&2 || true
}
trap cleanup EXIT
fail() { echo "start.sh: $*" >&2; exit 1; }

# Four distinct free ports, below the kernel's ephemeral range so that outgoing connections of
# the tests cannot take them between this check and the servers' bind.
read -r git_port http_port https_port ssh_port < <(python3 - <<'EOF'
import random, socket
lo, hi = 20000, 32000
held, ports = [], []
while len(ports) < 4:
    p = random.randrange(lo, hi)
    if p in ports:
        continue
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        s.close(); continue
    held.append(s); ports.append(p)
print(*ports)
EOF
)

# --- repos: demo.git holds the seed tree in one commit with a fixed author and date, so its id
# depends only on the seed's content; status.git is empty, for push tests. Push is on over HTTP.
export GIT_AUTHOR_NAME="dappctl fixtures" GIT_AUTHOR_EMAIL="fixtures@dappmesh.invalid"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
for r in demo status; do
  git init -q --bare -b main "$repos/$r.git"
  git --git-dir="$repos/$r.git" config http.receivepack true
done
GIT_INDEX_FILE="$T/seed.index" git --git-dir="$repos/demo.git" --work-tree="$seed" add -A .
tree="$(GIT_INDEX_FILE="$T/seed.index" git --git-dir="$repos/demo.git" write-tree)"
demo_commit="$(git --git-dir="$repos/demo.git" commit-tree "$tree" -m "demo fixture")"
git --git-dir="$repos/demo.git" update-ref refs/heads/main "$demo_commit"
rm -f "$T/seed.index"
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE

# --- credentials: HTTP basic auth password, a test CA and a localhost server cert, ssh keys.
openssl rand -hex 16 | tr -d '\n' >"$T/http-password"
printf 'dappctl:%s\n' "$(openssl passwd -apr1 "$(cat "$T/http-password")")" >"$T/nginx/htpasswd"
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=dappctl test CA" \
  -keyout "$T/tls/ca.key" -out "$T/tls/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$T/tls/server.key" -out "$T/tls/server.csr" 2>/dev/null
printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" \
  "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >"$T/tls/server.ext"
openssl x509 -req -in "$T/tls/server.csr" -CA "$T/tls/ca.pem" -CAkey "$T/tls/ca.key" \
  -set_serial "0x$(openssl rand -hex 8)" -days 365 -extfile "$T/tls/server.ext" \
  -out "$T/tls/server.pem" 2>/dev/null
for k in host_ed25519 wrong_host_ed25519 id_ed25519 id_ed25519_bad; do
  ssh-keygen -q -t ed25519 -N '' -C "dappctl-test-$k" -f "$T/ssh/$k"
done
chmod 600 "$T"/ssh/*_ed25519 "$T"/ssh/*_bad "$T/tls/"*.key
# Only id_ed25519 is authorised, and only for git: git-shell runs the one command asked for.
printf 'restrict,command="git-shell -c \\"$SSH_ORIGINAL_COMMAND\\"" %s\n' \
  "$(cut -d' ' -f1,2 "$T/ssh/id_ed25519.pub")" >"$T/ssh/authorized_keys"
printf '[127.0.0.1]:%s %s\n' "$ssh_port" "$(cut -d' ' -f1,2 "$T/ssh/host_ed25519.pub")" >"$T/ssh/known_hosts"
printf '[127.0.0.1]:%s %s\n' "$ssh_port" "$(cut -d' ' -f1,2 "$T/ssh/wrong_host_ed25519.pub")" \
  >"$T/ssh/wrong_known_hosts"

# --- server configs.
nginx_user=""
[ "$(id -u)" = 0 ] && nginx_user="user $user $(id -gn);" # workers would be `nobody` otherwise
cat >"$T/nginx/nginx.conf" <<EOF
$nginx_user
daemon off;
worker_processes 1;
pid $T/nginx/nginx.pid;
error_log $logs/nginx-error.log info;
events { worker_connections 256; }
http {
  access_log $logs/nginx-access.log;
  client_body_temp_path $T/nginx/client_body;
  fastcgi_temp_path $T/nginx/fastcgi;
  proxy_temp_path $T/nginx/proxy;
  uwsgi_temp_path $T/nginx/uwsgi;
  scgi_temp_path $T/nginx/scgi;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:$http_port;
    listen 127.0.0.1:$https_port ssl;
    ssl_certificate $T/tls/server.pem;
    ssl_certificate_key $T/tls/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    location ~ ^/git(/.*)\$ {
      auth_basic "dappctl test git";
      auth_basic_user_file $T/nginx/htpasswd;
      fastcgi_pass unix:$T/fcgiwrap.sock;
      fastcgi_param SCRIPT_FILENAME $gitcore/git-http-backend;
      fastcgi_param GIT_PROJECT_ROOT $repos;
      fastcgi_param GIT_HTTP_EXPORT_ALL 1;
      fastcgi_param HOME $T/home;
      fastcgi_param GIT_CONFIG_NOSYSTEM 1;
      fastcgi_param PATH_INFO \$1;
      fastcgi_param REMOTE_USER \$remote_user;
      fastcgi_param REMOTE_ADDR \$remote_addr;
      fastcgi_param REQUEST_METHOD \$request_method;
      fastcgi_param QUERY_STRING \$query_string;
      fastcgi_param CONTENT_TYPE \$content_type;
      fastcgi_param CONTENT_LENGTH \$content_length;
      fastcgi_param SERVER_PROTOCOL \$server_protocol;
      fastcgi_param GATEWAY_INTERFACE CGI/1.1;
    }
  }
}
EOF
cat >"$T/ssh/sshd_config" <<EOF
ListenAddress 127.0.0.1
HostKey $T/ssh/host_ed25519
PidFile $T/ssh/sshd.pid
AuthorizedKeysFile $T/ssh/authorized_keys
AllowUsers $user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
# The keys live under /tmp, which StrictModes would reject (world-writable parent).
StrictModes no
AcceptEnv GIT_PROTOCOL
# A top-level bash run by sshd sources ~/.bashrc; SHLVL=1 makes it a nested shell that does not,
# so nothing the user's profile prints can break the git protocol.
SetEnv SHLVL=1
LogLevel VERBOSE
EOF
# sshd running as root wants its privilege-separation dir.
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then mkdir -p -m 0755 /run/sshd; fi

# --- start: each server in its own session (setsid), so stop.sh can end it with its children.
start() { # name command...
  local name="$1"; shift
  setsid "$@" </dev/null >"$logs/$name.log" 2>&1 &
  echo "$! $name" >>"$T/pids"
}
start git-daemon "$gitcore/git-daemon" --reuseaddr --export-all --enable=receive-pack \
  --informative-errors --listen=127.0.0.1 --port="$git_port" --base-path="$repos" "$repos"
start fcgiwrap /usr/sbin/fcgiwrap -c 4 -s "unix:$T/fcgiwrap.sock" -p "$gitcore/git-http-backend"
start nginx /usr/sbin/nginx -p "$T/nginx/" -c "$T/nginx/nginx.conf" -e "$logs/nginx-error.log"
start sshd /usr/sbin/sshd -D -e -f "$T/ssh/sshd_config" -p "$ssh_port"

# --- wait until each server answers a real `git ls-remote`; fail at once if one exits.
basic="Authorization: Basic $(printf 'dappctl:%s' "$(cat "$T/http-password")" | base64 -w0)"
ssh_cmd="ssh -F /dev/null -i $T/ssh/id_ed25519 -o IdentitiesOnly=yes -o IdentityAgent=none"
ssh_cmd+=" -o BatchMode=yes -o UserKnownHostsFile=$T/ssh/known_hosts -o StrictHostKeyChecking=yes"
answers() { # name url [git -c options...]
  local name="$1" url="$2" pid deadline; shift 2
  pid="$(awk -v n="$name" '$2 == n { print $1 }' "$T/pids")"
  deadline=$(($(date +%s) + timeout))
  until GIT_SSL_CAINFO="$T/tls/ca.pem" GIT_SSH_COMMAND="$ssh_cmd" \
    git "$@" ls-remote "$url" >"$logs/probe-$name.out" 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "$name exited during start-up"
    [ "$(date +%s)" -lt "$deadline" ] || { cat "$logs/probe-$name.out" >&2; fail "$name did not answer within ${timeout}s"; }
    sleep 0.1
  done
}
answers git-daemon "git://127.0.0.1:$git_port/demo.git"
kill -0 "$(awk '$2 == "fcgiwrap" { print $1 }' "$T/pids")" 2>/dev/null || fail "fcgiwrap exited"
answers nginx "http://127.0.0.1:$http_port/git/demo.git" -c "http.extraHeader=$basic"
answers nginx "https://localhost:$https_port/git/demo.git" -c "http.extraHeader=$basic"
answers sshd "ssh://$user@127.0.0.1:$ssh_port$repos/demo.git"

# --- the env file the tests read.
{
  printf 'export %s=%q\n' \
    DAPPCTL_TEST_DIR "$T" \
    DAPPCTL_TEST_REPOS_DIR "$repos" \
    DAPPCTL_TEST_DEMO_COMMIT "$demo_commit" \
    DAPPCTL_TEST_GIT_URL "git://127.0.0.1:$git_port/" \
    DAPPCTL_TEST_HTTP_URL "http://127.0.0.1:$http_port/git/" \
    DAPPCTL_TEST_HTTPS_URL "https://localhost:$https_port/git/" \
    DAPPCTL_TEST_HTTP_USER dappctl \
    DAPPCTL_TEST_HTTP_PASSWORD_FILE "$T/http-password" \
    DAPPCTL_TEST_CA_FILE "$T/tls/ca.pem" \
    DAPPCTL_TEST_SSH_URL "ssh://$user@127.0.0.1:$ssh_port$repos/" \
    DAPPCTL_TEST_SSH_USER "$user" \
    DAPPCTL_TEST_SSH_KEY "$T/ssh/id_ed25519" \
    DAPPCTL_TEST_SSH_PUBLIC_KEY "$T/ssh/id_ed25519.pub" \
    DAPPCTL_TEST_SSH_BAD_KEY "$T/ssh/id_ed25519_bad" \
    DAPPCTL_TEST_SSH_KNOWN_HOSTS "$T/ssh/known_hosts" \
    DAPPCTL_TEST_SSH_WRONG_KNOWN_HOSTS "$T/ssh/wrong_known_hosts"
} >"$envfile.tmp"
mv "$envfile.tmp" "$envfile"
ok=1
elapsed="$(awk -v a="$started_at" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')"
echo "start.sh: servers up in ${elapsed}s, logs in $logs" >&2
echo "$envfile"

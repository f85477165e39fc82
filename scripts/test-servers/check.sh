#!/usr/bin/env bash
# Self-test of the servers start.sh started, with the real git CLI: clones demo.git and pushes a
# commit to status.git over git://, http://, https:// and ssh://, and checks that a wrong
# password, a missing CA, an unauthorised ssh key and a wrong known_hosts entry are refused.
# Prints one line per check, then `N passed, N failed`; exits non-zero on any failure.
# Pushed branches are deleted again, so status.git is left empty for the tests.
# Usage: check.sh [ENVFILE]   (defaults to $DAPPCTL_TEST_ENV)
set -uo pipefail
envfile="${1:-${DAPPCTL_TEST_ENV:-}}"
[ -f "$envfile" ] || { echo "usage: $0 ENVFILE (the file start.sh printed)" >&2; exit 64; }
# shellcheck disable=SC1090
source "$envfile"

W="$(mktemp -d -t dappctl-check.XXXXXX)"
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/home"
export HOME="$W/home" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
export GIT_AUTHOR_NAME="dappctl check" GIT_AUTHOR_EMAIL="check@dappmesh.invalid"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_SSL_CAINFO="$DAPPCTL_TEST_CA_FILE"
pw="$(cat "$DAPPCTL_TEST_HTTP_PASSWORD_FILE")"
user="$DAPPCTL_TEST_HTTP_USER"
ssh_with() { # KEY KNOWN_HOSTS: an ssh command that uses only that key and that known_hosts file
  echo "ssh -F /dev/null -i $1 -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes" \
    "-o UserKnownHostsFile=$2 -o StrictHostKeyChecking=yes"
}
export GIT_SSH_COMMAND="$(ssh_with "$DAPPCTL_TEST_SSH_KEY" "$DAPPCTL_TEST_SSH_KNOWN_HOSTS")"

base_url() { # transport -> URL prefix ending in /, with credentials for http(s)
  case "$1" in
    git) echo "$DAPPCTL_TEST_GIT_URL" ;;
    http) echo "http://$user:$pw@${DAPPCTL_TEST_HTTP_URL#http://}" ;;
    https) echo "https://$user:$pw@${DAPPCTL_TEST_HTTPS_URL#https://}" ;;
    ssh) echo "$DAPPCTL_TEST_SSH_URL" ;;
  esac
}

passed=0 failed=0
report() { # status description: one line per check; on failure the command's last output lines
  if [ "$1" = 0 ]; then
    echo "ok   $2"; passed=$((passed + 1))
  else
    echo "FAIL $2"; tail -n 8 "$W/out" | sed 's/^/     | /'; failed=$((failed + 1))
  fi
}
expect_refused() { # description pattern command...: must fail, with output matching pattern
  local desc="$1" pattern="$2"; shift 2
  if "$@" >"$W/out" 2>&1; then report 1 "$desc (it succeeded)"; return; fi
  grep -qE "$pattern" "$W/out"; report $? "$desc"
}

clone_demo() { # transport: clone demo.git, HEAD must be the seeded commit
  local dir="$W/demo-$1"
  git clone -q "$(base_url "$1")demo.git" "$dir" >"$W/out" 2>&1 &&
    [ "$(git -C "$dir" rev-parse HEAD)" = "$DAPPCTL_TEST_DEMO_COMMIT" ] &&
    [ -f "$dir/dappmesh.yaml" ]
}
push_status() { # transport label [git -c options]: commit to a clone of status.git, push, verify, delete
  local t="$1" dir="$W/status-$2" branch="selftest/$2-$$" head remote; shift 2
  git clone -q "$(base_url "$t")status.git" "$dir" >"$W/out" 2>&1 || return 1
  head -c 65536 /dev/urandom | base64 >"$dir/status-$t.txt" # big enough for a chunked upload
  git -C "$dir" add . && git -C "$dir" commit -q -m "status over $t" >>"$W/out" 2>&1 || return 1
  git -C "$dir" "$@" push -q origin "HEAD:refs/heads/$branch" >>"$W/out" 2>&1 || return 1
  head="$(git -C "$dir" rev-parse HEAD)"
  # Read back over git:// (another transport), then delete the branch over the same one.
  remote="$(git ls-remote "${DAPPCTL_TEST_GIT_URL}status.git" "refs/heads/$branch" | cut -f1)"
  [ "$remote" = "$head" ] || { echo "pushed $head, server has '$remote'" >>"$W/out"; return 1; }
  git -C "$dir" "$@" push -q origin --delete "$branch" >>"$W/out" 2>&1
}

for t in git http https ssh; do
  clone_demo "$t"; report $? "clone demo.git over $t:// (HEAD $DAPPCTL_TEST_DEMO_COMMIT)"
done
for t in git http https ssh; do
  push_status "$t" "$t"; report $? "push a commit to status.git over $t:// and delete it again"
done
# libgit2 sends a push body with Transfer-Encoding: chunked; git does so past http.postBuffer.
GIT_CURL_VERBOSE=1 push_status https chunked -c http.postBuffer=1024 &&
  grep -q "Send header: Transfer-Encoding: chunked" "$W/out"
report $? "push over https:// with a chunked request body"

https_demo="${DAPPCTL_TEST_HTTPS_URL}demo.git"
expect_refused "https:// with a wrong password is refused with 401" "HTTP/1.1 401" \
  env GIT_CURL_VERBOSE=1 git ls-remote "https://$user:wrong-$pw@${https_demo#https://}"
expect_refused "http:// without credentials is refused with 401" "HTTP/1.1 401" \
  env GIT_CURL_VERBOSE=1 git ls-remote "${DAPPCTL_TEST_HTTP_URL}demo.git"
expect_refused "https:// without the test CA fails certificate verification" "certificate" \
  env -u GIT_SSL_CAINFO git ls-remote "https://$user:$pw@${https_demo#https://}"
expect_refused "ssh:// with the unauthorised key is denied" "Permission denied \(publickey\)" \
  env GIT_SSH_COMMAND="$(ssh_with "$DAPPCTL_TEST_SSH_BAD_KEY" "$DAPPCTL_TEST_SSH_KNOWN_HOSTS")" \
  git ls-remote "${DAPPCTL_TEST_SSH_URL}demo.git"
expect_refused "ssh:// with a wrong known_hosts entry fails host key verification" \
  "Host key verification failed" \
  env GIT_SSH_COMMAND="$(ssh_with "$DAPPCTL_TEST_SSH_KEY" "$DAPPCTL_TEST_SSH_WRONG_KNOWN_HOSTS")" \
  git ls-remote "${DAPPCTL_TEST_SSH_URL}demo.git"

git ls-remote "${DAPPCTL_TEST_GIT_URL}status.git" >"$W/out" 2>&1 && [ ! -s "$W/out" ]
report $? "status.git is left empty"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

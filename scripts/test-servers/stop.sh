#!/usr/bin/env bash
# Stops the servers start.sh started and removes their folder.
# Usage: stop.sh ENVFILE   (the file start.sh printed; its temp dir also works)
# Each server was started in its own session, so its process group (id = the recorded PID) holds
# it and its children. A PID is signalled only while its command line still names the temp dir,
# so a stale file can never make this kill an unrelated process that reused the PID.
set -euo pipefail
arg="${1:-${DAPPCTL_TEST_ENV:-}}"
[ -n "$arg" ] || { echo "usage: $0 ENVFILE" >&2; exit 64; }
if [ -d "$arg" ]; then
  dir="$arg" envfile=""
elif [ -f "$arg" ]; then
  dir="$(sed -n 's/^export DAPPCTL_TEST_DIR=//p' "$arg")" envfile="$arg"
else
  echo "stop.sh: nothing to stop ($arg does not exist)" >&2; exit 0
fi
case "$dir" in
  */dappctl-servers.*) ;;
  *) echo "stop.sh: refusing: '$dir' is not a start.sh folder" >&2; exit 1 ;;
esac

ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "$dir"; }
pids=()
if [ -f "$dir/pids" ]; then
  while read -r pid name; do
    if ours "$pid"; then pids+=("$pid"); kill -TERM -- "-$pid" 2>/dev/null || true; fi
  done <"$dir/pids"
fi
# Give them 5 s to exit, then end whatever is left of their groups.
for _ in $(seq 50); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
  [ "$alive" = 0 ] && break
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
rm -rf "$dir"
if [ -n "$envfile" ] && [ -f "$envfile" ]; then rm -f "$envfile"; fi
echo "stop.sh: stopped ${#pids[@]} servers, removed $dir" >&2

#!/usr/bin/env bash
# The whole test suite: install what is needed, start the real Git servers the tests use (git
# daemon, nginx + git-http-backend over HTTP and HTTPS, sshd; all on 127.0.0.1 in a temp dir,
# stopped on exit), check formatting, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

echo "==> starting test servers" >&2
envdir="$(mktemp -d -t dappctl-test-env.XXXXXX)"
DAPPCTL_TEST_ENV="$envdir/env.sh"
export DAPPCTL_TEST_ENV
trap 'scripts/test-servers/stop.sh "$DAPPCTL_TEST_ENV" >/dev/null 2>&1 || true; rm -rf "$envdir"' EXIT
scripts/test-servers/start.sh >/dev/null
# shellcheck disable=SC1090
source "$DAPPCTL_TEST_ENV"

echo "==> lint (swift format)" >&2
swift format lint --strict --recursive Package.swift Sources Tests
echo "==> swift build --build-tests" >&2
swift build --build-tests
echo "==> swift test" >&2
log="$(mktemp)"
status=0
swift test --skip-build 2>&1 | tee "$log" || status=$?
# One plain closing line with the Swift Testing counts (the XCTest runner has no tests here).
summary="$(grep -E 'Test run with [0-9]+ tests' "$log" | tail -n 1 || true)"
rm -f "$log"
total="$(sed -nE 's/.*Test run with ([0-9]+) tests.*/\1/p' <<<"$summary")"
issues="$(sed -nE 's/.* with ([0-9]+) issues?.*/\1/p' <<<"$summary")"
if [ -n "$total" ]; then
    if [ "$status" -eq 0 ]; then
        echo "tests: $total passed, 0 failed"
    else
        echo "tests: failed with ${issues:-some} issues out of $total tests"
    fi
fi
exit "$status"

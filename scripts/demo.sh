#!/usr/bin/env bash
# The main job on the embedded defaults: install what is needed, build dappctl, and run it over
# the demo spec repository in fixtures/demo: validate, the policy gate, and the repo's policy tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "==> building dappctl (release; the first build takes a few minutes)" >&2
swift build -c release --product dappctl
bin="$(swift build -c release --show-bin-path)/dappctl"
echo "==> dappctl validate --repo fixtures/demo" >&2
"$bin" validate --repo fixtures/demo
echo "==> dappctl check --repo fixtures/demo   (validation + the repo's policies + built-in security and contract bundles)" >&2
# The demo's waiver has a real expiry date (2027-02-15); the walk-through evaluates it as of the
# demo's own date so it reads the same whenever it is run. Drop --today to see it expire.
"$bin" check --repo fixtures/demo --today 2026-12-01
echo "==> dappctl policy test --repo fixtures/demo" >&2
"$bin" policy test --repo fixtures/demo

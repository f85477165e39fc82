#!/usr/bin/env bash
# The whole test suite: install what is needed, check formatting, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "==> lint (swift format)" >&2
swift format lint --strict --recursive Package.swift Sources Tests
echo "==> swift test" >&2
swift test

#!/usr/bin/env bash
# The test servers' packages are part of the project's dependencies: one list, one place.
exec "$(dirname "$0")/../install-deps.sh" "$@"

#!/usr/bin/env bash
# Contract compatibility: dappctl `contract diff` against datacontract-cli `breaking` over the
# golden cases of fixtures/contract-changes (base/head ODCS v3.1.0 + expected.yaml).
#
# Installs datacontract-cli in a venv under Benchmarks/.generated (git-ignored), finds or builds
# dappctl, runs both tools on every case (one process per case and tool, timed like a CI job) and
# prints a table: expected verdict, each tool's verdict, whether dappctl's rule set matches exactly,
# datacontract-cli's number of changes; then recall on breaking cases, false breaking on safe
# cases, exact matches and wall times. A MISSED line names every case where dappctl disagrees with
# expected.yaml. It is a report: the exit status is 0 whatever the results.
#
# usage: Benchmarks/contract_compat.sh [DAPPCTL_BINARY]
# env:   DAPPCTL_BIN=path    dappctl to use (else the argument, else `swift build -c release`)
#        DAPPCTL_BIN=none    skip dappctl, run datacontract-cli only
#        DATACONTRACT=none   skip datacontract-cli, run dappctl only
#        CASES='0[0-2]*'     only the case folders matching this glob
#        DETAILS=1           list datacontract-cli's changes under each case
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="$root/fixtures/contract-changes"
venv="$here/.generated/datacontract-venv"
# 1.2.8 is the release this comparison was written against: `datacontract breaking` with
# --perspective consumer|producer reads ODCS v3.1.0 directly.
datacontract_version="1.2.8"

if [ "${DATACONTRACT:-}" != "none" ]; then
    if [ ! -x "$venv/bin/datacontract" ] \
        || [ "$("$venv/bin/datacontract" --version 2>/dev/null)" != "$datacontract_version" ]; then
        echo "== installing datacontract-cli $datacontract_version in $venv" >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --upgrade pip >&2
        "$venv/bin/pip" install --quiet "datacontract-cli==$datacontract_version" >&2
    fi
fi
python="$venv/bin/python"
[ -x "$python" ] || python="python3"

bin="${1:-${DAPPCTL_BIN:-}}"
if [ -z "$bin" ]; then
    echo "== building dappctl (release)" >&2
    swift build -c release --package-path "$root" --product dappctl >&2
    bin="$(swift build -c release --package-path "$root" --show-bin-path)/dappctl"
fi

args=(--corpus "$corpus")
if [ "$bin" = "none" ]; then
    args+=(--no-dappctl)
else
    [ -x "$bin" ] || { echo "dappctl not found at $bin" >&2; exit 0; }
    args+=(--dappctl "$bin")
fi
if [ "${DATACONTRACT:-}" != "none" ]; then
    args+=(--datacontract "$venv/bin/datacontract")
fi
[ -n "${CASES:-}" ] && args+=(--cases "$CASES")
[ -n "${DETAILS:-}" ] && args+=(--details)

"$python" "$here/contract_compat.py" "${args[@]}" || true
exit 0

#!/usr/bin/env bash
# CEL evaluation throughput: dappctl's CEL (CELBench) against the CEL engines on PyPI, same run.
#
# Installs the peers in a venv under Benchmarks/.generated (pinned versions), builds CELBench in
# release, runs every engine one thread each on the same two cases (compiled once, evaluated
# repeatedly against a prebuilt activation), checks that all return the same value, and prints
# evals/s, µs/eval and the ratio dappctl-vs-each, with the targets:
#   (a) object.spec.owners.size() > 0 && object.metadata.name.startsWith('sales-')   >= 1,000,000 evals/s
#   (b) object.fields.all(f, f.classification != '' && f.name.size() < 64), 50 fields >= 200,000 evals/s
# The ratios are the figures to compare across machines: all engines run in this one run.
#
# usage: Benchmarks/cel.sh
# env:   ROUNDS=7        timed rounds per engine and case (after one warm-up round); the median is used
#        PY_SECONDS=1    length of one timed round of a Python peer, in seconds
#        PYTHON=python3  interpreter used to create the venv
# A peer that cannot be installed or imported is reported as not measured; the others still run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${ROUNDS:-7}"
py_seconds="${PY_SECONDS:-1}"
venv="$here/.generated/cel-venv"
peers=(common-expression-language==0.10.0 cel-expr-python==0.1.3 cel-python==0.5.0)

if [ ! -x "$venv/bin/python" ]; then
    echo "== creating $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv"
fi
for peer in "${peers[@]}"; do
    if ! "$venv/bin/pip" install -q --disable-pip-version-check "$peer" >&2; then
        echo "== could not install $peer: it will be reported as not measured" >&2
    fi
done

echo "== building CELBench (release)" >&2
build=(swift build -c release --package-path "$here" --scratch-path "$here/.build")
"${build[@]}" --product CELBench >&2
bin="$("${build[@]}" --show-bin-path)/CELBench"

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
echo "== dappctl CEL: $rounds rounds" >&2
"$bin" --rounds "$rounds" | grep '^RESULT' >>"$results"
echo "== Python peers: $rounds rounds of ~${py_seconds}s each" >&2
"$venv/bin/python" "$here/cel_peers.py" --rounds "$rounds" --scale "$py_seconds" | tee -a "$results" >&2

echo
echo "CEL evaluation throughput, one thread, median of $rounds rounds; machine: $(nproc) cores, shared"
"$venv/bin/python" "$here/cel_peers.py" --report "$results"

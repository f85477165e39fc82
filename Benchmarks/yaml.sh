#!/usr/bin/env bash
# YAML reader throughput: DappYAML (YAMLBench) against PyYAML's CSafeLoader on the same files.
#
# Generates the corpus if it is missing, builds YAMLBench in release, runs the readers one
# thread each on the same files in this run (DappYAML as dappctl uses it, DappYAML with libyaml
# reading every file, and PyYAML), and prints a table with the issue's targets:
# at least 20 MB/s per core, and at least 1.0x PyYAML's CSafeLoader.
#
# usage: Benchmarks/yaml.sh
# env:   YAML_CORPUS=dir       files to read (default Benchmarks/.generated/yaml-corpus)
#        ROUNDS=10             timed rounds of YAMLBench (after one warm-up round)
#        PY_ROUNDS=3           timed rounds of the PyYAML peer (it is slow: ~7 s a round)
#        YAML_BENCH_STRICT=1   exit 1 when a target is missed
# MB are 10^6 bytes of input; the verdict uses the median round, the best is shown too.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="${YAML_CORPUS:-$here/.generated/yaml-corpus}"
rounds="${ROUNDS:-10}"
py_rounds="${PY_ROUNDS:-3}"
target_mbps=20
target_ratio=1.0

if [ ! -d "$corpus" ] || [ -z "$(find "$corpus" -name '*.yaml' -print -quit)" ]; then
    echo "== generating the corpus in $corpus" >&2
    python3 "$here/generate_yaml_corpus.py" "$corpus"
fi

echo "== building YAMLBench (release)" >&2
build=(swift build -c release --package-path "$here" --scratch-path "$here/.build")
"${build[@]}" --product YAMLBench >&2
bin="$("${build[@]}" --show-bin-path)/YAMLBench"

echo "== DappYAML: $rounds rounds" >&2
swift_line="$("$bin" "$corpus" --rounds "$rounds" | grep '^RESULT swift')"
echo "== DappYAML with libyaml for every file (no subset parser): $rounds rounds" >&2
libyaml_line="$("$bin" "$corpus" --rounds "$rounds" --libyaml | grep '^RESULT swift')"
echo "== PyYAML CSafeLoader: $py_rounds rounds" >&2
py_line="$(python3 "$here/yaml_peer.py" "$corpus" --rounds "$py_rounds" | grep '^RESULT pyyaml')"

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
swift_best="$(field "$swift_line" best)"
swift_median="$(field "$swift_line" median)"
lib_best="$(field "$libyaml_line" best)"
lib_median="$(field "$libyaml_line" median)"
py_best="$(field "$py_line" best)"
py_median="$(field "$py_line" median)"
files="$(field "$swift_line" files)"
bytes="$(field "$swift_line" bytes)"
if [ "$bytes" != "$(field "$py_line" bytes)" ]; then
    echo "yaml.sh: the two readers did not read the same bytes" >&2
    exit 2
fi

awk -v sb="$swift_best" -v sm="$swift_median" -v lb="$lib_best" -v lm="$lib_median" -v pb="$py_best" -v pm="$py_median" \
    -v files="$files" -v bytes="$bytes" -v tm="$target_mbps" -v tr="$target_ratio" '
BEGIN {
    printf "\nYAML read throughput, one thread, %d files, %.1f MB\n\n", files, bytes / 1e6
    printf "%-36s %12s %12s\n", "reader", "best MB/s", "median MB/s"
    printf "%-36s %12.1f %12.1f\n", "dappctl DappYAML", sb, sm
    printf "%-36s %12.1f %12.1f\n", "DappYAML, libyaml for every file", lb, lm
    printf "%-36s %12.1f %12.1f\n", "PyYAML CSafeLoader", pb, pm
    printf "%-36s %11.2fx %11.2fx\n", "ratio dappctl/PyYAML", sb / pb, sm / pm
    printf "%-36s %11.2fx %11.2fx\n", "ratio dappctl/libyaml path", sb / lb, sm / lm
    ok1 = sm >= tm; ok2 = sm / pm >= tr
    printf "\ntarget >= %d MB/s per core:        %s (median %.1f MB/s)\n", tm, ok1 ? "MET" : "MISSED", sm
    printf "target >= %.1fx PyYAML CSafeLoader: %s (median %.2fx)\n", tr, ok2 ? "MET" : "MISSED", sm / pm
    exit (ok1 && ok2) ? 0 : 3
}' && status=0 || status=$?

if [ "$status" -eq 3 ] && [ "${YAML_BENCH_STRICT:-0}" = 1 ]; then exit 1; fi
exit 0

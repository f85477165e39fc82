# Shared by the benchmark scripts (sourced, not run).

# Best wall time of $runs runs of a command, in seconds. The command's exit status is ignored:
# a check that reports violations exits 1 and still counts.
best_of() {
    local best=""
    for _ in $(seq "$runs"); do
        local start end t
        start=$(date +%s.%N)
        "$@" >/dev/null || true
        end=$(date +%s.%N)
        t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best="$t"; fi
    done
    echo "$best"
}

# Best wall time of libyaml alone over the files listed in $1 (one path per line): C, one process
# per core, every file parsed into events and nothing else (Benchmarks/libyaml_floor.c), after one
# run that brings the files into the page cache. The floor under any libyaml-based reader.
libyaml_floor() {
    local list="$1" bin="$here/.generated/libyaml_floor" parts
    cc -O2 -o "$bin" "$here/libyaml_floor.c" -lyaml
    parts="$(mktemp -d)"
    split -n "l/$(nproc)" "$list" "$parts/part."
    floor_run() { for part in "$parts"/part.*; do "$bin" "$part" >/dev/null & done; wait; }
    floor_run
    best_of floor_run
    rm -rf "$parts"
}

# Shared by the benchmark scripts (sourced, not run).

# Wall time of one run of a command, in seconds. The command's exit status is ignored: a check
# that reports violations exits 1 and still counts.
time_once() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null || true
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

# The smaller of two numbers (the first when the second is empty).
min_of() {
    if [ -z "$1" ] || awk -v t="$2" -v b="$1" 'BEGIN { exit !(t < b) }'; then echo "$2"; else echo "$1"; fi
}

# Best wall time of $runs runs of a command, in seconds.
best_of() {
    local best=""
    for _ in $(seq "$runs"); do best="$(min_of "$best" "$(time_once "$@")")"; done
    echo "$best"
}

# libyaml alone over the files listed in $1 (one path per line): C, one process per core, every
# file parsed into events and nothing else (Benchmarks/libyaml_floor.c). The floor under any
# libyaml-based reader. `libyaml_floor_prepare LIST` builds it and splits the list (once), then
# `libyaml_floor_once` runs it; `libyaml_floor LIST` is the best of $runs runs, after one run that
# brings the files into the page cache.
libyaml_floor_prepare() {
    floor_bin="$here/.generated/libyaml_floor"
    cc -O2 -o "$floor_bin" "$here/libyaml_floor.c" -lyaml
    floor_parts="$(mktemp -d)"
    split -n "l/$(nproc)" "$1" "$floor_parts/part."
}

libyaml_floor_once() {
    for part in "$floor_parts"/part.*; do "$floor_bin" "$part" >/dev/null & done
    wait
}

libyaml_floor() {
    libyaml_floor_prepare "$1"
    libyaml_floor_once
    best_of libyaml_floor_once
    rm -rf "$floor_parts"
}

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

#!/usr/bin/env bash
# `dappctl validate` over a generated repository of 10,000 products (~50,000 files).
#
# Generates the repository if missing, builds dappctl in release, and in this one run measures:
# validate on all cores (the target: under 2 s on this 2-core machine), validate on one thread
# (to show both cores are used), libyaml alone turning every file into events (C, one process per
# core: a yardstick measured in the same minute, since this machine's speed varies), and PyYAML's
# CSafeLoader merely parsing the same files.
#
# usage: Benchmarks/validate.sh
# env:   PRODUCTS=10000   size of the generated repository
#        RUNS=3           timed runs of each dappctl variant (best is reported)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
products="${PRODUCTS:-10000}"
runs="${RUNS:-3}"
repo="$here/.generated/repo-$products"

if [ ! -f "$repo/dappmesh.yaml" ]; then
    echo "== generating $products products in $repo" >&2
    python3 "$here/generate_repo.py" --products "$products" "$repo" >&2
fi
echo "== building dappctl (release)" >&2
swift build -c release --package-path "$root" --product dappctl >&2
bin="$(swift build -c release --package-path "$root" --show-bin-path)/dappctl"

. "$here/timing.sh"

echo "== warm-up (page cache)" >&2
"$bin" validate --repo "$repo" >/dev/null
"$bin" validate --repo "$repo" --timing 2>&1 >/dev/null | sed 's/^/   /' >&2
echo "== dappctl validate, all cores: $runs runs" >&2
all="$(best_of "$bin" validate --repo "$repo")"
echo "== dappctl validate --jobs 1: $runs runs" >&2
one="$(best_of "$bin" validate --repo "$repo" --jobs 1)"
echo "== libyaml alone (C): every file parsed into events, no tree, no checks, one process per core" >&2
lists="$(mktemp -d)"
trap 'rm -rf "$lists"' EXIT
find "$repo" -name '*.yaml' | sort > "$lists/all"
floor="$(libyaml_floor "$lists/all")"
echo "== PyYAML CSafeLoader parsing the same files" >&2
py="$(python3 "$here/validate_peer.py" "$repo" | sed -n 's/.*seconds=\([^ ]*\).*/\1/p')"
files="$(find "$repo" -name '*.yaml' | wc -l)"

awk -v all="$all" -v one="$one" -v py="$py" -v floor="$floor" -v files="$files" -v products="$products" -v cores="$(nproc)" '
BEGIN {
    printf "\ndappctl validate, %d products, %d files, %d cores\n\n", products, files, cores
    printf "%-40s %10s\n", "run", "seconds"
    printf "%-40s %10.3f\n", "dappctl validate (all cores)", all
    printf "%-40s %10.3f\n", "dappctl validate --jobs 1", one
    printf "%-40s %10.3f\n", "PyYAML CSafeLoader, parse only", py
    printf "%-40s %10.3f\n", "libyaml events only (C, all cores)", floor
    printf "\nspeed-up from using all cores:    %.2fx\n", one / all
    printf "dappctl (full validate) vs PyYAML parse only: %.2fx faster\n", py / all
    printf "dappctl validate (reading and every check) vs libyaml merely parsing the same files in C: %.2fx the time\n", all / floor
    printf "target < 2 s for 10,000 products: %s (%.3f s)\n", (all < 2.0 ? "MET" : "MISSED"), all
}'

#!/usr/bin/env bash
# Git benchmarks (issue 3), printed with their peers from the same run:
#   1. reading every file of a 10,000-file snapshot: GitSnapshot vs `git cat-file --batch`
#   2. after a one-file push to a 10,000-product repository: fetch, then dappctl's own
#      processing (changedPaths + reload of the touched product), target under 50 ms
# usage: Benchmarks/git.sh        env: ROUNDS=5
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gen="$here/.generated"
rounds="${ROUNDS:-5}"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

# A bare repository holding a generated spec repository of $1 products, committed once.
make_bare() {
    local products="$1" bare="$gen/git-$1.git" tree="$gen/repo-$1"
    if [ ! -d "$bare" ]; then
        [ -f "$tree/dappmesh.yaml" ] || python3 "$here/generate_repo.py" --products "$products" "$tree" >&2
        local work
        work="$(mktemp -d)"
        cp -r "$tree/." "$work/"
        git -C "$work" init --quiet --initial-branch=main
        git -C "$work" add -A
        git -C "$work" commit --quiet -m "generated $products products"
        git clone --quiet --bare "$work" "$bare"
        # Packed, as a fetched cache is: both readers then inflate from the same packfile.
        git -C "$bare" repack -adq
        rm -rf "$work"
    fi
    echo "$bare"
}

echo "== preparing repositories" >&2
read_repo="$(make_bare 2000)"      # 10,001 files
reload_repo="$(make_bare 10000)"   # ~50,000 files
echo "== building GitBench (release)" >&2
build=(swift build -c release --package-path "$here" --scratch-path "$here/.build")
"${build[@]}" --product GitBench >&2
bin="$("${build[@]}" --show-bin-path)/GitBench"

echo
"$bin" read "$read_repo" --rounds "$rounds"
echo
# The pusher: a clone of a scratch copy, so the committed benchmark repo stays as generated.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git clone --quiet --bare "$reload_repo" "$scratch/origin.git"
git clone --quiet "$scratch/origin.git" "$scratch/work"
"$bin" reload "$scratch/origin.git" "$scratch/work" --rounds "$rounds"

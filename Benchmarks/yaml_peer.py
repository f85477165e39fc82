#!/usr/bin/env python3
"""PyYAML peer of YAMLBench: parses the same files with PyYAML's C loader and prints MB/s.

Same method as YAMLBench: every file is read into memory first, then each round parses all of
them (one thread) with yaml.load_all(..., Loader=yaml.CSafeLoader), which is yaml.load for
multi-document files; MB are 10^6 bytes of input. Prints a human line on stderr and one
machine line on stdout:  RESULT pyyaml best=<MB/s> median=<MB/s> bytes=<n> files=<n> rounds=<n>

usage: yaml_peer.py DIR [--rounds 5]
"""
import argparse
import os
import statistics
import sys
import time

import yaml


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    if not getattr(yaml, "__with_libyaml__", False) or not hasattr(yaml, "CSafeLoader"):
        sys.exit("yaml_peer.py: PyYAML is installed without libyaml (no yaml.CSafeLoader)")

    paths = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(args.dir)
        for name in names
        if name.endswith((".yaml", ".yml"))
    )
    if not paths:
        sys.exit(f"yaml_peer.py: no .yaml files under {args.dir}")
    blobs = []
    for path in paths:
        with open(path, "rb") as f:
            blobs.append(f.read())
    total = sum(len(b) for b in blobs)

    def one_round():
        docs = 0
        start = time.perf_counter()
        for blob in blobs:
            docs += len(list(yaml.load_all(blob, Loader=yaml.CSafeLoader)))
        return time.perf_counter() - start, docs

    one_round()  # warm-up
    rates = []
    for _ in range(args.rounds):
        elapsed, docs = one_round()
        rates.append(total / elapsed / 1e6)
    best, median = max(rates), statistics.median(rates)
    print(
        f"PyYAML {yaml.__version__} CSafeLoader: {len(blobs)} files, {total / 1e6:.1f} MB, {docs} documents; "
        f"best {best:.1f} MB/s, median {median:.1f} MB/s over {args.rounds} rounds",
        file=sys.stderr,
    )
    print(f"RESULT pyyaml best={best:.2f} median={median:.2f} bytes={total} files={len(blobs)} rounds={args.rounds}")


if __name__ == "__main__":
    main()

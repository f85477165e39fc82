#!/usr/bin/env python3
"""Peer for the validate benchmark: loads every YAML file of a spec repo with PyYAML's
CSafeLoader (libyaml), one process, and prints the wall time. It only parses; dappctl also
checks schemas and references, so the ratio understates dappctl's lead."""
import os
import sys
import time

import yaml

root = sys.argv[1]
paths = []
for folder, _, files in os.walk(root):
    for name in files:
        if name.endswith((".yaml", ".yml")):
            paths.append(os.path.join(folder, name))
start = time.perf_counter()
documents = 0
for path in paths:
    with open(path, "rb") as f:
        documents += sum(1 for _ in yaml.load_all(f, Loader=yaml.CSafeLoader))
elapsed = time.perf_counter() - start
print(f"RESULT pyyaml files={len(paths)} documents={documents} seconds={elapsed:.3f}")

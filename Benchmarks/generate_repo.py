#!/usr/bin/env python3
"""Generates a large, valid spec repository for benchmarks.

Usage: generate_repo.py [--products N] [--domains D] OUT_DIR

Each product gets five files (product.yaml, an ODCS contract, an OperationalStore, an
ObjectBucket and an AccessPolicy), so 10,000 products make ~50,000 files. Products consume the
previous product of their domain through an input port and depend on it, so references and
the dependency graph are exercised the way a real repository would exercise them.
Deterministic: the same arguments give the same bytes.
"""
import argparse
import os
import random
import shutil

CONFIG = """apiVersion: dappmesh.io/v1alpha1
kind: DappMeshConfig
metadata:
  name: bench
spec:
  statusBranch: dappmesh/status
  targets:
    - name: main-tidb
      type: tidb
      endpoint: tidb.data.svc:4000
      credentials:
        username: {secretRef: {name: tidb-admin, key: username}}
        password: {secretRef: {name: tidb-admin, key: password}}
    - name: objects
      type: s3
      endpoint: https://s3.data.svc
      region: eu-west-1
      credentials:
        accessKey: {secretRef: {name: s3-admin, key: access-key}}
        secretKey: {secretRef: {name: s3-admin, key: secret-key}}
"""

PRODUCT = """apiVersion: dappmesh.io/v1alpha1
kind: DappProduct
metadata:
  name: {name}
  namespace: {domain}
  labels:
    tier: "{tier}"
spec:
  owners: [team-{domain}@example.com, {name}-oncall@example.com]
  description: Generated product {index} of domain {domain}, one row per business event.
  lifecycle: active
  classification: confidential
{inputs}  outputPorts:
    - name: {name}-v1
      contract: {name}.odcs.yaml
      compatibility: BACKWARD
      description: Current version of {name}.
{depends}"""

INPUTS = """  inputPorts:
    - name: upstream
      from: {{product: {domain}/{prev}, port: {prev}-v1}}
"""

CONTRACT = """apiVersion: v3.1.0
kind: DataContract
id: urn:datacontract:{domain}:{name}
name: {name}
version: 1.{minor}.0
status: active
domain: {domain}
dataProduct: {name}
description:
  purpose: Events of {name} for analytics and operations.
  usage: Join on {name}_id.
schema:
  - name: {table}
    physicalName: {table}
    physicalType: table
    logicalType: object
    description: One row per {name} event.
    properties:
      - name: {table}_id
        logicalType: string
        physicalType: varchar(36)
        required: true
        unique: true
        primaryKey: true
        primaryKeyPosition: 1
        classification: internal
        quality:
          - type: library
            metric: nullValues
            mustBe: 0
{columns}slaProperties:
  - property: freshness
    value: {freshness}
    unit: h
  - property: availability
    value: 99.9%
servers:
  - server: production
    type: mysql
    host: tidb.data.svc
    port: 4000
    database: {domain}
team:
  name: {name}-team
  members:
    - username: {name}-oncall
      role: owner
"""

COLUMN = """      - name: {col}
        logicalType: {logical}
        physicalType: {physical}
        required: {required}
        classification: {classification}
        description: Column {col} of the event.
"""

STORE = """apiVersion: dappmesh.io/v1alpha1
kind: OperationalStore
metadata:
  name: {name}-db
  namespace: {domain}
spec:
  engine: tidb
  target: main-tidb
  database: {domain_db}
  tables:
    - fromContract: {{port: {name}-v1, object: {table}}}
      indexes:
        - name: idx_{table}_created
          columns: [created_at]
"""

BUCKET = """apiVersion: dappmesh.io/v1alpha1
kind: ObjectBucket
metadata:
  name: {name}-archive
  namespace: {domain}
spec:
  target: objects
  bucket: {domain}-{name}-archive
  versioning: true
  encryption: {{type: SSE-S3}}
  publicAccess: false
  retention: {{days: 365, mode: GOVERNANCE}}
  tags: {{domain: {domain}, product: {name}}}
"""

ACCESS = """apiVersion: dappmesh.io/v1alpha1
kind: AccessPolicy
metadata:
  name: {name}-access
  namespace: {domain}
spec:
  principals:
    - {{name: {name}-reader, type: serviceAccount}}
    - {{name: {name}-writer, type: serviceAccount}}
  roles:
    - name: reader
      grants:
        - privileges: [SELECT]
          on: {{store: {name}-db, table: {table}}}
        - privileges: [READ]
          on: {{bucket: {name}-archive, prefix: exports/}}
    - name: writer
      grants:
        - privileges: [INSERT, UPDATE]
          on: {{store: {name}-db, table: {table}}}
  bindings:
    - {{role: reader, principals: [{name}-reader]}}
    - {{role: writer, principals: [{name}-writer]}}
  network:
    defaultDeny: true
"""

TYPES = [("string", "varchar(255)"), ("integer", "bigint"), ("number", "decimal(18,2)"),
         ("timestamp", "timestamp"), ("boolean", "boolean"), ("date", "date")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--domains", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(42)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    with open(os.path.join(args.out, "dappmesh.yaml"), "w") as f:
        f.write(CONFIG)
    per_domain = max(1, args.products // args.domains)
    files = 1
    for i in range(args.products):
        d = i // per_domain
        domain = f"domain-{d:03d}"
        k = i % per_domain
        name = f"product-{k:04d}"
        prev = f"product-{k - 1:04d}" if k > 0 else None
        table = name.replace("-", "_")
        folder = os.path.join(args.out, "products", domain, name)
        os.makedirs(folder)
        columns = "      - name: created_at\n        logicalType: timestamp\n        physicalType: timestamp\n        required: true\n"
        for c in range(rng.randint(4, 8)):
            logical, physical = TYPES[rng.randrange(len(TYPES))]
            columns += COLUMN.format(col=f"attribute_{c}", logical=logical, physical=physical,
                                     required="true" if rng.random() < 0.5 else "false",
                                     classification=rng.choice(["public", "internal", "confidential"]))
        values = dict(name=name, domain=domain, index=i, tier=rng.randint(1, 3), prev=prev, table=table,
                      minor=rng.randint(0, 9), freshness=rng.randint(1, 24), domain_db=domain.replace("-", "_"),
                      columns=columns)
        values["inputs"] = INPUTS.format(**values) if prev else ""
        values["depends"] = f"  dependsOn: [{domain}/{prev}]\n" if prev else ""
        for file_name, template in [("product.yaml", PRODUCT), (f"{name}.odcs.yaml", CONTRACT),
                                    ("store.yaml", STORE), ("bucket.yaml", BUCKET), ("access.yaml", ACCESS)]:
            with open(os.path.join(folder, file_name), "w") as f:
                f.write(template.format(**values))
            files += 1
    print(f"generated {args.products} products, {files} files in {args.out}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes a deterministic corpus of spec-like YAML files for the YAML reader benchmark.

The files look like a DappMesh spec repository: ODCS data contracts with large schemas
(one document per file) and bundles of DappProduct / OperationalStore / Pipeline / Workflow /
AccessPolicy / DappPolicy documents (several documents per file). They mix block and flow
collections, plain / single-quoted / double-quoted scalars, literal and folded block text,
comments, numbers, booleans, nulls and a few anchors with aliases.

usage: generate_yaml_corpus.py [OUT_DIR] [--total-mb 20] [--seed 20240611]
"""
import argparse
import math
import os
import random
import sys

WORDS = (
    "order customer product invoice payment shipment account ledger event session click "
    "inventory warehouse supplier region store price discount tax currency amount status "
    "created updated deleted source target stream batch daily hourly metric revenue margin "
    "cohort segment channel campaign device country city postal address email phone loyalty "
    "refund return basket item quantity unit weight volume carrier route delivery forecast"
).split()
DOMAINS = ["sales", "finance", "logistics", "marketing", "support", "risk", "hr", "catalog"]
TYPES = ["string", "integer", "number", "boolean", "date", "timestamp", "decimal", "object"]
CLASSES = ["public", "internal", "confidential", "restricted"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def word(self):
        return self.r.choice(WORDS)

    def name(self, n=2, sep="-"):
        return sep.join(self.word() for _ in range(n))

    def sentence(self, lo=6, hi=18):
        words = [self.word() for _ in range(self.r.randint(lo, hi))]
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def plain_or_quoted(self, text):
        c = self.r.random()
        if c < 0.6:
            return text
        if c < 0.8:
            return "'" + text.replace("'", "''") + "'"
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def description(self, indent):
        pad = " " * indent
        c = self.r.random()
        if c < 0.45:
            return self.plain_or_quoted(self.sentence())
        style = "|" if c < 0.75 else ">"
        lines = [pad + self.sentence(4, 12) for _ in range(self.r.randint(2, 6))]
        return style + "\n" + "\n".join(lines)

    def sql(self, indent):
        pad = " " * indent
        cols = ", ".join(self.name(2, "_") for _ in range(self.r.randint(3, 9)))
        t1, t2 = self.name(2, "_"), self.name(2, "_")
        lines = [
            f"SELECT {cols}",
            f"FROM {t1} AS a",
            f"JOIN {t2} AS b ON a.{self.word()}_id = b.id",
            f"WHERE a.{self.word()} >= '{self.r.randint(2019, 2025)}-01-01'",
            f"  AND b.{self.word()} IN ('{self.word()}', '{self.word()}')",
            f"GROUP BY {self.word()}_{self.word()}",
        ]
        return "|\n" + "\n".join(pad + l for l in lines)

    def header(self, kind, domain, name, api="dappmesh.io/v1alpha1"):
        return [
            f"apiVersion: {api}",
            f"kind: {kind}",
            "metadata:",
            f"  name: {name}",
            f"  namespace: {domain}",
            "  labels:",
            f"    team: team-{self.word()}",
            f"    tier: {self.r.choice(['gold', 'silver', 'bronze'])}",
        ]

    # ---- documents -------------------------------------------------------------------------

    def product(self, domain, name):
        out = self.header("DappProduct", domain, name)
        out += [
            "spec:",
            f"  owners: [team-{self.word()}@example.com, {self.word()}.{self.word()}@example.com]",
            f"  description: {self.description(4)}",
            f"  lifecycle: {self.r.choice(['active', 'deprecated', 'active', 'active'])}",
            f"  classification: {self.r.choice(CLASSES)}",
            "  inputPorts:",
        ]
        for _ in range(self.r.randint(1, 4)):
            out += [
                f"    - name: {self.name()}",
                f"      from: {{product: {self.r.choice(DOMAINS)}/{self.name()}, port: {self.name()}-v{self.r.randint(1, 3)}}}",
            ]
        out.append("  outputPorts:")
        for _ in range(self.r.randint(1, 3)):
            port = self.name()
            out += [
                f"    - name: {port}-v{self.r.randint(1, 4)}",
                f"      contract: {port}.odcs.yaml          # ODCS v3, relative to this folder",
                f"      compatibility: {self.r.choice(['BACKWARD', 'FORWARD', 'FULL', 'NONE'])}",
            ]
        deps = ", ".join(f"{self.r.choice(DOMAINS)}/{self.name()}" for _ in range(self.r.randint(0, 3)))
        out.append(f"  dependsOn: [{deps}]")
        return out

    def store(self, domain, name):
        out = self.header("OperationalStore", domain, name + "-db")
        out += [
            "spec:",
            f"  engine: {self.r.choice(['tidb', 'mysql', 'postgres', 'sqlite'])}",
            f"  target: {domain}-{self.r.choice(['tidb', 'pg'])}                      # named in dappmesh.yaml",
            f"  database: {domain}_{name.replace('-', '_')}",
            "  tables:",
        ]
        for _ in range(self.r.randint(2, 8)):
            out += [
                f"    - fromContract: {{port: {self.name()}-v1, object: {self.word()}s}}",
                "      indexes:",
            ]
            for _ in range(self.r.randint(1, 3)):
                cols = ", ".join(self.name(2, "_") for _ in range(self.r.randint(1, 3)))
                out.append(f"        - {{name: idx_{self.name(2, '_')}, columns: [{cols}], unique: {self.r.choice(['true', 'false'])}}}")
        return out

    def pipeline(self, domain, name):
        out = self.header("Pipeline", domain, name + "-etl")
        out += [
            "spec:",
            f"  mode: {self.r.choice(['stream', 'batch'])}",
            f"  engine: {self.r.choice(['arroyo', 'estuary'])}",
            f"  parallelism: {self.r.randint(1, 64)}",
            f"  checkpointInterval: {self.r.choice(['30s', '1m', '5m'])}",
            "  sources:",
        ]
        for _ in range(self.r.randint(1, 3)):
            out += [f"    - port: {self.name()}-v1", f"      startFrom: {self.r.choice(['earliest', 'latest', '~'])}"]
        out += ["  sinks:", f"    - port: {self.name()}-v2", f"      format: {self.r.choice(['parquet', 'avro', 'json'])}"]
        out.append(f"  transform: {self.sql(4)}")
        out += ["  resources:", f"    cpu: \"{self.r.randint(1, 8)}\"", f"    memory: {self.r.choice(['512Mi', '2Gi', '8Gi'])}",
                f"    ratio: {self.r.random():.4f}"]
        return out

    def workflow(self, domain, name):
        out = self.header("Workflow", domain, name + "-daily")
        out += [
            "spec:",
            f"  schedule: {{cron: \"{self.r.randint(0, 59)} {self.r.randint(0, 23)} * * *\", jitter: {self.r.randint(0, 600)}s}}",
            f"  taskQueue: {domain}-queue",
            "  steps:",
        ]
        prev = []
        for i in range(self.r.randint(3, 10)):
            step = f"step-{i}-{self.word()}"
            out += [f"    - name: {step}", f"      activity: {self.name(2, '_')}", f"      timeout: {self.r.randint(1, 120)}m",
                    f"      retries: {self.r.randint(0, 5)}", f"      after: [{', '.join(prev[-2:])}]"]
            prev.append(step)
        return out

    def access(self, domain, name):
        out = self.header("AccessPolicy", domain, name + "-access")
        out += ["spec:", "  defaults: &defaults", "    privileges: [SELECT]", "    expires: null", "  principals:"]
        for _ in range(self.r.randint(2, 6)):
            out += [f"    - user: {self.word()}.{self.word()}@example.com", f"      role: {self.r.choice(['reader', 'writer', 'admin'])}",
                    "      secretRef: {name: " + self.name() + ", key: password}"]
        out.append("  grants:")
        for _ in range(self.r.randint(2, 6)):
            out += [f"    - on: table/{self.name(2, '_')}", "      with: *defaults"]
        return out

    def policy(self, domain, name):
        out = self.header("DappPolicy", domain, name + "-policy")
        out += ["spec:", f"  severity: {self.r.choice(['error', 'warning'])}",
                "  matchKinds: [OperationalStore, AnalyticsTable, ObjectBucket]", "  validations:"]
        for _ in range(self.r.randint(2, 6)):
            field = self.word()
            out += [f"    - expression: \"object.spec.{field}.size() > {self.r.randint(0, 9)} && !has(object.spec.{self.word()})\"",
                    f"      message: '{self.sentence(4, 10)}'",
                    f"      messageExpression: \"'{field} is ' + string(object.spec.{field})\""]
        return out

    def contract(self, domain, name, target):
        out = [
            "apiVersion: v3.0.2",
            "kind: DataContract",
            f"id: urn:datacontract:{domain}:{name}",
            f"name: {name}",
            f"version: {self.r.randint(0, 3)}.{self.r.randint(0, 20)}.{self.r.randint(0, 9)}",
            "status: active",
            "description:",
            f"  purpose: {self.description(4)}",
            f"  usage: {self.plain_or_quoted(self.sentence())}",
            "servers:",
            f"  - server: {domain}-prod",
            "    type: mysql",
            f"    host: {domain}.db.example.com",
            f"    port: {self.r.choice([3306, 4000, 5432])}",
            "schema:",
        ]
        size = sum(len(l) + 1 for l in out)
        while size < target:
            obj = []
            obj += [f"  - name: {self.name(2, '_')}", "    physicalType: table", f"    description: {self.description(6)}", "    properties:"]
            for _ in range(self.r.randint(5, 30)):
                t = self.r.choice(TYPES)
                p = [
                    f"      - name: {self.name(2, '_')}",
                    f"        logicalType: {t}",
                    f"        physicalType: {self.r.choice(['VARCHAR(255)', 'BIGINT', 'DECIMAL(18,4)', 'TIMESTAMP', 'BOOLEAN'])}",
                    f"        required: {self.r.choice(['true', 'false'])}",
                    f"        unique: {self.r.choice(['true', 'false'])}",
                    f"        classification: {self.r.choice(CLASSES)}",
                    f"        description: {self.plain_or_quoted(self.sentence(3, 12))}",
                ]
                if self.r.random() < 0.3:
                    p.append(f"        examples: [{', '.join(self.plain_or_quoted(self.word()) for _ in range(3))}]")
                if self.r.random() < 0.3:
                    p += ["        quality:", f"          - rule: {self.r.choice(['nullCheck', 'uniqueCheck', 'rangeCheck'])}",
                          f"            mustBeLessThan: {self.r.randint(1, 1000)}", f"            threshold: {self.r.random():.3f}"]
                if self.r.random() < 0.2:
                    p.append(f"        tags: [{', '.join(self.word() for _ in range(self.r.randint(1, 4)))}]")
                obj += p
            size += sum(len(l) + 1 for l in obj)
            out += obj
        out += ["slaProperties:", "  - property: latency", f"    value: {self.r.randint(1, 48)}", "    unit: h",
                "  - property: retention", f"    value: {self.r.randint(1, 10)}", "    unit: y"]
        return out

    def bundle(self, domain, target):
        docs, size = [], 0
        kinds = [self.product, self.store, self.pipeline, self.workflow, self.access, self.policy]
        while size < target:
            doc = self.r.choice(kinds)(domain, self.name())
            text = "\n".join(doc)
            docs.append(f"# generated {self.sentence(3, 6)}\n" + text)
            size += len(text) + 5
        return "\n---\n".join(docs) + "\n"

    def file(self):
        target = int(math.exp(self.r.uniform(math.log(10_000), math.log(190_000))))
        domain = self.r.choice(DOMAINS)
        if self.r.random() < 0.5:
            return domain, "\n".join(self.contract(domain, self.name(), target)) + "\n", "odcs.yaml"
        return domain, self.bundle(domain, target), "yaml"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=os.path.join(here, ".generated", "yaml-corpus"))
    ap.add_argument("--total-mb", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=20240611)
    args = ap.parse_args()

    gen = Gen(args.seed)
    os.makedirs(args.out, exist_ok=True)
    total, count, limit = 0, 0, int(args.total_mb * 1_000_000)
    while total < limit:
        domain, text, ext = gen.file()
        data = text.encode("utf-8")
        folder = os.path.join(args.out, domain)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"spec-{count:04d}.{ext}"), "wb") as f:
            f.write(data)
        total += len(data)
        count += 1
    print(f"wrote {count} files, {total / 1e6:.1f} MB to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

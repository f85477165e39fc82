#!/usr/bin/env python3
"""CEL evaluation throughput of the PyPI CEL engines, for comparison with CELBench (cel.sh).

Each engine compiles each case once, builds its activation once, then evaluates it repeatedly on
one thread; the median of several timed rounds (after a warm-up round) is reported. Every
evaluation's result must equal the case's expected value.

Engines (import name, PyPI distribution):
  rust   cel               common-expression-language (Rust, PyO3)
  cpp    cel_expr_python   cel-expr-python (Google's C++ cel-cpp)
  celpy  celpy             cel-python (pure Python)

Prints one machine line per engine and case on stdout:
  RESULT <engine> case=<name> evals_per_s=<median> best=<evals/s> us_per_eval=<median> result=<value>
or, when an engine cannot be imported or fails a case:
  UNAVAILABLE <engine> <reason>

usage: cel_peers.py [--rounds N] [--scale SECONDS] [--engines rust,cpp,celpy]
       cel_peers.py --report FILE   print the comparison table of the RESULT lines in FILE
"""

import argparse
import statistics
import sys
import time

EXPR_A = "object.spec.owners.size() > 0 && object.metadata.name.startsWith('sales-')"
EXPR_B = "object.fields.all(f, f.classification != '' && f.name.size() < 64)"

# Keep in step with Benchmarks/Sources/CELBench/main.swift.
DOC_A = {"metadata": {"name": "sales-orders"}, "spec": {"owners": ["a@x", "b@x"]}}
DOC_B = {
    "fields": [
        {"name": f"field_{i}", "type": "string", "classification": "internal" if i % 2 == 0 else "public"}
        for i in range(50)
    ]
}

# (name, expression, document, expected result)
CASES = [("a", EXPR_A, DOC_A, True), ("b", EXPR_B, DOC_B, True)]

TARGETS = {"a": 1_000_000, "b": 200_000}
NAMES = {
    "dappctl": "dappctl CEL (Swift)",
    "rust": "common-expression-language (Rust)",
    "cpp": "cel-expr-python (C++ cel-cpp)",
    "celpy": "cel-python (celpy, pure Python)",
}


def make_rust(expr, doc):
    import cel

    program = cel.compile(expr)
    context = cel.Context({"object": doc})
    return lambda: program.execute(context), lambda r: r


def make_cpp(expr, doc):
    from cel_expr_python import cel

    env = cel.NewEnv(variables={"object": cel.Type.DYN})
    expression = env.compile(expr)
    activation = env.Activation({"object": doc})
    return lambda: expression.eval(activation), lambda r: r.value()


def make_celpy(expr, doc):
    import celpy

    env = celpy.Environment()
    program = env.program(env.compile(expr))
    activation = {"object": celpy.json_to_cel(doc)}
    return lambda: program.evaluate(activation), lambda r: bool(r) if isinstance(r, celpy.celtypes.BoolType) else r


MAKERS = {"rust": make_rust, "cpp": make_cpp, "celpy": make_celpy}


def bench(engine, case, rounds, scale):
    name, expr, doc, expected = case
    evaluate, plain = MAKERS[engine](expr, doc)
    first = plain(evaluate())
    if first != expected or type(first) is not type(expected):
        raise RuntimeError(f"case {name}: got {first!r}, expected {expected!r}")
    # Calibrate: enough iterations for a round of about `scale` seconds (the engines differ 1000x).
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < 0.2:
        evaluate()
        calls += 1
    n = max(3, int(calls / (time.perf_counter() - start) * scale))
    rates = []
    for r in range(rounds + 1):
        start = time.perf_counter()
        for _ in range(n):
            result = evaluate()
        elapsed = time.perf_counter() - start
        if plain(result) != expected:
            raise RuntimeError(f"case {name}: wrong result {result!r}")
        if r > 0:  # round 0 warms up
            rates.append(n / elapsed)
    median = statistics.median(rates)
    return median, max(rates), first


def run(args):
    engines = args.engines.split(",")
    for engine in engines:
        try:
            MAKERS[engine]("1 + 1", {})
        except Exception as error:  # noqa: BLE001 - any import or setup failure
            print(f"UNAVAILABLE {engine} {type(error).__name__}: {error}", flush=True)
            continue
        for case in CASES:
            try:
                median, best, first = bench(engine, case, args.rounds, args.scale)
            except Exception as error:  # noqa: BLE001
                print(f"UNAVAILABLE {engine} case={case[0]} {type(error).__name__}: {error}", flush=True)
                continue
            value = "true" if first is True else repr(first)
            print(
                f"RESULT {engine} case={case[0]} evals_per_s={median:.0f} best={best:.0f} "
                f"us_per_eval={1e6 / median:.3f} result={value}",
                flush=True,
            )


def report(path):
    results = {}
    unavailable = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "RESULT":
                fields = dict(p.split("=", 1) for p in parts[2:])
                results[(parts[1], fields["case"])] = fields
            elif parts[0] == "UNAVAILABLE":
                unavailable.append(" ".join(parts[1:]))
    ok = True
    for name, expr, _, expected in CASES:
        mine = results.get(("dappctl", name))
        print(f"\ncase ({name}): {expr}")
        print(f"{'engine':36} {'evals/s':>12} {'us/eval':>9} {'dappctl is':>12} {'result':>7}")
        for engine in ["dappctl", "rust", "cpp", "celpy"]:
            r = results.get((engine, name))
            if r is None:
                print(f"{NAMES[engine]:36} {'not measured':>12}")
                continue
            rate = float(r["evals_per_s"])
            ratio = f"{float(mine['evals_per_s']) / rate:.2f}x" if mine and engine != "dappctl" else ""
            print(f"{NAMES[engine]:36} {rate:12,.0f} {float(r['us_per_eval']):9.3f} {ratio:>12} {r['result']:>7}")
            if r["result"] != ("true" if expected is True else repr(expected)):
                print(f"  ^ wrong result: expected {expected!r}")
                ok = False
        if mine:
            rate = float(mine["evals_per_s"])
            verdict = "MET" if rate >= TARGETS[name] else "MISSED"
            print(f"target >= {TARGETS[name]:,} evals/s per core for dappctl: {verdict} (median {rate:,.0f})")
    for line in unavailable:
        print(f"\nnot measured: {line}")
    return 0 if ok else 2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0, help="seconds per timed round")
    parser.add_argument("--engines", default="rust,cpp,celpy")
    parser.add_argument("--report")
    args = parser.parse_args()
    if args.report:
        sys.exit(report(args.report))
    run(args)


if __name__ == "__main__":
    main()

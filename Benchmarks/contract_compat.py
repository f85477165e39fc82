#!/usr/bin/env python3
"""Peer comparison for contract compatibility: dappctl `contract diff` and datacontract-cli
`breaking` over fixtures/contract-changes, each case judged against its expected.yaml.

Every tool run is one process invocation per case (as a CI job would run it) and is timed as such.
Driven by Benchmarks/contract_compat.sh, which installs datacontract-cli and finds dappctl.

usage: contract_compat.py --corpus DIR --datacontract BIN [--dappctl BIN | --no-dappctl] [--cases GLOB]

datacontract-cli has no compatibility modes; it has perspectives. BACKWARD runs
`--perspective consumer`, FORWARD `--perspective producer`, FULL runs both (two processes, the
case is breaking when either is; both times count). NONE has no equivalent: it runs the consumer
perspective, is shown, and is left out of datacontract-cli's totals.
"""
import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys
import time

import yaml

PERSPECTIVES = {"BACKWARD": ["consumer"], "FORWARD": ["producer"], "FULL": ["consumer", "producer"], "NONE": ["consumer"]}


def load_cases(corpus, pattern):
    cases = []
    for name in sorted(os.listdir(corpus)):
        folder = os.path.join(corpus, name)
        if not os.path.isfile(os.path.join(folder, "expected.yaml")):
            continue
        if pattern and not fnmatch.fnmatch(name, pattern):
            continue
        with open(os.path.join(folder, "expected.yaml")) as f:
            expected = yaml.safe_load(f)
        cases.append(
            {
                "id": name,
                "folder": folder,
                "mode": expected.get("mode", "BACKWARD"),
                "breaking": bool(expected["breaking"]),
                "findings": sorted(set(expected.get("findings") or [])),
                "description": expected.get("description", ""),
            }
        )
    return cases


def timed(argv, env=None):
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
    except subprocess.TimeoutExpired as error:
        return None, "", f"timeout: {error}", time.perf_counter() - start
    return proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start


# ---------------------------------------------------------------------------------------- dappctl


def run_dappctl(binary, case):
    """(result dict or None, error text or None, seconds)."""
    argv = [
        binary, "contract", "diff",
        "--base", os.path.join(case["folder"], "base.odcs.yaml"),
        "--head", os.path.join(case["folder"], "head.odcs.yaml"),
        "--mode", case["mode"],
        "--format", "json",
    ]
    code, out, err, seconds = timed(argv)
    if code not in (0, 1):
        return None, f"exit {code}: {(err or out).strip()[:300]}", seconds
    try:
        report = json.loads(out)
        breaking = bool(report["breaking"])
        findings = report.get("findings") or []
        rules = sorted({f["rule"] for f in findings})
        errors = sorted({f["rule"] for f in findings if f.get("severity") == "error"})
    except (ValueError, KeyError, TypeError) as error:
        return None, f"unreadable JSON ({error}): {out.strip()[:300]}", seconds
    note = None
    if breaking != (code == 1):
        note = f"exit status {code} but breaking={str(breaking).lower()}"
    if breaking != bool(errors):
        note = (note + "; " if note else "") + f"breaking={str(breaking).lower()} but error findings {errors}"
    return {"breaking": breaking, "rules": rules, "count": len(findings), "note": note}, None, seconds


# -------------------------------------------------------------------------------- datacontract-cli

ROW = re.compile(r"^│(.*)│\s*$")


def parse_breaking_text(text):
    """The Summary and Details tables of `datacontract breaking` (rich text, no colour).

    Returns (summary, details): summary is a list of (level, change, path); details a list of
    (level, change, direction, path). Continuation lines of wrapped cells have an empty level and
    are skipped."""
    summary, details, section = [], [], None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == "Summary":
            section = "summary"
            continue
        if stripped == "Details":
            section = "details"
            continue
        match = ROW.match(stripped)
        if not match or section is None:
            continue
        cells = [cell.strip() for cell in match.group(1).split("│")]
        level = cells[0]
        if level not in ("ERROR", "WARNING", "INFO"):
            continue
        if section == "summary" and len(cells) >= 3:
            summary.append((level.lower(), cells[1].lower(), cells[2]))
        elif section == "details" and len(cells) >= 4:
            details.append((level.lower(), cells[1].lower(), cells[2], cells[3]))
    return summary, details


def run_datacontract(binary, case):
    """(result dict or None, error text or None, seconds summed over the perspectives run)."""
    env = dict(os.environ, NO_COLOR="1", COLUMNS="300", TERM="dumb")
    total, runs = 0.0, []
    for perspective in PERSPECTIVES[case["mode"]]:
        argv = [
            binary, "breaking", "--perspective", perspective, "--no-inline-references",
            os.path.join(case["folder"], "base.odcs.yaml"),
            os.path.join(case["folder"], "head.odcs.yaml"),
        ]
        code, out, err, seconds = timed(argv, env)
        total += seconds
        if code not in (0, 1):
            return None, f"{perspective}: exit {code}: {(err or out).strip()[-300:]}", total
        if out.strip() == "No changes.":
            runs.append((code, [], []))
            continue
        summary, details = parse_breaking_text(out)
        if not out.startswith("Perspective:") or (not summary and not details):
            # Exit 1 without the tables: the contract could not be read.
            return None, f"{perspective}: exit {code}: {(err or out).strip()[-300:]}", total
        if (code == 1) != any(level == "error" for level, *_ in details):
            return None, f"{perspective}: exit {code} disagrees with its own table", total
        runs.append((code, summary, details))
    breaking = any(code == 1 for code, _, _ in runs)
    # The changes of the (first) perspective; for FULL the worst level per path over both.
    worst = {}
    order = {"info": 0, "warning": 1, "error": 2}
    for _, summary, _ in runs:
        for level, change, path in summary:
            key = (change, path)
            if key not in worst or order[level] > order[worst[key]]:
                worst[key] = level
    changes = [(level, change, path) for (change, path), level in worst.items()]
    levels = {name: sum(1 for level, *_ in changes if level == name) for name in order}
    return {"breaking": breaking, "changes": changes, "levels": levels}, None, total


# ------------------------------------------------------------------------------------------ report


def mark(ok):
    return "✓" if ok else "✗"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--dappctl")
    parser.add_argument("--no-dappctl", action="store_true", help="run datacontract-cli only")
    parser.add_argument("--datacontract", help="datacontract executable; omit to run dappctl only")
    parser.add_argument("--cases", help="only the case folders matching this glob, such as '0[0-2]*'")
    parser.add_argument("--details", action="store_true", help="list datacontract-cli's changes under each case")
    args = parser.parse_args()
    use_dappctl = bool(args.dappctl) and not args.no_dappctl
    use_peer = bool(args.datacontract)

    cases = load_cases(args.corpus, args.cases)
    if not cases:
        print(f"no cases in {args.corpus}", file=sys.stderr)
        return 0
    rows, missed = [], []
    time_dappctl = time_peer = 0.0
    print(f"{len(cases)} cases from {args.corpus}", file=sys.stderr)
    for index, case in enumerate(cases, 1):
        row = {"case": case}
        if use_dappctl:
            result, error, seconds = run_dappctl(args.dappctl, case)
            time_dappctl += seconds
            row["dappctl"], row["dappctl_error"] = result, error
            if error:
                missed.append(f"MISSED {case['id']}: dappctl error: {error}")
            else:
                problems = []
                if result["breaking"] != case["breaking"]:
                    problems.append(f"breaking={str(result['breaking']).lower()} expected {str(case['breaking']).lower()}")
                if result["rules"] != case["findings"]:
                    extra = sorted(set(result["rules"]) - set(case["findings"]))
                    absent = sorted(set(case["findings"]) - set(result["rules"]))
                    problems.append(f"findings {result['rules']} expected {case['findings']}"
                                    + (f" (extra {extra})" if extra else "") + (f" (missing {absent})" if absent else ""))
                if result["note"]:
                    problems.append(result["note"])
                if problems:
                    missed.append(f"MISSED {case['id']} [{case['mode']}]: " + "; ".join(problems))
        if use_peer:
            result, error, seconds = run_datacontract(args.datacontract, case)
            time_peer += seconds
            row["peer"], row["peer_error"] = result, error
        rows.append(row)
        print(f"  [{index}/{len(cases)}] {case['id']}", file=sys.stderr)

    # ---- table
    header = f"{'case':<52} {'mode':<8} {'expect':<6} {'dappctl':<8} {'rules':<5} {'dc-cli':<8} {'dc changes (E/W/I)':<18}"
    print()
    print(header)
    print("-" * len(header))
    for row in rows:
        case = row["case"]
        expect = "break" if case["breaking"] else "safe"
        if not use_dappctl:
            d_break = d_rules = "-"
        elif row["dappctl_error"]:
            d_break, d_rules = "error", "-"
        else:
            r = row["dappctl"]
            d_break = f"{'break' if r['breaking'] else 'safe'} {mark(r['breaking'] == case['breaking'])}"
            d_rules = mark(r["rules"] == case["findings"])
        if not use_peer:
            p_break = p_changes = "-"
        elif row["peer_error"]:
            p_break, p_changes = "error", "-"
        else:
            r = row["peer"]
            p_break = f"{'break' if r['breaking'] else 'safe'} {mark(r['breaking'] == case['breaking'])}"
            lv = r["levels"]
            p_changes = f"{len(r['changes'])} ({lv['error']}/{lv['warning']}/{lv['info']})"
        mode = case["mode"] + ("*" if case["mode"] == "NONE" and use_peer else "")
        print(f"{case['id']:<52} {mode:<8} {expect:<6} {d_break:<8} {d_rules:<5} {p_break:<8} {p_changes:<18}")
        if args.details and use_peer and row.get("peer"):
            for level, change, path in row["peer"]["changes"]:
                print(f"    {level:<7} {change:<8} {path}")
        if use_peer and row.get("peer_error"):
            print(f"    datacontract-cli error: {row['peer_error']}")
    if use_peer:
        print("\n* datacontract-cli has no NONE mode: NONE cases ran with --perspective consumer and are left out of its totals.")

    # ---- totals
    def totals(name, key, subset):
        judged = [r for r in subset if not r.get(f"{key}_error") and r.get(key)]
        errors = sum(1 for r in subset if r.get(f"{key}_error"))
        breaking = [r for r in subset if r["case"]["breaking"]]
        safe = [r for r in subset if not r["case"]["breaking"]]
        detected = sum(1 for r in breaking if r.get(key) and r[key]["breaking"])
        false_breaking = sum(1 for r in safe if r.get(key) and r[key]["breaking"])
        agree = sum(1 for r in judged if r[key]["breaking"] == r["case"]["breaking"])
        print(f"\n{name} ({len(subset)} cases)")
        print(f"  could not run/read:   {errors}")
        print(f"  breaking verdict ok:  {agree}/{len(subset)}")
        print(f"  recall on breaking:   {detected}/{len(breaking)}"
              + (f" ({100 * detected / len(breaking):.0f}%)" if breaking else ""))
        print(f"  false breaking:       {false_breaking}/{len(safe)} safe cases reported breaking")
        return judged

    if use_dappctl:
        judged = totals("dappctl contract diff", "dappctl", rows)
        exact = sum(1 for r in judged if r["dappctl"]["rules"] == r["case"]["findings"])
        print(f"  exact rule-set match: {exact}/{len(rows)}")
        print(f"  wall time:            {time_dappctl:.2f} s ({1000 * time_dappctl / len(rows):.0f} ms per case)")
    if use_peer:
        peer_rows = [r for r in rows if r["case"]["mode"] != "NONE"]
        totals("datacontract-cli breaking (without NONE cases)", "peer", peer_rows)
        if len(peer_rows) != len(rows):
            none_rows = [r for r in rows if r["case"]["mode"] == "NONE"]
            flagged = sum(1 for r in none_rows if r.get("peer") and r["peer"]["breaking"])
            print(f"  NONE cases (consumer perspective) it reports breaking: {flagged}/{len(none_rows)}")
        print(f"  wall time:            {time_peer:.2f} s ({1000 * time_peer / len(rows):.0f} ms per case;"
              f" FULL cases are two processes)")
    if use_dappctl and use_peer and time_dappctl > 0:
        print(f"\nwall time ratio datacontract-cli / dappctl: {time_peer / time_dappctl:.1f}x")

    if use_dappctl:
        print()
        if missed:
            print("\n".join(missed))
            print(f"\n{len(missed)} case(s) where dappctl disagrees with expected.yaml")
        else:
            print("dappctl agrees with expected.yaml on every case")
    return 0


if __name__ == "__main__":
    sys.exit(main())

// CELBench: single-thread evaluation throughput of the CEL evaluator on the cases of `cel.sh`.
//
// Each case is parsed and compiled once (CELProgram) and its activation built once; a round then
// evaluates the program `iterations` times on the calling thread. The result of every evaluation
// is checked against the case's expected value, so the work cannot be skipped.
// Prints a human summary on stderr and one machine line per case on stdout:
//   RESULT dappctl case=<name> evals_per_s=<median> best=<evals/s> us_per_eval=<median> result=<value>
//
// usage: CELBench [--rounds N] [--iterations N] [--case a|b] [--loop N]
//        --loop N evaluates case --case N times and prints nothing else (for profilers)
import CEL
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CELBench: \(message)\n".utf8))
    exit(2)
}

struct BenchCase {
    let name: String
    let source: String
    let activation: CELActivation
    let expected: CELValue
    let iterations: Int
}

/// The documents of `cel_peers.py`: keep the two in step.
func cases() -> [BenchCase] {
    let small = CELValue.map(
        CELMap([
            "metadata": .map(CELMap(["name": .string("sales-orders")])),
            "spec": .map(CELMap(["owners": .list([.string("a@x"), .string("b@x")])])),
        ]))
    let fields = (0..<50).map { i in
        CELValue.map(
            CELMap([
                "name": .string("field_\(i)"), "type": .string("string"),
                "classification": .string(i % 2 == 0 ? "internal" : "public"),
            ]))
    }
    let wide = CELValue.map(CELMap(["fields": .list(fields)]))
    return [
        BenchCase(
            name: "a", source: "object.spec.owners.size() > 0 && object.metadata.name.startsWith('sales-')",
            activation: CELActivation(["object": small]), expected: .bool(true), iterations: 1_000_000),
        BenchCase(
            name: "b", source: "object.fields.all(f, f.classification != '' && f.name.size() < 64)",
            activation: CELActivation(["object": wide]), expected: .bool(true), iterations: 100_000),
    ]
}

let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> Int? {
    guard let i = args.firstIndex(of: name) else { return nil }
    guard i + 1 < args.count, let value = Int(args[i + 1]), value > 0 else { fail("\(name) needs a positive count") }
    return value
}
func stringOption(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

let rounds = option("--rounds") ?? 7
let only = stringOption("--case")
let iterationsOverride = option("--iterations")
let clock = ContinuousClock()

for c in cases() where only == nil || only == c.name {
    let program: CELProgram
    do {
        program = try CELProgram(source: c.source)
    } catch {
        fail("case \(c.name): \(error)")
    }
    let first: CELValue
    do {
        first = try program.evaluate(c.activation)
    } catch {
        fail("case \(c.name): \(error)")
    }
    guard first == c.expected else { fail("case \(c.name): got \(first), expected \(c.expected)") }

    if let loop = option("--loop") {
        var hits = 0
        for _ in 0..<loop where (try? program.evaluate(c.activation)) == c.expected { hits += 1 }
        if hits != loop { fail("case \(c.name): wrong results") }
        exit(0)
    }

    let iterations = iterationsOverride ?? c.iterations
    var rates: [Double] = []
    for round in 0...rounds {
        var mismatches = 0
        let elapsed = clock.measure {
            for _ in 0..<iterations {
                do {
                    if try program.evaluate(c.activation) != c.expected { mismatches += 1 }
                } catch {
                    mismatches += 1
                }
            }
        }
        if mismatches > 0 { fail("case \(c.name): \(mismatches) wrong results") }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if round > 0 { rates.append(Double(iterations) / seconds) }  // round 0 warms up
    }
    rates.sort()
    let median = rates[rates.count / 2]
    let best = rates.last!
    FileHandle.standardError.write(
        Data(
            "CELBench case \(c.name): \(Int(median)) evals/s median, \(Int(best)) best, \(rounds) rounds of \(iterations)\n"
                .utf8))
    print(
        "RESULT dappctl case=\(c.name) evals_per_s=\(Int(median)) best=\(Int(best)) "
            + "us_per_eval=\(String(format: "%.3f", 1e6 / median)) result=\(first)")
}

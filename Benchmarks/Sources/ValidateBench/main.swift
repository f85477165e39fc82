// ValidateBench: what `dappctl validate` does to a repository (SpecLoader.load), from a plain
// synchronous main, so the load can run under valgrind (callgrind cannot follow the async main
// of dappctl) and be counted in instructions rather than noisy seconds.
//
// usage: ValidateBench REPO [--jobs N] [--rounds N]
// Prints per-phase times on stderr and one machine line on stdout:
//   RESULT files=<n> bytes=<n> diagnostics=<n> errors=<n> best=<seconds>
import DappCore
import DappSpecs
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ValidateBench: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var jobs = System.coreCount
var rounds = 1
var repo: String?
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--jobs":
        guard let value = arguments.first.flatMap(Int.init) else { fail("--jobs needs a number") }
        jobs = value
        arguments.removeFirst()
    case "--rounds":
        guard let value = arguments.first.flatMap(Int.init) else { fail("--rounds needs a number") }
        rounds = value
        arguments.removeFirst()
    default:
        repo = argument
    }
}
guard let repo else { fail("usage: ValidateBench REPO [--jobs N] [--rounds N]") }

let clock = ContinuousClock()
var best: Duration?
var last: LoadResult?
for _ in 0..<max(1, rounds) {
    let start = clock.now
    do {
        let tree = try LocalDirectoryTree(path: repo)
        last = try SpecLoader.load(tree, options: LoadOptions(parallelism: jobs))
    } catch {
        fail("\(error)")
    }
    let elapsed = clock.now - start
    if best == nil || elapsed < best! { best = elapsed }
    let phases = last!.phases.map { "\($0.name) \($0.duration)" }.joined(separator: ", ")
    FileHandle.standardError.write(Data("round: \(elapsed) (\(phases))\n".utf8))
}
let result = last!
let seconds = Double(best!.components.seconds) + Double(best!.components.attoseconds) / 1e18
print(
    "RESULT files=\(result.fileCount) bytes=\(result.byteCount) diagnostics=\(result.diagnostics.count) "
        + "errors=\(result.diagnostics.errorCount) best=\(seconds)")

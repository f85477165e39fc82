// CheckBench: what `dappctl check --base B --head H` does to a repository changed in most of its
// products (the repo-wide path: both revisions loaded, the base reusing the head's unchanged
// files, every changed product's policies and contracts), from a plain synchronous main, so it
// can run under valgrind (callgrind cannot follow dappctl's async main) and be counted in
// instructions per stage rather than in noisy seconds.
//
// usage: CheckBench GIT_REPO BASE HEAD [--jobs N]
// Prints each stage's time on stderr and one machine line on stdout:
//   RESULT policies=<n> evaluations=<n> compatibility=<n> seconds=<s>
import DappCore
import DappGit
import DappPolicy
import DappSpecs
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CheckBench: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var jobs = System.coreCount
var positional: [String] = []
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    if argument == "--jobs" {
        guard let value = arguments.first.flatMap(Int.init) else { fail("--jobs needs a number") }
        jobs = value
        arguments.removeFirst()
    } else {
        positional.append(argument)
    }
}
guard positional.count == 3 else { fail("usage: CheckBench GIT_REPO BASE HEAD [--jobs N]") }

/// Holds a value for the rest of the process.
final class Kept<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

var clock = PhaseClock()
do {
    let repository = try GitRepository.open(at: positional[0])
    let base = try GitSnapshot(repository: repository, revision: positional[1])
    let head = try GitSnapshot(repository: repository, revision: positional[2])
    let changes = try repository.changedPaths(from: base.commit, to: head.commit)
    let changedProducts = Set(
        changes.flatMap(\.paths).compactMap { path -> ProductRef? in
            let parts = path.split(separator: "/")
            return parts.count >= 4 && parts[0] == "products" ? ProductRef(domain: String(parts[1]), name: String(parts[2])) : nil
        })
    clock.end("revisions")
    var headOptions = LoadOptions(parallelism: jobs)
    headOptions.retention = .placed
    headOptions.keepsFiles = true
    let headLoad = try SpecLoader.load(head, options: headOptions)
    clock.end("head load")
    // As `dappctl check` does: the base keeps its objects only for a policy that reads oldObject.
    let gate = PolicyGate(policies: headLoad.specs.policies, exceptions: headLoad.specs.exceptions, today: CalendarDate(unixSeconds: 0))
    var baseOptions = LoadOptions(parallelism: jobs)
    baseOptions.retention = gate.readsOldObject ? .objects : .none
    baseOptions.reusing = headLoad.files
    baseOptions.checkReferences = false
    baseOptions.checksContracts = false
    let baseLoad = try SpecLoader.load(base, options: baseOptions)
    clock.end("base load")
    let lineage = Lineage(specs: headLoad.specs)
    clock.end("lineage")
    let subjects = PolicySubjects.subjects(
        from: headLoad,
        base: gate.readsOldObject ? PolicySubjects.BaseRevision(load: baseLoad, changedProducts: changedProducts) : nil, tree: head,
        products: changedProducts, parallelism: jobs)
    clock.end("subjects")
    let policies = gate.evaluate(PolicyInput(subjects: subjects, isComplete: false), parallelism: jobs)
    clock.end("policies")
    let compatibility = RevisionCompatibility.compare(
        base: baseLoad.specs, head: headLoad.specs, products: changedProducts, defaultModes: .init(.backward), lineage: lineage,
        parallelism: jobs)
    clock.end("compatibility")
    // As `dappctl check` does: what the check built lives until the process exits, not freed
    // piece by piece first.
    _ = Unmanaged.passRetained(Kept((headLoad, baseLoad, subjects, policies, compatibility)))
    let total = clock.phases.reduce(Duration.zero) { $0 + $1.duration }
    let phases = clock.phases.map { "\($0.name) \($0.duration)" }.joined(separator: ", ")
    FileHandle.standardError.write(Data("\(phases)\n".utf8))
    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
    print(
        "RESULT policies=\(policies.findings.count) evaluations=\(policies.evaluationCount) "
            + "compatibility=\(compatibility.findings.count) seconds=\(seconds)")
} catch {
    fail("\(error)")
}

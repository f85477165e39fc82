import ArgumentParser
import DappCore
import DappPolicy
import DappSpecs

#if canImport(Glibc)
    import Glibc
#endif

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "The policy gate: validate the repository, then run every policy over its resources.",
        discussion: """
            Runs 'validate', then the repository's DappPolicies (policies/*.yaml) and the built-in \
            security and contract bundles over every resource that loaded, as written in its file \
            (the CEL variable 'object'; 'product' is its DappProduct, 'resources' everything in its \
            product folder, 'params' the policy's params).

            A violation of an error rule blocks; a DappPolicyException can waive it for at most 90 \
            days, and waived violations are still listed (as notes). Warnings block only with --strict. \
            Expired, overlong and unused exceptions are reported too.

            Exit status 0 when nothing blocks, 1 otherwise.

            Examples:
              dappctl check --repo fixtures/demo
              dappctl check --repo . --strict --format json --output check.json
              dappctl check --repo . --today 2027-01-31    # which waivers will have run out by then?
            """
    )

    @OptionGroup var repoOptions: RepoOptions
    @OptionGroup var outputOptions: OutputOptions

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @Option(
        name: .long,
        help: ArgumentHelp("Evaluate exception expiry as of this day (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?

    func validate() throws {
        if let today, CalendarDate(parsing: today) == nil { throw ValidationError("--today must be a date as YYYY-MM-DD, not '\(today)'") }
    }

    func run() async throws {
        let output = Output(options: outputOptions)
        let status = output.guarding {
            let tree = try RepoOpener.open(repoOptions) { output.note("dappctl: \($0)") }
            let loaded = try SpecLoader.load(tree)
            let day = today.flatMap(CalendarDate.init(parsing:)) ?? Clock.today
            let gate = PolicyGate(policies: loaded.specs.policies, exceptions: loaded.specs.exceptions, today: day)
            let subjects = try PolicySubjects.read(tree, specs: loaded.specs)
            let report = gate.evaluate(PolicyInput(subjects: subjects))
            let status = try output.check(CheckResult(load: loaded, policies: report, strict: strict), repository: repoOptions.repo)
            ProcessLifetime.keep(loaded)
            return status
        }
        throw ExitCode(status.rawValue)
    }
}

/// What `check` found: the load's diagnostics and the gate's report.
struct CheckResult {
    var load: LoadResult
    var policies: PolicyReport
    var strict: Bool

    var diagnostics: [Diagnostic] { (load.diagnostics + policies.allDiagnostics).sorted() }
    var errors: Int { diagnostics.errorCount }
    var warnings: Int { diagnostics.warningCount }
    var waived: Int { policies.waived.count }
    var passes: Bool { errors == 0 && (!strict || warnings == 0) }
}

enum Clock {
    /// Today in UTC.
    static var today: CalendarDate { CalendarDate(unixSeconds: Int(time(nil))) }
}

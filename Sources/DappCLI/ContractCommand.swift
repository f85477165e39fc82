import ArgumentParser
import DappCore
import DappPolicy
import DappSpecs

struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Work with ODCS data contracts: compare two versions.",
        subcommands: [ContractDiffCommand.self]
    )
}

struct ContractDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a data contract and report breaking changes.",
        discussion: """
            Lists every change from --base to --head as a finding with a rule id (FLD001 \
            field-removed, TYP002 type-widened, SLA002 retention-shortened, …; see \
            docs/compatibility.md), graded by the compatibility mode: under BACKWARD (the default) \
            a change that can break an existing consumer is an error, one that only breaks \
            producers is a note; FORWARD is the reverse; FULL makes both errors; NONE makes neither. \
            Governance changes (classification, retention, owners, lifecycle, terms) are always at \
            least warnings. The version rules check that a breaking change bumps the major version.

            Exit status 1 when a change is breaking (or a file cannot be read), 0 otherwise.

            Examples:
              dappctl contract diff --base v1/orders.odcs.yaml --head orders.odcs.yaml
              dappctl contract diff --base a.yaml --head b.yaml --mode FULL --format json
            """
    )

    @Option(name: .long, help: ArgumentHelp("The earlier version of the contract.", valueName: "file"))
    var base: String

    @Option(name: .long, help: ArgumentHelp("The new version of the contract.", valueName: "file"))
    var head: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Compatibility mode: BACKWARD (default), FORWARD, FULL, NONE (the _TRANSITIVE forms grade like their base mode here).",
            valueName: "mode"))
    var mode: String = CompatibilityMode.backward.rawValue

    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQL engine whose types decide widening and narrowing: mysql, postgres, sqlite, doris, generic (default: the head's first server type).",
            valueName: "engine"))
    var engine: String?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        try outputOptions.requireTextOrJSON(for: "contract diff")
        guard CompatibilityMode(rawValue: mode.uppercased()) != nil else {
            throw ValidationError(
                "--mode must be one of \(CompatibilityMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(mode)'")
        }
        if let engine, TypeEngine(rawValue: engine.lowercased()) == nil {
            throw ValidationError("--engine must be one of mysql, postgres, sqlite, doris, generic, not '\(engine)'")
        }
    }

    func run() async throws {
        let output = Output(options: outputOptions)
        let status = output.guarding {
            let (old, oldDiagnostics) = ContractReader.read(try LocalFile.read(base), path: base)
            let (new, newDiagnostics) = ContractReader.read(try LocalFile.read(head), path: head)
            let problems = (oldDiagnostics + newDiagnostics).filter { $0.severity == .error }
            guard let old, let new, problems.isEmpty else {
                return try output.contractFileErrors(problems.isEmpty ? oldDiagnostics + newDiagnostics : problems)
            }
            let chosenMode = CompatibilityMode(rawValue: mode.uppercased()) ?? .backward
            let findings = ContractCompatibility.compare(
                base: old, head: new, mode: chosenMode, engine: engine.flatMap { TypeEngine(rawValue: $0.lowercased()) })
            return try output.contractDiff(findings, base: base, head: head, mode: chosenMode)
        }
        throw ExitCode(status.rawValue)
    }
}

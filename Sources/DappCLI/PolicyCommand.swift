import ArgumentParser
import DappCore
import DappPolicy
import DappSpecs

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Work with DappPolicies: run their unit tests.",
        subcommands: [PolicyTestCommand.self]
    )
}

struct PolicyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy unit tests (policies/tests/*.yaml).",
        discussion: """
            Each test file (kind DappPolicyTest) lists cases: a resource written out in full \
            ('object', with optional 'product', 'resources' and 'oldObject') and the rule ids that \
            must fire ('expect', [] for none). A case fails when an expected rule does not fire, \
            when another one does, or when a policy cannot be evaluated.

            The policies under test are the repository's (policies/*.yaml) plus the built-in \
            bundles its dappmesh.yaml enables. --builtin runs the built-in bundles' own tests instead.

            Exit status 0 when every case passes, 1 otherwise.

            Examples:
              dappctl policy test --repo .
              dappctl policy test --builtin
            """
    )

    @OptionGroup var repoOptions: RepoOptions
    @OptionGroup var outputOptions: OutputOptions

    @Flag(name: .long, help: "Run the tests of the built-in security and contract bundles.")
    var builtin = false

    @Flag(name: .shortAndLong, help: "List every case, not only the failing ones.")
    var verbose = false

    func validate() throws { try outputOptions.requireTextOrJSON(for: "policy test") }

    func run() async throws {
        let output = Output(options: outputOptions)
        let status = output.guarding {
            let suites: [PolicyTestSuite]
            var diagnostics: [Diagnostic]
            let policies: [SpecDocument<DappPolicySpec>]
            if builtin {
                (suites, diagnostics) = PolicyTestLoader.load(files: BuiltinPolicies.testFiles)
                diagnostics += BuiltinPolicies.diagnostics()
                policies = BuiltinPolicies.policies(bundles: BuiltinPolicies.bundleNames)
            } else {
                let tree = try RepoOpener.open(repoOptions) { output.note("dappctl: \($0)") }
                let loaded = try SpecLoader.load(tree)
                (suites, diagnostics) = try PolicyTestLoader.load(tree)
                // The policies must load for their tests to mean anything.
                diagnostics += loaded.diagnostics.filter { $0.location.file.hasPrefix("policies/") || $0.location.file == "dappmesh.yaml" }
                policies = loaded.specs.policies
                if suites.isEmpty, diagnostics.isEmpty {
                    output.note("dappctl: no policy tests under policies/tests/ in \(tree.displayName)")
                }
            }
            let result = PolicyTestRunner.run(suites, policies: policies, today: Clock.today)
            var all = result
            all.diagnostics = (result.diagnostics + diagnostics).sorted()
            return try output.policyTests(all, verbose: verbose)
        }
        throw ExitCode(status.rawValue)
    }
}

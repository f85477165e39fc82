import ArgumentParser
import DappCore
import DappSpecs

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Parse and check every spec of the repository.",
        discussion: """
            Checks YAML (strict YAML 1.2: 'no' is a string), each document against the schema of \
            its kind (required fields, types, enums, DNS-1123 names, unknown fields), and references \
            across files (ports, products, contract objects, targets, files, dependency cycles, \
            secrets only by reference).

            Problems print as 'path:line:col: error: message [rule-id]', one per line, then a \
            summary. Exit status 0 when there is no error (warnings allowed), 1 otherwise.

            Examples:
              dappctl validate --repo fixtures/demo
              dappctl validate --repo . --format json --output validate.json
            """
    )

    @OptionGroup var repoOptions: RepoOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Largest YAML file accepted, in bytes (default 4 MiB; dappmesh.yaml's spec.limits.maxFileBytes overrides it).",
            valueName: "bytes"))
    var maxFileBytes: Int?

    @Option(name: .long, help: ArgumentHelp("Threads that read files (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(name: .long, help: "Print how long each phase took and how many cores it kept busy (to standard error).")
    var timing = false

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        try reportOptions.validate(against: outputOptions)
        if let maxFileBytes, maxFileBytes < 1 { throw ValidationError("--max-file-bytes must be positive") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        let output = Output(options: outputOptions, reports: reportOptions)
        let status = output.guarding {
            let tree = try RepoOpener.open(repoOptions) { output.note("dappctl: \($0)") }
            var options = LoadOptions()
            if let maxFileBytes { options.limits.maxFileBytes = maxFileBytes }
            if let jobs { options.parallelism = jobs }
            let result = try SpecLoader.load(tree, options: options)
            if timing {
                output.note("timing: " + result.phases.text + " (\(result.byteCount) bytes)")
            }
            let status = try output.validation(result, repository: repoOptions.repo)
            // The process ends right after this: freeing a 10,000-product spec set piece by piece
            // would only delay the exit, so it is deliberately kept alive.
            ProcessLifetime.keep(result)
            return status
        }
        throw ExitCode(status.rawValue)
    }
}

/// Values the process keeps until it exits instead of tearing them down (see ValidateCommand).
enum ProcessLifetime {
    private final class Box<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    static func keep<T>(_ value: T) {
        _ = Unmanaged.passRetained(Box(value))
    }
}

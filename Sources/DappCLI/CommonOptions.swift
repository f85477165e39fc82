import ArgumentParser

/// `--repo`: which spec repository to read.
struct RepoOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Spec repository: a local folder holding dappmesh.yaml.", valueName: "path"))
    var repo: String = "."
}

/// `--format` and `--output`: how and where results are written.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text (compiler-style lines) or json (documented in docs/json-output.md).")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

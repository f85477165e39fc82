import ArgumentParser

/// `--repo`, `--rev` and the Git credentials: which spec repository to read, at which revision.
struct RepoOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Spec repository: a local folder, or a Git URL (file://, git://, http(s)://, ssh://) mirrored into the cache.",
            valueName: "path|url"))
    var repo: String = "."

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Revision to read: a branch, tag, full or short SHA, origin/main. Without it a local folder is read as it is on disk; a URL at its default branch.",
            valueName: "rev"))
    var rev: String?

    @Option(name: .long, help: ArgumentHelp("User name for HTTP(S) remotes (default: x-access-token with a token).", valueName: "name"))
    var gitUsername: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Environment variable holding the HTTP(S) password or token (default: DAPPCTL_GIT_TOKEN when set).", valueName: "name"))
    var gitPasswordEnv: String?

    @Option(name: .long, help: ArgumentHelp("File holding the HTTP(S) password or token.", valueName: "file"))
    var gitPasswordFile: String?

    @Option(name: .long, help: ArgumentHelp("SSH private key (ed25519) for ssh:// remotes.", valueName: "file"))
    var sshKey: String?

    @Option(
        name: .long, help: ArgumentHelp("known_hosts file the SSH host key must be in (default: ~/.ssh/known_hosts).", valueName: "file"))
    var knownHosts: String?

    @Option(name: .long, help: ArgumentHelp("CA bundle to trust for HTTPS remotes.", valueName: "file"))
    var caFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Folder of the mirrors of remote repositories (default: $DAPPCTL_CACHE_DIR or ~/.cache/dappctl/git).", valueName: "dir"))
    var cacheDir: String?

    @Option(name: .long, help: ArgumentHelp("Seconds a fetch may take, connect included.", valueName: "seconds"))
    var gitTimeout: Int = 60

    func validate() throws {
        if gitPasswordEnv != nil && gitPasswordFile != nil {
            throw ValidationError("give either --git-password-env or --git-password-file, not both")
        }
        if gitTimeout < 1 { throw ValidationError("--git-timeout must be at least 1 second") }
    }
}

/// `--format` and `--output`: how and where results are written.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output format: text (compiler-style lines), json (docs/json-output.md); for check also sarif, junit, github "
                + "(workflow annotations) and markdown (a pull-request comment), see docs/reports.md.",
            valueName: "format"))
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, github, markdown

    /// The formats every command prints; the CI formats render findings of `check`.
    var isCIReport: Bool { self != .text && self != .json }
}

extension OutputOptions {
    /// The CI formats render findings; commands that print something else offer text and JSON.
    func requireTextOrJSON(for command: String) throws {
        if format.isCIReport {
            throw ValidationError("--format \(format.rawValue) is for 'check' and 'validate'; '\(command)' prints text or json")
        }
    }
}

/// `--report FORMAT=FILE`: more reports of the same run, each in a file of its own.
///
/// A CI job wants several views of one check (SARIF for code scanning, annotations in the log,
/// a Markdown comment): rendered from one run they agree, and the repository is read once.
struct ReportOptions: ParsableArguments {
    @Option(
        name: .customLong("report"),
        help: ArgumentHelp(
            "Also write the report in another format to a file (repeatable), e.g. --report sarif=dappctl.sarif "
                + "--report markdown=comment.md; formats as for --format.",
            valueName: "format=file"),
        transform: ReportDestination.parse)
    var reports: [ReportDestination] = []

    func validate(against output: OutputOptions) throws {
        var paths: Set<String> = []
        if let primary = output.output { paths.insert(primary) }
        for report in reports where !paths.insert(report.path).inserted {
            throw ValidationError("'\(report.path)' is named twice; give each report a file of its own")
        }
    }
}

/// One `--report` value: a format and the file it goes to.
struct ReportDestination: Equatable {
    var format: OutputFormat
    var path: String

    static func parse(_ argument: String) throws -> ReportDestination {
        let formats = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
        guard let equals = argument.firstIndex(of: "=") else {
            throw ValidationError("--report takes FORMAT=FILE (e.g. sarif=dappctl.sarif), not '\(argument)'")
        }
        let name = String(argument[..<equals])
        guard let format = OutputFormat(rawValue: name) else {
            throw ValidationError("--report: '\(name)' is not a format; use one of \(formats)")
        }
        let path = String(argument[argument.index(after: equals)...])
        guard !path.isEmpty else { throw ValidationError("--report \(name)= names no file; give one after '='") }
        return ReportDestination(format: format, path: path)
    }
}

import DappCore
import DappSpecs

#if canImport(Glibc)
    import Glibc
#endif

/// How a command ended, as the process exit status. Decided here and nowhere else.
enum ExitStatus: Int32 {
    case success = 0
    /// Errors in the specs, violations, failed steps, or an operational failure.
    case failure = 1
    /// Changes found (plan, drift with --detailed-exitcode).
    case changes = 2
    case usage = 64
}

/// The one place that renders results, writes them where the user asked and picks exit codes.
struct Output {
    var format: OutputFormat
    /// File to write the report to; standard output when nil.
    var destination: String?
    /// More renderings of the same report, each to a file (`--report FORMAT=FILE`).
    var reports: [ReportDestination] = []

    init(format: OutputFormat = .text, destination: String? = nil, reports: [ReportDestination] = []) {
        self.format = format
        self.destination = destination
        self.reports = reports
    }

    init(options: OutputOptions, reports: ReportOptions? = nil) {
        self.init(format: options.format, destination: options.output, reports: reports?.reports ?? [])
    }

    /// Runs a command body, turning an operational error into a message on stderr and exit 1.
    func guarding(_ body: () throws -> ExitStatus) -> ExitStatus {
        do {
            return try body()
        } catch let error as DappError {
            var message = "dappctl: error: \(error.message)"
            if let cause = error.cause { message += "\n  cause: \(cause)" }
            Self.writeStandardError(message + "\n")
            return .failure
        } catch {
            Self.writeStandardError("dappctl: error: \(error)\n")
            return .failure
        }
    }

    func validation(_ result: LoadResult, repository: String) throws -> ExitStatus {
        let summary = ValidationSummary(result: result)
        // Made once, for however many of the CI formats are asked for.
        var report: CheckReport?
        try emit { format in
            switch format {
            case .text: return DiagnosticText.render(result.diagnostics, summary: summary)
            case .json:
                return JSONText.render(ValidationJSON.render(result.diagnostics, summary: summary, repository: repository), newline: true)
            case .sarif, .junit, .github, .markdown:
                let made = report ?? Self.validationReport(result, summary: summary, repository: repository)
                report = made
                return Self.render(made, as: format)
            }
        }
        noteSARIFCap(findings: result.diagnostics.count)
        return result.hasErrors ? .failure : .success
    }

    /// A validation as a check report, for the CI formats.
    static func validationReport(_ result: LoadResult, summary: ValidationSummary, repository: String) -> CheckReport {
        var builder = CheckReportBuilder(command: "validate", repository: repository, strict: false)
        builder.add(result.diagnostics, as: .validation)
        builder.counts.files = summary.files
        builder.counts.products = summary.products
        return builder.report()
    }

    /// Writes the report to --output (atomically) or standard output.
    func emit(_ text: String) throws {
        if let path = destination {
            try FileOutput.writeAtomically(text, to: path)
        } else {
            Self.writeStandardOutput(text)
        }
    }

    /// Renders the report in --format for --output or standard output, then in each --report
    /// format to its file: the primary report is out even when a file cannot be written.
    func emit(_ render: (OutputFormat) -> String) throws {
        try emit(render(format))
        for report in reports {
            try FileOutput.writeAtomically(render(report.format), to: report.path)
        }
    }

    /// A progress or informational line: stderr, so reports on stdout stay machine-readable.
    func note(_ text: String) {
        Self.writeStandardError(text + "\n")
    }

    static func writeStandardOutput(_ text: String) { writeAll(text, to: STDOUT_FILENO) }

    static func writeStandardError(_ text: String) { writeAll(text, to: STDERR_FILENO) }

    /// Unbuffered writes straight to the descriptor, retried until everything is out.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}

/// Counts shown at the end of a validation.
struct ValidationSummary {
    var errors: Int
    var warnings: Int
    var files: Int
    var products: Int

    init(result: LoadResult) {
        errors = result.diagnostics.errorCount
        warnings = result.diagnostics.warningCount
        files = result.fileCount
        products = result.specs.products.values.count { $0.product != nil }
    }
}

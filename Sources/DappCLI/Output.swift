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

    init(format: OutputFormat = .text, destination: String? = nil) {
        self.format = format
        self.destination = destination
    }

    init(options: OutputOptions) {
        self.init(format: options.format, destination: options.output)
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
        let text: String
        switch format {
        case .text: text = DiagnosticText.render(result.diagnostics, summary: summary)
        case .json:
            text = JSONText.render(ValidationJSON.render(result.diagnostics, summary: summary, repository: repository), newline: true)
        case .sarif, .junit, .github, .markdown:
            var builder = CheckReportBuilder(command: "validate", repository: repository, strict: false)
            builder.add(result.diagnostics, as: .validation)
            builder.counts.files = summary.files
            builder.counts.products = summary.products
            text = render(builder.report())
        }
        try emit(text)
        return result.hasErrors ? .failure : .success
    }

    /// Writes the report to --output (atomically) or standard output.
    func emit(_ text: String) throws {
        if let path = destination {
            try FileOutput.writeAtomically(text, to: path)
        } else {
            Self.writeStandardOutput(text)
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

import DappCore

/// Compiler-style diagnostics: `path:line:col: error: message [rule]`, a hint line, a summary.
enum DiagnosticText {
    static func render(_ diagnostics: [Diagnostic], summary: ValidationSummary) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += line(diagnostic) + "\n"
            if let hint = diagnostic.hint { out += "    hint: \(hint)\n" }
        }
        out += summaryLine(summary) + "\n"
        return out
    }

    static func line(_ d: Diagnostic) -> String {
        "\(d.location): \(d.severity.rawValue): \(d.message) [\(d.rule)]"
    }

    static func summaryLine(_ s: ValidationSummary) -> String {
        let scope = "\(s.files) file\(s.files == 1 ? "" : "s"), \(s.products) product\(s.products == 1 ? "" : "s")"
        if s.errors == 0 && s.warnings == 0 { return "validate: ok (\(scope))" }
        let counts = [
            s.errors > 0 ? "\(s.errors) error\(s.errors == 1 ? "" : "s")" : nil,
            s.warnings > 0 ? "\(s.warnings) warning\(s.warnings == 1 ? "" : "s")" : nil,
        ].compactMap { $0 }.joined(separator: ", ")
        return "validate: \(s.errors > 0 ? "failed" : "ok") with \(counts) (\(scope))"
    }
}

/// The JSON report of `validate` (schema in docs/json-output.md; `schemaVersion` bumps on any
/// incompatible change).
enum ValidationJSON {
    static let schemaVersion = 1

    static func render(_ diagnostics: [Diagnostic], summary: ValidationSummary, repository: String) -> SpecValue {
        func e(_ key: String, _ value: SpecValue) -> SpecValue.Entry { SpecValue.Entry(key: key, value: value) }
        return .map([
            e("schemaVersion", .int(schemaVersion)),
            e("command", .string("validate")),
            e("repository", .string(repository)),
            e("passed", .bool(summary.errors == 0)),
            e(
                "summary",
                .map([
                    e("errors", .int(summary.errors)),
                    e("warnings", .int(summary.warnings)),
                    e("files", .int(summary.files)),
                    e("products", .int(summary.products)),
                ])),
            e(
                "diagnostics",
                .list(
                    diagnostics.map { d in
                        .map([
                            e("severity", .string(d.severity.rawValue)),
                            e("rule", .string(d.rule.rawValue)),
                            e("message", .string(d.message)),
                            e("file", .string(d.location.file)),
                            e("line", .int(d.location.line)),
                            e("column", .int(d.location.column)),
                            e("fieldPath", d.fieldPath.map(SpecValue.string) ?? .null),
                            e("hint", d.hint.map(SpecValue.string) ?? .null),
                        ])
                    })),
        ])
    }
}

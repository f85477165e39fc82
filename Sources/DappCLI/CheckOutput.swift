import DappCore
import DappPolicy

extension Output {
    func check(_ report: CheckReport) throws -> ExitStatus {
        try emit { Self.render(report, as: $0) }
        noteSARIFCap(findings: report.items.count)
        return report.passed ? .success : .failure
    }

    /// Says on standard error when a SARIF report written by this run leaves findings out (the
    /// file says so too, but nobody reads it before code scanning shows fewer than there are).
    func noteSARIFCap(findings: Int) {
        guard format == .sarif || reports.contains(where: { $0.format == .sarif }), findings > SARIFReport.maxResults else { return }
        note(
            "dappctl: the SARIF report holds \(SARIFReport.maxResults) of \(findings) findings, blocking ones first "
                + "(GitHub code scanning rejects more); the text, JSON and JUnit reports list every finding")
    }

    /// A check (or validate) report in a format.
    static func render(_ report: CheckReport, as format: OutputFormat) -> String {
        switch format {
        case .text: CheckText.render(report)
        case .json: JSONText.render(CheckJSON.render(report), newline: true)
        case .sarif: SARIFReport.render(report)
        case .junit: JUnitReport.render(report)
        case .github: GitHubAnnotations.render(report)
        case .markdown: MarkdownReport.render(report)
        }
    }
}

enum CheckText {
    static func render(_ report: CheckReport) -> String {
        ReportSlices.joined(report.items, lines) + summary(report) + "\n"
    }

    /// One finding's line, with its hint and the consumers it breaks below it.
    static func lines(_ item: CheckReport.Item) -> String {
        var out = DiagnosticText.line(diagnostic(item)) + "\n"
        if let hint = item.hint { out += "    hint: \(hint)\n" }
        if !item.consumers.isEmpty { out += "    breaks: \(item.consumers.joined(separator: ", "))\n" }
        return out
    }

    /// A report item as a compiler-style line; waived findings print as notes naming their waiver.
    static func diagnostic(_ item: CheckReport.Item) -> Diagnostic {
        Diagnostic(
            severity(of: item), RuleID(rawValue: item.rule), message(of: item), at: item.location, hint: item.hint,
            fieldPath: item.fieldPath)
    }

    /// The severity a line shows: a waived finding is a note.
    static func severity(of item: CheckReport.Item) -> Diagnostic.Severity {
        item.waiver == nil ? item.severity : .note
    }

    /// The message a line shows: naming the waiver of a waived finding, the resource of a policy's.
    static func message(of item: CheckReport.Item) -> String {
        if let waiver = item.waiver {
            let change = waiver.change.map { " \($0.phrase)" } ?? ""
            return "waived: \(item.message) (exception '\(waiver.exception)'\(change), owner \(waiver.owner), until \(waiver.expires))"
        }
        if let resource = item.resource, item.category == .policy { return "\(resource): \(item.message)" }
        return item.message
    }

    static func summary(_ report: CheckReport) -> String {
        var scope: [String] = []
        if let base = report.base, let head = report.head {
            scope.append(
                "\(base) → \(head): \(plural(report.counts.changedProducts, "product")) changed, \(report.counts.checkedProducts) checked")
            scope.append(plural(report.counts.contractsCompared, "contract") + " compared")
        } else {
            scope.append("\(plural(report.counts.files, "file")), \(plural(report.counts.products, "product"))")
        }
        scope.append("\(plural(report.counts.policies, "policy", "policies")), \(plural(report.counts.evaluations, "evaluation"))")
        var counts: [String] = []
        if report.errors > 0 { counts.append(plural(report.errors, "error")) }
        if report.warnings > 0 { counts.append(plural(report.warnings, "warning")) }
        if report.waived > 0 { counts.append("\(report.waived) waived") }
        let verdict = report.passed ? "ok" : "failed"
        let what = counts.isEmpty ? verdict : "\(verdict) with \(counts.joined(separator: ", "))"
        return "check: \(what) (\(scope.joined(separator: ", ")))"
    }

    static func plural(_ n: Int, _ word: String, _ words: String? = nil) -> String {
        "\(n) \(n == 1 ? word : words ?? word + "s")"
    }
}

/// The JSON report of `check` (docs/json-output.md).
enum CheckJSON {
    static let schemaVersion = 1

    static func render(_ report: CheckReport) -> SpecValue {
        @Sendable func e(_ key: String, _ value: SpecValue) -> SpecValue.Entry { SpecValue.Entry(key: key, value: value) }
        @Sendable func text(_ value: String?) -> SpecValue { value.map(SpecValue.string) ?? .null }
        return .map([
            e("schemaVersion", .int(schemaVersion)),
            e("command", .string(report.command)),
            e("repository", .string(report.repository)),
            e("base", text(report.base)),
            e("head", text(report.head)),
            e("passed", .bool(report.passed)),
            e(
                "summary",
                .map([
                    e("errors", .int(report.errors)),
                    e("warnings", .int(report.warnings)),
                    e("waived", .int(report.waived)),
                    e("blocking", .int(report.blocking.count)),
                    e("files", .int(report.counts.files)),
                    e("products", .int(report.counts.products)),
                    e("changedProducts", .int(report.counts.changedProducts)),
                    e("checkedProducts", .int(report.counts.checkedProducts)),
                    e("policies", .int(report.counts.policies)),
                    e("evaluations", .int(report.counts.evaluations)),
                    e("contractsCompared", .int(report.counts.contractsCompared)),
                ])),
            e(
                "findings",
                .list(
                    ReportSlices.map(report.items) { item in
                        .map([
                            e("category", .string(item.category.rawValue)),
                            e("severity", .string(item.severity.rawValue)),
                            e("rule", .string(item.rule)),
                            e("ruleName", text(item.ruleName)),
                            e("message", .string(item.message)),
                            e("file", .string(item.location.file)),
                            e("line", .int(item.location.line)),
                            e("column", .int(item.location.column)),
                            e("fieldPath", text(item.fieldPath)),
                            e("hint", text(item.hint)),
                            e("resource", text(item.resource)),
                            e("policy", text(item.policy)),
                            e("reason", text(item.reason)),
                            e("blocking", .bool(item.blocking)),
                            e(
                                "waiver",
                                item.waiver.map { w in
                                    .map([
                                        e("exception", .string(w.exception)), e("owner", .string(w.owner)),
                                        e("expires", .string(w.expires)), e("change", text(w.change?.rawValue)),
                                    ])
                                } ?? .null),
                            e("consumers", .list(item.consumers.map(SpecValue.string))),
                        ])
                    })),
        ])
    }
}

import DappCore

/// Where the CI reports point readers for more about dappctl and its rules.
enum ReportLinks {
    // dappctl has no published documentation site yet, so reports name the documentation file
    // (in the dappctl repository) instead of linking to a URL that may not exist.

    /// The documentation file that describes `rule` (repository-relative).
    static func documentation(rule: String, category: CheckReport.Category) -> String {
        switch category {
        case .validation: "docs/rules.md"
        // The gate's own findings (`policy/exception-expired`) are in the rule catalogue; violations
        // of policies (`security/…`, `contract/…`, a repository's own) are explained with the policies.
        case .policy: rule.hasPrefix("policy/") ? "docs/rules.md" : "docs/policies.md"
        // Contract changes (`FLD001`) are in the compatibility rules; what a comparison could not
        // do (`compat/history-incomplete`) is in the rule catalogue.
        case .compatibility: rule.hasPrefix("compat/") ? "docs/rules.md" : "docs/compatibility.md"
        }
    }
}

/// Report text for many findings: a check of many products reports tens of thousands of them
/// (megabytes of text), so each format renders its findings a slice per core and joins the
/// slices in order.
enum ReportSlices {
    static let size = 1024

    static func joined(_ items: [CheckReport.Item], _ render: @escaping @Sendable (CheckReport.Item) -> String) -> String {
        ParallelMap.slices(of: items, size: size) { slice in slice.reduce(into: "") { $0 += render($1) } }.joined()
    }

    /// `items.map(transform)`, a slice per core.
    static func map<T: Sendable>(_ items: [CheckReport.Item], _ transform: @escaping @Sendable (CheckReport.Item) -> T) -> [T] {
        Array(ParallelMap.slices(of: items, size: size) { $0.map(transform) }.joined())
    }
}

extension CheckReport {
    /// `2 errors, 1 warning, 1 waived`, or nil when there is nothing to count.
    var findingCounts: String? {
        var counts: [String] = []
        if errors > 0 { counts.append(Self.plural(errors, "error")) }
        if warnings > 0 { counts.append(Self.plural(warnings, "warning")) }
        if waived > 0 { counts.append("\(waived) waived") }
        return counts.isEmpty ? nil : counts.joined(separator: ", ")
    }

    /// `45 files, 8 products, 18 policies, 174 evaluations` (and the contracts compared against a base).
    var scope: String {
        var parts = [
            Self.plural(counts.files, "file"), Self.plural(counts.products, "product"), Self.plural(counts.policies, "policy"),
            Self.plural(counts.evaluations, "evaluation"),
        ]
        if base != nil || counts.contractsCompared > 0 {
            parts.append("\(Self.plural(counts.contractsCompared, "contract")) compared")
        }
        return parts.joined(separator: ", ")
    }

    /// The one-line verdict of the text report: `check: failed with 2 errors, 1 waived (…)`.
    var summaryLine: String {
        let verdict = passed ? "ok" : "failed"
        guard let findings = findingCounts else { return "\(command): \(verdict) (\(scope))" }
        return "\(command): \(verdict) with \(findings) (\(scope))"
    }

    /// The categories a report shows: those `check` always runs, compatibility when there was a
    /// base to compare with, and any other category that has findings.
    var categoriesChecked: [Category] {
        Category.allCases.filter { category in
            category != .compatibility || base != nil || counts.contractsCompared > 0
                || items.contains { $0.category == category }
        }
    }

    static func plural(_ n: Int, _ word: String) -> String {
        if n == 1 { return "1 \(word)" }
        if word.hasSuffix("y") { return "\(n) \(word.dropLast())ies" }
        return "\(n) \(word)s"
    }
}

extension CheckReport.Item {
    /// `path:line`, `path` when the line is unknown, or `-` when there is no file.
    var place: String {
        if location.file.isEmpty { return "-" }
        return location.line > 0 ? "\(location.file):\(location.line)" : location.file
    }

    /// `waived by exception X (owner O) until D`.
    var waiverText: String? {
        waiver.map { waiver in
            "waived by exception \(waiver.exception) (owner \(waiver.owner)) until \(waiver.expires)"
                + (waiver.change.map { ", \($0.phrase)" } ?? "")
        }
    }

    /// `breaks: a, b` for compatibility findings with consumers.
    var breaksText: String? {
        consumers.isEmpty ? nil : "breaks: " + consumers.joined(separator: ", ")
    }

    /// The message with its hint and the consumers it breaks, one per line.
    var fullMessage: String {
        var lines = [message]
        if let hint { lines.append("hint: \(hint)") }
        if let breaksText { lines.append(breaksText) }
        return lines.joined(separator: "\n")
    }

    /// Everything known about the finding, one `key: value` per line (JUnit details, plain text).
    var details: String {
        let prefix = location.file.isEmpty ? "" : "\(location): "
        var lines = ["\(prefix)\(severity.rawValue): \(message) [\(rule)]"]
        if let hint { lines.append("hint: \(hint)") }
        if let resource { lines.append("resource: \(resource)") }
        if let fieldPath { lines.append("field: \(fieldPath)") }
        if let breaksText { lines.append(breaksText) }
        if let waiverText { lines.append(waiverText) }
        return lines.joined(separator: "\n")
    }
}

import DappCore

/// The check report as a pull-request comment (GitHub-flavoured Markdown): the verdict, the
/// counts by category, a table of the blocking findings and, collapsed, the non-blocking ones
/// (warnings, notes, waived findings).
enum MarkdownReport {
    /// A hidden marker that lets a workflow find the comment it posted before and update it.
    static let marker = "<!-- dappctl-check -->"
    /// Rows per table; the rest is counted under the table.
    static let maxRows = 50
    /// Consumers named in a row's "breaks" cell; the rest are counted.
    static let maxConsumers = 10
    /// The comment's size at most, in UTF-8 bytes: GitHub refuses a comment over 65,536
    /// characters, and long messages or a product with many consumers must not make the
    /// pull-request comment fail to post. Tables stop early when the next row would not fit.
    static let maxBytes = 60_000
    /// Kept free for what follows the last row (the counts, the closing tags, the footer).
    static let reserve = 1_000

    static func render(_ report: CheckReport) -> String {
        var out = marker + "\n"
        let icon = report.passed ? "✅" : "❌"
        out += "## \(icon) dappctl \(report.command) \(report.passed ? "passed" : "failed")\n\n"
        var facts: [String] = []
        if let findings = report.findingCounts { facts.append(findings) }
        if let base = report.base { facts.append("\(code(base)) → \(code(report.head ?? "HEAD"))") }
        facts.append(report.scope)
        if report.strict { facts.append("strict: warnings block") }
        let waivedByChange = report.items.count { $0.waiver?.change != nil }
        if waivedByChange > 0 {
            facts.append("⚠️ \(CheckReport.plural(waivedByChange, "finding")) waived by exceptions this change adds or edits")
        }
        out += facts.joined(separator: " · ") + "\n\n"

        if report.items.isEmpty {
            out += "No findings.\n\n"
            return out + footer()
        }

        // Counted and picked by index: a check of many products reports tens of thousands of
        // findings, and filtering copies of them took longer than the rest of the report.
        let items = report.items
        out += "| category | errors | warnings | notes | waived |\n|---|--:|--:|--:|--:|\n"
        for category in report.categoriesChecked {
            var row = [0, 0, 0, 0]  // errors, warnings, notes, waived
            for i in items.indices where items[i].category == category {
                if items[i].waiver != nil {
                    row[3] += 1
                } else {
                    switch items[i].severity {
                    case .error: row[0] += 1
                    case .warning: row[1] += 1
                    case .note: row[2] += 1
                    }
                }
            }
            out += "| \(category.rawValue) | " + row.map(String.init).joined(separator: " | ") + " |\n"
        }
        out += "\n"

        let blocking = items.indices.filter { items[$0].blocking && items[$0].waiver == nil }
        if blocking.isEmpty {
            out += "Nothing blocks the merge.\n\n"
        } else {
            out += "### Blocking findings (\(blocking.count))\n\n"
            // The "breaks" column only when a compatibility finding names the consumers it breaks.
            let breaks = blocking.contains { !items[$0].consumers.isEmpty }
            out += breaks ? "| rule | location | message | breaks |\n|---|---|---|---|\n" : "| rule | location | message |\n|---|---|---|\n"
            let shown = appendRows(of: blocking, in: items, to: &out) { item in
                "| \(rule(item)) | \(code(item.place)) | \(cell(messageLines(item))) |" + (breaks ? " \(consumers(item)) |\n" : "\n")
            }
            out += more(blocking.count, shown: shown, "blocking findings")
        }

        let other = items.indices.filter { !(items[$0].blocking && items[$0].waiver == nil) }
        if !other.isEmpty {
            var kinds: [String] = []
            let warnings = other.count { items[$0].waiver == nil && items[$0].severity == .warning }
            let notes = other.count { items[$0].waiver == nil && items[$0].severity != .warning }
            let waived = other.count { items[$0].waiver != nil }
            if warnings > 0 { kinds.append(CheckReport.plural(warnings, "warning")) }
            if notes > 0 { kinds.append(CheckReport.plural(notes, "note")) }
            if waived > 0 { kinds.append("\(waived) waived") }
            out += "<details><summary>\(CheckReport.plural(other.count, "non-blocking finding")) ("
            out += kinds.joined(separator: ", ") + ")</summary>\n\n"
            out += "| severity | rule | location | message |\n|---|---|---|---|\n"
            let shown = appendRows(of: other, in: items, to: &out) { item in
                var lines = messageLines(item)
                if let waiverText = item.waiverText { lines.append(waiverText) }
                let severity = item.waiver == nil ? item.severity.rawValue : "\(item.severity.rawValue), waived"
                return "| \(severity) | \(rule(item)) | \(code(item.place)) | \(cell(lines)) |\n"
            }
            out += more(other.count, shown: shown, "non-blocking findings")
            out += "</details>\n\n"
        }
        return out + footer()
    }

    private static func footer() -> String {
        "<sub>dappctl \(DappctlVersion.current) · rules are described in dappctl's docs/rules.md, docs/policies.md "
            + "and docs/compatibility.md</sub>\n"
    }

    private static func more(_ count: Int, shown: Int, _ what: String) -> String {
        count > shown ? "\n…and \(count - shown) more \(what).\n\n" : "\n"
    }

    /// Appends the rows of the findings at `indices` of `items`, at most `maxRows` and
    /// only while a row leaves room for the rest of the comment; returns how many it appended.
    private static func appendRows(
        of indices: [Int], in items: [CheckReport.Item], to out: inout String, _ row: (CheckReport.Item) -> String
    ) -> Int {
        var shown = 0
        for index in indices.prefix(maxRows) {
            let text = row(items[index])
            guard out.utf8.count + text.utf8.count + reserve <= maxBytes else { break }
            out += text
            shown += 1
        }
        return shown
    }

    /// The consumers a finding breaks, the nearest `maxConsumers` named.
    private static func consumers(_ item: CheckReport.Item) -> String {
        var names = item.consumers.prefix(maxConsumers).map(code)
        if item.consumers.count > maxConsumers { names.append("…and \(item.consumers.count - maxConsumers) more") }
        return names.joined(separator: ", ")
    }

    private static func rule(_ item: CheckReport.Item) -> String {
        let id = code(item.rule)
        return item.ruleName.map { "\(id) \(cell([$0]))" } ?? id
    }

    private static func messageLines(_ item: CheckReport.Item) -> [String] {
        var lines = [item.message]
        if let fieldPath = item.fieldPath { lines.append("field: \(fieldPath)") }
        if let hint = item.hint { lines.append("hint: \(hint)") }
        return lines
    }

    /// Text for a table cell: Markdown and HTML punctuation escaped so it shows as written (`$`
    /// too, which GitHub reads as math), line breaks as `<br>`, `|` escaped so it cannot end the
    /// cell, control characters made visible.
    static func cell(_ lines: [String]) -> String {
        lines.flatMap { $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }.map { line in
            var out = ""
            for char in visible(String(line)) {
                switch char {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\\", "|", "`", "*", "_", "[", "]", "~", "#", "$": out += "\\\(char)"
                default: out.append(char)
                }
            }
            return out
        }.joined(separator: "<br>")
    }

    /// A code span that stays one span whatever it holds (backticks, `|`, line breaks).
    static func code(_ s: String) -> String {
        let flat = visible(s.split(whereSeparator: \.isNewline).joined(separator: " "))
            .split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
        let fence = flat.contains("`") ? "``" : "`"
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// Tabs as spaces, other control characters as a visible `\u{…}`.
    private static func visible(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar == "\t" {
                out += " "
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

import DappCore

/// The check report as SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers:
/// one run of the `dappctl` tool, one rule per distinct rule id, one result per finding in report
/// order. Waived findings are results with an external suppression.
///
/// GitHub code scanning rejects a run of more than 25,000 results, so a larger report keeps the
/// 25,000 that matter most (blocking findings, then other warnings, notes, waived ones) and says
/// in a tool notification how many of each were left out.
enum SARIFReport {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    static let version = "2.1.0"
    /// The base every artifact URI is relative to: the root of the spec repository.
    static let sourceRoot = "%SRCROOT%"
    /// Results GitHub code scanning accepts in one run.
    static let maxResults = 25_000

    static func render(_ report: CheckReport, maxResults: Int = maxResults) -> String {
        JSONText.render(document(report, maxResults: maxResults), newline: true)
    }

    /// What goes in when there are more than `limit` findings, in report order: by rank, and
    /// within the last rank that fits, the first in report order; and how many of each rank are
    /// left out.
    static func selection(_ items: [CheckReport.Item], limit: Int) -> (kept: [CheckReport.Item], leftOut: LeftOut) {
        guard items.count > limit else { return (items, LeftOut()) }
        let ranks = items.map { Rank($0).rawValue }
        var leftOut = LeftOut()
        for rank in ranks { leftOut.counts[rank] += 1 }
        var room = limit
        var quota = leftOut.counts
        for r in quota.indices {
            quota[r] = min(quota[r], room)
            room -= quota[r]
            leftOut.counts[r] -= quota[r]
        }
        var kept: [CheckReport.Item] = []
        kept.reserveCapacity(limit)
        for (item, r) in zip(items, ranks) where quota[r] > 0 {
            quota[r] -= 1
            kept.append(item)
        }
        return (kept, leftOut)
    }

    /// Which findings matter most to a reader of code scanning, first to last.
    enum Rank: Int, CaseIterable {
        case blocking, warning, note, waived

        init(_ item: CheckReport.Item) {
            if item.blocking {
                self = .blocking
            } else if item.waiver != nil {
                self = .waived
            } else {
                self = item.severity == .note ? .note : .warning
            }
        }

        /// How a count of this rank reads: "3 blocking", "2 warnings".
        var word: String {
            switch self {
            case .blocking: "blocking"
            case .warning: "warnings"
            case .note: "notes"
            case .waived: "waived"
            }
        }
    }

    /// How many findings of each rank a report left out.
    struct LeftOut {
        var counts = [Int](repeating: 0, count: Rank.allCases.count)
        var total: Int { counts.reduce(0, +) }
    }

    static func document(_ report: CheckReport, maxResults: Int = maxResults) -> SpecValue {
        let (items, leftOut) = selection(report.items, limit: maxResults)
        // One rule per distinct id, in the order the ids first appear.
        var ruleIndex: [String: Int] = [:]
        var rules: [SpecValue] = []
        for item in items where ruleIndex[item.rule] == nil {
            ruleIndex[item.rule] = rules.count
            rules.append(rule(item))
        }
        let driver: [SpecValue.Entry] = [
            e("name", .string("dappctl")),
            e("version", .string(DappctlVersion.current)),
            e("rules", .list(rules)),
        ]
        let index = ruleIndex
        var run: [SpecValue.Entry] = [e("tool", .map([e("driver", .map(driver))]))]
        if leftOut.total > 0 {
            let notification = SpecValue.map([
                e("level", .string("warning")),
                e("message", .map([e("text", .string(leftOutText(leftOut, of: report.items.count, limit: maxResults)))])),
            ])
            run.append(
                e(
                    "invocations",
                    .list([.map([e("executionSuccessful", .bool(true)), e("toolExecutionNotifications", .list([notification]))])])))
        }
        run += [
            e("results", .list(ReportSlices.map(items) { result($0, ruleIndex: index[$0.rule] ?? 0) })),
            e("properties", runProperties(report, leftOut: leftOut.total)),
        ]
        return .map([
            e("$schema", .string(schema)),
            e("version", .string(version)),
            e("runs", .list([.map(run)])),
        ])
    }

    private static func rule(_ item: CheckReport.Item) -> SpecValue {
        var entries = [e("id", .string(item.rule))]
        if let name = item.ruleName { entries.append(e("name", .string(name))) }
        let title = item.ruleName.map { "\(item.rule) \($0)" } ?? item.rule
        entries += [
            e("shortDescription", .map([e("text", .string("\(item.category.rawValue) rule \(title)"))])),
            e("help", .map([e("text", .string("See \(ReportLinks.documentation(rule: item.rule, category: item.category)) of dappctl."))])),
            e(
                "properties",
                .map([
                    e("category", .string(item.category.rawValue)),
                    e("tags", .list([.string("dappctl"), .string(item.category.rawValue)])),
                ])),
        ]
        return .map(entries)
    }

    private static func result(_ item: CheckReport.Item, ruleIndex: Int) -> SpecValue {
        var entries = [
            e("ruleId", .string(item.rule)),
            e("ruleIndex", .int(ruleIndex)),
            e("level", .string(level(item.severity))),
            e("message", .map([e("text", .string(item.fullMessage))])),
        ]
        if !item.location.file.isEmpty {
            var physical = [
                e(
                    "artifactLocation",
                    .map([e("uri", .string(uri(item.location.file))), e("uriBaseId", .string(sourceRoot))]))
            ]
            if item.location.line > 0 {
                var region = [e("startLine", .int(item.location.line))]
                if item.location.column > 0 { region.append(e("startColumn", .int(item.location.column))) }
                physical.append(e("region", .map(region)))
            }
            entries.append(e("locations", .list([.map([e("physicalLocation", .map(physical))])])))
        }
        if let waiverText = item.waiverText {
            entries.append(
                e("suppressions", .list([.map([e("kind", .string("external")), e("justification", .string(waiverText))])])))
        }
        var properties = [e("category", .string(item.category.rawValue))]
        if let resource = item.resource { properties.append(e("resource", .string(resource))) }
        if let fieldPath = item.fieldPath { properties.append(e("fieldPath", .string(fieldPath))) }
        properties.append(e("blocking", .bool(item.blocking)))
        if !item.consumers.isEmpty { properties.append(e("consumers", .list(item.consumers.map(SpecValue.string)))) }
        if let waiver = item.waiver {
            var entries = [
                e("exception", .string(waiver.exception)), e("owner", .string(waiver.owner)), e("expires", .string(waiver.expires)),
            ]
            if let change = waiver.change { entries.append(e("change", .string(change.rawValue))) }
            properties.append(e("waiver", .map(entries)))
        }
        entries.append(e("properties", .map(properties)))
        return .map(entries)
    }

    /// "14,014 of 39,014 findings are left out …", counted by rank.
    static func leftOutText(_ leftOut: LeftOut, of total: Int, limit: Int) -> String {
        let kinds = Rank.allCases.compactMap { rank in
            leftOut.counts[rank.rawValue] > 0 ? "\(leftOut.counts[rank.rawValue]) \(rank.word)" : nil
        }
        return "\(leftOut.total) of \(total) findings are left out (\(kinds.joined(separator: ", "))): GitHub code scanning "
            + "rejects a run of more than \(limit) results. The text, JSON and JUnit reports list every finding."
    }

    private static func runProperties(_ report: CheckReport, leftOut: Int) -> SpecValue {
        var entries = [
            e("command", .string(report.command)),
            e("passed", .bool(report.passed)),
            e("strict", .bool(report.strict)),
        ]
        if let base = report.base { entries.append(e("base", .string(base))) }
        if let head = report.head { entries.append(e("head", .string(head))) }
        entries += [
            e("errors", .int(report.errors)),
            e("warnings", .int(report.warnings)),
            e("waived", .int(report.waived)),
            e("files", .int(report.counts.files)),
            e("products", .int(report.counts.products)),
            e("policies", .int(report.counts.policies)),
            e("evaluations", .int(report.counts.evaluations)),
            e("contractsCompared", .int(report.counts.contractsCompared)),
        ]
        if leftOut > 0 { entries.append(e("resultsLeftOut", .int(leftOut))) }
        return .map(entries)
    }

    static func level(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A repository-relative path as a relative URI reference: every byte outside the unreserved
    /// characters, `/` and the harmless sub-delimiters is percent-encoded (`:` too, so that a first
    /// segment never reads as a scheme).
    static func uri(_ path: String) -> String {
        path.replacingBytes { byte in
            guard !uriKeeps(byte) else { return nil }
            let hex = String(byte, radix: 16, uppercase: true)
            return "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }

    /// ASCII letters and digits, `-._~` (unreserved), `/` and `!$&'()*+,;=@`.
    private static func uriKeeps(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "!"),
            UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"),
            UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "@"):
            true
        default: false
        }
    }

    private static func e(_ key: String, _ value: SpecValue) -> SpecValue.Entry { SpecValue.Entry(key: key, value: value) }
}

import DappCore
import DappTesting
import Testing

@testable import DappCLI

@Suite struct MarkdownReportTests {
    @Test func representativeReportMatchesGolden() {
        ReportFiles.compare(MarkdownReport.render(ReportSamples.representative), "check.md")
    }

    @Test func emptyReportMatchesGolden() {
        ReportFiles.compare(MarkdownReport.render(ReportSamples.empty), "check-empty.md")
    }

    @Test func verdictCountsAndTables() {
        let text = MarkdownReport.render(ReportSamples.representative)
        #expect(text.hasPrefix("<!-- dappctl-check -->\n## ❌ dappctl check failed\n"))
        #expect(text.contains("| policy | 1 | 1 | 0 | 1 |"))
        #expect(text.contains("### Blocking findings (4)"))
        #expect(text.contains("<details><summary>3 non-blocking findings (1 warning, 1 note, 1 waived)</summary>"))
        #expect(text.contains("`finance/revenue (input port orders)`, `marketing/campaigns (input port sales-orders)`"))
        // Every table row has exactly its cells: no `|` or newline of a message escapes into the table.
        for line in text.split(separator: "\n") where line.hasPrefix("|") {
            let columns =
                line.hasPrefix("| category") || line.hasPrefix("| policy") || line.hasPrefix("| validation")
                    || line.hasPrefix("| compatibility") || line.hasPrefix("|---|--:") ? 5 : 4
            #expect(unescapedPipes(line) == columns + 1, "\(line)")
        }
        #expect(!text.contains("\u{7}"))
    }

    @Test func emptyReportIsShort() {
        let text = MarkdownReport.render(ReportSamples.empty)
        #expect(text.contains("## ✅ dappctl check passed"))
        #expect(text.contains("No findings."))
        #expect(!text.contains("|"))
    }

    @Test func tablesStopAtFiftyRows() {
        let text = MarkdownReport.render(ReportSamples.long)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `contract/fields-classified`") }
        #expect(rows.count == 50)
        #expect(text.contains("…and 10 more blocking findings."))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("| warning |") }.count == 50)
        #expect(text.contains("…and 5 more non-blocking findings."))
    }

    /// GitHub refuses a comment over 65,536 characters: long messages and a port with hundreds
    /// of consumers shorten the tables, and the comment still posts.
    @Test func theCommentStaysUnderGitHubsLimit() {
        let consumers = (1...400).map { "domain-\($0 % 40)/consumer-\($0) (input port orders)" }
        let items = (1...80).map { n in
            CheckReport.Item(
                category: .compatibility, severity: .error, rule: "FLD001", ruleName: "field-removed",
                message: "field orders.f\(n) was removed; consumers that read it break " + String(repeating: "x", count: 600),
                location: SourceLocation(file: "products/sales/orders/orders.odcs.yaml", line: n, column: 5), blocking: true,
                consumers: consumers)
        }
        let report = CheckReport(
            command: "check", repository: "/srv/specs", items: items, passed: false, strict: false,
            counts: .init(files: 1, products: 1, policies: 0, evaluations: 0, contractsCompared: 1))
        let text = MarkdownReport.render(report)
        #expect(text.utf8.count <= 60_000, "\(text.utf8.count) bytes")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `FLD001`") }
        #expect(rows.count > 10 && rows.count < 50, "\(rows.count) rows")
        #expect(text.contains("…and \(80 - rows.count) more blocking findings."))
        #expect(rows[0].contains("`domain-1/consumer-1 (input port orders)`"))
        #expect(rows[0].contains("…and 390 more |"))
        #expect(text.hasSuffix("docs/compatibility.md</sub>\n"))
    }

    @Test func cellsEscapeMarkdownAndHTML() {
        #expect(MarkdownReport.cell(["a|b <c> & *d*", "e_f"]) == "a\\|b &lt;c&gt; &amp; \\*d\\*<br>e\\_f")
        #expect(MarkdownReport.code("a|b") == "`a\\|b`")
        #expect(MarkdownReport.code("a`b") == "``a`b``")
    }

    private func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for char in line {
            if escaped {
                escaped = false
            } else if char == "\\" {
                escaped = true
            } else if char == "|" {
                count += 1
            }
        }
        return count
    }
}

import DappCore
import Testing

@testable import DappCLI

/// The compiler-style text report: a check of many products renders its findings on every core,
/// and must still print them once each, in the report's order, with the summary last.
@Suite struct CheckTextTests {
    @Test func manyFindingsPrintInOrderWithTheSummaryLast() {
        let count = 5_000
        let report = CheckReport(
            command: "check", repository: "/srv/specs",
            items: (1...count).map { n in
                CheckReport.Item(
                    category: .policy, severity: n.isMultiple(of: 3) ? .warning : .error, rule: "contract/fields-classified",
                    message: "field f\(n) has no classification",
                    location: SourceLocation(file: "products/p/contracts/c.yaml", line: n, column: 7),
                    hint: n.isMultiple(of: 1_000) ? "classify it" : nil, blocking: !n.isMultiple(of: 3))
            }, passed: false, strict: false, counts: .init(files: 1, products: 1, policies: 1, evaluations: count))
        let lines = CheckText.render(report).split(separator: "\n").map(String.init)
        let findings = lines.filter { $0.hasPrefix("products/") }
        #expect(findings.map { Int($0.split(separator: ":")[1]) } == (1...count).map { $0 })
        #expect(lines.count { $0 == "    hint: classify it" } == 5)
        #expect(
            lines.firstIndex(of: "    hint: classify it") == lines.firstIndex { $0.hasPrefix("products/p/contracts/c.yaml:1000:") }! + 1)
        #expect(lines.last == CheckText.summary(report))
        #expect(lines.last?.contains("3334 errors") == true, "\(lines.last ?? "")")
    }
}

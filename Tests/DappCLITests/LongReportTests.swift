import DappCore
import Foundation
import Testing

@testable import DappCLI

/// A report of more findings than one slice is rendered a slice per core; every format must still
/// hold every finding once, in report order, as one finding at a time renders it.
@Suite struct LongReportTests {
    let report = ReportSamples.many

    @Test func textIsEveryFindingsLinesInOrder() {
        let expected = report.items.map(CheckText.lines).joined() + CheckText.summary(report) + "\n"
        #expect(CheckText.render(report) == expected)
    }

    @Test func githubAnnotationsAreEveryFindingInOrder() {
        let expected = report.items.map(GitHubAnnotations.annotation).joined()
        let rendered = GitHubAnnotations.render(report)
        #expect(rendered.hasPrefix(expected))
        // Then only the summary notice.
        #expect(rendered.dropFirst(expected.count).split(separator: "\n").count == 1)
    }

    @Test func junitHasATestCasePerFindingInReportOrder() throws {
        let document = try JUnitDocument.parse(JUnitReport.render(report))
        let expected = report.categoriesChecked.flatMap { category in
            report.items.filter { $0.category == category }.map { "\($0.rule) \($0.place)" }
        }
        #expect(document.all("testcase").map { $0.attributes["name"] ?? "" } == expected)
    }

    @Test func sarifHasAResultPerFindingInOrder() throws {
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReport.render(report).utf8)) as? [String: Any])
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let messages = results.map { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(messages == report.items.map(\.fullMessage))
    }

    @Test func jsonHasAFindingPerFindingInOrder() throws {
        let text = JSONText.render(CheckJSON.render(report))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["message"] as? String } == report.items.map(\.message))
        #expect(findings.map { $0["line"] as? Int } == report.items.map(\.location.line))
    }
}

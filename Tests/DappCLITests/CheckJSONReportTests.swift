import DappCore
import DappTesting
import Foundation
import Testing

@testable import DappCLI

/// `check --format json` (docs/json-output.md), and how every format marks a waiver that the
/// change under check writes itself.
@Suite struct CheckJSONReportTests {
    @Test func representativeReportMatchesGolden() {
        ReportFiles.compare(JSONText.render(CheckJSON.render(ReportSamples.representative), newline: true), "check.json")
    }

    @Test func emptyReportMatchesGolden() {
        ReportFiles.compare(JSONText.render(CheckJSON.render(ReportSamples.empty), newline: true), "check-empty.json")
    }

    /// The representative report with its waiver added by the change under check.
    static var waivedByTheChange: CheckReport {
        var report = ReportSamples.representative
        for at in report.items.indices where report.items[at].waiver != nil { report.items[at].waiver?.change = .added }
        return report
    }

    @Test func aWaiverTheChangeAddsIsMarkedInEveryFormat() throws {
        let report = Self.waivedByTheChange
        let text = Output.render(report, as: .text)
        #expect(text.contains("(exception 'customer-segments-single-owner' added by this change, owner team-crm@example.com"))
        let marked =
            "waived by exception customer-segments-single-owner (owner team-crm@example.com) until 2027-02-15, added by this change"
        for format in [OutputFormat.sarif, .junit, .github, .markdown] {
            #expect(Output.render(report, as: format).contains(marked), "\(format)")
        }
        #expect(Output.render(report, as: .markdown).contains(" · ⚠️ 1 finding waived by exceptions this change adds or edits\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Output.render(report, as: .json).utf8)) as? [String: Any])
        let waivers = (json["findings"] as? [[String: Any]] ?? []).compactMap { $0["waiver"] as? [String: Any] }
        #expect(waivers.count == 1)
        #expect(waivers.first?["change"] as? String == "added")
        // Without a change, no marker anywhere.
        for format in OutputFormat.allCases {
            #expect(!Output.render(ReportSamples.representative, as: format).contains("by this change"), "\(format)")
        }
    }
}

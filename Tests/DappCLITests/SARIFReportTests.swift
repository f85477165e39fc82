import DappCore
import DappTesting
import Foundation
import Testing

@testable import DappCLI

/// Where the report tests keep their golden files and the schema.
enum ReportFiles {
    static let directory = "\(TestPaths.packageRoot)/Tests/DappCLITests"

    static func golden(_ name: String) -> String { "\(directory)/Golden/reports/\(name)" }

    static let sarifSchema = "\(directory)/Resources/sarif-schema-2.1.0.json"

    static func compare(_ text: String, _ name: String) {
        if let difference = Golden.compare(text, toFile: golden(name)) { Issue.record("\(difference)") }
    }
}

/// Validates SARIF documents against the official OASIS SARIF 2.1.0 JSON schema (committed under
/// Resources/) with Python's jsonschema package (scripts/install-deps.sh installs it).
enum SARIFSchema {
    static let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        document = json.load(open(sys.argv[2], encoding="utf-8"))
        validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        for e in errors:
            print("/" + "/".join(map(str, e.absolute_path)) + ": " + e.message)
        sys.exit(1 if errors else 0)
        """

    /// The Debian python3 (where python3-jsonschema installs) when present, else the PATH's.
    static var python: String {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"
    }

    /// Nil when the document is valid, else the validator's complaints.
    static func problems(_ document: String) throws -> String? {
        let directory = try TemporaryDirectory(prefix: "dappctl-sarif")
        defer { directory.remove() }
        let path = try directory.write("report.sarif", document)
        let result = try CommandRunner.run("/usr/bin/env", [python, "-c", script, ReportFiles.sarifSchema, path])
        if result.status == 0 { return nil }
        return "exit \(result.status)\n\(result.stdout)\(result.stderr)"
    }
}

@Suite struct SARIFReportTests {
    @Test func representativeReportMatchesGolden() {
        ReportFiles.compare(SARIFReport.render(ReportSamples.representative), "check.sarif")
    }

    @Test func emptyReportMatchesGolden() {
        ReportFiles.compare(SARIFReport.render(ReportSamples.empty), "check-empty.sarif")
    }

    @Test(arguments: ["representative", "empty", "long"])
    func validAgainstTheOfficialSchema(_ name: String) throws {
        let report = ["representative": ReportSamples.representative, "empty": ReportSamples.empty, "long": ReportSamples.long][
            name]!
        if let problems = try SARIFSchema.problems(SARIFReport.render(report)) { Issue.record("\(problems)") }
    }

    /// The validation is not vacuous: documents that break the schema are rejected.
    @Test func validatorRejectsInvalidDocuments() throws {
        let valid = SARIFReport.render(ReportSamples.representative)
        for broken in [
            valid.replacingOccurrences(of: "\"level\": \"warning\"", with: "\"level\": \"fatal\""),
            valid.replacingOccurrences(of: "\"startLine\": 7", with: "\"startLine\": 0"),
            valid.replacingOccurrences(of: "\"version\": \"2.1.0\",\n  \"runs\"", with: "\"runs\""),
            valid.replacingOccurrences(of: "\"kind\": \"external\"", with: "\"kind\": \"waived\""),
        ] {
            #expect(broken != valid)
            let problems = try SARIFSchema.problems(broken)
            #expect(problems != nil, "a broken document passed the schema")
        }
    }

    @Test func resultsPointAtTheirRulesAndPlaces() throws {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(SARIFReport.render(ReportSamples.representative).utf8)) as? [String: Any])
        #expect(json["version"] as? String == "2.1.0")
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "dappctl")
        #expect(driver["version"] as? String == DappctlVersion.current)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == ReportSamples.representative.items.count)
        #expect(rules.count == Set(ReportSamples.representative.items.map(\.rule)).count)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        var help: [String: String] = [:]
        for rule in rules {
            if let id = rule["id"] as? String, let text = (rule["help"] as? [String: Any])?["text"] as? String { help[id] = text }
        }
        #expect(help["spec/unknown-field"] == "See docs/rules.md of dappctl.")
        #expect(help["policy/exception-expired"] == "See docs/rules.md of dappctl.")
        #expect(help["security/bucket-encrypted"] == "See docs/policies.md of dappctl.")
        #expect(help["FLD001"] == "See docs/compatibility.md of dappctl.")
        #expect(rules.first { $0["id"] as? String == "FLD001" }?["name"] as? String == "field-removed")

        // The compatibility error says what breaks; the waived finding carries its exception.
        let breaking = try #require(results.first { $0["ruleId"] as? String == "FLD001" })
        let message = try #require((breaking["message"] as? [String: Any])?["text"] as? String)
        #expect(message.contains("\nbreaks: finance/revenue (input port orders), marketing/campaigns (input port sales-orders)"))
        let waived = try #require(results.first { $0["ruleId"] as? String == "owners/min-two" })
        let suppression = try #require((waived["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect(
            suppression["justification"] as? String
                == "waived by exception customer-segments-single-owner (owner team-crm@example.com) until 2027-02-15")

        // A finding whose line is unknown has a file but no region; a known line without a column no startColumn.
        func physical(_ rule: String) throws -> [String: Any] {
            let result = try #require(results.first { $0["ruleId"] as? String == rule })
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            return try #require(location["physicalLocation"] as? [String: Any])
        }
        #expect(try physical("FLD002")["region"] == nil)
        let tricky = try physical("spec/invalid-value")
        #expect((tricky["region"] as? [String: Any])?["startColumn"] == nil)
        let artifact = try #require(tricky["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "products/sales/orders/store%20tables/o%7Crders%20%3Cv2%3E%20100%25,a%3Ab.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
    }

    /// GitHub rejects a run of more than 25,000 results: a larger report keeps the blocking
    /// findings first, stays valid SARIF, and says what it left out.
    @Test func aReportOverTheLimitKeepsBlockingFindingsFirstAndSaysWhatIsLeftOut() throws {
        let report = ReportSamples.long
        let text = SARIFReport.render(report, maxResults: 70)
        if let problems = try SARIFSchema.problems(text) { Issue.record("\(problems)") }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 70)
        #expect(results.prefix(60).allSatisfy { $0["level"] as? String == "error" })
        let kept = results.suffix(10).compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(kept == (1...10).map { "stray file \($0)" }, "the first warnings in report order")
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(notification["level"] as? String == "warning")
        #expect(
            (notification["message"] as? [String: Any])?["text"] as? String
                == "45 of 115 findings are left out (45 warnings): GitHub code scanning rejects a run of more than 70 results. "
                + "The text, JSON and JUnit reports list every finding.")
        #expect((run["properties"] as? [String: Any])?["resultsLeftOut"] as? Int == 45)

        // Fewer places than blocking findings: the first blocking ones, nothing else.
        let tight = SARIFReport.selection(report.items, limit: 5)
        #expect(tight.kept.map(\.message) == (1...5).map { "field f\($0) has no classification" })
        #expect(tight.leftOut.total == 110)
        #expect(
            SARIFReport.leftOutText(tight.leftOut, of: 115, limit: 5).hasPrefix(
                "110 of 115 findings are left out (55 blocking, 55 warnings)"))

        // At the limit nothing is left out, and the document is the one without a limit.
        #expect(SARIFReport.render(report, maxResults: 115) == SARIFReport.render(report))
        #expect(!SARIFReport.render(report).contains("invocations"))
    }

    @Test func outputIsDeterministic() {
        #expect(SARIFReport.render(ReportSamples.representative) == SARIFReport.render(ReportSamples.representative))
    }
}

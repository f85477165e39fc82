import DappCore
import DappPolicy
import DappSpecs
import DappTesting
import DappYAML
import Foundation
import Testing

/// fixtures/contract-changes: every base → head pair must give exactly its expected rule ids and
/// verdict; safe changes must produce no breaking finding.
@Suite struct ContractChangeCorpusTests {
    static let root = TestPaths.fixture("contract-changes")

    struct Case: CustomTestStringConvertible {
        var name: String
        var mode: CompatibilityMode
        var breaking: Bool
        var findings: [String]
        var testDescription: String { name }
    }

    static func cases() throws -> [Case] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.hasSuffix(".md") }.sorted()
        return try names.map { name in
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(name)/expected.yaml")))
            let document = try #require(YAMLReader.read(bytes, file: "expected.yaml").documents.first)
            let mode = document["mode"]?.scalar.flatMap { CompatibilityMode(rawValue: $0.text) } ?? .backward
            let findings = (document["findings"]?.sequence ?? []).compactMap { $0.scalar?.text }
            return Case(name: name, mode: mode, breaking: document["breaking"]?.scalar?.text == "true", findings: findings.sorted())
        }
    }

    static func contract(_ path: String) throws -> DataContract {
        let (contract, diagnostics) = ContractReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        guard let contract, !diagnostics.hasErrors else {
            throw GitCLIError(message: "\(path) does not load: \(diagnostics.map(\.message))")
        }
        return contract
    }

    @Test func corpusHasTheCasesTheIssueAsksFor() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 60)
        #expect(cases.filter { !$0.breaking }.count >= 15)
        let covered = Set(cases.flatMap(\.findings))
        for rule in CompatibilityRules.all {
            #expect(covered.contains(rule.id), "no case covers \(rule.id) \(rule.name)")
        }
    }

    @Test(arguments: try cases())
    func eachCaseGivesExactlyItsFindings(_ testCase: Case) throws {
        let base = try Self.contract("\(Self.root)/\(testCase.name)/base.odcs.yaml")
        let head = try Self.contract("\(Self.root)/\(testCase.name)/head.odcs.yaml")
        let findings = ContractCompatibility.compare(base: base, head: head, mode: testCase.mode)
        let rules = Array(Set(findings.map(\.rule.id))).sorted()
        #expect(rules == testCase.findings, "\(findings.map { "\($0.rule.id) \($0.severity): \($0.change.message)" })")
        #expect(findings.contains(where: \.isBreaking) == testCase.breaking)
    }
}

import DappCore
import DappPolicy
import DappSpecs
import DappTesting
import Foundation
import Testing

/// The built-in bundles: embedded exactly as committed under policies/, clean, tested, documented.
@Suite struct BuiltinPolicySync {
    static let policiesRoot = "\(TestPaths.packageRoot)/policies"
    static let generated = "\(TestPaths.packageRoot)/Sources/DappSpecs/Builtin/BuiltinPolicyFiles.swift"

    static func sourceFiles() throws -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = []
        for folder in ["security", "contract", "tests"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: "\(policiesRoot)/\(folder)").filter { $0.hasSuffix(".yaml") }
            for name in names.sorted() {
                files.append(("\(folder)/\(name)", try String(contentsOfFile: "\(policiesRoot)/\(folder)/\(name)", encoding: .utf8)))
            }
        }
        return files
    }

    @Test func embeddedFilesMatchPoliciesFolder() throws {
        let expected = BuiltinPolicies.embeddingSource(try Self.sourceFiles())
        if TestPaths.recordSnapshots {
            try expected.write(toFile: Self.generated, atomically: true, encoding: .utf8)
            return
        }
        let committed = try String(contentsOfFile: Self.generated, encoding: .utf8)
        #expect(committed == expected, "BuiltinPolicyFiles.swift is stale: run RECORD_SNAPSHOTS=1 swift test --filter BuiltinPolicySync")
    }

    @Test func everyBuiltinPolicyDecodesAndCompiles() {
        #expect(BuiltinPolicies.diagnostics() == [])
        let policies = BuiltinPolicies.policies(bundles: BuiltinPolicies.bundleNames)
        let gate = PolicyGate(policies: policies, exceptions: [], today: CalendarDate(year: 2026, month: 11, day: 26)!)
        #expect(gate.diagnostics == [])
        #expect(gate.policies.count == policies.count)
    }

    @Test func bundlesHoldTheRulesTheyPromise() {
        let policies = BuiltinPolicies.policies(bundles: BuiltinPolicies.bundleNames)
        let security = policies.filter { $0.meta.name.hasPrefix("security-") }.flatMap(\.spec.validations)
        let contract = policies.filter { $0.meta.name.hasPrefix("contract-") }.flatMap(\.spec.validations)
        #expect(security.count >= 10)
        #expect(contract.count >= 6)
        for rule in security + contract {
            #expect(rule.id != nil, "every built-in rule has an id")
            #expect(rule.message != nil || rule.messageExpression != nil, "\(rule.id ?? "?") says how to fix it")
        }
        #expect(Set(security.compactMap(\.id)).allSatisfy { $0.hasPrefix("security/") })
        #expect(Set(contract.compactMap(\.id)).allSatisfy { $0.hasPrefix("contract/") })
    }

    @Test func everyBuiltinRuleIsTestedBothWays() throws {
        let (suites, diagnostics) = PolicyTestLoader.load(files: BuiltinPolicies.testFiles)
        #expect(diagnostics == [])
        let cases = suites.flatMap(\.cases)
        for policy in BuiltinPolicies.policies(bundles: BuiltinPolicies.bundleNames) {
            for rule in policy.spec.validations.compactMap(\.id) {
                let relevant = cases.filter { policy.spec.matchKinds.contains($0.subject.id.kind) }
                #expect(relevant.contains { $0.expect.contains { $0.value == rule } }, "no case shows \(rule) firing")
                #expect(relevant.contains { !$0.expect.contains { $0.value == rule } }, "no case shows \(rule) quiet")
            }
        }
    }

    @Test func builtinTestsPass() {
        let (suites, _) = PolicyTestLoader.load(files: BuiltinPolicies.testFiles)
        let result = PolicyTestRunner.run(
            suites, policies: BuiltinPolicies.policies(bundles: BuiltinPolicies.bundleNames),
            today: CalendarDate(year: 2026, month: 11, day: 26)!)
        for testCase in result.cases where !testCase.passed {
            Issue.record("\(testCase.suite)/\(testCase.name): \(testCase.problems.map(\.message))")
        }
        #expect(result.diagnostics == [])
        #expect(result.cases.count >= 30)
    }

    @Test func everyBuiltinRuleIsDocumented() throws {
        let docs = try String(contentsOfFile: "\(TestPaths.packageRoot)/docs/policies.md", encoding: .utf8)
        for policy in BuiltinPolicies.policies(bundles: BuiltinPolicies.bundleNames) {
            #expect(docs.contains("`\(policy.meta.name)`"), "docs/policies.md does not list policy \(policy.meta.name)")
            for rule in policy.spec.validations.compactMap(\.id) {
                #expect(docs.contains("`\(rule)`"), "docs/policies.md does not list rule \(rule)")
            }
        }
    }
}

import DappCore

/// Runs policy unit tests: each case's resource through the policies under test, the rules that
/// fire compared with the ones the case expects.
public enum PolicyTestRunner {
    public struct CaseResult: Sendable {
        public var suite: String
        public var name: String
        public var location: SourceLocation
        public var expected: [String]
        public var fired: [String]
        /// Why the case failed; empty when it passed.
        public var problems: [Diagnostic]

        public var passed: Bool { problems.isEmpty }
    }

    public struct Result: Sendable {
        public var cases: [CaseResult]
        /// Problems of the test files and of the policies themselves.
        public var diagnostics: [Diagnostic]
        public var policyCount: Int

        public var failedCount: Int { cases.count { !$0.passed } }
        public var passes: Bool { failedCount == 0 && !diagnostics.hasErrors && !cases.isEmpty }
    }

    public static func run(_ suites: [PolicyTestSuite], policies: [SpecDocument<DappPolicySpec>], today: CalendarDate) -> Result {
        var diagnostics: [Diagnostic] = []
        let allGate = PolicyGate(policies: policies, exceptions: [], today: today)
        diagnostics += allGate.diagnostics
        let known = policies.map(\.meta.name)
        var results: [CaseResult] = []
        for suite in suites {
            for name in suite.policies where !known.contains(name.value) {
                diagnostics.append(
                    .error(
                        .policyTestInvalid, "test '\(suite.name)' names policy '\(name.value)', which is not loaded", at: name.location,
                        hint: Suggestion.closest(to: name.value, in: known).map { "did you mean '\($0)'?" }))
            }
            let selected = suite.policies.isEmpty ? policies : policies.filter { p in suite.policies.contains { $0.value == p.meta.name } }
            let gate = PolicyGate(policies: selected, exceptions: [], today: suite.today ?? today)
            let rules = Set(gate.policies.flatMap { policy in [policy.name] + policy.validations.map(\.rule) })
            for testCase in suite.cases {
                results.append(run(testCase, of: suite, gate: gate, rules: rules))
            }
        }
        return Result(cases: results, diagnostics: diagnostics.sorted(), policyCount: policies.count)
    }

    static func run(_ testCase: PolicyTestSuite.Case, of suite: PolicyTestSuite, gate: PolicyGate, rules: Set<String>) -> CaseResult {
        var subject = testCase.subject
        subject.base = testCase.oldObject.map(PolicySubject.BaseVersion.changed)
        let report = gate.evaluate(PolicyInput(subjects: [subject], related: testCase.related, isComplete: false))
        let expected = testCase.expect.map(\.value)
        let fired = Array(Set(report.findings.map(\.rule))).sorted()
        var problems: [Diagnostic] = []
        let name = "'\(suite.name)/\(testCase.name)'"
        for rule in testCase.expect where !rules.contains(rule.value) {
            problems.append(
                .error(
                    .policyTestInvalid, "case \(name) expects rule '\(rule.value)', which no policy under test declares", at: rule.location,
                    hint: Suggestion.closest(to: rule.value, in: Array(rules)).map { "did you mean '\($0)'?" }))
        }
        for finding in report.findings where finding.isEvaluationError {
            problems.append(.error(.policyTestFailed, "case \(name): \(finding.message)", at: testCase.location))
        }
        let missing = Set(expected).subtracting(fired).filter(rules.contains).sorted()
        let unexpected = Set(fired).subtracting(expected).sorted()
        if !missing.isEmpty || !unexpected.isEmpty {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("expected \(missing.joined(separator: ", ")) to fire, but it did not") }
            if !unexpected.isEmpty {
                let messages = report.findings.filter { unexpected.contains($0.rule) }.map { "\($0.rule): \($0.message)" }
                parts.append("unexpected \(messages.joined(separator: "; "))")
            }
            problems.append(.error(.policyTestFailed, "case \(name): \(parts.joined(separator: "; "))", at: testCase.expectLocation))
        }
        return CaseResult(
            suite: suite.name, name: testCase.name, location: testCase.location, expected: expected, fired: fired, problems: problems)
    }
}

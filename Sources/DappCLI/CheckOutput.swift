import DappCore
import DappPolicy

extension Output {
    func check(_ result: CheckResult, repository: String) throws -> ExitStatus {
        let text: String
        switch format {
        case .text: text = CheckText.render(result)
        case .json: text = JSONText.render(CheckJSON.render(result, repository: repository)) + "\n"
        }
        try emit(text)
        return result.passes ? .success : .failure
    }

    func policyTests(_ result: PolicyTestRunner.Result, verbose: Bool) throws -> ExitStatus {
        let text: String
        switch format {
        case .text: text = PolicyTestText.render(result, verbose: verbose)
        case .json: text = JSONText.render(PolicyTestJSON.render(result)) + "\n"
        }
        try emit(text)
        return result.passes ? .success : .failure
    }
}

enum CheckText {
    static func render(_ result: CheckResult) -> String {
        var out = ""
        for diagnostic in result.diagnostics {
            out += DiagnosticText.line(diagnostic) + "\n"
            if let hint = diagnostic.hint { out += "    hint: \(hint)\n" }
        }
        let summary = ValidationSummary(result: result.load)
        let scope =
            "\(summary.files) files, \(summary.products) products, \(result.policies.policyCount) policies, "
            + "\(result.policies.evaluationCount) evaluations"
        var counts: [String] = []
        if result.errors > 0 { counts.append(plural(result.errors, "error")) }
        if result.warnings > 0 { counts.append(plural(result.warnings, "warning")) }
        if result.waived > 0 { counts.append("\(result.waived) waived") }
        let verdict = result.passes ? "ok" : "failed"
        out += counts.isEmpty ? "check: ok (\(scope))\n" : "check: \(verdict) with \(counts.joined(separator: ", ")) (\(scope))\n"
        return out
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// The JSON report of `check` (docs/json-output.md).
enum CheckJSON {
    static let schemaVersion = 1

    static func render(_ result: CheckResult, repository: String) -> SpecValue {
        func e(_ key: String, _ value: SpecValue) -> SpecValue.Entry { SpecValue.Entry(key: key, value: value) }
        let summary = ValidationSummary(result: result.load)
        let validation = ValidationJSON.render(
            result.load.diagnostics + result.policies.diagnostics, summary: summary, repository: repository)
        return .map([
            e("schemaVersion", .int(schemaVersion)),
            e("command", .string("check")),
            e("repository", .string(repository)),
            e("passed", .bool(result.passes)),
            e(
                "summary",
                .map([
                    e("errors", .int(result.errors)),
                    e("warnings", .int(result.warnings)),
                    e("waived", .int(result.waived)),
                    e("files", .int(summary.files)),
                    e("products", .int(summary.products)),
                    e("policies", .int(result.policies.policyCount)),
                    e("resources", .int(result.policies.resourceCount)),
                    e("evaluations", .int(result.policies.evaluationCount)),
                ])),
            e("diagnostics", validation["diagnostics"] ?? .list([])),
            e(
                "findings",
                .list(
                    result.policies.findings.map { f in
                        .map([
                            e("rule", .string(f.rule)),
                            e("policy", .string(f.policy)),
                            e(
                                "resource",
                                .map([
                                    e("kind", .string(f.resource.kind.rawValue)), e("domain", .string(f.resource.domain)),
                                    e("name", .string(f.resource.name)),
                                ])),
                            e("severity", .string(f.severity.rawValue)),
                            e("blocking", .bool(f.isBlocking)),
                            e("message", .string(f.message)),
                            e("reason", f.reason.map(SpecValue.string) ?? .null),
                            e("file", .string(f.location.file)),
                            e("line", .int(f.location.line)),
                            e("column", .int(f.location.column)),
                            e("fieldPath", f.fieldPath.map { .string($0.description) } ?? .null),
                            e("evaluationError", .bool(f.isEvaluationError)),
                            e(
                                "waiver",
                                f.waiver.map { w in
                                    .map([
                                        e("exception", .string(w.exception)), e("owner", .string(w.owner)),
                                        e("expires", .string(w.expires.description)),
                                    ])
                                } ?? .null),
                        ])
                    })),
        ])
    }
}

enum PolicyTestText {
    static func render(_ result: PolicyTestRunner.Result, verbose: Bool) -> String {
        var out = ""
        for diagnostic in result.diagnostics {
            out += DiagnosticText.line(diagnostic) + "\n"
            if let hint = diagnostic.hint { out += "    hint: \(hint)\n" }
        }
        for testCase in result.cases {
            if testCase.passed {
                if verbose { out += "PASS \(testCase.suite)/\(testCase.name)\n" }
                continue
            }
            out += "FAIL \(testCase.suite)/\(testCase.name)\n"
            for problem in testCase.problems {
                out += "  " + DiagnosticText.line(problem) + "\n"
                if let hint = problem.hint { out += "      hint: \(hint)\n" }
            }
        }
        let passed = result.cases.count - result.failedCount
        let verdict = result.passes ? "ok" : "failed"
        out +=
            "policy test: \(verdict), \(passed) passed, \(result.failedCount) failed "
            + "(\(result.cases.count) cases, \(result.policyCount) policies)\n"
        return out
    }
}

enum PolicyTestJSON {
    static func render(_ result: PolicyTestRunner.Result) -> SpecValue {
        func e(_ key: String, _ value: SpecValue) -> SpecValue.Entry { SpecValue.Entry(key: key, value: value) }
        func diagnostic(_ d: Diagnostic) -> SpecValue {
            .map([
                e("severity", .string(d.severity.rawValue)), e("rule", .string(d.rule.rawValue)), e("message", .string(d.message)),
                e("file", .string(d.location.file)), e("line", .int(d.location.line)), e("column", .int(d.location.column)),
                e("hint", d.hint.map(SpecValue.string) ?? .null),
            ])
        }
        return .map([
            e("schemaVersion", .int(1)),
            e("command", .string("policy test")),
            e("passed", .bool(result.passes)),
            e(
                "summary",
                .map([
                    e("cases", .int(result.cases.count)), e("failed", .int(result.failedCount)), e("policies", .int(result.policyCount)),
                ])),
            e("diagnostics", .list(result.diagnostics.map(diagnostic))),
            e(
                "cases",
                .list(
                    result.cases.map { c in
                        .map([
                            e("suite", .string(c.suite)), e("name", .string(c.name)), e("passed", .bool(c.passed)),
                            e("file", .string(c.location.file)), e("line", .int(c.location.line)),
                            e("expected", .list(c.expected.map(SpecValue.string))), e("fired", .list(c.fired.map(SpecValue.string))),
                            e("problems", .list(c.problems.map(diagnostic))),
                        ])
                    })),
        ])
    }
}

import DappCore
import DappPolicy

extension Output {
    func policyTests(_ result: PolicyTestRunner.Result, verbose: Bool) throws -> ExitStatus {
        let text: String
        switch format {
        case .json: text = JSONText.render(PolicyTestJSON.render(result), newline: true)
        default: text = PolicyTestText.render(result, verbose: verbose)
        }
        try emit(text)
        return result.passes ? .success : .failure
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

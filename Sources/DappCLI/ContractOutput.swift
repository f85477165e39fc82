import DappCore
import DappPolicy

extension Output {
    func contractDiff(_ findings: [CompatibilityFinding], base: String, head: String, mode: CompatibilityMode) throws -> ExitStatus {
        let breaking = findings.contains(where: \.isBreaking)
        let text: String
        switch format {
        case .text, .sarif, .junit, .github, .markdown:
            var out = ""
            for finding in findings {
                let diagnostic = finding.diagnostic
                out += DiagnosticText.line(diagnostic) + "\n"
                if let hint = diagnostic.hint { out += "    hint: \(hint)\n" }
            }
            let counts = [Diagnostic.Severity.error, .warning, .note].compactMap { severity -> String? in
                let n = findings.count { $0.severity == severity }
                return n == 0 ? nil : CheckText.plural(n, severity.rawValue)
            }
            let summary = counts.isEmpty ? "no changes" : counts.joined(separator: ", ")
            out += "contract diff: \(breaking ? "breaking" : "compatible") under \(mode.rawValue) (\(summary))\n"
            text = out
        case .json:
            text = JSONText.render(CompatibilityJSON.render(findings, base: base, head: head, mode: mode), newline: true)
        }
        try emit(text)
        return breaking ? .failure : .success
    }

    func contractFileErrors(_ diagnostics: [Diagnostic]) throws -> ExitStatus {
        var out = ""
        for diagnostic in diagnostics.sorted() {
            out += DiagnosticText.line(diagnostic) + "\n"
            if let hint = diagnostic.hint { out += "    hint: \(hint)\n" }
        }
        Output.writeStandardError(out + "contract diff: the contracts could not be read\n")
        return .failure
    }
}

/// Findings as JSON (docs/json-output.md).
enum CompatibilityJSON {
    static func finding(_ f: CompatibilityFinding) -> SpecValue {
        func e(_ key: String, _ value: SpecValue) -> SpecValue.Entry { SpecValue.Entry(key: key, value: value) }
        return .map([
            e("rule", .string(f.rule.id)),
            e("name", .string(f.rule.name)),
            e("severity", .string(f.severity.rawValue)),
            e("direction", .string(f.rule.direction.rawValue)),
            e("breaking", .bool(f.isBreaking)),
            e("path", .string(f.change.path)),
            e("old", f.change.old.map(SpecValue.string) ?? .null),
            e("new", f.change.new.map(SpecValue.string) ?? .null),
            e("message", .string(f.change.message)),
            e("file", .string(f.change.location.file)),
            e("line", .int(f.change.location.line)),
            e("column", .int(f.change.location.column)),
            e("contract", f.contract.map { .string($0.description) } ?? .null),
            e("port", f.port.map(SpecValue.string) ?? .null),
            e("comparedWith", f.comparedWith.map(SpecValue.string) ?? .null),
            e(
                "consumers",
                .list(
                    f.consumers.map { c in
                        .map([e("product", .string(c.product.description)), e("port", .string(c.port)), e("depth", .int(c.depth))])
                    })),
        ])
    }

    static func render(_ findings: [CompatibilityFinding], base: String, head: String, mode: CompatibilityMode) -> SpecValue {
        func e(_ key: String, _ value: SpecValue) -> SpecValue.Entry { SpecValue.Entry(key: key, value: value) }
        return .map([
            e("schemaVersion", .int(1)),
            e("command", .string("contract diff")),
            e("base", .string(base)),
            e("head", .string(head)),
            e("mode", .string(mode.rawValue)),
            e("breaking", .bool(findings.contains(where: \.isBreaking))),
            e("findings", .list(findings.map(finding))),
        ])
    }
}

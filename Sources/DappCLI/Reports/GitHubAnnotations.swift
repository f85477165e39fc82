import DappCore

/// The check report as GitHub Actions workflow commands: each finding becomes an annotation on its
/// file and line in the pull request (`::error`, `::warning`, `::notice` for notes and waived
/// findings), followed by one summary notice.
enum GitHubAnnotations {
    static func render(_ report: CheckReport) -> String {
        var out = ""
        for item in report.items {
            var properties: [(String, String)] = []
            if !item.location.file.isEmpty {
                properties.append(("file", item.location.file))
                if item.location.line > 0 {
                    properties.append(("line", String(item.location.line)))
                    if item.location.column > 0 { properties.append(("col", String(item.location.column))) }
                }
            }
            properties.append(("title", item.ruleName.map { "\(item.rule) (\($0))" } ?? item.rule))
            var message = item.fullMessage
            if let waiverText = item.waiverText { message += "\n" + waiverText }
            out += command(kind(of: item), properties: properties, message: message)
        }
        out += command("notice", properties: [("title", "dappctl \(report.command)")], message: report.summaryLine)
        return out
    }

    static func kind(of item: CheckReport.Item) -> String {
        if item.waiver != nil { return "notice" }
        switch item.severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    static func command(_ name: String, properties: [(String, String)], message: String) -> String {
        let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name)\(list.isEmpty ? "" : " " + list)::\(escapeData(message))\n"
    }

    /// The message of a command (GitHub's `escapeData`): `%`, CR and LF.
    static func escapeData(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value (GitHub's `escapeProperty`): as data, plus `:` and `,`.
    static func escapeProperty(_ s: String) -> String {
        var out = ""
        for scalar in escapeData(s).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

import DappCore

/// The check report as GitHub Actions workflow commands: each finding becomes an annotation on its
/// file and line in the pull request (`::error`, `::warning`, `::notice` for notes and waived
/// findings), followed by one summary notice.
enum GitHubAnnotations {
    static func render(_ report: CheckReport) -> String {
        ReportSlices.joined(report.items, annotation)
            + command("notice", properties: [("title", "dappctl \(report.command)")], message: report.summaryLine)
    }

    /// One finding's workflow command.
    static func annotation(_ item: CheckReport.Item) -> String {
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
        return command(kind(of: item), properties: properties, message: message)
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
        s.replacingBytes { byte in
            switch byte {
            case UInt8(ascii: "%"): "%25"
            case UInt8(ascii: "\r"): "%0D"
            case UInt8(ascii: "\n"): "%0A"
            default: nil
            }
        }
    }

    /// A property value (GitHub's `escapeProperty`): as data, plus `:` and `,`.
    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingBytes { byte in
            switch byte {
            case UInt8(ascii: ":"): "%3A"
            case UInt8(ascii: ","): "%2C"
            default: nil
            }
        }
    }
}

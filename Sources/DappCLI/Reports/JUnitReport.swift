import DappCore

/// The check report as JUnit XML, for CI systems that show test results (GitLab, Jenkins,
/// Azure Pipelines, CircleCI, test-reporter actions): one test suite per category checked, one
/// test case per finding. Blocking findings fail, waived findings are skipped, the rest pass with
/// their text in `<system-out>`; a category without findings has one passing "no findings" case.
enum JUnitReport {
    static func render(_ report: CheckReport) -> String {
        let suites = report.categoriesChecked.map { category in
            Suite(category: category, items: report.items.filter { $0.category == category })
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"\(attribute("dappctl \(report.command)"))\" tests=\"\(suites.map(\.tests).reduce(0, +))\" "
            + "failures=\"\(suites.map(\.failures).reduce(0, +))\" errors=\"0\" skipped=\"\(suites.map(\.skipped).reduce(0, +))\">\n"
        for suite in suites {
            out +=
                "  <testsuite name=\"\(attribute("dappctl \(report.command): \(suite.category.rawValue)"))\" "
                + "tests=\"\(suite.tests)\" failures=\"\(suite.failures)\" errors=\"0\" skipped=\"\(suite.skipped)\">\n"
            if suite.items.isEmpty {
                out += "    <testcase classname=\"\(attribute("dappctl.\(suite.category.rawValue)"))\" name=\"no findings\"/>\n"
            }
            out += ReportSlices.joined(suite.items, testCase)
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private struct Suite {
        var category: CheckReport.Category
        var items: [CheckReport.Item]

        var tests: Int { max(items.count, 1) }
        var failures: Int { items.count { $0.waiver == nil && $0.blocking } }
        var skipped: Int { items.count { $0.waiver != nil } }
    }

    private static func testCase(_ item: CheckReport.Item) -> String {
        let classname = item.resource ?? (item.location.file.isEmpty ? "dappctl" : item.location.file)
        let name = item.location.file.isEmpty ? item.rule : "\(item.rule) \(item.place)"
        var out = "    <testcase classname=\"\(attribute(classname))\" name=\"\(attribute(name))\">\n"
        if let waiverText = item.waiverText {
            out += "      <skipped message=\"\(attribute(waiverText))\"/>\n"
            out += "      <system-out>\(text(item.details))</system-out>\n"
        } else if item.blocking {
            out += "      <failure message=\"\(attribute(item.message))\" type=\"\(attribute(item.rule))\">"
            out += text(item.details) + "</failure>\n"
        } else {
            out += "      <system-out>\(text(item.details))</system-out>\n"
        }
        out += "    </testcase>\n"
        return out
    }

    /// Text for an attribute value in double quotes: markup characters, both quotes and the
    /// whitespace that attribute-value normalisation would turn into spaces are character references.
    static func attribute(_ s: String) -> String {
        escape(s) { byte in
            switch byte {
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&apos;"
            case UInt8(ascii: "\n"): "&#10;"
            case UInt8(ascii: "\r"): "&#13;"
            case UInt8(ascii: "\t"): "&#9;"
            default: nil
            }
        }
    }

    /// Text for element content: markup characters, and carriage returns kept from end-of-line
    /// normalisation.
    static func text(_ s: String) -> String {
        escape(s) { byte in
            switch byte {
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&apos;"
            case UInt8(ascii: "\r"): "&#13;"
            default: nil
            }
        }
    }

    /// Escapes `&`, `<`, `>` and what `extra` names; characters XML 1.0 cannot carry at all (C0
    /// controls other than tab, newline and carriage return, U+FFFE, U+FFFF) become a visible
    /// `\u{…}` in the text, since not even a character reference may stand for them.
    private static func escape(_ s: String, _ extra: (UInt8) -> String?) -> String {
        let escaped = s.replacingBytes { byte in
            if let replacement = extra(byte) { return replacement }
            switch byte {
            case UInt8(ascii: "&"): return "&amp;"
            case UInt8(ascii: "<"): return "&lt;"
            case UInt8(ascii: ">"): return "&gt;"
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return nil
            case 0..<0x20: return "\\u{" + String(byte, radix: 16, uppercase: true) + "}"
            default: return nil
            }
        }
        // U+FFFE and U+FFFF are three bytes each (EF BF BE, EF BF BF): rare enough to look for
        // only when the text has a 0xEF byte at all.
        guard escaped.utf8.contains(0xEF) else { return escaped }
        var out = ""
        for scalar in escaped.unicodeScalars {
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

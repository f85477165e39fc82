/// Renders a `SpecValue` as block-style YAML (CRDs, status files), quoting every string that a
/// YAML 1.1 or 1.2 reader could take for something else.
public enum YAMLText {
    public static func render(_ value: SpecValue) -> String {
        var out = ""
        switch value {
        case .map(let entries) where !entries.isEmpty: writeMap(entries, indent: 0, into: &out)
        case .list(let items) where !items.isEmpty: writeList(items, indent: 0, into: &out)
        default: out += inline(value) + "\n"
        }
        return out
    }

    private static func writeMap(_ entries: [SpecValue.Entry], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for entry in entries {
            out += pad + scalarText(entry.key) + ":"
            writeChild(entry.value, indent: indent, into: &out)
        }
    }

    private static func writeList(_ items: [SpecValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .map(let entries) where !entries.isEmpty:
                // First entry on the dash line, the rest aligned under it.
                var nested = ""
                writeMap(entries, indent: indent + 2, into: &nested)
                out += pad + "- " + nested.dropFirst(indent + 2)
            case .list(let inner) where !inner.isEmpty:
                out += pad + "-\n"
                writeList(inner, indent: indent + 2, into: &out)
            default:
                out += pad + "- " + inline(item) + "\n"
            }
        }
    }

    private static func writeChild(_ value: SpecValue, indent: Int, into out: inout String) {
        switch value {
        case .map(let entries) where !entries.isEmpty:
            out += "\n"
            writeMap(entries, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            writeList(items, indent: indent, into: &out)
        default:
            out += " " + inline(value) + "\n"
        }
    }

    private static func inline(_ value: SpecValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? String(d) : (d.isNaN ? ".nan" : (d < 0 ? "-.inf" : ".inf"))
        case .string(let s): return scalarText(s)
        case .list: return "[]"
        case .map: return "{}"
        }
    }

    /// A string as a plain scalar when that reads back as the same string, else double-quoted.
    static func scalarText(_ s: String) -> String {
        needsQuotes(s) ? quoted(s) : s
    }

    private static let reservedWords: Set<String> = [
        "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
    ]

    static func needsQuotes(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return true }
        if reservedWords.contains(s) { return true }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // A leading '-' is fine when it is not followed by a space (or alone): '-x'.
            if !(first == "-" && s.count > 1 && !s.hasPrefix("- ") && !looksNumeric(s)) { return true }
        }
        if first == " " || last == " " || last == ":" { return true }
        if looksNumeric(s) { return true }
        for scalar in s.unicodeScalars where scalar.value < 0x20 || scalar == "\u{7F}" || scalar.value > 0x7E && scalar.value < 0xA0 {
            return true
        }
        return s.contains(": ") || s.contains(" #") || s.contains("\t")
    }

    private static func looksNumeric(_ s: String) -> Bool {
        let body = s.hasPrefix("-") || s.hasPrefix("+") ? s.dropFirst() : Substring(s)
        guard let first = body.first else { return false }
        if first == "." {
            return body.dropFirst().first.map { $0.isNumber || $0 == "i" || $0 == "I" || $0 == "n" || $0 == "N" } ?? false
        }
        return first.isNumber
    }

    private static func quoted(_ s: String) -> String {
        var out = ""
        JSONText.writeString(s, into: &out)
        return out
    }
}

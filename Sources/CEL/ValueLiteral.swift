extension CELValue {
    /// The value written as a CEL literal that evaluates back to it: `7`, `3u`, `2.5`, `'yes'`,
    /// `b'\x00'`, `[2, 4, 6]`, `{'a': 1}`, `null`, `int` (what `dappctl cel eval` prints).
    public var literal: String {
        switch self {
        case .int(let v): return String(v)
        case .uint(let v): return "\(v)u"
        case .double(let v):
            if v.isNaN { return "double('NaN')" }
            if v.isInfinite { return v < 0 ? "double('-Infinity')" : "double('Infinity')" }
            let text = String(v)
            // Keep a double a double when read back: `2.0`, not `2`.
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .string(let s): return Self.quoted(s)
        case .bytes(let bytes):
            var out = "b'"
            for byte in bytes {
                if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "'"), byte != UInt8(ascii: "\\") {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
                }
            }
            return out + "'"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(\.literal).joined(separator: ", ") + "]"
        case .map(let map): return "{" + map.entries.map { "\($0.literal): \($1.literal)" }.joined(separator: ", ") + "}"
        case .type(let type): return type.name
        case .timestamp(let t): return "timestamp('\(t)')"
        case .duration(let d): return "duration('\(d)')"
        case .optional(let v): return v.map { "optional.of(\($0.literal))" } ?? "optional.none()"
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "'"
        for scalar in s.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}

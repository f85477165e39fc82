/// Types plain scalars by the YAML 1.2 core schema, working on bytes so the common case (a word
/// that starts with a letter other than t/f/n/T/F/N) costs one comparison.
public enum ScalarResolver {
    public static func resolve(plain bytes: UnsafeBufferPointer<UInt8>) -> YAMLScalar.Kind {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            return bytes.count == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return isCoreSpelling(bytes, of: "null") ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return isCoreSpelling(bytes, of: "true") ? .bool : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return isCoreSpelling(bytes, of: "false") ? .bool : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
            UInt8(ascii: "."):
            return numericKind(bytes)
        default:
            return .string
        }
    }

    /// Whether `bytes` is `word` (lowercase ASCII letters) written lowercase, Capitalized or
    /// UPPERCASE, the three spellings the core schema accepts.
    @inline(__always)
    private static func isCoreSpelling(_ bytes: UnsafeBufferPointer<UInt8>, of word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard bytes.count == n else { return false }
        let w = word.utf8Start
        let firstUpper = bytes[0] == w[0] &- 32
        guard bytes[0] == w[0] || firstUpper else { return false }
        var restLower = true
        var restUpper = true
        for i in 1..<n {
            if bytes[i] != w[i] { restLower = false }
            if bytes[i] != w[i] &- 32 { restUpper = false }
        }
        return restLower || (firstUpper && restUpper)
    }

    private static func matchesAny(_ bytes: UnsafeBufferPointer<UInt8>, _ words: [StaticString])
        -> Bool
    {
        for word in words where word.utf8CodeUnitCount == bytes.count {
            if memcmp(word.utf8Start, bytes.baseAddress!, bytes.count) == 0 { return true }
        }
        return false
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// int: `[-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+`;
    /// float: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`.
    static func numericKind(_ b: UnsafeBufferPointer<UInt8>) -> YAMLScalar.Kind {
        let n = b.count
        if n >= 3, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") {
            return b[2...].allSatisfy { $0 >= 48 && $0 <= 55 } ? .int : .string
        }
        if n >= 3, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") {
            return b[2...].allSatisfy { isDigit($0) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }
                ? .int : .string
        }
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        if n - i == 4, b[i] == UInt8(ascii: ".") {
            let word = UnsafeBufferPointer(rebasing: b[(i + 1)...])
            if matchesAny(word, ["inf", "Inf", "INF"]) { return .float }
            if i == 0, matchesAny(word, ["nan", "NaN", "NAN"]) { return .float }
        }
        var intDigits = 0
        while i < n, isDigit(b[i]) {
            i += 1
            intDigits += 1
        }
        if i == n { return intDigits > 0 ? .int : .string }
        var fracDigits = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, isDigit(b[i]) {
                i += 1
                fracDigits += 1
            }
        }
        if intDigits == 0 && fracDigits == 0 { return .string }
        if i == n { return .float }
        guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return .string }
        i += 1
        if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var expDigits = 0
        while i < n, isDigit(b[i]) {
            i += 1
            expDigits += 1
        }
        return i == n && expDigits > 0 ? .float : .string
    }

    static func integerValue(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("+") { return Int(text.dropFirst()) }
        return Int(text)
    }

    static func floatValue(_ text: String) -> Double? {
        // `!!float 0x1F` is a float of an int's text; Double("0x1F") would read it as a C hex float.
        if text.hasPrefix("0o") || text.hasPrefix("0x") { return integerValue(text).map(Double.init) }
        var body = Substring(text)
        var sign = 1.0
        if body.hasPrefix("-") {
            sign = -1
            body = body.dropFirst()
        } else if body.hasPrefix("+") {
            body = body.dropFirst()
        }
        switch body {
        case ".inf", ".Inf", ".INF": return sign * .infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: return Double(body).map { sign * $0 }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

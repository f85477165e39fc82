/// Nodes that start and end on one line: keys, plain and quoted scalars (with escapes), and
/// flow collections.
extension SubsetParser {
    // MARK: Nodes on one line

    /// A mapping key: a plain or quoted scalar.
    mutating func keyScalar(depth: Int) throws(Outside) -> YAMLNode {
        switch byte(at: pos) {
        case UInt8(ascii: "["), UInt8(ascii: "{"): throw Outside()
        default: return try inlineNode(depth: depth)
        }
    }

    /// A scalar or a flow collection that starts at `pos` and ends on this line; `inFlow` inside
    /// a flow collection, where plain scalars also end at flow indicators.
    mutating func inlineNode(depth: Int, inFlow: Bool = false) throws(Outside) -> YAMLNode {
        switch byte(at: pos) {
        case UInt8(ascii: "\""): return try quoted(UInt8(ascii: "\""))
        case UInt8(ascii: "'"): return try quoted(UInt8(ascii: "'"))
        case UInt8(ascii: "["): return try flowSequence(depth: depth)
        case UInt8(ascii: "{"): return try flowMapping(depth: depth)
        case UInt8(ascii: "&") where inFlow, UInt8(ascii: "*") where inFlow: return try flowProperty(depth: depth)
        default: return try plain(inFlow: inFlow)
        }
    }

    /// A plain scalar: up to the end of the line, a comment, `: ` or, in a flow collection, a
    /// flow indicator. Trailing spaces are not part of it.
    mutating func plain(inFlow: Bool) throws(Outside) -> YAMLNode {
        let first = byte(at: pos)
        guard Self.canStartPlain(first) || (first == UInt8(ascii: "-") && !isBlankOrEnd(byte(at: pos + 1))) else {
            throw Outside()
        }
        try count()
        let mark = here()
        let start = pos
        var i = pos
        var textEnd = pos
        let base = bytes.baseAddress!
        while i < end {
            // Eight bytes at a time up to the first line feed, space or colon, the only bytes
            // that can end a plain scalar outside a flow collection (the bytes before it are
            // text): a scalar's bytes then cost a few instructions for eight, not a few each.
            if !inFlow, i &+ 8 <= end {
                let stops = Self.plainStops(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if stops == 0 {
                    i &+= 8
                    textEnd = i
                    continue
                }
                let text = stops.trailingZeroBitCount >> 3
                if text > 0 {
                    i &+= text
                    textEnd = i
                }
            }
            let b = bytes[i]
            if b == UInt8(ascii: "\n") { break }
            if b == UInt8(ascii: " ") {
                if byte(at: i + 1) == UInt8(ascii: "#") { break }
                i += 1
                continue
            }
            if b == UInt8(ascii: ":") {
                let next = byte(at: i + 1)
                if isBlankOrEnd(next) { break }
                // libyaml versions differ on `a:b` inside flow collections.
                if inFlow { throw Outside() }
            }
            if inFlow, Self.isFlowIndicator(b) { break }
            i += 1
            textEnd = i
        }
        pos = i
        // `<<:` is a YAML 1.1 merge key, which the reader rejects: left to libyaml's path.
        if textEnd - start == 2, bytes[start] == UInt8(ascii: "<"), bytes[start + 1] == UInt8(ascii: "<"),
            byte(at: i) == UInt8(ascii: ":")
        {
            throw Outside()
        }
        plainStart = start
        plainTextEnd = textEnd
        plainEnd = i
        let text = UnsafeBufferPointer(rebasing: bytes[start..<textEnd])
        return YAMLNode(
            .scalar(YAMLScalar(text: String(decoding: text, as: UTF8.self), style: .plain, kind: ScalarResolver.resolve(plain: text))),
            mark: mark, origin: origin)
    }

    /// Of the eight bytes of `word` (the first in the low byte), where a line feed, a space or a
    /// colon may be: zero when there is none, and otherwise the lowest set bit is the high bit of
    /// the first one (the classic test for a zero byte, on the word xor-ed with each of the three
    /// repeated; its false marks only ever follow a true one).
    @inline(__always)
    static func plainStops(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeroBytes(word ^ (ones &* 0x0A)) | zeroBytes(word ^ (ones &* 0x20)) | zeroBytes(word ^ (ones &* 0x3A))
    }

    /// A quoted scalar closed on the same line, its `''` or backslash escapes decoded.
    mutating func quoted(_ quote: UInt8) throws(Outside) -> YAMLNode {
        try count()
        let mark = here()
        let start = pos + 1
        var i = start
        // '' inside single quotes, or a backslash escape inside double quotes.
        var escaped = false
        while true {
            guard i < end else { throw Outside() }
            let b = bytes[i]
            if b == UInt8(ascii: "\n") { throw Outside() }
            if b == quote {
                if quote == UInt8(ascii: "'"), byte(at: i + 1) == quote {
                    escaped = true
                    i += 2
                    continue
                }
                break
            }
            if b == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                // An escaped line break continues the scalar on the next line: left to libyaml.
                guard i + 1 < end, bytes[i + 1] != UInt8(ascii: "\n") else { throw Outside() }
                escaped = true
                i += 2
                continue
            }
            i += 1
        }
        pos = i + 1
        let next = byte(at: pos)
        // After the closing quote: a blank, the end, `:` of a key, or the flow punctuation that
        // the caller checks. `"a"b` and `"a"#` are left to libyaml.
        if next == UInt8(ascii: "#") || !(isBlankOrEnd(next) || next == UInt8(ascii: ":") || Self.isFlowIndicator(next)) {
            throw Outside()
        }
        let content = UnsafeBufferPointer(rebasing: bytes[start..<i])
        let text: String
        if !escaped {
            text = String(decoding: content, as: UTF8.self)
        } else if quote == UInt8(ascii: "'") {
            text = Self.undoubled(content)
        } else {
            text = try Self.unescaped(content)
        }
        return YAMLNode(
            .scalar(YAMLScalar(text: text, style: quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted, kind: .string)),
            mark: mark, origin: origin)
    }

    /// The text of a double-quoted scalar, its escapes decoded as libyaml decodes them. An
    /// escape libyaml would reject (unknown, short of hex digits, a surrogate or past U+10FFFF)
    /// is left to it.
    static func unescaped(_ content: UnsafeBufferPointer<UInt8>) throws(Outside) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var i = 0
        while i < content.count {
            let b = content[i]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            let e = content[i + 1]
            i += 2
            var scalar: UInt32
            switch e {
            case UInt8(ascii: "0"): scalar = 0
            case UInt8(ascii: "a"): scalar = 0x07
            case UInt8(ascii: "b"): scalar = 0x08
            case UInt8(ascii: "t"): scalar = 0x09
            case UInt8(ascii: "n"): scalar = 0x0A
            case UInt8(ascii: "v"): scalar = 0x0B
            case UInt8(ascii: "f"): scalar = 0x0C
            case UInt8(ascii: "r"): scalar = 0x0D
            case UInt8(ascii: "e"): scalar = 0x1B
            case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): scalar = UInt32(e)
            case UInt8(ascii: "N"): scalar = 0x85
            case UInt8(ascii: "_"): scalar = 0xA0
            case UInt8(ascii: "L"): scalar = 0x2028
            case UInt8(ascii: "P"): scalar = 0x2029
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                guard i + digits <= content.count else { throw Outside() }
                scalar = 0
                for k in i..<(i + digits) {
                    guard let digit = hexValue(content[k]) else { throw Outside() }
                    scalar = scalar << 4 | digit
                }
                i += digits
            default:
                throw Outside()
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Outside() }
            UTF8.encode(unicode) { out.append($0) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// `[a, b]` on one line.
    mutating func flowSequence(depth: Int) throws(Outside) -> YAMLNode {
        try enter(depth: depth)
        let mark = here()
        let start = pending.count
        pos += 1
        skipSpaces()
        if byte(at: pos) == UInt8(ascii: "]") {
            pos += 1
            return YAMLNode(.sequence([]), mark: mark, origin: origin)
        }
        while true {
            pending.push(try inlineNode(depth: depth + 1, inFlow: true))
            skipSpaces()
            if try flowSeparator(closing: UInt8(ascii: "]")) { break }
        }
        return YAMLNode(.sequence(pending.takeItems(from: start)), mark: mark, origin: origin)
    }

    /// `{a: b, c: d}` on one line.
    mutating func flowMapping(depth: Int) throws(Outside) -> YAMLNode {
        try enter(depth: depth)
        let mark = here()
        let start = pending.count
        var keys: Set<String>? = nil
        pos += 1
        skipSpaces()
        if byte(at: pos) == UInt8(ascii: "}") {
            pos += 1
            return YAMLNode(.mapping([]), mark: mark, origin: origin)
        }
        while true {
            switch byte(at: pos) {
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "&"), UInt8(ascii: "*"): throw Outside()
            default: pending.push(try inlineNode(depth: depth + 1, inFlow: true))
            }
            skipSpaces()
            // Only `key: value`: a key without a value, or `:` before a flow indicator, is left to libyaml.
            guard byte(at: pos) == UInt8(ascii: ":"), byte(at: pos + 1) == UInt8(ascii: " ") else { throw Outside() }
            try checkKey(from: start, keys: &keys)
            pos += 2
            skipSpaces()
            pending.push(try inlineNode(depth: depth + 1, inFlow: true))
            skipSpaces()
            if try flowSeparator(closing: UInt8(ascii: "}")) { break }
        }
        return YAMLNode(.mapping(pending.takePairs(from: start)), mark: mark, origin: origin)
    }

    /// The key on top of `pending`, whose `:` is at `pos`, for what libyaml would report: a key
    /// used before in the mapping whose children start at `start`, or a key too long to be a
    /// simple key (libyaml gives up on one after 1,024 characters). Merge keys are caught by
    /// `plain`.
    mutating func checkKey(from start: Int, keys: inout Set<String>?) throws(Outside) {
        // Read in place: copying the node would retain and release its origin for every key.
        if here().column - pending[pending.count - 1].mark.column > 1000 { throw Outside() }
        if pending.earlierKey(sameAsTopFrom: start, keys: &keys) != nil { throw Outside() }
    }

    /// After an entry of a flow collection: `,` and the next entry (false), or the closing
    /// bracket (true). A trailing comma, a comment or a line break is left to libyaml.
    mutating func flowSeparator(closing: UInt8) throws(Outside) -> Bool {
        let b = byte(at: pos)
        if b == closing {
            pos += 1
            return true
        }
        guard b == UInt8(ascii: ",") else { throw Outside() }
        pos += 1
        skipSpaces()
        if byte(at: pos) == closing { throw Outside() }
        return false
    }

    /// The text of a single-quoted scalar whose `''` each stand for one quote.
    static func undoubled(_ content: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var i = 0
        while i < content.count {
            out.append(content[i])
            i += content[i] == UInt8(ascii: "'") ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

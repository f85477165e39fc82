/// Reads the plain YAML that spec files are written in straight into nodes, without libyaml:
/// documents of block mappings and sequences, plain scalars (folded over lines), one-line
/// quoted scalars, literal and folded block scalars, one-line flow collections and comments, in
/// printable ASCII or UTF-8 text.
///
/// Why it exists: libyaml's scanner was 43% of `dappctl validate`'s instructions (callgrind),
/// most of it copying the input into its own buffer and queueing tokens for constructs this
/// subset never has.
///
/// It is a fast path, not a second YAML implementation, and it never decides that a file is
/// wrong. Whenever the input steps outside the subset, or anything about it is doubtful (a tab,
/// invalid UTF-8, a Unicode line separator, an anchor, a tag, a block scalar, a line that would continue a scalar, a
/// duplicate key, a limit reached), it stops and the caller reads the file with libyaml, which
/// gives every error message. Where it does produce a tree, that tree is libyaml's, marks
/// included: `SubsetParserTests` compares the two on every fixture and on thousands of mutated
/// files.
struct SubsetParser: ~Copyable {
    /// The input left the subset: read it with libyaml instead.
    struct Outside: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    /// Every byte is a character: columns are byte offsets. Otherwise they count code points.
    private let isASCII: Bool
    private let limits: YAMLLimits
    private let origin: YAMLOrigin
    private var pending = NodeStack(capacity: 64)
    private var pos = 0
    private var line: Int32 = 1
    private var lineStart = 0
    /// Column (0-based) of the first character of the current content line.
    private var indent = 0
    /// Past the last line, or (with `atNextDocument`) at the `---` that starts another document:
    /// either way every open collection ends.
    private var atEnd = false
    private var atNextDocument = false
    private var nodes = 0

    /// The documents of `bytes`, or nil when libyaml must read them.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, origin: YAMLOrigin, limits: YAMLLimits) -> [YAMLNode]? {
        let isASCII = isPrintableASCII(bytes)
        guard isASCII || isPlainUTF8(bytes) else { return nil }
        var parser = SubsetParser(bytes: bytes, isASCII: isASCII, origin: origin, limits: limits)
        return try? parser.documents()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool, origin: YAMLOrigin, limits: YAMLLimits) {
        self.bytes = bytes
        self.end = bytes.count
        self.isASCII = isASCII
        self.origin = origin
        self.limits = limits
    }

    /// Printable ASCII and line feeds only: no tabs, no carriage returns, no control characters,
    /// nothing that libyaml would have to decode or could reject.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // One pass without early exits, which the compiler vectorises: the high bit of b marks
        // bytes from 0x80 up, that of b + 1 marks DEL (0x7F), and a byte below 0x20 other than
        // the line feed counts as a control character.
        var high: UInt8 = 0
        var controls = 0
        for b in bytes {
            high |= b | (b &+ 1)
            controls &+= (b < 0x20 && b != 0x0A) ? 1 : 0
        }
        return high & 0x80 == 0 && controls == 0
    }

    /// Valid UTF-8 of characters that are plain text to libyaml: printable ASCII, line feeds,
    /// and code points from U+00A0 up, without surrogates, U+FFFE/U+FFFF, the two Unicode line
    /// and paragraph separators (line breaks to libyaml, as is NEL, U+0085, below U+00A0) and
    /// the byte order mark (which libyaml skips at the start of a line).
    static func isPlainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if (b < 0x20 && b != 0x0A) || b == 0x7F { return false }
                i += 1
                continue
            }
            let width: Int
            var value: UInt32
            if b & 0xE0 == 0xC0 {
                width = 2
                value = UInt32(b & 0x1F)
            } else if b & 0xF0 == 0xE0 {
                width = 3
                value = UInt32(b & 0x0F)
            } else if b & 0xF8 == 0xF0 {
                width = 4
                value = UInt32(b & 0x07)
            } else {
                return false
            }
            guard i + width <= n else { return false }
            for k in 1..<width {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                value = value << 6 | UInt32(c & 0x3F)
            }
            // Overlong forms are invalid; so is anything libyaml calls a control character.
            let shortest: UInt32 = width == 2 ? 0x80 : width == 3 ? 0x800 : 0x10000
            guard value >= shortest, value >= 0xA0, value <= 0x10FFFF else { return false }
            switch value {
            case 0xD800...0xDFFF, 0xFFFE, 0xFFFF, 0x2028, 0x2029, 0xFEFF: return false
            default: break
            }
            i += width
        }
        return true
    }

    // MARK: Document and block structure

    /// Documents separated by `---` lines, each with content (an empty document, or `...`,
    /// is left to libyaml).
    private mutating func documents() throws(Outside) -> [YAMLNode] {
        var documents: [YAMLNode] = []
        try nextContentLine(startOfDocument: true)
        while true {
            if atEnd { throw Outside() }
            if indent == 0, isDocumentMarker(at: pos, UInt8(ascii: "-")) {
                pos += 3
                try finishLine()
                try nextContentLine(startOfDocument: true)
                if atEnd { throw Outside() }
            }
            documents.append(try blockNode(depth: 1))
            guard atEnd else { throw Outside() }
            if !atNextDocument { return documents }
            atEnd = false
            atNextDocument = false
        }
    }

    /// The block collection that starts at the current content line.
    private mutating func blockNode(depth: Int) throws(Outside) -> YAMLNode {
        if isEntry(at: pos) { return try sequence(indent: indent, indentless: false, depth: depth) }
        return try mapping(indent: indent, firstKey: nil, depth: depth)
    }

    /// A block mapping whose keys stand at column `n`. `firstKey`, when given, was already read
    /// (the first key of `- key: value`) and `pos` is at its colon.
    private mutating func mapping(indent n: Int, firstKey: consuming YAMLNode?, depth: Int) throws(Outside) -> YAMLNode {
        try enter(depth: depth)
        let mark = firstKey?.mark ?? here()
        let start = pending.count
        var keys: Set<String>? = nil
        var key = firstKey
        while true {
            if let first = key.take() {
                pending.push(first)
            } else {
                pending.push(try keyScalar(depth: depth + 1))
            }
            guard byte(at: pos) == UInt8(ascii: ":"), isBlankOrEnd(byte(at: pos + 1)) else { throw Outside() }
            try checkKey(from: start, keys: &keys)
            pos += 1
            let afterColon = here()
            skipSpaces()
            if isLineEnd() {
                try finishLine()
                try nextContentLine()
                if !atEnd, indent > n {
                    pending.push(try blockNode(depth: depth + 1))
                } else if !atEnd, indent == n, isEntry(at: pos) {
                    pending.push(try sequence(indent: n, indentless: true, depth: depth + 1))
                } else {
                    pending.push(try empty(at: afterColon))
                }
            } else if isBlockScalarIndicator(byte(at: pos)) {
                pending.push(try blockScalar(parentIndent: n))
            } else {
                let value = try inlineNode(depth: depth + 1)
                // `a: b: c`: a mapping where a scalar must be.
                if byte(at: pos) == UInt8(ascii: ":") { throw Outside() }
                pending.push(try finishValue(value, parentIndent: n))
            }
            if atEnd || indent < n { break }
            // Deeper: a scalar continued on the next line. A `-` here: libyaml's error.
            if indent > n || isEntry(at: pos) { throw Outside() }
        }
        return YAMLNode(.mapping(pending.takePairs(from: start)), mark: mark, origin: origin)
    }

    /// A block sequence whose `-` stand at column `n`; `indentless` when it is the value of a
    /// mapping key at that same column, so a key there ends it.
    private mutating func sequence(indent n: Int, indentless: Bool, depth: Int) throws(Outside) -> YAMLNode {
        try enter(depth: depth)
        let mark = here()
        let start = pending.count
        while true {
            pos += 1
            let afterDash = here()
            skipSpaces()
            if isLineEnd() {
                try finishLine()
                try nextContentLine()
                if !atEnd, indent > n {
                    pending.push(try blockNode(depth: depth + 1))
                } else {
                    pending.push(try empty(at: afterDash))
                }
            } else if isEntry(at: pos) {
                throw Outside()  // `- - a`
            } else if isBlockScalarIndicator(byte(at: pos)) {
                pending.push(try blockScalar(parentIndent: n))
            } else {
                let column = pos - lineStart
                let item = try inlineNode(depth: depth + 1)
                if byte(at: pos) == UInt8(ascii: ":") {
                    // `- key: value`: a mapping whose keys stand where this one does.
                    guard case .scalar = item.value else { throw Outside() }
                    pending.push(try mapping(indent: column, firstKey: item, depth: depth + 1))
                } else {
                    pending.push(try finishValue(item, parentIndent: n))
                }
            }
            if atEnd || indent < n { break }
            if indent > n { throw Outside() }
            if !isEntry(at: pos) {
                if indentless { break }
                throw Outside()
            }
        }
        return YAMLNode(.sequence(pending.takeItems(from: start)), mark: mark, origin: origin)
    }

    /// The null of `key:` or `-` with nothing after it, placed where libyaml places it: just
    /// after the indicator.
    private mutating func empty(at mark: YAMLMark) throws(Outside) -> YAMLNode {
        try count()
        return YAMLNode(.scalar(YAMLScalar(text: "", style: .plain, kind: .null)), mark: mark, origin: origin)
    }

    // MARK: Values that end their line, or go on

    /// Ends the line of a value read inline and moves to the next content line. A plain scalar
    /// that ends its line goes on over the lines below that are indented deeper than its
    /// collection's column `n`, folded as libyaml folds them.
    private mutating func finishValue(_ node: YAMLNode, parentIndent n: Int) throws(Outside) -> YAMLNode {
        skipSpaces()
        guard pos < end, bytes[pos] == UInt8(ascii: "\n"), case .scalar(let scalar) = node.value, scalar.style == .plain else {
            try finishLine()
            try nextContentLine()
            return node
        }
        var text: [UInt8] = []
        var continued = false
        // Each turn starts at the line break that ends a line of the scalar.
        while pos < end {
            pos += 1
            line += 1
            lineStart = pos
            var emptyLines = 0
            var p = pos
            while true {
                while p < end, bytes[p] == UInt8(ascii: " ") { p += 1 }
                guard p < end, bytes[p] == UInt8(ascii: "\n") else { break }
                emptyLines += 1
                pos = p + 1
                line += 1
                lineStart = pos
                p = pos
            }
            // The end of the input, a line no deeper than the collection, or a comment ends it.
            if p == end || p - lineStart <= n || bytes[p] == UInt8(ascii: "#") { break }
            var i = p
            var textEnd = p
            while i < end, bytes[i] != UInt8(ascii: "\n") {
                let b = bytes[i]
                // `: ` makes a multi-line key and ` #` a comment inside the scalar's lines: left to libyaml.
                if b == UInt8(ascii: " "), byte(at: i + 1) == UInt8(ascii: "#") { throw Outside() }
                if b == UInt8(ascii: ":"), isBlankOrEnd(byte(at: i + 1)) { throw Outside() }
                i += 1
                if b != UInt8(ascii: " ") { textEnd = i }
            }
            if !continued { text = Array(scalar.text.utf8) }
            continued = true
            if emptyLines == 0 {
                text.append(UInt8(ascii: " "))
            } else {
                text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: emptyLines))
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[p..<textEnd]))
            pos = i
        }
        // At the start of the line that ends the scalar, or at the end of the input.
        try nextContentLine()
        guard continued else { return node }
        let folded = text.withUnsafeBufferPointer { buffer in
            YAMLScalar(text: String(decoding: buffer, as: UTF8.self), style: .plain, kind: ScalarResolver.resolve(plain: buffer))
        }
        return YAMLNode(.scalar(folded), mark: node.mark, origin: origin)
    }

    // MARK: Block scalars

    private func isBlockScalarIndicator(_ b: UInt8) -> Bool { b == UInt8(ascii: "|") || b == UInt8(ascii: ">") }

    /// A literal (`|`) or folded (`>`) block scalar, with an optional chomping indicator (`-`
    /// strips the final line break, `+` keeps the trailing empty lines too), as the value of a
    /// collection whose entries stand at column `n`. Leaves `pos` at the next content line.
    ///
    /// Left to libyaml: an explicit indentation indicator, an empty scalar, blank lines before
    /// the first line of text, and lines holding only spaces, where libyaml's rules for what
    /// is text and what is indentation get subtle.
    private mutating func blockScalar(parentIndent n: Int) throws(Outside) -> YAMLNode {
        try count()
        let mark = here()
        let literal = bytes[pos] == UInt8(ascii: "|")
        pos += 1
        var chomping = 0
        switch byte(at: pos) {
        case UInt8(ascii: "-"):
            chomping = -1
            pos += 1
        case UInt8(ascii: "+"):
            chomping = 1
            pos += 1
        default: break
        }
        guard isBlankOrEnd(byte(at: pos)) else { throw Outside() }
        try finishLine()
        // The first line of text sets the indentation, which must be deeper than the parent's.
        var p = pos
        while p < end, bytes[p] == UInt8(ascii: " ") { p += 1 }
        let indentation = p - pos
        guard p < end, bytes[p] != UInt8(ascii: "\n"), indentation > n else { throw Outside() }

        var text: [UInt8] = []
        var first = true
        /// Whether the previous line of text started with a space (a more-indented line).
        var previousIndented = false
        /// Whether a line break followed the previous line of text (not the end of the input).
        var lineBreak = false
        var emptyLines = 0
        while pos < end {
            var q = pos
            while q < end, bytes[q] == UInt8(ascii: " ") { q += 1 }
            if q == end || bytes[q] == UInt8(ascii: "\n") {
                if q > pos { throw Outside() }  // a line of only spaces
                emptyLines += 1
                pos = q + 1
                line += 1
                lineStart = pos
                continue
            }
            if q - pos < indentation { break }  // a less indented line ends the scalar
            let start = pos + indentation
            let indented = bytes[start] == UInt8(ascii: " ")
            if !first {
                // Folding joins two lines of text with a space, or with the empty lines
                // between them; a more-indented line keeps its line breaks.
                if !literal, lineBreak, !previousIndented, !indented {
                    if emptyLines == 0 { text.append(UInt8(ascii: " ")) }
                } else if lineBreak {
                    text.append(UInt8(ascii: "\n"))
                }
                text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: emptyLines))
            }
            first = false
            emptyLines = 0
            previousIndented = indented
            var e = start
            while e < end, bytes[e] != UInt8(ascii: "\n") { e += 1 }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<e]))
            if e == end {
                lineBreak = false
                pos = e
                break
            }
            lineBreak = true
            pos = e + 1
            line += 1
            lineStart = pos
        }
        if chomping != -1, lineBreak { text.append(UInt8(ascii: "\n")) }
        if chomping == 1 { text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: emptyLines)) }
        try nextContentLine()
        return YAMLNode(
            .scalar(YAMLScalar(text: String(decoding: text, as: UTF8.self), style: literal ? .literal : .folded, kind: .string)),
            mark: mark, origin: origin)
    }

    // MARK: Nodes on one line

    /// A mapping key: a plain or quoted scalar.
    private mutating func keyScalar(depth: Int) throws(Outside) -> YAMLNode {
        switch byte(at: pos) {
        case UInt8(ascii: "["), UInt8(ascii: "{"): throw Outside()
        default: return try inlineNode(depth: depth)
        }
    }

    /// A scalar or a flow collection that starts at `pos` and ends on this line; `inFlow` inside
    /// a flow collection, where plain scalars also end at flow indicators.
    private mutating func inlineNode(depth: Int, inFlow: Bool = false) throws(Outside) -> YAMLNode {
        switch byte(at: pos) {
        case UInt8(ascii: "\""): return try quoted(UInt8(ascii: "\""))
        case UInt8(ascii: "'"): return try quoted(UInt8(ascii: "'"))
        case UInt8(ascii: "["): return try flowSequence(depth: depth)
        case UInt8(ascii: "{"): return try flowMapping(depth: depth)
        default: return try plain(inFlow: inFlow)
        }
    }

    /// A plain scalar: up to the end of the line, a comment, `: ` or, in a flow collection, a
    /// flow indicator. Trailing spaces are not part of it.
    private mutating func plain(inFlow: Bool) throws(Outside) -> YAMLNode {
        let first = byte(at: pos)
        guard Self.canStartPlain(first) || (first == UInt8(ascii: "-") && !isBlankOrEnd(byte(at: pos + 1))) else {
            throw Outside()
        }
        try count()
        let mark = here()
        let start = pos
        var i = pos
        var textEnd = pos
        while i < end {
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
        let text = UnsafeBufferPointer(rebasing: bytes[start..<textEnd])
        return YAMLNode(
            .scalar(YAMLScalar(text: String(decoding: text, as: UTF8.self), style: .plain, kind: ScalarResolver.resolve(plain: text))),
            mark: mark, origin: origin)
    }

    /// A quoted scalar closed on the same line; double-quoted ones without escapes.
    private mutating func quoted(_ quote: UInt8) throws(Outside) -> YAMLNode {
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
    private static func unescaped(_ content: UnsafeBufferPointer<UInt8>) throws(Outside) -> String {
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

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// `[a, b]` on one line.
    private mutating func flowSequence(depth: Int) throws(Outside) -> YAMLNode {
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
    private mutating func flowMapping(depth: Int) throws(Outside) -> YAMLNode {
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
            case UInt8(ascii: "["), UInt8(ascii: "{"): throw Outside()
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

    /// The key on top of `pending`, whose `:` is at `pos`, for what libyaml would report: a merge
    /// key, a key used before in the mapping whose children start at `start`, or a key too long
    /// to be a simple key (libyaml gives up on one after 1,024 characters).
    private mutating func checkKey(from start: Int, keys: inout Set<String>?) throws(Outside) {
        let key = pending[pending.count - 1]
        if here().column - key.mark.column > 1000 { throw Outside() }
        if case .scalar(let s) = key.value, s.style == .plain, s.text == "<<" { throw Outside() }
        if pending.earlierKey(sameAsTopFrom: start, keys: &keys) != nil { throw Outside() }
    }

    /// After an entry of a flow collection: `,` and the next entry (false), or the closing
    /// bracket (true). A trailing comma, a comment or a line break is left to libyaml.
    private mutating func flowSeparator(closing: UInt8) throws(Outside) -> Bool {
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
    private static func undoubled(_ content: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var i = 0
        while i < content.count {
            out.append(content[i])
            i += content[i] == UInt8(ascii: "'") ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Lines

    /// Moves from the start of a line to the first character of the next line with content,
    /// skipping blank lines and comment lines; sets `indent`, or `atEnd` past the last line.
    private mutating func nextContentLine(startOfDocument: Bool = false) throws(Outside) {
        while true {
            var p = pos
            while p < end, bytes[p] == UInt8(ascii: " ") { p += 1 }
            if p == end {
                pos = p
                atEnd = true
                return
            }
            let b = bytes[p]
            if b == UInt8(ascii: "#") {
                while p < end, bytes[p] != UInt8(ascii: "\n") { p += 1 }
                if p == end {
                    pos = p
                    atEnd = true
                    return
                }
            }
            if bytes[p] == UInt8(ascii: "\n") {
                pos = p + 1
                line += 1
                lineStart = pos
                continue
            }
            pos = p
            indent = p - lineStart
            // `---` at the margin ends the document and starts another; `...` goes to libyaml.
            if indent == 0, isDocumentMarker(at: p, UInt8(ascii: ".")) { throw Outside() }
            if indent == 0, !startOfDocument, isDocumentMarker(at: p, UInt8(ascii: "-")) {
                atEnd = true
                atNextDocument = true
            }
            return
        }
    }

    /// After a node: optional spaces and a comment, then the end of the line (consumed).
    private mutating func finishLine() throws(Outside) {
        skipSpaces()
        if byte(at: pos) == UInt8(ascii: "#") {
            guard bytes[pos - 1] == UInt8(ascii: " ") else { throw Outside() }
            while pos < end, bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
        }
        if pos == end { return }
        guard bytes[pos] == UInt8(ascii: "\n") else { throw Outside() }
        pos += 1
        line += 1
        lineStart = pos
    }

    /// Whether nothing but an optional comment is left on this line (spaces already skipped).
    private func isLineEnd() -> Bool {
        let b = byte(at: pos)
        return b == 0 || b == UInt8(ascii: "\n") || (b == UInt8(ascii: "#") && bytes[pos - 1] == UInt8(ascii: " "))
    }

    private func isDocumentMarker(at p: Int, _ c: UInt8) -> Bool {
        byte(at: p) == c && byte(at: p + 1) == c && byte(at: p + 2) == c && isBlankOrEnd(byte(at: p + 3))
    }

    /// `-` followed by a blank: a block sequence entry.
    private func isEntry(at p: Int) -> Bool {
        byte(at: p) == UInt8(ascii: "-") && isBlankOrEnd(byte(at: p + 1))
    }

    private mutating func skipSpaces() {
        while pos < end, bytes[pos] == UInt8(ascii: " ") { pos += 1 }
    }

    // MARK: Small helpers

    /// The byte at `p`, or 0 past the end (the input has no NUL bytes).
    @inline(__always)
    private func byte(at p: Int) -> UInt8 { p < end ? bytes[p] : 0 }

    @inline(__always)
    private func isBlankOrEnd(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == 0 }

    /// The line and column of `pos`; columns count characters, as libyaml's do.
    @inline(__always)
    private func here() -> YAMLMark {
        if isASCII { return YAMLMark(line: line, column: Int32(truncatingIfNeeded: pos - lineStart + 1)) }
        var characters = 0
        for i in lineStart..<pos where bytes[i] & 0xC0 != 0x80 { characters += 1 }
        return YAMLMark(line: line, column: Int32(truncatingIfNeeded: characters + 1))
    }

    /// A collection at `depth` (the root is 1), counted against the limits like libyaml's path.
    private mutating func enter(depth: Int) throws(Outside) {
        if depth > limits.maxDepth { throw Outside() }
        try count()
    }

    private mutating func count() throws(Outside) {
        nodes += 1
        if nodes > limits.maxNodes { throw Outside() }
    }

    private static func isFlowIndicator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
        default: return false
        }
    }

    /// Characters that start a plain scalar by themselves: anything but YAML's indicators
    /// (`-`, `?` and `:` start one only before a non-blank; of those only `-` is taken here).
    private static func canStartPlain(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"), UInt8(ascii: " "), UInt8(ascii: "\n"), 0:
            return false
        default:
            return true
        }
    }
}

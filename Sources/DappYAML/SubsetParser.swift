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
/// invalid UTF-8, a Unicode line separator, a tag, a complex or anchored key, a multi-line
/// quoted or flow node, a duplicate key, a limit in sight), it stops and the caller reads the
/// file with libyaml, which gives every error message. Where it does produce a tree, that tree
/// is libyaml's, marks included: `SubsetParserTests` and `SubsetParserGeneratedTests` compare
/// the two on every fixture, on mutated fixtures and on generated documents.
struct SubsetParser: ~Copyable {
    /// The input left the subset: read it with libyaml instead.
    struct Outside: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    /// Every byte is a character: columns are byte offsets. Otherwise they count code points.
    let isASCII: Bool
    let limits: YAMLLimits
    let origin: YAMLOrigin
    var pending = NodeStack(capacity: 64)
    var pos = 0
    var line: Int32 = 1
    var lineStart = 0
    /// Column (0-based) of the first character of the current content line.
    var indent = 0
    /// Past the last line, or (with `atNextDocument`) at the `---` that starts another document:
    /// either way every open collection ends.
    var atEnd = false
    var atNextDocument = false
    var nodes = 0
    /// For `here` in UTF-8 text: the characters of the line starting at `countedLineStart`
    /// before byte `countedTo`.
    var countedLineStart = -1
    var countedTo = 0
    var countedCharacters = 0
    /// Anchored nodes of the current document, and the nodes aliases have added.
    var anchors: [String: AnchoredNode] = [:]
    var aliasNodes = 0
    /// The text of the last plain scalar read, and where reading it stopped: a value whose
    /// reading stopped where `pos` is now was that plain scalar (see `finishValue`).
    var plainStart = 0
    var plainTextEnd = 0
    var plainEnd = -1

    /// The documents of `bytes`, or nil when libyaml must read them.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, origin: YAMLOrigin, limits: YAMLLimits) -> [YAMLNode]? {
        let isASCII = isPrintableASCII(bytes)
        guard isASCII || isPlainUTF8(bytes) else { return nil }
        var parser = SubsetParser(bytes: bytes, isASCII: isASCII, origin: origin, limits: limits)
        return try? parser.documents()
    }

    init(bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool, origin: YAMLOrigin, limits: YAMLLimits) {
        self.bytes = bytes
        self.end = bytes.count
        self.isASCII = isASCII
        self.origin = origin
        self.limits = limits
    }

    // MARK: Document and block structure

    /// Documents separated by `---` lines, each with content (an empty document, or `...`,
    /// is left to libyaml).
    mutating func documents() throws(Outside) -> [YAMLNode] {
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
            anchors.removeAll(keepingCapacity: true)
            documents.append(try blockNode(depth: 1))
            guard atEnd else { throw Outside() }
            if !atNextDocument { return documents }
            atEnd = false
            atNextDocument = false
        }
    }

    /// The block collection that starts at the current content line.
    mutating func blockNode(depth: Int) throws(Outside) -> YAMLNode {
        if isEntry(at: pos) { return try sequence(indent: indent, indentless: false, depth: depth) }
        return try mapping(indent: indent, firstKey: nil, depth: depth)
    }

    /// A block mapping whose keys stand at column `n`. `firstKey`, when given, was already read
    /// (the first key of `- key: value`) and `pos` is at its colon.
    mutating func mapping(indent n: Int, firstKey: consuming YAMLNode?, depth: Int) throws(Outside) -> YAMLNode {
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
                if let nested = try nestedBlock(parentIndent: n, indentless: true, depth: depth + 1) {
                    pending.push(nested)
                } else {
                    pending.push(try empty(at: afterColon))
                }
            } else if isBlockScalarIndicator(byte(at: pos)) {
                pending.push(try blockScalar(parentIndent: n))
            } else if isProperty(byte(at: pos)) {
                pending.push(try anchoredOrAlias(parentIndent: n, indentless: true, depth: depth + 1))
            } else {
                let value = try inlineNode(depth: depth + 1)
                // `a: b: c`: a mapping where a scalar must be.
                if byte(at: pos) == UInt8(ascii: ":") { throw Outside() }
                if let folded = try finishValue(parentIndent: n) {
                    pending.push(YAMLNode(.scalar(folded), mark: value.mark, origin: origin))
                } else {
                    pending.push(value)
                }
            }
            if atEnd || indent < n { break }
            // Deeper: a scalar continued on the next line. A `-` here: libyaml's error.
            if indent > n || isEntry(at: pos) { throw Outside() }
        }
        return YAMLNode(.mapping(pending.takePairs(from: start)), mark: mark, origin: origin)
    }

    /// A block sequence whose `-` stand at column `n`; `indentless` when it is the value of a
    /// mapping key at that same column, so a key there ends it.
    mutating func sequence(indent n: Int, indentless: Bool, depth: Int) throws(Outside) -> YAMLNode {
        try enter(depth: depth)
        let mark = here()
        let start = pending.count
        while true {
            pos += 1
            let afterDash = here()
            skipSpaces()
            if isLineEnd() {
                if let nested = try nestedBlock(parentIndent: n, indentless: false, depth: depth + 1) {
                    pending.push(nested)
                } else {
                    pending.push(try empty(at: afterDash))
                }
            } else if isEntry(at: pos) {
                throw Outside()  // `- - a`
            } else if isBlockScalarIndicator(byte(at: pos)) {
                pending.push(try blockScalar(parentIndent: n))
            } else if isProperty(byte(at: pos)) {
                pending.push(try anchoredOrAlias(parentIndent: n, indentless: false, depth: depth + 1))
            } else {
                let column = pos - lineStart
                let item = try inlineNode(depth: depth + 1)
                if byte(at: pos) == UInt8(ascii: ":") {
                    // `- key: value`: a mapping whose keys stand where this one does.
                    guard case .scalar = item.value else { throw Outside() }
                    pending.push(try mapping(indent: column, firstKey: item, depth: depth + 1))
                } else {
                    if let folded = try finishValue(parentIndent: n) {
                        pending.push(YAMLNode(.scalar(folded), mark: item.mark, origin: origin))
                    } else {
                        pending.push(item)
                    }
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

    /// The value of `key:` or `-` with nothing after it on its line: the block below when it
    /// stands deeper than the collection's column `n` (or, `indentless`, a sequence at `n`
    /// under a mapping key), else nil.
    mutating func nestedBlock(parentIndent n: Int, indentless: Bool, depth: Int) throws(Outside) -> YAMLNode? {
        try finishLine()
        try nextContentLine()
        if !atEnd, indent > n { return try blockNode(depth: depth) }
        if indentless, !atEnd, indent == n, isEntry(at: pos) { return try sequence(indent: n, indentless: true, depth: depth) }
        return nil
    }

    /// The null of `key:` or `-` with nothing after it, placed where libyaml places it: just
    /// after the indicator.
    mutating func empty(at mark: YAMLMark) throws(Outside) -> YAMLNode {
        try count()
        return YAMLNode(.scalar(YAMLScalar(text: "", style: .plain, kind: .null)), mark: mark, origin: origin)
    }

    // MARK: Lines

    /// Moves from the start of a line to the first character of the next line with content,
    /// skipping blank lines and comment lines; sets `indent`, or `atEnd` past the last line.
    mutating func nextContentLine(startOfDocument: Bool = false) throws(Outside) {
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
                startLine(after: p)
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
    mutating func finishLine() throws(Outside) {
        skipSpaces()
        if byte(at: pos) == UInt8(ascii: "#") {
            guard bytes[pos - 1] == UInt8(ascii: " ") else { throw Outside() }
            while pos < end, bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
        }
        if pos == end { return }
        guard bytes[pos] == UInt8(ascii: "\n") else { throw Outside() }
        startLine(after: pos)
    }

    /// Moves past the line break at `p` to the start of the next line.
    @inline(__always)
    mutating func startLine(after p: Int) {
        pos = p + 1
        line += 1
        lineStart = pos
    }

    /// Whether nothing but an optional comment is left on this line (spaces already skipped).
    func isLineEnd() -> Bool {
        let b = byte(at: pos)
        return b == 0 || b == UInt8(ascii: "\n") || (b == UInt8(ascii: "#") && bytes[pos - 1] == UInt8(ascii: " "))
    }

    func isDocumentMarker(at p: Int, _ c: UInt8) -> Bool {
        byte(at: p) == c && byte(at: p + 1) == c && byte(at: p + 2) == c && isBlankOrEnd(byte(at: p + 3))
    }

    /// `-` followed by a blank: a block sequence entry.
    func isEntry(at p: Int) -> Bool {
        byte(at: p) == UInt8(ascii: "-") && isBlankOrEnd(byte(at: p + 1))
    }

    mutating func skipSpaces() {
        while pos < end, bytes[pos] == UInt8(ascii: " ") { pos += 1 }
    }

    // MARK: Small helpers

    /// The byte at `p`, or 0 past the end (the input has no NUL bytes).
    @inline(__always)
    func byte(at p: Int) -> UInt8 { p < end ? bytes[p] : 0 }

    @inline(__always)
    func isBlankOrEnd(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == 0 }

    /// The line and column of `pos`; columns count characters, as libyaml's do. In UTF-8 text
    /// the count goes on from where it last stopped on the line, so the marks of a line cost
    /// its length once (counting from the line's start each time made a long line of many
    /// nodes quadratic: a 2.8 MB flow list took minutes).
    @inline(__always)
    mutating func here() -> YAMLMark {
        if isASCII { return YAMLMark(line: line, column: Int32(truncatingIfNeeded: pos - lineStart + 1)) }
        if countedLineStart != lineStart || countedTo > pos {
            countedLineStart = lineStart
            countedTo = lineStart
            countedCharacters = 0
        }
        for i in countedTo..<pos where bytes[i] & 0xC0 != 0x80 { countedCharacters += 1 }
        countedTo = pos
        return YAMLMark(line: line, column: Int32(truncatingIfNeeded: countedCharacters + 1))
    }

    /// A collection at `depth` (the root is 1), counted against the limits like libyaml's path.
    mutating func enter(depth: Int) throws(Outside) {
        if depth > limits.maxDepth { throw Outside() }
        try count()
    }

    mutating func count() throws(Outside) {
        nodes += 1
        if nodes > limits.maxNodes { throw Outside() }
    }

    static func isFlowIndicator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
        default: return false
        }
    }

    /// Characters that start a plain scalar by themselves: anything but YAML's indicators
    /// (`-`, `?` and `:` start one only before a non-blank; of those only `-` is taken here).
    static func canStartPlain(_ b: UInt8) -> Bool {
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

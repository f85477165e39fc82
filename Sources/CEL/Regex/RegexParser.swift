/// A problem with a regular expression: what is wrong and where (an offset in Unicode scalars).
public struct CELRegexError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    /// Offset of the problem in the pattern, counted in Unicode scalars from 0.
    public let offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// `missing ')' at offset 3`.
    public var description: String { "\(message) at offset \(offset)" }
}

/// Zero-width assertions.
enum RegexAssertion: Sendable {
    case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary
}

/// A parsed regular expression. Capture groups are kept only as grouping: matching answers
/// whether there is a match, so which substring a group captured never matters.
indirect enum RegexNode: Sendable {
    case empty
    case literal(UInt32, foldCase: Bool)
    case set(RegexCharSet)
    /// `.`: any scalar, or any scalar but `\n` when `matchesNewline` is false.
    case any(matchesNewline: Bool)
    case assertion(RegexAssertion)
    case concat([RegexNode])
    case alternate([RegexNode])
    case `repeat`(RegexNode, min: Int, max: Int?, greedy: Bool)
}

/// Recursive-descent parser of RE2 syntax over the pattern's Unicode scalars.
struct RegexParser {
    struct Flags {
        var foldCase = false
        var multiLine = false
        var dotAll = false
        var ungreedy = false
    }

    /// RE2's limit on `{n,m}` counts.
    static let maxRepeat = 1000
    /// Deepest group nesting accepted (bounds the recursion of parsing and compiling).
    static let maxDepth = 250
    /// Longest pattern accepted, in Unicode scalars.
    static let maxPatternLength = 20_000

    let s: [UInt32]
    var i = 0
    var flags = Flags()
    var depth = 0
    var captureNames: Set<String> = []

    init(_ pattern: String) {
        s = pattern.unicodeScalars.map(\.value)
    }

    static func parse(_ pattern: String) throws(CELRegexError) -> RegexNode {
        var parser = RegexParser(pattern)
        if parser.s.count > maxPatternLength {
            throw CELRegexError("pattern too long (more than \(maxPatternLength) characters)", offset: maxPatternLength)
        }
        let node = try parser.parseAlternation()
        if parser.i < parser.s.count {
            throw CELRegexError("unexpected ')'", offset: parser.i)
        }
        return node
    }

    // MARK: Helpers

    var atEnd: Bool { i >= s.count }

    func peek(_ ahead: Int = 0) -> UInt32? {
        i + ahead < s.count ? s[i + ahead] : nil
    }

    func isChar(_ c: Character, at ahead: Int = 0) -> Bool {
        guard let v = peek(ahead), let ascii = c.asciiValue else { return false }
        return v == UInt32(ascii)
    }

    func text(_ from: Int, _ to: Int) -> String {
        var result = ""
        for v in s[from..<min(to, s.count)] { result.unicodeScalars.append(Unicode.Scalar(v) ?? "?") }
        return result
    }

    static func ascii(_ c: Character) -> UInt32 { UInt32(c.asciiValue!) }

    // MARK: Structure

    mutating func parseAlternation() throws(CELRegexError) -> RegexNode {
        var branches = [try parseConcat()]
        while isChar("|") {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    mutating func parseConcat() throws(CELRegexError) -> RegexNode {
        var items: [RegexNode] = []
        while !atEnd && !isChar("|") && !isChar(")") {
            let start = i
            if let quantifier = quantifierLength() {
                throw CELRegexError("missing argument to repetition operator '\(text(start, start + quantifier))'", offset: start)
            }
            guard let atom = try parseAtom() else { continue }
            items.append(try parseQuantifiers(atom))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    /// The length of a repetition operator at the cursor (`*`, `+`, `?`, `{2}`, `{2,}`, `{2,5}`), if any.
    func quantifierLength() -> Int? {
        if isChar("*") || isChar("+") || isChar("?") { return 1 }
        guard isChar("{") else { return nil }
        var j = 1
        var digits = 0
        while let c = peek(j), c >= 0x30 && c <= 0x39 {
            j += 1
            digits += 1
        }
        if digits == 0 { return nil }
        if isChar(",", at: j) {
            j += 1
            while let c = peek(j), c >= 0x30 && c <= 0x39 { j += 1 }
        }
        return isChar("}", at: j) ? j + 1 : nil
    }

    mutating func parseQuantifiers(_ atom: RegexNode) throws(CELRegexError) -> RegexNode {
        guard let length = quantifierLength() else { return atom }
        let start = i
        let min: Int
        let max: Int?
        switch s[i] {
        case Self.ascii("*"): (min, max) = (0, nil)
        case Self.ascii("+"): (min, max) = (1, nil)
        case Self.ascii("?"): (min, max) = (0, 1)
        default:
            let body = text(i + 1, i + length - 1)
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            guard let low = Int(parts[0]), low <= Self.maxRepeat else {
                throw CELRegexError("invalid repeat count '\(text(i, i + length))' (the limit is \(Self.maxRepeat))", offset: i)
            }
            var high: Int? = low
            if parts.count == 2 {
                if parts[1].isEmpty {
                    high = nil
                } else {
                    guard let h = Int(parts[1]), h <= Self.maxRepeat, h >= low else {
                        throw CELRegexError("invalid repeat count '\(text(i, i + length))'", offset: i)
                    }
                    high = h
                }
            }
            (min, max) = (low, high)
        }
        i += length
        var greedy = !flags.ungreedy
        if isChar("?") {
            i += 1
            greedy.toggle()
        }
        if let next = quantifierLength() {
            throw CELRegexError(
                "invalid nested repetition operator '\(text(start, i + next))'", offset: i)
        }
        if case .empty = atom { return atom }
        return .repeat(atom, min: min, max: max, greedy: greedy)
    }

    /// One atom, or nil for a flag group such as `(?i)` that only changes the flags.
    mutating func parseAtom() throws(CELRegexError) -> RegexNode? {
        let c = s[i]
        switch c {
        case Self.ascii("("):
            return try parseGroup()
        case Self.ascii("["):
            return .set(try parseClass())
        case Self.ascii("."):
            i += 1
            if flags.dotAll { return .any(matchesNewline: true) }
            return .any(matchesNewline: false)
        case Self.ascii("^"):
            i += 1
            return .assertion(flags.multiLine ? .beginLine : .beginText)
        case Self.ascii("$"):
            i += 1
            return .assertion(flags.multiLine ? .endLine : .endText)
        case Self.ascii("\\"):
            return try parseEscape()
        default:
            i += 1
            return literal(c)
        }
    }

    func literal(_ c: UInt32) -> RegexNode {
        if flags.foldCase && RegexCaseFold.hasCase(c) { return .literal(RegexCaseFold.fold(c), foldCase: true) }
        return .literal(c, foldCase: false)
    }

    mutating func parseGroup() throws(CELRegexError) -> RegexNode? {
        let open = i
        i += 1
        if isChar("?") {
            i += 1
            if isChar("P") && isChar("<", at: 1) {
                i += 1
                try parseGroupName(open)
            } else if isChar("<") && !isChar("=", at: 1) && !isChar("!", at: 1) {
                try parseGroupName(open)
            } else if isChar("=") || isChar("!") || (isChar("<") && (isChar("=", at: 1) || isChar("!", at: 1))) {
                throw CELRegexError(
                    "lookaround assertions '\(text(open, i + (isChar("<") ? 2 : 1)))' are not supported by RE2", offset: open)
            } else if isChar("P") && (isChar("=", at: 1) || isChar(">", at: 1)) {
                throw CELRegexError("backreferences '\(text(open, i + 2))' are not supported by RE2", offset: open)
            } else {
                // Flags: (?i) (?i-s) (?i:...)
                var negate = false
                var sawFlag = false
                var newFlags = flags
                while true {
                    guard let f = peek() else { throw CELRegexError("missing ')'", offset: i) }
                    switch f {
                    case Self.ascii("i"): newFlags.foldCase = !negate
                    case Self.ascii("m"): newFlags.multiLine = !negate
                    case Self.ascii("s"): newFlags.dotAll = !negate
                    case Self.ascii("U"): newFlags.ungreedy = !negate
                    case Self.ascii("-"):
                        if negate { throw CELRegexError("invalid or unsupported group flags '\(text(open, i + 1))'", offset: open) }
                        negate = true
                        sawFlag = false
                        i += 1
                        continue
                    case Self.ascii(")"), Self.ascii(":"):
                        if negate && !sawFlag || (!sawFlag && f == Self.ascii(")")) {
                            throw CELRegexError("invalid or unsupported group flags '\(text(open, i + 1))'", offset: open)
                        }
                        i += 1
                        if f == Self.ascii(")") {
                            flags = newFlags
                            return nil
                        }
                        let saved = flags
                        flags = newFlags
                        let body = try parseGroupBody(open)
                        flags = saved
                        return body
                    default:
                        throw CELRegexError(
                            "invalid or unsupported group flags '\(text(open, i + 1))' (RE2 supports i, m, s and U)", offset: open)
                    }
                    sawFlag = true
                    i += 1
                }
            }
        }
        let saved = flags
        let body = try parseGroupBody(open)
        flags = saved
        return body
    }

    /// After `(?P<` or `(?<` (the cursor on `<`): reads `name>`.
    mutating func parseGroupName(_ open: Int) throws(CELRegexError) {
        i += 1
        let start = i
        while let c = peek(), c != Self.ascii(">") {
            let isWord = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
            guard isWord else { throw CELRegexError("invalid capture group name '\(text(start, i + 1))'", offset: i) }
            i += 1
        }
        guard isChar(">") else { throw CELRegexError("missing '>' after capture group name", offset: i) }
        let name = text(start, i)
        if name.isEmpty { throw CELRegexError("empty capture group name", offset: start) }
        if !captureNames.insert(name).inserted {
            throw CELRegexError("duplicate capture group name '\(name)'", offset: start)
        }
        i += 1
    }

    /// The alternation inside a group, through its `)`.
    mutating func parseGroupBody(_ open: Int) throws(CELRegexError) -> RegexNode {
        depth += 1
        if depth > Self.maxDepth {
            throw CELRegexError("groups nested too deeply (more than \(Self.maxDepth))", offset: open)
        }
        let body = try parseAlternation()
        guard isChar(")") else { throw CELRegexError("missing ')'", offset: i) }
        i += 1
        depth -= 1
        return body
    }
}

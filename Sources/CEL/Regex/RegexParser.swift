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

    // MARK: Escapes

    mutating func parseEscape() throws(CELRegexError) -> RegexNode {
        let start = i
        guard let c = peek(1) else { throw CELRegexError("trailing backslash at end of expression", offset: start) }
        switch c {
        case Self.ascii("A"):
            i += 2
            return .assertion(.beginText)
        case Self.ascii("z"):
            i += 2
            return .assertion(.endText)
        case Self.ascii("b"):
            i += 2
            return .assertion(.wordBoundary)
        case Self.ascii("B"):
            i += 2
            return .assertion(.notWordBoundary)
        case Self.ascii("Q"):
            i += 2
            var items: [RegexNode] = []
            while !atEnd {
                if isChar("\\") && isChar("E", at: 1) {
                    i += 2
                    break
                }
                if isChar("\\") && isChar("\\", at: 1) { i += 1 }
                items.append(literal(s[i]))
                i += 1
            }
            return items.isEmpty ? .empty : .concat(items)
        default:
            if var set = try parseClassEscape() {
                set.foldCase = flags.foldCase
                set.finish()
                return .set(set)
            }
            return literal(try parseCharEscape())
        }
    }

    /// `\d \D \w \W \s \S \pX \p{..} \PX \P{..}` at the cursor, as a set (consumed); nil otherwise.
    mutating func parseClassEscape() throws(CELRegexError) -> RegexCharSet? {
        guard isChar("\\"), let c = peek(1) else { return nil }
        var set = RegexCharSet()
        switch c {
        case Self.ascii("d"), Self.ascii("D"):
            set.add(contentsOf: .digit, negated: c == Self.ascii("D"))
        case Self.ascii("w"), Self.ascii("W"):
            set.add(contentsOf: .word, negated: c == Self.ascii("W"))
        case Self.ascii("s"), Self.ascii("S"):
            set.add(contentsOf: .space, negated: c == Self.ascii("S"))
        case Self.ascii("p"), Self.ascii("P"):
            let start = i
            i += 2
            var name: String
            if isChar("{") {
                let open = i
                while !atEnd && !isChar("}") { i += 1 }
                guard isChar("}") else { throw CELRegexError("missing '}' in Unicode class", offset: i) }
                name = text(open + 1, i)
            } else {
                guard !atEnd else { throw CELRegexError("missing Unicode class name after '\\p'", offset: i) }
                name = text(i, i + 1)
            }
            i += 1
            var negated = c == Self.ascii("P")
            if name.hasPrefix("^") {
                negated.toggle()
                name.removeFirst()
            }
            guard let categories = RegexCharSet.unicodeCategories(name) else {
                throw CELRegexError(
                    "unsupported Unicode class '\(text(start, i))' (general categories such as \\pL, \\p{Lu}, \\p{Nd} "
                        + "and \\p{Any} are supported; scripts are not)", offset: start)
            }
            set.add(categories: categories, negated: negated)
            return set
        default:
            return nil
        }
        i += 2
        return set
    }

    /// A single-scalar escape at the cursor (`\n`, `\x41`, `\x{263A}`, `\101`, `\.`), consumed.
    mutating func parseCharEscape() throws(CELRegexError) -> UInt32 {
        let start = i
        guard let c = peek(1) else { throw CELRegexError("trailing backslash at end of expression", offset: start) }
        i += 2
        switch c {
        case Self.ascii("n"): return 0x0A
        case Self.ascii("t"): return 0x09
        case Self.ascii("r"): return 0x0D
        case Self.ascii("f"): return 0x0C
        case Self.ascii("v"): return 0x0B
        case Self.ascii("a"): return 0x07
        case Self.ascii("x"):
            if isChar("{") {
                let open = i
                while !atEnd && !isChar("}") { i += 1 }
                guard isChar("}"), let v = UInt32(text(open + 1, i), radix: 16), v <= RegexCharSet.maxScalar,
                    i > open + 1
                else {
                    throw CELRegexError("invalid escape sequence '\(text(start, i + 1))'", offset: start)
                }
                i += 1
                return v
            }
            guard let v = UInt32(text(i, i + 2), radix: 16), i + 2 <= s.count else {
                throw CELRegexError("invalid escape sequence '\(text(start, i + 2))'", offset: start)
            }
            i += 2
            return v
        case 0x30...0x37:
            // Octal: \0, \01, \012; a lone \1..\7 (and \8, \9) is a backreference.
            let second = peek().map { $0 >= 0x30 && $0 <= 0x37 } ?? false
            if c != 0x30 && !second {
                throw CELRegexError("backreferences '\(text(start, i))' are not supported by RE2", offset: start)
            }
            var value = c - 0x30
            var digits = 1
            while digits < 3, let d = peek(), d >= 0x30 && d <= 0x37 {
                value = value * 8 + (d - 0x30)
                digits += 1
                i += 1
            }
            return value
        case 0x38, 0x39:
            throw CELRegexError("backreferences '\(text(start, i))' are not supported by RE2", offset: start)
        case Self.ascii("k"):
            throw CELRegexError("backreferences '\\k' are not supported by RE2", offset: start)
        case Self.ascii("C"):
            throw CELRegexError("'\\C' (any byte) is not supported", offset: start)
        default:
            // Any ASCII punctuation may be escaped; letters and digits not listed above may not.
            if c < 0x80 && !RegexCharSet.word.contains(c) && c > 0x20 { return c }
            throw CELRegexError("invalid escape sequence '\(text(start, i))'", offset: start)
        }
    }

    // MARK: Classes

    mutating func parseClass() throws(CELRegexError) -> RegexCharSet {
        i += 1
        var set = RegexCharSet()
        set.foldCase = flags.foldCase
        if isChar("^") {
            set.negated = true
            i += 1
        }
        var first = true
        while !isChar("]") || first {
            guard !atEnd else { throw CELRegexError("missing ']'", offset: i) }
            first = false
            let itemStart = i
            if isChar("["), isChar(":", at: 1) {
                if let posix = try parsePosixClass() {
                    set.add(contentsOf: posix.set, negated: posix.negated)
                    continue
                }
            }
            if let escaped = try parseClassEscape() {
                if escaped.categories.isEmpty {
                    set.add(contentsOf: escaped, negated: false)
                } else {
                    for entry in escaped.categories { set.add(categories: entry.members, negated: entry.negated) }
                }
                continue
            }
            let low = try parseClassChar()
            if isChar("-") && !isChar("]", at: 1) && peek(1) != nil {
                i += 1
                let high = try parseClassChar()
                guard low <= high else {
                    throw CELRegexError("invalid character class range '\(text(itemStart, i))'", offset: itemStart)
                }
                set.add(low...high)
            } else {
                set.add(low)
            }
        }
        i += 1
        set.finish()
        return set
    }

    mutating func parseClassChar() throws(CELRegexError) -> UInt32 {
        guard let c = peek() else { throw CELRegexError("missing ']'", offset: i) }
        if c == Self.ascii("\\") {
            if isChar("b", at: 1) || isChar("B", at: 1) || isChar("A", at: 1) || isChar("z", at: 1) || isChar("Q", at: 1) {
                throw CELRegexError("invalid escape sequence '\(text(i, i + 2))' in character class", offset: i)
            }
            return try parseCharEscape()
        }
        i += 1
        return c
    }

    /// `[:alpha:]` or `[:^alpha:]` at the cursor, consumed; nil (nothing consumed) when the text is
    /// not a complete `[:...:]`.
    mutating func parsePosixClass() throws(CELRegexError) -> (set: RegexCharSet, negated: Bool)? {
        var j = i + 2
        while j + 1 < s.count && !(s[j] == Self.ascii(":") && s[j + 1] == Self.ascii("]")) { j += 1 }
        guard j + 1 < s.count else { return nil }
        var name = text(i + 2, j)
        var negated = false
        if name.hasPrefix("^") {
            negated = true
            name.removeFirst()
        }
        guard let set = RegexCharSet.posix[name] else {
            throw CELRegexError("invalid POSIX character class '\(text(i, j + 2))'", offset: i)
        }
        i = j + 2
        return (set, negated)
    }
}

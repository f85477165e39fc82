/// Escapes (`\d`, `\x{41}`, `\p{Greek}`) and character classes (`[a-z]`, `[[:alpha:]]`) of
/// `RegexParser`.
extension RegexParser {
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

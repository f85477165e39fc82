/// Values that span lines: plain scalars folded over deeper lines, and block scalars.
extension SubsetParser {
    // MARK: Values that end their line, or go on

    /// Ends the line of a value just read inline and moves to the next content line. A plain
    /// scalar that ends its line goes on over the lines below that are indented deeper than its
    /// collection's column `n`, folded as libyaml folds them: then the whole scalar is returned,
    /// else nil (the value stands as read). Callers keep the value or build the folded node in
    /// an `if let`: passing the value through here, or `?? value`, copied it (callgrind: +1.3%
    /// and +3% of a validate).
    mutating func finishValue(parentIndent n: Int) throws(Outside) -> YAMLScalar? {
        let wasPlain = plainEnd == pos
        skipSpaces()
        guard wasPlain, pos < end, bytes[pos] == UInt8(ascii: "\n") else {
            try finishLine()
            try nextContentLine()
            return nil
        }
        // Empty until a second line joins the first.
        var text: [UInt8] = []
        // Each turn starts at the line break that ends a line of the scalar.
        while pos < end {
            startLine(after: pos)
            var emptyLines = 0
            var p = pos
            while true {
                while p < end, bytes[p] == UInt8(ascii: " ") { p += 1 }
                guard p < end, bytes[p] == UInt8(ascii: "\n") else { break }
                emptyLines += 1
                startLine(after: p)
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
            if text.isEmpty { text = Array(UnsafeBufferPointer(rebasing: bytes[plainStart..<plainTextEnd])) }
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
        guard !text.isEmpty else { return nil }
        return text.withUnsafeBufferPointer { buffer in
            YAMLScalar(text: String(decoding: buffer, as: UTF8.self), style: .plain, kind: ScalarResolver.resolve(plain: buffer))
        }
    }

    // MARK: Block scalars

    func isBlockScalarIndicator(_ b: UInt8) -> Bool { b == UInt8(ascii: "|") || b == UInt8(ascii: ">") }

    /// A literal (`|`) or folded (`>`) block scalar, with an optional chomping indicator (`-`
    /// strips the final line break, `+` keeps the trailing empty lines too), as the value of a
    /// collection whose entries stand at column `n`. Leaves `pos` at the next content line.
    ///
    /// Left to libyaml: an explicit indentation indicator, an empty scalar, blank lines before
    /// the first line of text, and lines holding only spaces, where libyaml's rules for what
    /// is text and what is indentation get subtle.
    mutating func blockScalar(parentIndent n: Int) throws(Outside) -> YAMLNode {
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

        // Every line of text holds a character, so the text is empty only before the first.
        var text: [UInt8] = []
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
                startLine(after: q)
                continue
            }
            if q - pos < indentation { break }  // a less indented line ends the scalar
            let start = pos + indentation
            let indented = bytes[start] == UInt8(ascii: " ")
            if !text.isEmpty {
                // Folding joins two lines of text with a space, or with the empty lines
                // between them; a more-indented line keeps its line breaks.
                if !literal, lineBreak, !previousIndented, !indented {
                    if emptyLines == 0 { text.append(UInt8(ascii: " ")) }
                } else if lineBreak {
                    text.append(UInt8(ascii: "\n"))
                }
                text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: emptyLines))
            }
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
            startLine(after: e)
        }
        if chomping != -1, lineBreak { text.append(UInt8(ascii: "\n")) }
        if chomping == 1 { text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: emptyLines)) }
        try nextContentLine()
        return YAMLNode(
            .scalar(YAMLScalar(text: String(decoding: text, as: UTF8.self), style: literal ? .literal : .folded, kind: .string)),
            mark: mark, origin: origin)
    }
}

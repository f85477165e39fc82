/// Number, string and bytes literals.
extension Lexer {
    mutating func lexNumber(_ start: SourcePosition) throws -> Token {
        let kind: TokenKind
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            advance(2)
            var value: UInt64 = 0
            var count = 0
            var overflow = false
            while let c = peek(), let digit = hexValue(c) {
                let (shifted, o1) = value.multipliedReportingOverflow(by: 16)
                let (sum, o2) = shifted.addingReportingOverflow(UInt64(digit))
                overflow = overflow || o1 || o2
                value = sum
                count += 1
                advance()
            }
            if count == 0 { throw error("invalid hex literal: expected hex digits after '0x'", at: start) }
            if overflow { throw error("integer literal out of range", at: start) }
            kind = try integerKind(value, start)
        } else {
            let begin = index
            var isDouble = false
            while let c = peek(), isDigit(c) { advance() }
            if peek() == UInt8(ascii: "."), let d = peek(1), isDigit(d) {
                isDouble = true
                advance()
                while let c = peek(), isDigit(c) { advance() }
            }
            if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                var ahead = 1
                if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { ahead = 2 }
                guard let d = peek(ahead), isDigit(d) else {
                    throw error("invalid number literal: exponent has no digits", at: start)
                }
                isDouble = true
                advance(ahead)
                while let c = peek(), isDigit(c) { advance() }
            }
            let text = String(decoding: bytes[begin..<index], as: UTF8.self)
            if isDouble {
                guard let value = Double(text), value.isFinite else {
                    throw error("double literal out of range: \(text)", at: start)
                }
                kind = .double(value)
            } else {
                guard let value = UInt64(text) else { throw error("integer literal out of range: \(text)", at: start) }
                kind = try integerKind(value, start)
            }
        }
        if let c = peek(), isIdentifierStart(c) || isDigit(c) {
            throw error("invalid number literal: unexpected \(describeCharacter(at: index)) after the number", at: position)
        }
        return Token(kind: kind, position: start)
    }

    private mutating func integerKind(_ value: UInt64, _ start: SourcePosition) throws -> TokenKind {
        if let u = peek(), u == UInt8(ascii: "u") || u == UInt8(ascii: "U") {
            advance()
            return .uint(value)
        }
        return .int(value)
    }

    mutating func lexString(_ start: SourcePosition, raw: Bool, isBytes: Bool) throws -> Token {
        guard let quote = peek() else { throw error("unterminated string literal", at: start) }
        let triple = peek(1) == quote && peek(2) == quote
        advance(triple ? 3 : 1)
        var out: [UInt8] = []
        while true {
            guard let c = peek() else {
                throw error(isBytes ? "unterminated bytes literal" : "unterminated string literal", at: start)
            }
            if triple {
                if c == quote && peek(1) == quote && peek(2) == quote {
                    advance(3)
                    break
                }
            } else {
                if c == quote {
                    advance()
                    break
                }
                if c == 0x0A || c == 0x0D {
                    throw error(
                        "unterminated string literal (a newline needs a triple-quoted string or '\\n')", at: start)
                }
            }
            if c == UInt8(ascii: "\\") && !raw {
                try lexEscape(into: &out, isBytes: isBytes)
                continue
            }
            out.append(c)
            advance()
        }
        if isBytes { return Token(kind: .bytes(out), position: start) }
        return Token(kind: .string(String(decoding: out, as: UTF8.self)), position: start)
    }

    private mutating func lexEscape(into out: inout [UInt8], isBytes: Bool) throws {
        let escapeStart = position
        advance()  // the backslash
        guard let c = peek() else { throw error("unterminated escape sequence", at: escapeStart) }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C,
            UInt8(ascii: "?"): 0x3F, UInt8(ascii: "\""): 0x22, UInt8(ascii: "'"): 0x27, UInt8(ascii: "`"): 0x60,
        ]
        if let value = simple[c] {
            advance()
            out.append(value)
            return
        }
        var value: UInt32 = 0
        switch c {
        case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : c == UInt8(ascii: "U") ? 8 : 2
            if isBytes && count > 2 {
                throw error("invalid escape sequence: \\\(Character(UnicodeScalar(c))) is not allowed in bytes literals", at: escapeStart)
            }
            advance()
            for _ in 0..<count {
                guard let h = peek(), let digit = hexValue(h) else {
                    throw error("invalid escape sequence: expected \(count) hex digits", at: escapeStart)
                }
                value = value &* 16 &+ digit
                advance()
            }
        case UInt8(ascii: "0")...UInt8(ascii: "3"):
            for _ in 0..<3 {
                guard let o = peek(), o >= 0x30 && o <= 0x37 else {
                    throw error("invalid escape sequence: expected 3 octal digits (000 to 377)", at: escapeStart)
                }
                value = value * 8 + UInt32(o - 0x30)
                advance()
            }
        default:
            throw error("invalid escape sequence \\\(describeEscapeCharacter(c))", at: escapeStart)
        }
        if isBytes {
            out.append(UInt8(value))
            return
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("invalid escape sequence: U+\(hex(value)) is not a Unicode scalar value", at: escapeStart)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private func describeEscapeCharacter(_ c: UInt8) -> String {
        c >= 0x21 && c < 0x7F ? String(Character(UnicodeScalar(c))) : "(U+\(hex(UInt32(c))))"
    }
}

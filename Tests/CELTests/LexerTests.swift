import Testing

@testable import CEL

private func kinds(_ source: String) throws -> [TokenKind] {
    try Lexer.tokenize(source).map(\.kind).dropLast()
}

private func literal(_ source: String) throws -> CELLiteral? {
    let root = try CELParser.parse(source).root
    if case .literal(let value) = root.kind { return value }
    return nil
}

private func lexError(_ source: String) -> CELParseError? {
    do {
        _ = try Lexer.tokenize(source)
        return nil
    } catch let error as CELParseError {
        return error
    } catch {
        return nil
    }
}

@Suite struct LexerTests {
    @Test func numbers() throws {
        #expect(try kinds("0 42 0x1F 0XfF 7u 0x10U") == [.int(0), .int(42), .int(31), .int(255), .uint(7), .uint(16)])
        #expect(try kinds("1.5 .5 1e3 2E-2 3.0e+1") == [.double(1.5), .double(0.5), .double(1000), .double(0.02), .double(30)])
        #expect(try kinds("18446744073709551615u") == [.uint(UInt64.max)])
        // `7.` is not a double literal: an int followed by a dot.
        #expect(try kinds("7.") == [.int(7), .punct(.dot)])
    }

    @Test func identifiersKeywordsAndOperators() throws {
        #expect(
            try kinds("a _b c1 true false null in as")
                == [.identifier("a"), .identifier("_b"), .identifier("c1"), .true, .false, .null, .in, .identifier("as")])
        let ops = "+ - * / % == != < <= > >= && || ! ? : . , [ ] { } ( )"
        #expect(try kinds(ops).count == 24)
        #expect(try kinds("a<=b") == [.identifier("a"), .punct(.lessEqual), .identifier("b")])
        #expect(try kinds("a // comment\n+ b") == [.identifier("a"), .punct(.plus), .identifier("b")])
        #expect(try kinds("a.`b-c`") == [.identifier("a"), .punct(.dot), .quotedIdentifier("b-c")])
    }

    @Test func stringEscapes() throws {
        #expect(try literal(#"'\a\b\f\n\r\t\v\\\'\"\`\?'"#) == .string("\u{07}\u{08}\u{0C}\n\r\t\u{0B}\\'\"`?"))
        #expect(try literal(#""\x41\X42\u00e9\U0001F62C\101\377""#) == .string("ABé😬Aÿ"))
        #expect(try literal("'''a\n'b''c'''") == .string("a\n'b''c"))
        #expect(try literal(#""""x"y""""#) == .string("x\"y"))
        #expect(try literal(#"r'\n\x'"#) == .string(#"\n\x"#))
        #expect(try literal(#"R"""\t""""#) == .string(#"\t"#))
        #expect(try literal("'héllo'") == .string("héllo"))
    }

    @Test func bytesLiterals() throws {
        #expect(try literal("b'abc'") == .bytes([97, 98, 99]))
        #expect(try literal(#"b'\377\xff\303\277'"#) == .bytes([255, 255, 195, 191]))
        #expect(try literal("B\"ÿ\"") == .bytes([195, 191]))
        #expect(try literal(#"br'\n'"#) == .bytes([92, 110]))
        #expect(try literal(#"b'''\a'''"#) == .bytes([7]))
    }

    @Test func positionsAreOneBasedLineAndColumn() throws {
        let tokens = try Lexer.tokenize("a +\n  'é' +\r\nb")
        let positions = tokens.map { ($0.position.line, $0.position.column, $0.position.offset) }
        #expect(positions.map(\.0) == [1, 1, 2, 2, 3, 3])
        #expect(positions.map(\.1) == [1, 3, 3, 7, 1, 2])
        #expect(positions.map(\.2) == [0, 2, 6, 11, 14, 15])
    }

    @Test(arguments: [
        ("'abc", 1, 1, "unterminated string literal"),
        ("x + 'ab\ncd'", 1, 5, "unterminated string literal"),
        ("b'''abc", 1, 1, "unterminated bytes literal"),
        (#"'\q'"#, 1, 2, "invalid escape sequence"),
        (#"'ok' + '\x4'"#, 1, 9, "invalid escape sequence"),
        (#"'\400'"#, 1, 2, "invalid escape sequence"),
        (#"b'\u0041'"#, 1, 3, "not allowed in bytes"),
        (#"'\UFFFFFFFF'"#, 1, 2, "not a Unicode scalar"),
        (#"'\uD800'"#, 1, 2, "not a Unicode scalar"),
        ("0x", 1, 1, "invalid hex literal"),
        ("1e", 1, 1, "exponent has no digits"),
        ("12abc", 1, 3, "invalid number literal"),
        ("18446744073709551616", 1, 1, "out of range"),
        ("1e999", 1, 1, "double literal out of range"),
        ("a\n  # b", 2, 3, "unexpected character '#'"),
        ("a = b", 1, 3, "did you mean '=='"),
        ("a & b", 1, 3, "did you mean '&&'"),
        ("é", 1, 1, "unexpected character 'é'"),
    ])
    func errorsAreLocated(source: String, line: Int, column: Int, message: String) {
        let error = lexError(source)
        #expect(error?.line == line, "\(source)")
        #expect(error?.column == column, "\(source)")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }
}

/// A place in the expression source.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// UTF-8 byte offset from the start of the source, 0-based.
    public var offset: Int
    /// Line number, 1-based. `\n`, `\r\n` and a lone `\r` each end a line.
    public var line: Int
    /// Column number, 1-based, counted in Unicode scalars.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// Punctuation and operator tokens.
enum Punct: String, Sendable {
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case and = "&&"
    case or = "||"
    case bang = "!"
    case question = "?"
    case colon = ":"
    case dot = "."
    case comma = ","
    case leftBracket = "["
    case rightBracket = "]"
    case leftBrace = "{"
    case rightBrace = "}"
    case leftParen = "("
    case rightParen = ")"
}

enum TokenKind: Sendable, Equatable {
    /// A decimal or hex integer without `u` suffix: the magnitude, range-checked by the parser
    /// (so `-9223372036854775808` can be folded).
    case int(UInt64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    /// An identifier, reserved words included (they are valid selectors and field names).
    case identifier(String)
    /// A backtick-quoted identifier, valid as a selector or field name only.
    case quotedIdentifier(String)
    case `true`
    case `false`
    case null
    case `in`
    case punct(Punct)
    case eof
}

struct Token: Sendable {
    var kind: TokenKind
    var position: SourcePosition

    var display: String {
        switch kind {
        case .int(let v): return "integer literal \(v)"
        case .uint(let v): return "integer literal \(v)u"
        case .double(let v): return "number literal \(v)"
        case .string: return "string literal"
        case .bytes: return "bytes literal"
        case .identifier(let s): return "'\(s)'"
        case .quotedIdentifier(let s): return "'`\(s)`'"
        case .true: return "'true'"
        case .false: return "'false'"
        case .null: return "'null'"
        case .in: return "'in'"
        case .punct(let p): return "'\(p.rawValue)'"
        case .eof: return "end of expression"
        }
    }
}

/// Words that can never be identifiers (but can be selectors, method names and field names).
let celReservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
    "namespace", "return", "var", "void", "while",
]

/// Turns CEL source into tokens. Works on UTF-8 bytes; non-ASCII text is only valid inside string
/// literals and comments.
struct Lexer {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// All tokens of `source`, ending with `.eof`.
    static func tokenize(_ source: String) throws -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    var position: SourcePosition { SourcePosition(offset: index, line: line, column: column) }

    func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte == 0x0D {
            // `\r\n` is one line break, counted at the `\n`.
            if peek() != 0x0A {
                line += 1
                column = 1
            }
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func advance(_ count: Int) {
        for _ in 0..<count { advance() }
    }

    func error(_ message: String, at position: SourcePosition) -> CELParseError {
        CELParseError(message: message, position: position)
    }

    private mutating func skipTrivia() {
        while let byte = peek() {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
                advance()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while let c = peek(), c != 0x0A, c != 0x0D { advance() }
            default:
                return
            }
        }
    }

    mutating func next() throws -> Token {
        skipTrivia()
        let start = position
        guard let byte = peek() else { return Token(kind: .eof, position: start) }
        if isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            return try lexNumber(start)
        }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            return try lexString(start, raw: false, isBytes: false)
        }
        if isIdentifierStart(byte) {
            return try lexIdentifier(start)
        }
        if byte == UInt8(ascii: "`") {
            return try lexQuotedIdentifier(start)
        }
        return try lexPunct(start, byte)
    }

    private mutating func lexPunct(_ start: SourcePosition, _ byte: UInt8) throws -> Token {
        let two: [String: Punct] = [
            "==": .equal, "!=": .notEqual, "<=": .lessEqual, ">=": .greaterEqual, "&&": .and, "||": .or,
        ]
        if let second = peek(1) {
            let text = String(decoding: [byte, second], as: UTF8.self)
            if let punct = two[text] {
                advance(2)
                return Token(kind: .punct(punct), position: start)
            }
        }
        let text = String(decoding: [byte], as: UTF8.self)
        if byte < 0x80, text != "=", text != "&", text != "|", let punct = Punct(rawValue: text) {
            advance()
            return Token(kind: .punct(punct), position: start)
        }
        if byte == UInt8(ascii: "=") { throw error("unexpected character '=' (did you mean '=='?)", at: start) }
        if byte == UInt8(ascii: "&") { throw error("unexpected character '&' (did you mean '&&'?)", at: start) }
        if byte == UInt8(ascii: "|") { throw error("unexpected character '|' (did you mean '||'?)", at: start) }
        throw error("unexpected character \(describeCharacter(at: index))", at: start)
    }

    func describeCharacter(at offset: Int) -> String {
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "'?'" }
        if scalar.value < 0x20 || scalar.value == 0x7F {
            return "U+" + hex(scalar.value)
        }
        return "'\(text)'"
    }

    private mutating func lexIdentifier(_ start: SourcePosition) throws -> Token {
        let begin = index
        while let c = peek(), isIdentifierStart(c) || isDigit(c) { advance() }
        let text = String(decoding: bytes[begin..<index], as: UTF8.self)
        if let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            switch text {
            case "r", "R": return try lexString(start, raw: true, isBytes: false)
            case "b", "B": return try lexString(start, raw: false, isBytes: true)
            case "br", "bR", "Br", "BR": return try lexString(start, raw: true, isBytes: true)
            default: break
            }
        }
        switch text {
        case "true": return Token(kind: .true, position: start)
        case "false": return Token(kind: .false, position: start)
        case "null": return Token(kind: .null, position: start)
        case "in": return Token(kind: .in, position: start)
        default: return Token(kind: .identifier(text), position: start)
        }
    }

    private mutating func lexQuotedIdentifier(_ start: SourcePosition) throws -> Token {
        advance()
        let begin = index
        while let c = peek(), c != UInt8(ascii: "`") {
            let allowed =
                isIdentifierStart(c) || isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: "/") || c == UInt8(ascii: " ")
            if !allowed {
                throw error("invalid character \(describeCharacter(at: index)) in quoted identifier", at: position)
            }
            advance()
        }
        guard peek() != nil else { throw error("unterminated quoted identifier", at: start) }
        let text = String(decoding: bytes[begin..<index], as: UTF8.self)
        advance()
        if text.isEmpty { throw error("empty quoted identifier", at: start) }
        return Token(kind: .quotedIdentifier(text), position: start)
    }
}

func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
}

func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: return UInt32(byte - 0x30)
    case 0x41...0x46: return UInt32(byte - 0x41 + 10)
    case 0x61...0x66: return UInt32(byte - 0x61 + 10)
    default: return nil
    }
}

func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// Parser settings; the defaults follow cel-go's.
public struct CELParseOptions: Sendable {
    /// Expand `has`, `all`, `exists`, `exists_one`, `map` and `filter`; when off they are plain calls.
    public var macros: Bool = true
    /// Longest accepted source, in Unicode scalars.
    public var maxExpressionSize: Int = 100_000
    /// Deepest accepted nesting, both of the parser's recursion (e.g. parentheses) and of the
    /// resulting tree's height.
    public var maxRecursionDepth: Int = 250

    public init(macros: Bool = true, maxExpressionSize: Int = 100_000, maxRecursionDepth: Int = 250) {
        self.macros = macros
        self.maxExpressionSize = maxExpressionSize
        self.maxRecursionDepth = maxRecursionDepth
    }
}

/// Entry point: source text to a `CELExpression`.
public enum CELParser {
    public static func parse(_ source: String, options: CELParseOptions = CELParseOptions()) throws -> CELExpression {
        var size = 0
        for _ in source.unicodeScalars {
            size += 1
            if size > options.maxExpressionSize {
                throw CELParseError(
                    message: "expression size exceeds limit of \(options.maxExpressionSize) code points",
                    line: 1, column: 1, offset: 0)
            }
        }
        var parser = Parser(tokens: try Lexer.tokenize(source), options: options)
        let root = try parser.parseExpr()
        if parser.current.kind != .eof {
            throw parser.error("unexpected \(parser.current.display), expected end of expression", at: parser.current)
        }
        return CELExpression(root: root, source: source)
    }
}

struct Parser {
    let tokens: [Token]
    let options: CELParseOptions
    var index = 0
    var lastID: Int64 = 0
    var depth = 0

    init(tokens: [Token], options: CELParseOptions) {
        self.tokens = tokens
        self.options = options
    }

    var current: Token { tokens[index] }

    func error(_ message: String, at token: Token) -> CELParseError {
        CELParseError(message: message, position: token.position)
    }

    func error(_ message: String, at position: SourcePosition) -> CELParseError {
        CELParseError(message: message, position: position)
    }

    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func check(_ punct: Punct) -> Bool { current.kind == .punct(punct) }

    mutating func accept(_ punct: Punct) -> Token? {
        check(punct) ? advance() : nil
    }

    mutating func expect(_ punct: Punct, _ context: String) throws -> Token {
        if let token = accept(punct) { return token }
        throw error("expected '\(punct.rawValue)' \(context), found \(current.display)", at: current)
    }

    mutating func nextID() -> Int64 {
        lastID += 1
        return lastID
    }

    mutating func make(_ kind: CELExpr.Kind, at position: SourcePosition) throws -> CELExpr {
        let expr = CELExpr(id: nextID(), position: position, kind: kind)
        if expr.height > options.maxRecursionDepth {
            throw nestingError(at: position)
        }
        return expr
    }

    func nestingError(at position: SourcePosition) -> CELParseError {
        error("expression nesting exceeds limit of \(options.maxRecursionDepth) levels", at: position)
    }

    mutating func call(_ function: String, _ args: [CELExpr], at position: SourcePosition) throws -> CELExpr {
        try make(.call(function: function, target: nil, args: args), at: position)
    }

    // MARK: - Grammar

    /// Expr = ConditionalOr ["?" ConditionalOr ":" Expr]
    mutating func parseExpr() throws -> CELExpr {
        depth += 1
        defer { depth -= 1 }
        if depth > options.maxRecursionDepth { throw nestingError(at: current.position) }
        let condition = try parseLogical(.or)
        guard let question = accept(.question) else { return condition }
        let whenTrue = try parseLogical(.or)
        _ = try expect(.colon, "in conditional expression")
        let whenFalse = try parseExpr()
        return try call(CELOperator.conditional, [condition, whenTrue, whenFalse], at: question.position)
    }

    /// ConditionalOr / ConditionalAnd. Chains are built as balanced trees (as cel-go does) so a long
    /// `a || b || ...` does not become a deep tree; `&&`/`||` are commutative in CEL.
    mutating func parseLogical(_ op: Punct) throws -> CELExpr {
        var terms = [try op == .or ? parseLogical(.and) : parseRelation()]
        var operators: [SourcePosition] = []
        while let token = accept(op) {
            operators.append(token.position)
            terms.append(try op == .or ? parseLogical(.and) : parseRelation())
        }
        let function = op == .or ? CELOperator.logicalOr : CELOperator.logicalAnd
        return try balance(function, terms, operators, 0, terms.count - 1)
    }

    private mutating func balance(
        _ function: String, _ terms: [CELExpr], _ operators: [SourcePosition], _ low: Int, _ high: Int
    ) throws -> CELExpr {
        if low == high { return terms[low] }
        let middle = (low + high + 1) / 2
        let left = try balance(function, terms, operators, low, middle - 1)
        let right = try balance(function, terms, operators, middle, high)
        return try call(function, [left, right], at: operators[middle - 1])
    }

    /// Relation = [Relation Relop] Addition
    mutating func parseRelation() throws -> CELExpr {
        var left = try parseAddition()
        while true {
            let function: String
            switch current.kind {
            case .punct(.less): function = CELOperator.less
            case .punct(.lessEqual): function = CELOperator.lessEquals
            case .punct(.greater): function = CELOperator.greater
            case .punct(.greaterEqual): function = CELOperator.greaterEquals
            case .punct(.equal): function = CELOperator.equals
            case .punct(.notEqual): function = CELOperator.notEquals
            case .in: function = CELOperator.in
            default: return left
            }
            let op = advance()
            let right = try parseAddition()
            left = try call(function, [left, right], at: op.position)
        }
    }

    /// Addition = [Addition ("+" | "-")] Multiplication
    mutating func parseAddition() throws -> CELExpr {
        var left = try parseMultiplication()
        while true {
            let function: String
            switch current.kind {
            case .punct(.plus): function = CELOperator.add
            case .punct(.minus): function = CELOperator.subtract
            default: return left
            }
            let op = advance()
            let right = try parseMultiplication()
            left = try call(function, [left, right], at: op.position)
        }
    }

    /// Multiplication = [Multiplication ("*" | "/" | "%")] Unary
    mutating func parseMultiplication() throws -> CELExpr {
        var left = try parseUnary()
        while true {
            let function: String
            switch current.kind {
            case .punct(.star): function = CELOperator.multiply
            case .punct(.slash): function = CELOperator.divide
            case .punct(.percent): function = CELOperator.modulo
            default: return left
            }
            let op = advance()
            let right = try parseUnary()
            left = try call(function, [left, right], at: op.position)
        }
    }

    /// Unary = Member | "!" {"!"} Member | "-" {"-"} Member.
    ///
    /// A `-` directly before an int or double literal is folded into the literal (cel-go's
    /// `sign=MINUS? NUM_INT`), so `-9223372036854775808` is the minimum int; further signs stay
    /// calls: `--1` is `-_(-1)`.
    mutating func parseUnary() throws -> CELExpr {
        var operators: [(String, SourcePosition)] = []
        while true {
            if let bang = accept(.bang) {
                operators.append((CELOperator.logicalNot, bang.position))
            } else if let minus = accept(.minus) {
                operators.append((CELOperator.negate, minus.position))
            } else {
                break
            }
        }
        var negateLiteral: SourcePosition?
        if let last = operators.last, last.0 == CELOperator.negate {
            switch current.kind {
            case .int, .double:
                negateLiteral = last.1
                operators.removeLast()
            default:
                break
            }
        }
        var expr = try parseMember(negatedLiteralAt: negateLiteral)
        for (function, position) in operators.reversed() {
            expr = try call(function, [expr], at: position)
        }
        return expr
    }

    /// Member = Primary | Member "." IDENT ["(" [ExprList] ")"] | Member "[" Expr "]"
    ///        | Member "{" [FieldInits] "}"
    mutating func parseMember(negatedLiteralAt minus: SourcePosition? = nil) throws -> CELExpr {
        var expr = try parsePrimary(negatedLiteralAt: minus)
        while true {
            if let dot = accept(.dot) {
                if accept(.question) != nil {
                    let (name, nameToken) = try parseSelector("after '.?'")
                    let field = try make(.literal(.string(name)), at: nameToken.position)
                    expr = try call(CELOperator.optionalSelect, [expr, field], at: dot.position)
                    continue
                }
                let (name, nameToken) = try parseSelector("after '.'")
                if accept(.leftParen) != nil {
                    let args = try parseArguments()
                    expr = try receiverCallOrMacro(name, target: expr, args: args, at: nameToken.position)
                } else {
                    expr = try make(.select(operand: expr, field: name, testOnly: false), at: dot.position)
                }
            } else if let bracket = accept(.leftBracket) {
                let optional = accept(.question) != nil
                let index = try parseExpr()
                _ = try expect(.rightBracket, "to close the index")
                expr = try call(optional ? CELOperator.optionalIndex : CELOperator.index, [expr, index], at: bracket.position)
            } else if check(.leftBrace) {
                guard let typeName = qualifiedName(expr) else {
                    throw error("message construction needs a type name before '{'", at: current)
                }
                let brace = advance()
                expr = try make(.message(typeName: typeName, fields: try parseFieldInits()), at: brace.position)
            } else {
                return expr
            }
        }
    }

    /// A selector, method or field name: any identifier, reserved words and backtick-quoted
    /// names included.
    mutating func parseSelector(_ context: String) throws -> (String, Token) {
        switch current.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            return (name, advance())
        default:
            throw error("expected a field name \(context), found \(current.display)", at: current)
        }
    }

    /// `a.b.c` (or `.a.b.c`) as a dotted name; nil when the expression is not a plain name.
    func qualifiedName(_ expr: CELExpr) -> String? {
        switch expr.kind {
        case .identifier(let name):
            return name
        case .select(let operand, let field, false):
            return qualifiedName(operand).map { "\($0).\(field)" }
        default:
            return nil
        }
    }

    /// ExprList ")" — the `(` is already consumed.
    mutating func parseArguments() throws -> [CELExpr] {
        var args: [CELExpr] = []
        if accept(.rightParen) != nil { return args }
        repeat {
            args.append(try parseExpr())
        } while accept(.comma) != nil
        _ = try expect(.rightParen, "to close the argument list")
        return args
    }

    /// FieldInits [","] "}" — the `{` is already consumed.
    mutating func parseFieldInits() throws -> [CELExpr.FieldInit] {
        var fields: [CELExpr.FieldInit] = []
        while !check(.rightBrace) {
            let (name, token) = try parseSelector("in message construction")
            _ = try expect(.colon, "after field name '\(name)'")
            let value = try parseExpr()
            fields.append(CELExpr.FieldInit(id: nextID(), position: token.position, field: name, value: value))
            if accept(.comma) == nil { break }
        }
        _ = try expect(.rightBrace, "to close the message construction")
        return fields
    }
}

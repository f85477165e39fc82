extension Parser {
    /// Primary = ["."] IDENT ["(" [ExprList] ")"] | "(" Expr ")" | "[" [ExprList] [","] "]"
    ///         | "{" [MapInits] [","] "}" | LITERAL
    mutating func parsePrimary(negatedLiteralAt minus: SourcePosition?) throws -> CELExpr {
        let token = current
        switch token.kind {
        case .int(let magnitude):
            _ = advance()
            if let minus {
                guard magnitude <= UInt64(Int64.max) + 1 else { throw error("int literal out of range", at: minus) }
                let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
                return try make(.literal(.int(value)), at: minus)
            }
            guard magnitude <= UInt64(Int64.max) else {
                throw error("int literal out of range (use a 'u' suffix for uint)", at: token)
            }
            return try make(.literal(.int(Int64(magnitude))), at: token.position)
        case .double(let value):
            _ = advance()
            if let minus { return try make(.literal(.double(-value)), at: minus) }
            return try make(.literal(.double(value)), at: token.position)
        case .uint(let value):
            _ = advance()
            return try make(.literal(.uint(value)), at: token.position)
        case .string(let value):
            _ = advance()
            return try make(.literal(.string(value)), at: token.position)
        case .bytes(let value):
            _ = advance()
            return try make(.literal(.bytes(value)), at: token.position)
        case .true, .false:
            _ = advance()
            return try make(.literal(.bool(token.kind == .true)), at: token.position)
        case .null:
            _ = advance()
            return try make(.literal(.null), at: token.position)
        case .identifier(let name):
            _ = advance()
            return try identifierOrGlobalCall(name, token)
        case .punct(.dot):
            _ = advance()
            guard case .identifier(let name) = current.kind else {
                throw error("expected an identifier after leading '.', found \(current.display)", at: current)
            }
            let nameToken = advance()
            return try identifierOrGlobalCall("." + name, nameToken, leadingDot: token.position)
        case .punct(.leftParen):
            _ = advance()
            let inner = try parseExpr()
            _ = try expect(.rightParen, "to close '(' at \(token.position)")
            return inner
        case .punct(.leftBracket):
            _ = advance()
            var elements: [CELExpr] = []
            var optionalIndices: [Int] = []
            while !check(.rightBracket) {
                if accept(.question) != nil { optionalIndices.append(elements.count) }
                elements.append(try parseExpr())
                if accept(.comma) == nil { break }
            }
            _ = try expect(.rightBracket, "to close the list")
            return try make(.list(elements, optionalIndices: optionalIndices), at: token.position)
        case .punct(.leftBrace):
            _ = advance()
            var entries: [CELExpr.MapEntry] = []
            while !check(.rightBrace) {
                let isOptional = accept(.question) != nil
                let key = try parseExpr()
                let colon = try expect(.colon, "after map key")
                let value = try parseExpr()
                entries.append(
                    CELExpr.MapEntry(id: nextID(), position: colon.position, key: key, value: value, isOptional: isOptional))
                if accept(.comma) == nil { break }
            }
            _ = try expect(.rightBrace, "to close the map")
            return try make(.map(entries), at: token.position)
        case .quotedIdentifier(let name):
            throw error("quoted identifier `\(name)` is only allowed as a field name", at: token)
        case .eof:
            throw error("unexpected end of expression", at: token)
        default:
            throw error("unexpected \(token.display)", at: token)
        }
    }

    private mutating func identifierOrGlobalCall(
        _ name: String, _ token: Token, leadingDot: SourcePosition? = nil
    ) throws -> CELExpr {
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        if celReservedWords.contains(bare) {
            throw error("reserved identifier: \(bare)", at: token)
        }
        let position = leadingDot ?? token.position
        guard accept(.leftParen) != nil else {
            return try make(.identifier(name), at: position)
        }
        let args = try parseArguments()
        if options.macros && name == "has" && args.count == 1 {
            guard case .select(let operand, let field, false) = args[0].kind else {
                throw error("invalid argument to has() macro: expected a field selection such as has(a.b)", at: args[0].position)
            }
            return try make(.select(operand: operand, field: field, testOnly: true), at: position)
        }
        return try make(.call(function: name, target: nil, args: args), at: position)
    }

    /// `target.name(args)`, expanding the comprehension macros.
    mutating func receiverCallOrMacro(
        _ name: String, target: CELExpr, args: [CELExpr], at position: SourcePosition
    ) throws -> CELExpr {
        if options.macros, let expansion = try extensionMacro(name, target: target, args: args, at: position) {
            return expansion
        }
        let macros: [String: Set<Int>] = ["all": [2], "exists": [2], "exists_one": [2], "filter": [2], "map": [2, 3]]
        guard options.macros, let counts = macros[name], counts.contains(args.count) else {
            return try make(.call(function: name, target: target, args: args), at: position)
        }
        guard case .identifier(let iterVar) = args[0].kind, !iterVar.hasPrefix(".") else {
            throw error("\(name)() macro: the first argument must be a simple name (the iteration variable)", at: args[0].position)
        }
        let accu = CELOperator.accumulatorName
        let result = try make(.identifier(accu), at: position)
        let initial: CELExpr
        let condition: CELExpr
        let step: CELExpr
        var final = result
        switch (name, args.count) {
        case ("all", _):
            initial = try make(.literal(.bool(true)), at: position)
            condition = try call(CELOperator.notStrictlyFalse, [try accuIdent(position)], at: position)
            step = try call(CELOperator.logicalAnd, [try accuIdent(position), args[1]], at: position)
        case ("exists", _):
            initial = try make(.literal(.bool(false)), at: position)
            let notAccu = try call(CELOperator.logicalNot, [try accuIdent(position)], at: position)
            condition = try call(CELOperator.notStrictlyFalse, [notAccu], at: position)
            step = try call(CELOperator.logicalOr, [try accuIdent(position), args[1]], at: position)
        case ("exists_one", _):
            initial = try make(.literal(.int(0)), at: position)
            condition = try make(.literal(.bool(true)), at: position)
            let one = try make(.literal(.int(1)), at: position)
            let increment = try call(CELOperator.add, [try accuIdent(position), one], at: position)
            step = try call(CELOperator.conditional, [args[1], increment, try accuIdent(position)], at: position)
            let oneAgain = try make(.literal(.int(1)), at: position)
            final = try call(CELOperator.equals, [try accuIdent(position), oneAgain], at: position)
        default:
            // map(x, t), map(x, p, t), filter(x, p): append to a list accumulator.
            initial = try make(.list([]), at: position)
            condition = try make(.literal(.bool(true)), at: position)
            let element: CELExpr
            if name == "filter" {
                element = try make(.identifier(iterVar), at: args[0].position)
            } else {
                element = args[args.count - 1]
            }
            let single = try make(.list([element]), at: position)
            let append = try call(CELOperator.add, [try accuIdent(position), single], at: position)
            if name == "map" && args.count == 2 {
                step = append
            } else {
                step = try call(CELOperator.conditional, [args[1], append, try accuIdent(position)], at: position)
            }
        }
        let comprehension = CELComprehension(
            iterVar: iterVar, iterRange: target, accuVar: accu, accuInit: initial, loopCondition: condition,
            loopStep: step, result: final)
        return try make(.comprehension(comprehension), at: position)
    }

    /// `cel.bind(name, init, expr)` and `opt.optMap(name, expr)` / `opt.optFlatMap(name, expr)`, as in cel-go.
    private mutating func extensionMacro(
        _ name: String, target: CELExpr, args: [CELExpr], at position: SourcePosition
    ) throws -> CELExpr? {
        switch name {
        case "bind":
            guard args.count == 3, case .identifier("cel") = target.kind else { return nil }
            guard case .identifier(let variable) = args[0].kind, !variable.hasPrefix(".") else {
                throw error("cel.bind() macro: the first argument must be a simple name", at: args[0].position)
            }
            return try bind(variable, args[1], args[2], at: position)
        case "optMap", "optFlatMap":
            guard args.count == 2 else { return nil }
            guard case .identifier(let variable) = args[0].kind, !variable.hasPrefix(".") else {
                throw error("\(name)() macro: the first argument must be a simple name", at: args[0].position)
            }
            let hasValue = try make(.call(function: "hasValue", target: target, args: []), at: position)
            let value = try make(.call(function: "value", target: target, args: []), at: position)
            var mapped = try bind(variable, value, args[1], at: position)
            if name == "optMap" {
                let optional = try make(.identifier("optional"), at: position)
                mapped = try make(.call(function: "of", target: optional, args: [mapped]), at: position)
            }
            let optional = try make(.identifier("optional"), at: position)
            let none = try make(.call(function: "none", target: optional, args: []), at: position)
            return try call(CELOperator.conditional, [hasValue, mapped, none], at: position)
        default:
            return nil
        }
    }

    /// `name` bound to `value` while evaluating `body`: a comprehension over an empty list whose
    /// accumulator is the variable.
    private mutating func bind(_ name: String, _ value: CELExpr, _ body: CELExpr, at position: SourcePosition) throws
        -> CELExpr
    {
        let range = try make(.list([]), at: position)
        let condition = try make(.literal(.bool(false)), at: position)
        let step = try make(.identifier(name), at: position)
        let comprehension = CELComprehension(
            iterVar: "#unused", iterRange: range, accuVar: name, accuInit: value, loopCondition: condition,
            loopStep: step, result: body)
        return try make(.comprehension(comprehension), at: position)
    }

    private mutating func accuIdent(_ position: SourcePosition) throws -> CELExpr {
        try make(.identifier(CELOperator.accumulatorName), at: position)
    }
}

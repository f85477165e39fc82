import Testing

@testable import CEL

private func shape(_ source: String, macros: Bool = true) throws -> String {
    try CELParser.parse(source, options: CELParseOptions(macros: macros)).root.description
}

private func parseError(_ source: String) -> CELParseError? {
    do {
        _ = try CELParser.parse(source)
        return nil
    } catch let error as CELParseError {
        return error
    } catch {
        return nil
    }
}

private func allIDs(_ expr: CELExpr) -> [Int64] {
    var ids = [expr.id]
    switch expr.kind {
    case .literal, .identifier: break
    case .select(let operand, _, _): ids += allIDs(operand)
    case .call(_, let target, let args): ids += (target.map(allIDs) ?? []) + args.flatMap(allIDs)
    case .list(let elements, _): ids += elements.flatMap(allIDs)
    case .map(let entries): ids += entries.flatMap { [$0.id] + allIDs($0.key) + allIDs($0.value) }
    case .message(_, let fields): ids += fields.flatMap { [$0.id] + allIDs($0.value) }
    case .comprehension(let c):
        ids += [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].flatMap(allIDs)
    }
    return ids
}

@Suite struct ParserTests {
    @Test func precedence() throws {
        #expect(try shape("a || b && c") == "_||_(a, _&&_(b, c))")
        #expect(try shape("a && b || c") == "_||_(_&&_(a, b), c)")
        #expect(try shape("a + b * c - d") == "_-_(_+_(a, _*_(b, c)), d)")
        #expect(try shape("a < b == c") == "_==_(_<_(a, b), c)")
        #expect(try shape("x in [1, 2] && y") == "_&&_(@in(x, [1, 2]), y)")
        #expect(try shape("a ? b : c ? d : e") == "_?_:_(a, b, _?_:_(c, d, e))")
        #expect(try shape("a || b ? c : d") == "_?_:_(_||_(a, b), c, d)")
        #expect(try shape("-x.y") == "-_(x.y)")
        #expect(try shape("(-x).y") == "-_(x).y")
        #expect(try shape("!!a") == "!_(!_(a))")
        #expect(try shape("-!a") == "-_(!_(a))")
        #expect(try shape("a.b(c)[d].e") == "_[_](a.b(c), d).e")
        #expect(try shape("a % b / c") == "_/_(_%_(a, b), c)")
    }

    @Test func literalsAndNegativeFolding() throws {
        #expect(try shape("-9223372036854775808") == "-9223372036854775808")
        #expect(try shape("-1.5") == "-1.5")
        #expect(try shape("--1") == "-_(-1)")
        #expect(try shape("-(1)") == "-_(1)")
        #expect(try shape("1 - 1") == "_-_(1, 1)")
        #expect(try shape("18446744073709551615u") == "18446744073709551615u")
        #expect(try shape("[true, null, 'a', b'a']") == "[true, null, \"a\", b\"97\"]")
        #expect(parseError("9223372036854775808")?.message.contains("int literal out of range") == true)
        #expect(parseError("-9223372036854775809")?.message.contains("int literal out of range") == true)
    }

    @Test func aggregatesAndNames() throws {
        #expect(try shape("{'a': 1, 2: [3,],}") == "{\"a\": 1, 2: [3]}")
        #expect(try shape("a.b.C{x: 1, if: 2,}") == "a.b.C{x: 1, if: 2}")
        #expect(try shape(".a.b.C{}") == ".a.b.C{}")
        #expect(try shape(".x + .f(1)") == "_+_(.x, .f(1))")
        #expect(try shape("a.while() || m.as") == "_||_(a.while(), m.as)")
        #expect(try shape("m.`k-1`") == "m.k-1")
        #expect(try shape("f()") == "f()")
    }

    @Test func macrosExpandToComprehensions() throws {
        #expect(try shape("has(a.b)") == "has(a.b)")
        #expect(
            try shape("l.all(x, x > 0)")
                == "__comprehension__(x, l, @result, true, @not_strictly_false(@result), _&&_(@result, _>_(x, 0)), @result)")
        #expect(
            try shape("l.exists(x, p)")
                == "__comprehension__(x, l, @result, false, @not_strictly_false(!_(@result)), _||_(@result, p), @result)")
        #expect(
            try shape("l.exists_one(x, p)")
                == "__comprehension__(x, l, @result, 0, true, _?_:_(p, _+_(@result, 1), @result), _==_(@result, 1))")
        #expect(
            try shape("l.map(x, t)") == "__comprehension__(x, l, @result, [], true, _+_(@result, [t]), @result)")
        #expect(
            try shape("l.map(x, p, t)")
                == "__comprehension__(x, l, @result, [], true, _?_:_(p, _+_(@result, [t]), @result), @result)")
        #expect(
            try shape("l.filter(x, p)")
                == "__comprehension__(x, l, @result, [], true, _?_:_(p, _+_(@result, [x]), @result), @result)")
        // Other arities are ordinary calls.
        #expect(try shape("l.all(x)") == "l.all(x)")
        #expect(try shape("has(a.b)", macros: false) == "has(a.b)")
        #expect(try shape("l.all(x, p)", macros: false) == "l.all(x, p)")
        if case .select(_, _, let testOnly) = try CELParser.parse("has(a.b)").root.kind {
            #expect(testOnly)
        } else {
            Issue.record("has() is not a select")
        }
    }

    @Test func idsAreUniqueAndPositionsPointAtOperators() throws {
        let expr = try CELParser.parse("[1, 2].map(x, x * 2) == {'a': M{f: 1}}")
        let ids = allIDs(expr.root)
        #expect(Set(ids).count == ids.count)
        #expect(expr.root.position.column == 22)
        let sum = try CELParser.parse("a +\n  b").root
        #expect(sum.position.line == 1 && sum.position.column == 3)
        guard case .call(_, _, let args) = sum.kind else { return }
        #expect(args[1].position == SourcePosition(offset: 6, line: 2, column: 3))
    }

    @Test(arguments: [
        ("a +", 1, 4, "unexpected end of expression"),
        ("a + * b", 1, 5, "unexpected '*'"),
        ("(a + b", 1, 7, "expected ')'"),
        ("a b", 1, 3, "expected end of expression"),
        ("[1, 2", 1, 6, "expected ']'"),
        ("{1: 2, 3}", 1, 9, "expected ':' after map key"),
        ("a ? b", 1, 6, "expected ':'"),
        ("a.+", 1, 3, "expected a field name"),
        ("if + 1", 1, 1, "reserved identifier: if"),
        ("x.y(while)", 1, 5, "reserved identifier: while"),
        ("has(a)", 1, 5, "invalid argument to has()"),
        ("l.all(1, x)", 1, 7, "must be a simple name"),
        ("l.map(a.b, x)", 1, 8, "must be a simple name"),
        ("f(x){}", 1, 5, "needs a type name"),
        ("x\n  + 9223372036854775808", 2, 5, "int literal out of range"),
        ("1 +\n  'abc", 2, 3, "unterminated string literal"),
    ])
    func errorsAreLocated(source: String, line: Int, column: Int, message: String) {
        let error = parseError(source)
        #expect(error?.line == line, "\(source): \(String(describing: error))")
        #expect(error?.column == column, "\(source): \(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func errorDescriptionAndSnippet() throws {
        let source = "a &&\n\tb + * c"
        let error = try #require(parseError(source))
        #expect(error.description == "2:6: error: unexpected '*'")
        #expect(error.snippet(in: source) == " | \tb + * c\n | \t....^")
        #expect(error.offset == 10)
    }

    @Test func nestingLimits() throws {
        let deepParens = String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000)
        let error = try #require(parseError(deepParens))
        #expect(error.message.contains("nesting exceeds limit of 250"))
        let deepLists = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(parseError(deepLists)?.message.contains("nesting exceeds") == true)
        let negations = String(repeating: "-", count: 1000) + "1"
        #expect(parseError(negations)?.message.contains("nesting exceeds") == true)
        let additions = Array(repeating: "1", count: 1000).joined(separator: " + ")
        #expect(parseError(additions)?.message.contains("nesting exceeds") == true)
        let selects = "a" + String(repeating: ".b", count: 1000)
        #expect(parseError(selects)?.message.contains("nesting exceeds") == true)
        // Logical chains are balanced, so long ones stay shallow.
        let ors = Array(repeating: "a", count: 5000).joined(separator: " || ")
        #expect(try CELParser.parse(ors).root.height < 20)
        // Nesting just under the limit parses without exhausting the stack.
        let nearLimit = String(repeating: "[", count: 240) + String(repeating: "]", count: 240)
        #expect(try CELParser.parse(nearLimit).root.height == 240)
        let nearLimitParens = String(repeating: "(", count: 249) + "x" + String(repeating: ")", count: 249)
        #expect(try shape(nearLimitParens) == "x")
        // 100 nested parentheses are fine.
        let fine = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(try shape(fine) == "1")
        let huge = String(repeating: "1+", count: 60_000) + "1"
        #expect(parseError(huge)?.message.contains("expression size exceeds") == true)
    }
}

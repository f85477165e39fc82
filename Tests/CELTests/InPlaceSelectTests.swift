import CEL
import Testing

/// Selects read maps in place: paths on activation variables (`o.metadata.name`), and selects of
/// iteration variables, which try the position their field was last found at first and fuse with a
/// constant comparison (`f.c != ''`, `f.n.size() < 64`). Over maps whose keys come in different
/// orders, maps too large to scan, missing keys, values of other types, optionals, qualified names
/// and multi-byte strings, the cost charged, the value and the error are those of the evaluator
/// before these changes (checked identical against it).
@Suite struct InPlaceSelectTests {
    static let many = CELMap([
        "k1": .int(1), "k2": .int(2), "k3": .int(3), "k4": .int(4), "k5": .int(5), "k6": .int(6), "k7": .int(7),
        "k8": .int(8), "k9": .int(9), "c": .string("z"), "n": .string("a long name"),
    ])
    static let labels = CELMap([
        "k1": .int(1), "k2": .int(2), "k3": .int(3), "k4": .int(4), "k5": .int(5), "k6": .int(6), "k7": .int(7),
        "k8": .int(8), "k9": .int(9), "deep": .map(CELMap(["x": .string("y")])),
    ])
    static let object = CELValue.map(
        CELMap([
            "metadata": .map(CELMap(["name": .string("sales-orders"), "labels": .map(labels)])),
            "spec": .map(
                CELMap(["owners": .list([.string("a@x")]), "opt": .optional(.map(CELMap(["v": .int(1)])))])),
            "n": .int(3),
        ]))
    static let variables: [String: CELValue] = [
        "m": .list([
            .map(CELMap(["c": .string("a"), "n": .string("x")])),
            .map(CELMap(["n": .string("héllo"), "c": .string("")])),
            .map(many),
            .map(CELMap(["c": .int(3), "n": .int(5)])),
            .map(CELMap(["n": .string("😀😀"), "c": .string("a")])),
        ]),
        "s": .list([
            .map(CELMap(["c": .string("a"), "n": .string("x")])),
            .map(CELMap(["n": .string("héllo"), "c": .string("b")])),
            .map(many),
        ]),
        "o": object,
        // Keys too long to be stored inline: equal to the program's field names, not identical.
        "l": .list(
            (0..<4).map { i in
                .map(
                    CELMap([
                        "name_of_the_field_x": .string("field number \(i)"),
                        "classification_of_field": .string(i == 2 ? "" : "internal"),
                    ]))
            }),
    ]
    static let activation = CELActivation(variables)
    /// The same with qualified names that shadow paths of `o`.
    static let qualified = CELActivation(
        variables.merging(["o.spec": .string("shadow"), "o.metadata.name": .int(7)]) { a, _ in a })

    /// The smallest cost limit the expression evaluates within (or fails with another error than
    /// the budget's), and its value or error.
    static func outcome(_ source: String, _ activation: CELActivation = activation) throws -> String {
        for limit in 0...400 {
            let program = try CELProgram(source: source, options: .init(costLimit: limit))
            do {
                return "\(limit) \(try program.evaluate(activation))"
            } catch {
                if !error.isCostBudgetExceeded { return "\(limit) error \(error.exprID) \(error.message)" }
            }
        }
        return "over"
    }

    @Test(arguments: [
        ("m.all(f, f.c != '')", 25, "false"),
        ("m.exists(f, f.c == 'z')", 38, "true"),
        ("s.all(f, f.c != '' && f.n.size() < 64)", 49, "true"),
        ("s.exists(f, f.n.size() > 4)", 30, "true"),
        ("s.all(f, size(f.n) <= 5)", 34, "false"),
        ("m.map(f, f.c != '')", 49, "[true, false, true, true, true]"),
        ("m.map(f, f.n.size() < 5)", 47, "error 5 no such overload: size(int)"),
        ("m.map(f, size(f.n) >= 2)", 47, "error 5 no such overload: size(int)"),
        ("m.map(f, f.n.size() == 5u)", 47, "error 5 no such overload: size(int)"),
        ("m.map(f, f.c == 3)", 49, "[false, false, false, true, false]"),
        ("m.map(f, f.c > 2)", 29, "error 6 no such overload: string > int"),
        ("m.map(f, f.c)", 39, "[\"a\", \"\", \"z\", 3, \"a\"]"),
        ("m.filter(f, f.c == 'a')", 50, "[{\"c\": \"a\", \"n\": \"x\"}, {\"n\": \"😀😀\", \"c\": \"a\"}]"),
        ("m.all(f, f.missing == 1)", 44, "error 4 no such key: missing"),
        ("m.all(f, f.missing.size() == 1)", 49, "error 4 no such key: missing"),
        ("m.exists(f, f.c.size() > 100)", 58, "error 5 no such overload: size(int)"),
        ("[1, 2].all(x, x.c == '')", 22, "error 6 no such field 'c' on int"),
        ("[1, 2].all(x, x.c.size() == 0)", 24, "error 6 no such field 'c' on int"),
        ("[{'c': 'a'}, {'c': 'b'}].exists_one(f, f.c != 'a')", 30, "true"),
        ("[optional.of({'c': 'a'})].all(f, f.c == 'a')", 17, "false"),
        ("[{'c': optional.of('a')}].all(f, f.c == 'a')", 17, "false"),
        ("m.all(f, s.exists(g, g.c == f.c))", 73, "false"),
        ("s.all(f, s.exists(g, g.n.size() == f.n.size()))", 117, "true"),
        ("m.map(f, f.c == 'a' || f.n.size() < 3)", 62, "error 9 no such overload: size(int)"),
        ("s.map(f, f.n != 'héllo')", 31, "[true, false, true]"),
        ("s.map(f, f.n == 'he\\u0301llo')", 31, "[false, false, false]"),
        ("[{'n': 'he\\u0301llo'}].map(f, f.n == 'héllo')", 16, "[false]"),
        ("{'a': {'c': 'x'}}.all(k, k.c == 'x')", 16, "error 10 no such field 'c' on string"),
        ("m.exists(f, f.n.size() < 0)", 58, "error 5 no such overload: size(int)"),
        ("m.map(f, f.c.size() > 1.0)", 47, "error 5 no such overload: size(int)"),
        ("[[1, 2]].all(l, l.size() == 2)", 16, "true"),
        ("['abc', 'de'].map(x, x.size() < 3)", 24, "[false, true]"),
        ("l.all(f, f.classification_of_field != '' && f.name_of_the_field_x.size() < 64)", 47, "false"),
        ("l.map(f, f.classification_of_field != '' && f.name_of_the_field_x.size() < 15)", 59, "[true, true, false, true]"),
        ("l.map(f, f.classification_of_field)", 32, "[\"internal\", \"internal\", \"\", \"internal\"]"),
        ("l.exists(f, f.name_of_the_field_x == 'field number 3')", 44, "true"),
        // Predicates of all/exists tested without errors, or evaluated again when that cannot be.
        ("m.all(f, f.c != '' && f.n.size() < 64)", 32, "false"),
        ("m.all(f, f.c != 'q' && f.n.size() < 64)", 78, "error 9 no such overload: size(int)"),
        ("m.exists(f, f.c == 'zz' || f.n.size() > 100)", 83, "error 9 no such overload: size(int)"),
        ("m.exists(f, f.n.size() == 5 && f.c == '')", 36, "true"),
        ("s.exists(f, !(f.c != 'b'))", 30, "true"),
        ("s.all(f, !(f.c == 'q') && !(f.n.size() > 20))", 55, "true"),
        ("m.exists(f, !(f.c != 'z'))", 41, "true"),
        ("m.all(f, f.c != '' || f.missing == 1)", 57, "error 8 no such key: missing"),
        ("s.all(f, f.c != '' && (f.n.size() < 64 || f.missing))", 52, "true"),
        ("[[1, 2], [3]].all(l, l.exists(x, x > 2) || l.size() == 2)", 60, "true"),
    ])
    func pinned(_ source: String, _ cost: Int, _ outcome: String) throws {
        #expect(try Self.outcome(source) == "\(cost) \(outcome)")
    }

    /// Select paths on activation variables (`o.metadata.name`), with and without qualified names.
    @Test(arguments: [
        ("o.spec.owners.size() > 0 && o.metadata.name.startsWith('sales-')", "12 true", "8 error 3 no such field 'owners' on string"),
        ("o.metadata.name", "3 \"sales-orders\"", "1 7"),
        ("o.spec", "2 {\"owners\": [\"a@x\"], \"opt\": optional.of({\"v\": 1})}", "1 \"shadow\""),
        ("o.spec.owners", "3 [\"a@x\"]", "2 error 3 no such field 'owners' on string"),
        ("o.metadata.labels.k9", "4 9", "4 9"),
        ("o.metadata.labels.deep.x", "5 \"y\"", "5 \"y\""),
        ("o.metadata.labels.missing", "4 error 4 no such key: missing", "4 error 4 no such key: missing"),
        ("o.metadata.missing.x", "4 error 3 no such key: missing", "4 error 3 no such key: missing"),
        ("o.n.x", "3 error 3 no such field 'x' on int", "3 error 3 no such field 'x' on int"),
        ("o.spec.opt.v", "4 optional.of(1)", "3 error 3 no such field 'opt' on string"),
        ("o.spec.opt.w", "4 optional.none()", "3 error 3 no such field 'opt' on string"),
        ("o.spec.opt.v.z", "5 error 5 no such field 'z' on int", "4 error 3 no such field 'opt' on string"),
        ("o.metadata.name.x", "4 error 4 no such field 'x' on string", "2 error 4 no such field 'x' on int"),
        ("nope.a.b", "3 error 1 undeclared reference to 'nope'", "3 error 1 undeclared reference to 'nope'"),
        ("int.a", "2 error 2 no such field 'a' on type", "2 error 2 no such field 'a' on type"),
        ("has(o.spec.owners)", "3 true", "2 error 4 invalid type for field selection: string"),
        ("o.spec.owners[0]", "5 \"a@x\"", "3 error 3 no such field 'owners' on string"),
        ("o.metadata.labels.deep", "4 {\"x\": \"y\"}", "4 {\"x\": \"y\"}"),
        ("[o.metadata.name, o.n]", "6 [\"sales-orders\", 3]", "4 [7, 3]"),
        ("m.all(f, f.c == o.metadata.name)", "18 false", "16 false"),
    ])
    func paths(_ source: String, _ outcome: String, _ qualifiedOutcome: String) throws {
        #expect(try Self.outcome(source) == outcome)
        #expect(try Self.outcome(source, Self.qualified) == qualifiedOutcome)
    }

    /// Variables are found whether the activation scans its few names or hashes many, whatever
    /// the strings' representations, and after changes through the subscript.
    @Test func activationLookup() throws {
        let long = String(repeating: "v", count: 20)
        var few = CELActivation(["a": .int(1), String(long.utf8.map { Character(UnicodeScalar($0)) }): .int(2)])
        #expect(try CELProgram(source: "a + \(long)").evaluate(few) == .int(3))
        few["a"] = .int(10)
        few["b"] = .int(5)
        #expect(try CELProgram(source: "a + b + \(long)").evaluate(few) == .int(17))
        few["b"] = nil
        #expect(throws: CELEvaluationError.self) { try CELProgram(source: "b").evaluate(few) }
        var many = CELActivation(Dictionary(uniqueKeysWithValues: (0..<20).map { ("x\($0)", CELValue.int(Int64($0))) }))
        #expect(try CELProgram(source: "x0 + x7 + x19").evaluate(many) == .int(26))
        many["x7"] = .int(100)
        #expect(try CELProgram(source: "x0 + x7 + x19").evaluate(many) == .int(119))
        let named = CELActivation(["o.p": .int(4), "o": .map(CELMap(["p": .int(5)]))])
        #expect(try CELProgram(source: "o.p").evaluate(named) == .int(4))
    }

    /// One program evaluated from many tasks at once: the hints are per evaluation.
    @Test func sharedAcrossTasks() async throws {
        let program = try CELProgram(source: "m.map(f, f.c != '' && f.c != 3)")
        let expected = try program.evaluate(Self.activation)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).allSatisfy { _ in (try? program.evaluate(Self.activation)) == expected }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}

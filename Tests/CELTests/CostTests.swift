import CEL
import Testing

/// The cost each expression is charged (nodes visited plus comprehension iterations), pinned to
/// the figures of the tree-walking evaluator the compiled nodes replaced: fused and specialized
/// nodes (`all`/`exists`, selects of iteration variables, constant operands) must charge the same.
@Suite struct CostTests {
    static let fields = CELValue.list(
        (0..<4).map { i in
            CELValue.map(CELMap(["c": .string(i % 2 == 0 ? "a" : "b"), "n": .string("name\(i)")]))
        })
    static let activation = CELActivation(["o": .map(CELMap(["fields": fields])), "x": .int(3)])

    /// The smallest cost limit the expression evaluates within, and its value.
    func minimumCost(_ source: String) throws -> (Int, CELValue)? {
        for limit in 0...200 {
            let program = try CELProgram(source: source, options: .init(costLimit: limit))
            do {
                return (limit, try program.evaluate(Self.activation))
            } catch {
                if !error.isCostBudgetExceeded { return nil }
            }
        }
        return nil
    }

    @Test(arguments: [
        ("[1, 2, 3].all(x, x > 0)", 31, CELValue.bool(true)),
        ("[1, 2, 3].all(x, x > 1)", 18, .bool(false)),
        ("[1, 2, 3].exists(x, x == 2)", 29, .bool(true)),
        ("[1, 2, 3].exists(x, x > 5)", 34, .bool(false)),
        ("['a', 1, 3].all(x, x > 2)", 26, .bool(false)),
        ("[1, 'a', 0].all(x, x > 0)", 31, .bool(false)),
        ("[0, 'a', 3].exists(x, x > 2)", 34, .bool(true)),
        ("{'a': 1, 'b': 2}.all(k, k != '')", 24, .bool(true)),
        ("[[1], [2, 3]].all(l, l.all(y, y > 0))", 51, .bool(true)),
        ("[1, 2, 3].exists_one(x, x > 2)", 32, .bool(true)),
        ("[1, 2, 3].map(x, x * 2)", 31, .list([.int(2), .int(4), .int(6)])),
        ("[1, 2, 3].filter(x, x > 1)", 34, .list([.int(2), .int(3)])),
        // Appended to in place (`AppendNode`), charged as `accu + [x]`.
        ("o.fields.filter(f, f.c == 'a').map(f, f.n)", 60, .list([.string("name0"), .string("name2")])),
        (
            "[[1, 2], [3]].map(l, l.filter(y, y > 1).map(y, [y, y])).flatten()", 80,
            .list([.list([.int(2), .int(2)]), .list([.int(3), .int(3)])])
        ),
        ("o.fields.all(f, f.c != '' && f.n.size() < 64)", 65, .bool(true)),
        ("o.fields.exists(f, f.c == 'b')", 29, .bool(true)),
        ("1 < 2 && 'a' != ''", 7, .bool(true)),
    ])
    func charged(_ source: String, _ cost: Int, _ value: CELValue) throws {
        let result = try minimumCost(source)
        #expect(result?.0 == cost)
        #expect(result?.1 == value)
    }

    @Test(arguments: [
        ("[1, 'a', 3].all(x, x > 0)", 8 as Int64, "no such overload: string > int"),
        ("[1, 2].all(x, x)", 11, "no such overload: _ && int"),
        ("[1, 2].exists(x, 1)", 12, "no such overload: _ || int"),
        ("o.fields.all(f, f.missing)", 5, "no such key: missing"),
        ("o.fields.all(f, f.c < 3)", 7, "no such overload: string < int"),
        ("x.all(e, e > 1)", 12, "expression of type int cannot be range of a comprehension"),
        ("[1, 2].all(x, y)", 5, "undeclared reference to 'y'"),
    ])
    func failing(_ source: String, _ exprID: Int64, _ message: String) throws {
        let program = try CELProgram(source: source)
        do {
            let value = try program.evaluate(Self.activation)
            Issue.record("\(source) evaluated to \(value)")
        } catch {
            #expect(error.exprID == exprID)
            #expect(error.message == message)
            #expect(!error.isCostBudgetExceeded)
        }
    }
}

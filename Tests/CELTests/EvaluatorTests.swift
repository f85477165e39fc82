import CEL
import Foundation
import Testing

@Suite struct EvaluatorTests {
    func eval(_ source: String, _ variables: [String: CELValue] = [:]) throws -> CELValue {
        try CELProgram(source: source).evaluate(CELActivation(variables))
    }

    func evalError(_ source: String, _ variables: [String: CELValue] = [:]) -> CELEvaluationError? {
        do {
            _ = try CELProgram(source: source).evaluate(CELActivation(variables))
            return nil
        } catch let error as CELEvaluationError {
            return error
        } catch {
            return nil
        }
    }

    @Test func arithmetic() throws {
        #expect(try eval("1 + 2 * 3") == .int(7))
        #expect(try eval("7u / 2u") == .uint(3))
        #expect(try eval("-7 % 3") == .int(-1))
        #expect(try eval("1.5 + 2.0") == .double(3.5))
        #expect(try eval("'ab' + 'c'") == .string("abc"))
        #expect(try eval("b'a' + b'b'") == .bytes([97, 98]))
        #expect(try eval("[1] + [2u]") == .list([.int(1), .uint(2)]))
    }

    /// Small maps are searched by scanning and large ones through an index: both must give the
    /// same answers, including CEL's numeric key equality and duplicate-key errors.
    @Test(arguments: [3, 8, 9, 20])
    func mapsOfEverySizeFindTheirKeys(size: Int) throws {
        let strings = "{" + (0..<size).map { "'k\($0)': \($0)" }.joined(separator: ", ") + "}"
        for key in 0..<size {
            #expect(try eval("\(strings)['k\(key)']") == .int(Int64(key)))
            #expect(try eval("'k\(key)' in \(strings)") == .bool(true))
        }
        #expect(try eval("'missing' in \(strings)") == .bool(false))
        let numbers = "{" + (0..<size).map { "\($0)u: \($0)" }.joined(separator: ", ") + "}"
        #expect(try eval("\(numbers)[\(size - 1)]") == .int(Int64(size - 1)))
        #expect(try eval("\(numbers)[\(size - 1).0]") == .int(Int64(size - 1)))
        let reversed = "{" + (0..<size).reversed().map { "\($0)u: \($0)" }.joined(separator: ", ") + "}"
        #expect(try eval("\(numbers) == \(reversed)") == .bool(true))
        let duplicated = "{" + (0..<size).map { "\($0): 0" }.joined(separator: ", ") + ", \(size - 1)u: 1}"
        #expect(evalError(duplicated) != nil)
        var built = CELMap()
        for key in 0..<size {
            let inserted = built.insert(.int(Int64(key)), forKey: .string("k\(key)"))
            #expect(inserted)
        }
        let duplicate = built.insert(.int(0), forKey: .string("k\(size - 1)"))
        #expect(!duplicate)
        #expect(built["k\(size / 2)"] == .int(Int64(size / 2)))
        #expect(built.count == size)
        let pairs = (0..<size).map { ("k\($0)", CELValue.int(Int64($0))) } + [("k0", .int(-1)), ("k\(size - 1)", .int(-1))]
        var bulk = CELMap(capacity: pairs.count)
        for (key, value) in pairs { bulk.insert(value, forStringKey: key) }
        #expect(bulk == built)
        #expect(bulk.keys == built.keys)
        #expect(bulk["k0"] == .int(0))
        #expect(bulk[.string("k\(size - 1)")] == .int(Int64(size - 1)))
    }

    @Test func overflowAndDivisionErrors() {
        #expect(evalError("9223372036854775807 + 1")?.message == "return error for overflow")
        #expect(evalError("-9223372036854775808 - 1") != nil)
        #expect(evalError("-(-9223372036854775808)") != nil)
        #expect(evalError("-9223372036854775808 / -1") != nil)
        #expect(evalError("0u - 1u") != nil)
        #expect(evalError("18446744073709551615u * 2u") != nil)
        #expect(evalError("1 / 0")?.message == "division by zero")
        #expect(evalError("1u % 0u") != nil)
        #expect(evalError("1 + 1u")?.message.hasPrefix("no such overload") == true)
    }

    @Test func errorPositionIsTheFailingNode() throws {
        let error = try #require(evalError("1 +\n  2 / 0"))
        #expect(error.position.line == 2)
        #expect(error.position.column == 5)
    }

    @Test func heterogeneousEquality() throws {
        #expect(try eval("1 == 1u") == .bool(true))
        #expect(try eval("1 == 1.0") == .bool(true))
        #expect(try eval("1 == 'a'") == .bool(false))
        #expect(try eval("[1, 2] == [1.0, 2u]") == .bool(true))
        #expect(try eval("{1: 'a'} == {1u: 'a'}") == .bool(true))
        #expect(try eval("0.0/0.0 == 0.0/0.0") == .bool(false))
        #expect(try eval("-1 < 1u && 2.5 > 2 && 'a' < 'b' && b'a' <= b'a' && false < true") == .bool(true))
        #expect(evalError("1 < 'a'") != nil)
    }

    @Test func logicAbsorbsErrors() throws {
        #expect(try eval("false && 1 / 0 == 1") == .bool(false))
        #expect(try eval("1 / 0 == 1 && false") == .bool(false))
        #expect(try eval("true || 1 / 0 == 1") == .bool(true))
        #expect(try eval("1 / 0 == 1 || true") == .bool(true))
        #expect(evalError("1 / 0 == 1 && true") != nil)
        #expect(evalError("true && 'a'") != nil)
        #expect(try eval("'a' || true") == .bool(true))
        #expect(try eval("!false") == .bool(true))
        #expect(evalError("1 ? 2 : 3") != nil)
        #expect(try eval("true ? 1 : 1 / 0") == .int(1))
    }

    @Test func containersAndSelection() throws {
        let object = CELValue.map(CELMap(["spec": .map(CELMap(["owners": .list([.string("a")])]))]))
        #expect(try eval("x.spec.owners[0]", ["x": object]) == .string("a"))
        #expect(try eval("has(x.spec)", ["x": object]) == .bool(true))
        #expect(try eval("has(x.status)", ["x": object]) == .bool(false))
        #expect(evalError("x.status", ["x": object])?.message == "no such key: status")
        #expect(try eval("{1: 'a'}[1.0]") == .string("a"))
        #expect(try eval("[1, 2][1u]") == .int(2))
        #expect(evalError("[1, 2][2]") != nil)
        #expect(try eval("2 in [1, 2.0]") == .bool(true))
        #expect(try eval("'k' in {'k': 1}") == .bool(true))
        #expect(evalError("{1: 1, 1u: 2}") != nil)
        #expect(try eval("a.b.c", ["a.b.c": .int(3)]) == .int(3))
        #expect(evalError("missing") != nil)
    }

    @Test func macrosAndComprehensions() throws {
        #expect(try eval("[1, 2, 3].all(x, x > 0)") == .bool(true))
        #expect(try eval("[1, 2, 3].exists(x, x == 2)") == .bool(true))
        #expect(try eval("[1, 2, 3].exists_one(x, x > 1)") == .bool(false))
        #expect(try eval("[1, 2, 3].map(x, x * 2)") == .list([.int(2), .int(4), .int(6)]))
        #expect(try eval("[1, 2, 3].filter(x, x % 2 == 1)") == .list([.int(1), .int(3)]))
        #expect(try eval("{'a': 1, 'b': 2}.all(k, k.size() == 1)") == .bool(true))
        #expect(try eval("[0, 1].exists(x, 1 / x == 1)") == .bool(true))
        #expect(try eval("[[1], [2]].all(x, x.all(x, x > 0))") == .bool(true))
    }

    @Test func functionsAndConversions() throws {
        #expect(try eval("size('héllo')") == .int(5))
        #expect(try eval("b'abc'.size() + [1].size() + {}.size()") == .int(4))
        #expect(try eval("'hello'.contains('ell') && 'hello'.startsWith('he') && 'hello'.endsWith('lo')") == .bool(true))
        #expect(try eval("'abc123'.matches('[a-z]+[0-9]+')") == .bool(true))
        #expect(try eval("int('42') + int(2.9) + int(3u)") == .int(47))
        #expect(evalError("int(1e30)") != nil)
        #expect(evalError("uint(-1)") != nil)
        #expect(try eval("string(1.0) + string(2u) + string(true)") == .string("12true"))
        #expect(try eval("double('1.5')") == .double(1.5))
        #expect(try eval("bytes('a')") == .bytes([97]))
        #expect(try eval("bool('true')") == .bool(true))
        #expect(try eval("type(1) == int && type(int) == type && dyn(1u) == 1") == .bool(true))
        #expect(try eval("type(null)") == .type(.nullType))
    }

    @Test func stringSizeCountsCodePoints() throws {
        for text in [
            "", "a", "héllo wörld, ça va?", "日本語のテキスト、八バイト以上", "😀😀😀 emoji 😀", String(repeating: "é", count: 37),
            "plain ASCII, more than eight bytes", "eight ab日本語 then multi-byte",
        ] {
            #expect(try eval("s.size()", ["s": .string(text)]) == .int(Int64(text.unicodeScalars.count)))
        }
    }

    @Test func costBudget() throws {
        let program = try CELProgram(
            source: "[1, 2, 3, 4, 5].all(x, [1, 2, 3, 4, 5].all(y, x + y > 0))",
            options: CELProgram.Options(costLimit: 50))
        #expect(throws: CELEvaluationError.self) { try program.evaluate() }
        do {
            _ = try program.evaluate()
        } catch {
            #expect(error.isCostBudgetExceeded)
            #expect(error.message == "cost budget exceeded")
        }
        #expect(try CELProgram(source: "1 + 1").evaluate() == .int(2))
    }

    /// Set CEL_BENCH=1 (ideally with `-c release`) to print evaluations per second.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CEL_BENCH"] != nil))
    func speed() throws {
        let program = try CELProgram(source: "object.spec.owners.size() > 0 && object.metadata.name.startsWith('sales-')")
        let object = CELValue.map(
            CELMap([
                "metadata": .map(CELMap(["name": .string("sales-orders"), "namespace": .string("default")])),
                "spec": .map(CELMap(["owners": .list([.string("alice"), .string("bob")])])),
            ]))
        let activation = CELActivation(["object": object])
        let count = 1_000_000
        let start = ContinuousClock.now
        for _ in 0..<count { _ = try program.evaluate(activation) }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("CEL speed: \(Int(Double(count) / seconds)) evaluations/s")
    }
}

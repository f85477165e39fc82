import DappTesting
import Foundation
import Testing

/// `dappctl cel eval`: values printed as CEL literals, input documents bound as variables,
/// located errors with exit status 1.
@Suite struct CELEvalCommandTests {
    @Test(arguments: [
        ("[1, 2, 3].map(x, x * 2)", "[2, 4, 6]"), ("3u + 4u", "7u"), ("'y' + 'es'", "'yes'"), ("1 < 2", "true"),
        ("2.0 * 1.25", "2.5"), ("double(4)", "4.0"), ("{'k': [null, b'ab']}", "{'k': [null, b'ab']}"), ("type(1)", "int"),
        ("\"it's\"", "'it\\'s'"),
    ])
    func printsCELLiterals(_ expression: String, _ expected: String) throws {
        let result = try CommandRunner.dappctl(["cel", "eval", expression])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n")
    }

    @Test func bindsTheInputDocument() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try dir.write(
            "product.yaml",
            """
            object:
              metadata: {name: sales-orders}
              spec:
                owners: [team-orders@example.com]
            """)
        let expression = "object.spec.owners.size() > 0 && object.metadata.name.startsWith('sales-')"
        let result = try CommandRunner.dappctl(["cel", "eval", expression, "--input", input])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "true\n")
        let json = try dir.write("input.json", #"{"n": 21, "names": ["a", "b"]}"#)
        let fromJSON = try CommandRunner.dappctl(["cel", "eval", "n * 2 + size(names)", "--input", json])
        #expect(fromJSON.stdout == "44\n")
    }

    /// The input's values are typed as a policy sees them: an integer past 64 bits keeps its text.
    @Test func inputValuesAreTypedAsPoliciesSeeThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try dir.write("input.yaml", "big: 123456789012345678901234\ncount: 3\nratio: 0.5\n")
        let result = try CommandRunner.dappctl(["cel", "eval", "[type(big), big, type(count), type(ratio)]", "--input", input])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "[string, '123456789012345678901234', int, double]\n")
    }

    @Test func jsonOutput() throws {
        let result = try CommandRunner.dappctl(["cel", "eval", "{'a': [1, 2.5, true]}", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let list = try #require(object["a"] as? [Any])
        #expect(list.count == 3)
    }

    @Test func syntaxErrorIsLocated() throws {
        let result = try CommandRunner.dappctl(["cel", "eval", "1 + "])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("<expr>:1:5: error: "))
        #expect(result.stderr.contains(" | ....^"))
    }

    @Test func evaluationErrorIsLocated() throws {
        let result = try CommandRunner.dappctl(["cel", "eval", "[1, 2][5]"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<expr>:1:7: error: "), "\(result.stderr)")
    }

    @Test func runawayExpressionStopsOnTheCostBudget() throws {
        let started = ContinuousClock.now
        let result = try CommandRunner.dappctl([
            "cel", "eval",
            "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, a + b + c + d + e + f > 0))))))",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cost"), "\(result.stderr)")
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}

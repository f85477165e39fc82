import CEL
import DappCore
import DappTesting
import DappYAML
import Testing

@testable import DappPolicy
@testable import DappSpecs

/// Resources reach the policies as CEL values built straight from their YAML when they are read.
@Suite struct PolicyObjectTests {
    /// The same value the spec value converts to, for every document of the fixtures: ints,
    /// floats, nulls, booleans, quoted numbers, nested lists and maps, in document order.
    @Test(arguments: ["demo", "policy-violations", "contract-changes"])
    func policyValuesAreTheCELFormOfTheSpecValues(fixture: String) throws {
        let tree = try LocalDirectoryTree(path: TestPaths.fixture(fixture))
        var compared = 0
        for entry in try tree.entries() where entry.path.hasSuffix(".yaml") {
            for document in YAMLReader.read(try tree.read(entry.path), file: entry.path).documents {
                #expect(document.policyValue == CELValue(document.specValue), "\(entry.path)")
                compared += 1
            }
        }
        #expect(compared >= 10)
    }

    @Test func keysThatAreNotScalarsAreLeftOutAndScalarKeysAreText() throws {
        let source = "? [a, b]\n: hidden\n1: one\ntrue: yes\nnull: nothing\nbig: 99999999999999999999\nf: 1.5\n"
        let document = try #require(YAMLReader.read(Array(source.utf8), file: "x.yaml").documents.first)
        let expected = CELMap([
            "1": .string("one"), "true": .string("yes"), "null": .string("nothing"), "big": .string("99999999999999999999"),
            "f": .double(1.5),
        ])
        #expect(document.policyValue == .map(expected))
        guard case .map(let map) = document.policyValue else { return }
        #expect(map.keys == expected.keys, "in document order")
    }
}

import Testing

@testable import DappYAML

/// Nodes hold their file and anchor through an interned origin, without reference counting.
@Suite struct OriginTests {
    @Test func nodesOfAFileShareOneOriginKeptUncounted() throws {
        let first = try root("a: {b: [1, 2]}\n")
        let again = try root("c: 3\n")
        let leaf = try #require(first["a"]?["b"]?.sequence?.last)
        #expect(leaf.originRef.isInterned, "read nodes hold their origin without counting it")
        #expect(leaf.origin === first.origin, "every node of a file shares its origin")
        #expect(again.origin === first.origin, "a later read of the same path shares it too")
        #expect(leaf.file == testFile && leaf.line == 1 && leaf.column == 12)
        // The origin's two cases share the reference's spare bits: a node is built in place.
        #expect(MemoryLayout<YAMLNode>.size <= 40)
    }

    @Test func anchoredNodesKeepTheirNameThroughTheSubsetParserAndLibyaml() throws {
        // Block style goes through the subset parser; a flow mapping spanning lines through libyaml.
        for text in ["base: &defaults {x: 1}\nuse: *defaults\n", "base: &defaults {x: 1,\n  y: 2}\nuse: *defaults\n"] {
            let node = try root(text)
            #expect(node["base"]?.anchor == "defaults")
            #expect(node["base"]?.originRef.isInterned == true)
            #expect(node["use"]?.anchor == nil, "an alias does not declare the anchor")
            #expect(node["use"]?.file == testFile)
        }
    }

    @Test func pastTheInternLimitAnOriginIsCounted() {
        // A daemon that has read more distinct paths than the limit still gets correct nodes; they
        // hold their origin counted, so it lives exactly as long as they do.
        var node = YAMLNode(.sequence([]), mark: YAMLMark(line: 2, column: 5), file: "x.yaml")
        do {
            let origin = YAMLOrigin.shared(file: "overflow-\(UInt64.random(in: 0...UInt64.max)).yaml", anchor: "a", limit: 0)
            #expect(!origin.isInterned)
            node.origin = origin
        }
        #expect(!node.originRef.isInterned)
        let copy = node
        node = YAMLNode(.sequence([]), mark: YAMLMark(line: 1, column: 1), file: "y.yaml")
        #expect(copy.file.hasPrefix("overflow-") && copy.anchor == "a", "the copy keeps the origin alive")
        #expect(node.originRef.isInterned)
    }
}

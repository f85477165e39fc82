import DappYAML
import Testing

/// Every node carries the file, line and column it was read from (1-based; columns count
/// characters, not bytes).
@Suite struct LocationTests {
    static let product = """
        apiVersion: dappmesh.io/v1alpha1
        kind: DappProduct
        metadata:
          name: orders
        spec:
          owners: [team-orders@example.com, b@example.com]
          description: |
            Orders placed in the web shop.
          inputPorts:
            - name: customers
              from: {product: sales/customers, port: customers-v1}
          quoted: "x"
          single: 'y'
          empty:
        """

    @Test func blockMappingsAndSequences() throws {
        let node = try root(Self.product)
        #expect(node.at == [1, 1])
        #expect(node.mapping?[0].key.at == [1, 1])
        #expect(node["apiVersion"]?.at == [1, 13])
        #expect(node["kind"]?.at == [2, 7])
        #expect(node.mapping?[2].key.at == [3, 1])
        #expect(node["metadata"]?.at == [4, 3], "a block mapping starts at its first key")
        #expect(node["metadata"]?["name"]?.at == [4, 9])
        let spec = try #require(node["spec"])
        #expect(spec.at == [6, 3])
        #expect(spec["owners"]?.at == [6, 11])
        #expect(spec["owners"]?[0]?.at == [6, 12])
        #expect(spec["owners"]?[1]?.at == [6, 37])
        #expect(spec["description"]?.at == [7, 16], "a block scalar starts at its indicator")
        #expect(spec["description"]?.string == "Orders placed in the web shop.\n")
        let ports = try #require(spec["inputPorts"])
        #expect(ports.at == [10, 5], "a block sequence starts at its first dash")
        #expect(ports[0]?.at == [10, 7])
        #expect(ports[0]?["name"]?.at == [10, 13])
        #expect(ports[0]?["from"]?.at == [11, 13])
        #expect(ports[0]?["from"]?["product"]?.at == [11, 23])
        #expect(ports[0]?["from"]?["port"]?.at == [11, 46])
        #expect(spec["quoted"]?.at == [12, 11], "a quoted scalar starts at its quote")
        #expect(spec["single"]?.at == [13, 11])
        #expect(spec["empty"]?.isNull == true)
        #expect(spec["empty"]?.at == [14, 9], "an empty value sits right after its colon")
    }

    @Test func everyNodeCarriesTheFile() throws {
        let file = YAMLReader.read(Array(Self.product.utf8), file: "products/sales/orders/product.yaml")
        let document = try #require(file.documents.first)
        #expect(file.file == "products/sales/orders/product.yaml")
        let nodes = document.allNodes
        #expect(nodes.count == 34)
        #expect(nodes.allSatisfy { $0.file == "products/sales/orders/product.yaml" })
        #expect(nodes.allSatisfy { $0.line >= 1 && $0.column >= 1 })
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let node = try root("名前: 値\nnext: [é, ü]\n\"ключ\": значение\n")
        #expect(node["名前"]?.at == [1, 5])
        #expect(node["next"]?[1]?.at == [2, 11])
        #expect(node.mapping?[2].key.at == [3, 1])
        #expect(node["ключ"]?.at == [3, 9])
        #expect(node["ключ"]?.string == "значение")
    }

    @Test func windowsLineEndings() throws {
        let node = try root("a: 1\r\nb:\r\n  - x\r\n  - \"y\"\r\n")
        #expect(node["b"]?.at == [3, 3])
        #expect(node["b"]?[1]?.at == [4, 5])
        #expect(node["b"]?[1]?.string == "y")
        #expect(node["a"]?.scalar?.text == "1")
    }

    @Test func indentedSequenceUnderAKey() throws {
        let node = try root("items:\n- a\n- b: 1\n  c: 2\n")
        #expect(node["items"]?.at == [2, 1])
        #expect(node["items"]?[1]?.at == [3, 3])
        #expect(node["items"]?[1]?["c"]?.at == [4, 6])
    }

    @Test func anchoredAndTaggedNodesStartAtTheirProperties() throws {
        let node = try root("a: &x 1\nb: !!str 2\nc: &y [1]\n")
        #expect(node["a"]?.at == [1, 4])
        #expect(node["a"]?.anchor == "x")
        #expect(node["b"]?.at == [2, 4])
        #expect(node["c"]?.at == [3, 4])
        #expect(node["c"]?.anchor == "y")
        #expect(node["c"]?[0]?.at == [3, 8])
    }

    @Test func commentsDoNotMoveLocations() throws {
        let node = try root("# header\n\n# more\nkey: value # trailing\n# between\nother: 2\n")
        #expect(node.at == [4, 1])
        #expect(node["key"]?.at == [4, 6])
        #expect(node["key"]?.string == "value")
        #expect(node["other"]?.at == [6, 8])
    }

    @Test func marksCompareByLineThenColumn() {
        #expect(YAMLMark(line: 1, column: 9) < YAMLMark(line: 2, column: 1))
        #expect(YAMLMark(line: 2, column: 1) < YAMLMark(line: 2, column: 3))
        #expect(!(YAMLMark(line: 2, column: 3) < YAMLMark(line: 2, column: 3)))
    }

    @Test func nonContiguousInput() throws {
        let text = "a: [1, 2]\nb: x\n"
        let file = YAMLReader.read(AnyCollection(Array(text.utf8)), file: testFile)
        #expect(file.isClean)
        #expect(file.documents.first?["b"]?.at == [2, 4])
        let fromView = YAMLReader.read(text.utf8, file: testFile)
        #expect(fromView.documents.first?["a"]?[1]?.scalar?.int == 2)
    }

    @Test func errorDescriptionIsFileLineColumn() throws {
        let error = try onlyError("a: 1\na: 2\n")
        #expect(error.description == "t.yaml:2:1: duplicate key 'a' (first defined at line 1, column 1)")
        #expect(error.file == testFile)
    }
}

/// The node and error values themselves.
@Suite struct NodeValueTests {
    @Test func nodeFileAndAnchorCanBeSetAndRead() {
        var node = YAMLNode(
            .scalar(YAMLScalar(text: "x", style: .plain, kind: .string)), mark: YAMLMark(line: 3, column: 4), file: "a.yaml")
        #expect(node.file == "a.yaml")
        #expect(node.anchor == nil)
        #expect(node.line == 3 && node.column == 4)
        node.anchor = "base"
        let copy = node
        node.file = "b.yaml"
        node.anchor = nil
        #expect(node.file == "b.yaml")
        #expect(node.anchor == nil)
        #expect(copy.file == "a.yaml", "copies keep their own values")
        #expect(copy.anchor == "base")
        let anchored = YAMLNode(.sequence([]), mark: YAMLMark(line: 1, column: 1), file: "c.yaml", anchor: "list")
        #expect(anchored.anchor == "list")
        #expect(anchored.sequence?.isEmpty == true)
    }

    @Test func accessorsOnTheWrongKindAreNil() throws {
        let node = try root("map: {a: 1}\nlist: [1]\ntext: hi\n")
        #expect(node["map"]?.sequence == nil)
        #expect(node["map"]?.scalar == nil)
        #expect(node["list"]?.mapping == nil)
        #expect(node["list"]?["a"] == nil)
        #expect(node["text"]?.mapping == nil)
        #expect(node["text"]?["a"] == nil)
        #expect(node["missing"] == nil)
        #expect(node["text"]?.isNull == false)
        #expect(node["map"]?.isNull == false)
    }

    @Test func recoverableCodes() {
        let recoverable: [YAMLError.Code] = [.duplicateKey, .unsupportedTag, .mergeKey, .complexKey]
        let fatal: [YAMLError.Code] = [
            .syntax, .aliasLimit, .nodeLimit, .depthLimit, .fileTooLarge, .encoding, .tabIndentation, .unknownAnchor,
        ]
        for code in recoverable {
            #expect(YAMLError(code, "m", file: "f", mark: YAMLMark(line: 1, column: 1)).isRecoverable)
        }
        for code in fatal {
            #expect(!YAMLError(code, "m", file: "f", mark: YAMLMark(line: 1, column: 1)).isRecoverable)
        }
    }

    @Test func readingIsSafeFromManyTasksAtOnce() async throws {
        let texts = (0..<16).map { i in
            (0..<200).map { "key\($0): [\(i), \"v\($0)\", {n: \($0)}]\n" }.joined()
        }
        let results = await withTaskGroup(of: (Int, Int, Int).self) { group in
            for (i, text) in texts.enumerated() {
                group.addTask {
                    let file = YAMLReader.read(Array(text.utf8), file: "f\(i).yaml")
                    let node = file.documents.first
                    return (i, node?.mapping?.count ?? -1, node?["key199"]?[0]?.scalar?.int ?? -1)
                }
            }
            var out: [(Int, Int, Int)] = []
            for await result in group { out.append(result) }
            return out.sorted { $0.0 < $1.0 }
        }
        #expect(results.map(\.1) == Array(repeating: 200, count: 16))
        #expect(results.map(\.2) == Array(0..<16))
    }
}

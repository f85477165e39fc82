import DappYAML
import Testing

/// Duplicate keys are an error located at the second key, naming where the first one is; merge
/// keys and non-scalar keys are rejected. All of these are recoverable: reading goes on.
@Suite struct DuplicateKeyTests {
    @Test func topLevelDuplicate() throws {
        let file = read("name: a\nkind: b\nname: c\n")
        let error = try onlyError(file)
        #expect(error.code == .duplicateKey)
        #expect(error.at == [3, 1])
        #expect(error.message == "duplicate key 'name' (first defined at line 1, column 1)")
        #expect(error.hint == "remove one of the two entries; YAML does not allow repeated keys")
        #expect(error.isRecoverable)
        #expect(file.documents.count == 1, "reading went on")
        #expect(file.documents.first?["name"]?.string == "a", "lookup finds the first entry")
    }

    @Test func nestedDuplicate() throws {
        let error = try onlyError(
            """
            spec:
              owners: [a]
              lifecycle: active
              owners: [b]
            """)
        #expect(error.code == .duplicateKey)
        #expect(error.at == [4, 3])
        #expect(error.message == "duplicate key 'owners' (first defined at line 2, column 3)")
    }

    @Test func duplicateInsideASequenceItem() throws {
        let error = try onlyError("items:\n  - name: a\n    port: 1\n    name: b\n")
        #expect(error.at == [4, 5])
        #expect(error.message == "duplicate key 'name' (first defined at line 2, column 5)")
    }

    @Test func duplicateInAFlowMapping() throws {
        let error = try onlyError("from: {product: a, port: b, product: c}\n")
        #expect(error.code == .duplicateKey)
        #expect(error.at == [1, 29])
        #expect(error.message == "duplicate key 'product' (first defined at line 1, column 8)")
    }

    /// Small mappings compare keys one by one, bigger ones switch to a set: both find the
    /// duplicate and name the first key's line.
    @Test("duplicate of the first key after n distinct keys", arguments: [1, 2, 11, 12, 13, 14, 30, 200])
    func duplicateInBigMapping(keys: Int) throws {
        var text = (0..<keys).map { "key\($0): \($0)\n" }.joined()
        text += "key0: again\n"
        let error = try onlyError(text)
        #expect(error.code == .duplicateKey)
        #expect(error.at == [keys + 1, 1])
        #expect(error.message == "duplicate key 'key0' (first defined at line 1, column 1)")
    }

    @Test func duplicatesInAMappingOfMoreThanTwelveKeys() throws {
        // 20 keys, then a repeat of key 15 (seen after the switch to a set) and of key 3.
        var text = (0..<20).map { "k\($0): v\n" }.joined()
        text += "k15: again\nk20: new\nk3: again\n"
        let file = read(text)
        #expect(file.errors.map(\.code) == [.duplicateKey, .duplicateKey])
        #expect(file.errors.map(\.at) == [[21, 1], [23, 1]])
        #expect(
            file.errors.map(\.message) == [
                "duplicate key 'k15' (first defined at line 16, column 1)",
                "duplicate key 'k3' (first defined at line 4, column 1)",
            ])
        #expect(file.documents.first?.mapping?.count == 23)
    }

    @Test func nestedBigMappingDuplicate() throws {
        var text = "outer:\n  keep: 1\n  inner:\n"
        text += (0..<15).map { "    f\($0): \($0)\n" }.joined()
        text += "    f7: dup\n  after: 2\n"
        let error = try onlyError(text)
        #expect(error.at == [19, 5])
        #expect(error.message == "duplicate key 'f7' (first defined at line 11, column 5)")
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let file = read("a: {x: 1, y: 2}\nb: {x: 1, y: 2}\nc:\n  - x: 1\n  - x: 2\n---\na: 3\n")
        #expect(file.isClean)
        #expect(file.documents.count == 2)
    }

    @Test func quotedAndPlainSpellingsOfOneKeyAreDuplicates() throws {
        let error = try onlyError("name: a\n\"name\": b\n")
        #expect(error.code == .duplicateKey)
        #expect(error.at == [2, 1])
    }

    @Test func everyDuplicateIsReported() throws {
        let file = read("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\nb: 4\n")
        #expect(file.errors.map(\.code) == [.duplicateKey, .duplicateKey, .duplicateKey])
        #expect(file.errors.map(\.at) == [[3, 1], [6, 3], [7, 1]])
    }

    @Test func duplicateKeyThroughAnAlias() throws {
        let error = try onlyError("a: &k name\nm:\n  name: 1\n  *k : 2\n")
        #expect(error.code == .duplicateKey)
        #expect(error.at == [4, 3])
        #expect(error.message == "duplicate key 'name' (first defined at line 3, column 3)")
    }

    @Test func mergeKeyIsRejected() throws {
        let file = read("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n")
        let error = try onlyError(file)
        #expect(error.code == .mergeKey)
        #expect(error.at == [3, 3])
        #expect(error.message == "merge keys ('<<') are YAML 1.1 and not supported")
        #expect(error.hint == "write the merged fields out in full")
        #expect(error.isRecoverable)
        #expect(file.documents.first?["child"]?["x"] == nil, "nothing is merged")
    }

    @Test func quotedLessLessIsAnOrdinaryKey() throws {
        let node = try root("\"<<\": 1\nop: <<\n")
        #expect(node["<<"]?.scalar?.int == 1)
        #expect(node["op"]?.string == "<<")
    }

    @Test func complexKeysAreRejected() throws {
        let file = read("? [a, b]\n: 1\n? {x: 1}\n: 2\nok: 3\n")
        #expect(file.errors.map(\.code) == [.complexKey, .complexKey])
        #expect(file.errors.map(\.at) == [[1, 3], [3, 3]])
        #expect(
            file.errors.map(\.message) == [
                "mapping keys must be plain values, not a list",
                "mapping keys must be plain values, not a mapping",
            ])
        #expect(file.errors.allSatisfy { $0.isRecoverable })
        #expect(file.documents.first?["ok"]?.scalar?.int == 3)
    }

    @Test func explicitScalarKeyIsFine() throws {
        let node = try root("? name\n: value\n")
        #expect(node["name"]?.string == "value")
    }
}

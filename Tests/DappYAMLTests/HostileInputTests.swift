import DappYAML
import Testing

/// Hostile or broken input fails fast with one located error: depth, size, encoding, tabs, syntax.
@Suite struct HostileInputTests {
    // MARK: nesting depth

    @Test func deepFlowNesting() throws {
        let file = read("a: " + nestedFlow(200) + "\n")
        let error = try onlyError(file)
        #expect(error.code == .depthLimit)
        #expect(error.message == "nesting is deeper than 64 levels")
        #expect(error.hint == "flatten the structure; no spec needs this depth")
        // The root mapping is level 1; the 64th `[` (column 67) opens level 65.
        #expect(error.at == [1, 67])
        #expect(!error.isRecoverable)
        #expect(file.documents.isEmpty)
    }

    @Test func deepFlowNestingAtTheTop() throws {
        let error = try onlyError(nestedFlow(200))
        #expect(error.code == .depthLimit)
        #expect(error.at == [1, 65])
    }

    @Test func deepBlockMappings() throws {
        // k0 at line 1 column 1, k1 at line 2 column 3, ... each key's value is the next mapping.
        let text = (0..<200).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined()
        let error = try onlyError(text)
        #expect(error.code == .depthLimit)
        // The mapping holding k64 is level 65: it starts at k64, line 65, column 129.
        #expect(error.at == [65, 129])
    }

    @Test func deepBlockSequences() throws {
        let text = String(repeating: "- ", count: 200) + "x\n"
        let error = try onlyError(text)
        #expect(error.code == .depthLimit)
        #expect(error.at == [1, 129])
    }

    @Test func mixedDeepNesting() throws {
        let text = (0..<100).map { String(repeating: "  ", count: $0) + "- k\($0):\n" }.joined()
        let error = try onlyError(text)
        #expect(error.code == .depthLimit)
    }

    @Test func depthLimitIsInclusive() throws {
        #expect(read(nestedFlow(64)).isClean, "64 levels are allowed")
        let node = try root(nestedFlow(64))
        var level = 1
        var current = node
        while let inner = current[0], inner.sequence != nil {
            level += 1
            current = inner
        }
        #expect(level == 64)
        #expect(try onlyError(nestedFlow(65)).at == [1, 65])
    }

    @Test func depthLimitIsConfigurable() throws {
        let limits = YAMLLimits(maxDepth: 3)
        #expect(read("a: {b: [c]}", limits: limits).isClean)
        let error = try onlyError("a: {b: [[c]]}", limits: limits)
        #expect(error.code == .depthLimit)
        #expect(error.message == "nesting is deeper than 3 levels")
        #expect(error.at == [1, 9])
    }

    // MARK: file size

    @Test func tenMebibyteFileIsRejectedUpFront() throws {
        let line = Array("key: value value value value value value value value value value\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10 << 20)
        while bytes.count + line.count <= 10 << 20 { bytes += line }
        bytes += Array(repeating: UInt8(ascii: "#"), count: (10 << 20) - bytes.count)
        #expect(bytes.count == 10_485_760)
        let clock = ContinuousClock()
        var file: YAMLFile?
        let elapsed = clock.measure { file = read(bytes: bytes) }
        #expect(elapsed < .seconds(1))
        let error = try onlyError(try #require(file))
        #expect(error.code == .fileTooLarge)
        #expect(error.message == "file is 10485760 bytes, larger than the limit of 4194304 bytes")
        #expect(error.hint == "split the file, or raise the limit with maxFileBytes in dappmesh.yaml")
        #expect(error.at == [1, 1])
        #expect(!error.isRecoverable)
        #expect(file?.documents.isEmpty == true)
    }

    @Test func fileSizeLimitIsConfigurable() throws {
        let text = "name: orders\n"  // 13 bytes
        #expect(read(text, limits: YAMLLimits(maxFileBytes: 13)).isClean, "the limit itself is allowed")
        let error = try onlyError(text, limits: YAMLLimits(maxFileBytes: 12))
        #expect(error.code == .fileTooLarge)
        #expect(error.message == "file is 13 bytes, larger than the limit of 12 bytes")
    }

    @Test func defaultLimits() {
        let limits = YAMLLimits.default
        #expect(limits.maxFileBytes == 4 << 20)
        #expect(limits.maxDepth == 64)
        #expect(limits.maxNodes == 1_000_000)
        #expect(limits.maxAliasExpansion == 100_000)
    }

    // MARK: encoding

    @Test func invalidUTF8InTheMiddleOfLineThree() throws {
        let bytes = Array("name: a\nkind: b\ntitle: ab".utf8) + [0xFF] + Array("cd\nend: 1\n".utf8)
        let error = try onlyError(read(bytes: bytes))
        #expect(error.code == .encoding)
        #expect(error.at == [3, 10])
        #expect(error.message == "invalid leading UTF-8 octet (byte 0xFF at byte offset 25)")
        #expect(error.hint == "save the file as UTF-8 without control characters")
        #expect(!error.isRecoverable)
    }

    @Test func invalidUTF8AfterMultibyteCharacters() throws {
        let bytes = Array("a: 1\nb: 2\nc: éü".utf8) + [0xFE] + Array("\n".utf8)
        let error = try onlyError(read(bytes: bytes))
        #expect(error.code == .encoding)
        #expect(error.at == [3, 6], "columns count characters")
    }

    @Test func truncatedSequenceIsLocatedAtItsFirstByte() throws {
        let bytes = Array("a: 1\nb: 2\nkey: é".utf8) + [0xC3] + Array("\nnext: 1\n".utf8)
        let error = try onlyError(read(bytes: bytes))
        #expect(error.code == .encoding)
        #expect(error.at == [3, 7])
        #expect(error.message == "invalid trailing UTF-8 octet (byte 0xC3 at byte offset 17)")
    }

    @Test func invalidUTF8InsideAQuotedString() throws {
        let bytes = Array("a: \"x".utf8) + [0xC0, 0xAF] + Array("\"\n".utf8)
        let error = try onlyError(read(bytes: bytes))
        #expect(error.code == .encoding)
        #expect(error.at == [1, 6])
    }

    @Test func controlCharacter() throws {
        let error = try onlyError("a: 1\nb: x\u{1}y\n")
        #expect(error.code == .encoding)
        #expect(error.at == [2, 5])
        #expect(error.message == "control characters are not allowed (byte 0x1 at byte offset 9)")
    }

    @Test("UTF-16 with a byte order mark", arguments: [[0xFF, 0xFE] as [UInt8], [0xFE, 0xFF]])
    func utf16WithBOM(bom: [UInt8]) throws {
        let body = Array("a: 1\n".utf16).flatMap { unit -> [UInt8] in
            bom[0] == 0xFF ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let error = try onlyError(read(bytes: bom + body))
        #expect(error.code == .encoding)
        #expect(error.at == [1, 1])
        #expect(error.message == "file is UTF-16 (it starts with a UTF-16 byte order mark)")
        #expect(error.hint == "save the file as UTF-8")
    }

    @Test func utf16WithoutBOM() throws {
        let bytes = Array("a: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let error = try onlyError(read(bytes: bytes))
        #expect(error.code == .encoding)
        #expect(error.at == [1, 1])
    }

    @Test func utf8BOMIsAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("kind: DappProduct\nspec:\n  owners: [a, b]\n".utf8)
        let file = read(bytes: bytes)
        #expect(file.isClean)
        let node = try #require(file.documents.first)
        #expect(node["kind"]?.string == "DappProduct", "the mark is not part of the first key")
        #expect(node.at == [1, 1], "the byte order mark takes no column")
        #expect(node["kind"]?.at == [1, 7])
        #expect(node["spec"]?["owners"]?[1]?.at == [3, 15])
    }

    @Test func fileOfOnlyAByteOrderMark() {
        let file = read(bytes: [0xEF, 0xBB, 0xBF])
        #expect(file.isClean)
        #expect(file.documents.isEmpty)
    }

    @Test func utf8BOMThenInvalidByte() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: x".utf8) + [0xFF] + Array("\n".utf8)
        let error = try onlyError(read(bytes: bytes))
        #expect(error.code == .encoding)
        #expect(error.at == [1, 5])
        #expect(error.message == "invalid leading UTF-8 octet (byte 0xFF at byte offset 7)", "offsets count the mark")
    }

    // MARK: tabs

    @Test func tabIndentation() throws {
        let file = read("spec:\n\tname: orders\n")
        let error = try onlyError(file)
        #expect(error.code == .tabIndentation)
        #expect(error.at == [2, 1])
        #expect(error.message == "tab character where YAML expects spaces for indentation")
        #expect(error.hint == "indent with spaces; YAML forbids tabs for indentation")
        #expect(!error.isRecoverable)
    }

    @Test(
        "tab indentation in other places",
        arguments: [
            ("a: 1\n\tb: 2\n", [2, 1]),
            ("a:\n  b: 1\n\t c: 2\n", [3, 1]),
            ("é: 1\nb:\n  c: 1\n\t d: 2\n", [4, 1]),
            ("list:\n  - a\n\t- b\n", [3, 1]),
        ])
    func tabIndentationElsewhere(text: String, at: [Int]) throws {
        let error = try onlyError(text)
        #expect(error.code == .tabIndentation)
        #expect(error.at == at)
    }

    @Test func tabIndentationAfterAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("é: 1\nb:\n\tc: 1\n".utf8)
        let error = try onlyError(read(bytes: bytes))
        #expect(error.code == .tabIndentation)
        #expect(error.at == [3, 1])
    }

    @Test func tabsThatAreNotIndentationAreFine() throws {
        let node = try root("a:\tvalue\nb: \"x\ty\"\nc: [1,\t2]\nd: |\n  keep\tthis\ne: one\ttwo\n")
        #expect(node["a"]?.string == "value")
        #expect(node["b"]?.string == "x\ty")
        #expect(node["c"]?[1]?.scalar?.int == 2)
        #expect(node["d"]?.string == "keep\tthis\n")
        #expect(node["e"]?.string == "one\ttwo")
    }

    // MARK: syntax errors

    @Test func syntaxErrorLocation() throws {
        let error = try onlyError("kind: DappProduct\nmetadata: name: orders\n")
        #expect(error.code == .syntax)
        #expect(error.at == [2, 15])
        #expect(error.message == "mapping values are not allowed in this context")
        #expect(!error.isRecoverable)
    }

    @Test(
        "syntax errors",
        arguments: [
            ("a: [1, 2\nb: 3\n", [2, 2], "did not find expected ',' or ']' while parsing a flow sequence (started at line 1, column 4)"),
            (
                "a: \"unterminated\nb: 2\n", [3, 1],
                "found unexpected end of stream while scanning a quoted scalar (started at line 1, column 4)"
            ),
            ("a:\n  b: 1\n c: 2\n", [3, 2], "did not find expected key while parsing a block mapping (started at line 1, column 1)"),
            ("- a\nb: 1\n", [2, 1], "did not find expected '-' indicator while parsing a block collection (started at line 1, column 1)"),
            ("a: 1\n}\n", [2, 1], "did not find expected key while parsing a block mapping (started at line 1, column 1)"),
            ("a: 1\n--- x\nb\n  c: 1\n", [4, 4], "mapping values are not allowed in this context"),
            (
                "a: &\n", [1, 5],
                "did not find expected alphabetic or numeric character while scanning an anchor (started at line 1, column 4)"
            ),
            ("a: {b: 1\n", [2, 1], "did not find expected ',' or '}' while parsing a flow mapping (started at line 1, column 4)"),
        ])
    func syntaxErrors(text: String, at: [Int], message: String) throws {
        let error = try onlyError(text)
        #expect(error.code == .syntax)
        #expect(error.at == at)
        #expect(error.message == message)
    }
}

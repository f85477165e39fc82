import DappYAML
import Testing

/// Multi-document streams: every document in order, empty ones as a null root; an empty file
/// has no documents at all.
@Suite struct DocumentTests {
    @Test("files without any document", arguments: ["", "\n", "\n\n   \n", "# just a comment\n", "# a\n# b", "%YAML 1.2\n"])
    func noDocuments(text: String) throws {
        let file = read(text)
        if text.hasPrefix("%") {
            // A directive needs a document after it.
            #expect(file.errors.first?.code == .syntax)
        } else {
            #expect(file.isClean)
            #expect(file.documents.isEmpty)
        }
    }

    @Test func emptyByteArray() {
        let file = read(bytes: [])
        #expect(file.isClean)
        #expect(file.documents.isEmpty)
    }

    @Test func twoDocuments() throws {
        let file = read("kind: A\n---\nkind: B\n")
        #expect(file.isClean)
        #expect(file.documents.count == 2)
        #expect(file.documents.map { $0["kind"]?.string } == ["A", "B"])
        #expect(file.documents.map(\.at) == [[1, 1], [3, 1]])
    }

    @Test func explicitStartAndEndMarkers() throws {
        let file = read("---\na: 1\n...\n---\nb: 2\n...\n")
        #expect(file.isClean)
        #expect(file.documents.map(\.keys) == [["a"], ["b"]])
        #expect(file.documents[1].at == [5, 1])
    }

    @Test func emptyDocumentsHaveANullRoot() throws {
        let file = read("---\n---\n# nothing\n---\na: 1\n---\n")
        #expect(file.isClean)
        #expect(file.documents.count == 4)
        #expect(file.documents.map(\.isNull) == [true, true, false, true])
        #expect(file.documents[0].scalar?.kind == .null)
        #expect(file.documents[0].file == testFile)
    }

    @Test func explicitEndOfAnEmptyDocument() throws {
        let file = read("---\n...\n")
        #expect(file.documents.count == 1)
        #expect(file.documents[0].isNull)
    }

    @Test func scalarDocuments() throws {
        let file = read("--- hello\n--- 42\n--- \"x\"\n")
        #expect(file.isClean)
        #expect(file.documents.map { $0.scalar?.kind } == [.string, .int, .string])
        #expect(file.documents.map(\.at) == [[1, 5], [2, 5], [3, 5]])
    }

    @Test func versionDirective() throws {
        let file = read("%YAML 1.2\n---\nanswer: no\n")
        #expect(file.isClean)
        #expect(file.documents.first?["answer"]?.string == "no")
    }

    @Test func anchorsDoNotCrossDocuments() throws {
        let file = read("a: &x 1\n---\nb: *x\n")
        let error = try onlyError(file)
        #expect(error.code == .unknownAnchor)
        #expect(error.at == [3, 4])
        #expect(file.documents.count == 1, "the first document was read")
    }

    @Test func recoverableErrorsKeepLaterDocuments() throws {
        let file = read("a: 1\na: 2\n---\nb: 3\n")
        #expect(file.errors.map(\.code) == [.duplicateKey])
        #expect(file.documents.count == 2)
        #expect(!file.isClean)
    }

    @Test func syntaxErrorInALaterDocumentKeepsEarlierOnes() throws {
        let file = read("a: 1\n---\nb: [1, 2\n")
        #expect(file.documents.count == 1)
        #expect(file.documents.first?["a"]?.scalar?.int == 1)
        #expect(file.errors.first?.code == .syntax)
        #expect(file.errors.first?.isRecoverable == false)
    }
}

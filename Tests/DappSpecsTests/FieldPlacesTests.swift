import DappCore
import DappTesting
import DappYAML
import Testing

@testable import DappSpecs

/// Findings are placed from the field places kept at load time exactly where reading the file
/// again would place them.
@Suite struct FieldPlacesTests {
    /// Every path of one and two steps in the document, and some that are not there.
    static func paths(in root: YAMLNode) -> [DocumentPath] {
        var paths: [DocumentPath] = [DocumentPath([]), DocumentPath([.key("noSuchField")]), DocumentPath([.index(0)])]
        for pair in root.mapping ?? [] {
            guard let key = pair.key.scalar?.text else { continue }
            paths.append(DocumentPath([.key(key)]))
            paths.append(DocumentPath([.key(key), .key("noSuchField")]))
            paths.append(DocumentPath([.key(key), .index(99)]))
            for child in pair.value.mapping ?? [] {
                if let name = child.key.scalar?.text { paths.append(DocumentPath([.key(key), .key(name)])) }
            }
            for index in (pair.value.sequence ?? []).indices { paths.append(DocumentPath([.key(key), .index(index)])) }
        }
        return paths
    }

    @Test(arguments: ["demo", "policy-violations"])
    func placesMatchReadingTheDocumentAgain(fixture: String) throws {
        let tree = try LocalDirectoryTree(path: TestPaths.fixture(fixture))
        var compared = 0
        for entry in try tree.entries() where entry.path.hasSuffix(".yaml") {
            let read = YAMLReader.read(try tree.read(entry.path), file: entry.path, limits: .default)
            for document in read.documents {
                let places = FieldPlaces(document)
                let locator = NodeLocator(root: document)
                for path in Self.paths(in: document) {
                    #expect(places.location(of: path) == locator.location(of: path), "\(entry.path): \(path)")
                    compared += 1
                }
            }
        }
        #expect(compared > 200)
    }

    /// The places follow the object's entries by position: a pair no path can name (a key that
    /// is a sequence), with children of its own, must not shift the fields after it.
    @Test func aNonScalarKeyDoesNotShiftTheFieldsAfterIt() throws {
        let source = "? [a, b]\n: {x: 1, y: 2}\nlist: [1, 2]\n\"\": empty\nspec:\n  name: n\n  roles:\n    - r\n"
        let read = YAMLReader.read(Array(source.utf8), file: "x.yaml", limits: .default)
        let document = try #require(read.documents.first)
        let places = FieldPlaces(document)
        let locator = NodeLocator(root: document)
        for path in Self.paths(in: document) + [DocumentPath([.key("spec"), .key("name")]), DocumentPath([.key("")])] {
            #expect(places.location(of: path) == locator.location(of: path), "\(path)")
        }
        #expect(places.location(of: DocumentPath([.key("spec"), .key("name")])) == SourceLocation(file: "x.yaml", line: 6, column: 3))
    }

    @Test func longerPathsAreLeftToTheFile() {
        let read = YAMLReader.read(Array("spec:\n  roles:\n    - name: a\n".utf8), file: "x.yaml", limits: .default)
        let places = FieldPlaces(read.documents[0])
        #expect(places.location(of: DocumentPath([.key("spec"), .key("roles")])) == SourceLocation(file: "x.yaml", line: 3, column: 5))
        #expect(places.location(of: DocumentPath([.key("spec"), .key("roles"), .index(0)])) == nil)
    }
}

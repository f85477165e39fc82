import DappCore
import DappYAML

/// Where the fields near the top of a document are: every finding whose `fieldPath` has at most
/// two steps (`schema`, `spec.publicAccess`, `spec.roles[0]`; all the built-in policies') is
/// placed without reading and parsing its file again. Kept with each retained object, at a few
/// dozen entries a document.
public struct FieldPlaces: Sendable {
    struct Entry: Sendable {
        var first: String
        /// nil for the top-level field itself.
        var second: DocumentPath.Component?
        var line: Int32
        var column: Int32
    }

    let file: String
    let root: YAMLMark
    var entries: [Entry] = []

    /// The places of the document's top-level fields and of their children.
    init(_ root: YAMLNode) {
        file = root.file
        self.root = root.mark
        guard case .mapping(let pairs) = root.value else { return }
        entries.reserveCapacity(pairs.count * 4)
        for i in pairs.indices {
            guard case .scalar(let keyScalar) = pairs[i].key.value else { continue }
            let key = keyScalar.text
            entries.append(Self.entry(key, nil, pairs[i]))
            switch pairs[i].value.value {
            case .mapping(let children):
                for j in children.indices {
                    guard case .scalar(let name) = children[j].key.value else { continue }
                    entries.append(Self.entry(key, .key(name.text), children[j]))
                }
            case .sequence(let items):
                for index in items.indices {
                    entries.append(Entry(first: key, second: .index(index), line: items[index].mark.line, column: items[index].mark.column))
                }
            case .scalar:
                break
            }
        }
    }

    /// Placed as `NodeLocator` places a field; the marks are read in place, no node is copied
    /// (this runs for every field near the top of every document a check keeps).
    private static func entry(_ first: String, _ second: DocumentPath.Component?, _ pair: YAMLPair) -> Entry {
        let mark: YAMLMark
        if case .scalar = pair.value.value { mark = pair.key.mark } else { mark = pair.value.mark }
        return Entry(first: first, second: second, line: mark.line, column: mark.column)
    }

    /// The place of a path of up to two steps (the nearest field found, as `NodeLocator` gives);
    /// nil for a longer path, which needs the document itself.
    func location(of path: DocumentPath) -> SourceLocation? {
        let steps = path.components
        guard steps.count <= 2 else { return nil }
        guard case .key(let first)? = steps.first else { return place(root) }
        guard let top = entries.first(where: { $0.second == nil && $0.first == first }) else { return place(root) }
        guard steps.count == 2 else { return place(top) }
        let second = steps[1]
        guard let child = entries.first(where: { $0.first == first && $0.second == second }) else { return place(top) }
        return place(child)
    }

    private func place(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column))
    }

    private func place(_ entry: Entry) -> SourceLocation {
        SourceLocation(file: file, line: Int(entry.line), column: Int(entry.column))
    }
}

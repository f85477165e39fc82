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
        guard let pairs = root.mapping else { return }
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            entries.append(Self.entry(key, nil, pair))
            switch pair.value.value {
            case .mapping(let children):
                for child in children {
                    guard let name = child.key.scalar?.text else { continue }
                    entries.append(Self.entry(key, .key(name), child))
                }
            case .sequence(let items):
                for (index, item) in items.enumerated() {
                    entries.append(Entry(first: key, second: .index(index), line: item.mark.line, column: item.mark.column))
                }
            case .scalar:
                break
            }
        }
    }

    /// Placed as `NodeLocator` places a field.
    private static func entry(_ first: String, _ second: DocumentPath.Component?, _ pair: YAMLPair) -> Entry {
        let mark = NodeLocator.place(of: pair).mark
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

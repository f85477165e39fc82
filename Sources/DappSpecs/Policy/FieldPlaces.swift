import DappCore
import DappYAML

/// Where the fields near the top of a document are: every finding whose `fieldPath` has at most
/// two steps (`schema`, `spec.publicAccess`, `spec.roles[0]`; all the built-in policies') is
/// placed without reading and parsing its file again.
///
/// Kept with each retained object, so it is small: one line and column per field, in the order of
/// the object's own entries (whose keys it reads from the object, shared, not copied). A check of
/// 10,000 products keeps some 50,000 of these.
public struct FieldPlaces: Sendable {
    let file: String
    let root: YAMLMark
    /// The document as a value: its keys, and how many children each top-level field has.
    let object: SpecValue
    /// The place of each top-level field in document order, then of the children of each
    /// top-level mapping or sequence, field by field (a scalar field has none). The entry of a
    /// pair whose key is not a scalar is `unkeyed`: no path names it.
    var marks: [YAMLMark] = []

    static let unkeyed = YAMLMark(line: -1, column: -1)

    /// The places of the document's top-level fields and of their children.
    init(_ root: YAMLNode) {
        self.init(root, object: root.specValue)
    }

    /// `object` is `root.specValue`, already built.
    init(_ root: YAMLNode, object: SpecValue) {
        file = root.file
        self.root = root.mark
        self.object = object
        guard case .mapping(let pairs) = root.value else { return }
        var count = pairs.count
        for i in pairs.indices {
            switch pairs[i].value.value {
            case .mapping(let children): count += children.count
            case .sequence(let items): count += items.count
            case .scalar: break
            }
        }
        marks.reserveCapacity(count)
        for i in pairs.indices { marks.append(Self.mark(of: pairs[i])) }
        for i in pairs.indices {
            switch pairs[i].value.value {
            case .mapping(let children):
                for j in children.indices { marks.append(Self.mark(of: children[j])) }
            case .sequence(let items):
                for index in items.indices { marks.append(items[index].mark) }
            case .scalar:
                break
            }
        }
    }

    /// Placed as `NodeLocator` places a field: a scalar at its key, anything else at its value.
    /// The marks are read in place, no node is copied.
    private static func mark(of pair: YAMLPair) -> YAMLMark {
        guard case .scalar = pair.key.value else { return unkeyed }
        if case .scalar = pair.value.value { return pair.key.mark }
        return pair.value.mark
    }

    /// The place of a path of up to two steps (the nearest field found, as `NodeLocator` gives);
    /// nil for a longer path, which needs the document itself.
    func location(of path: DocumentPath) -> SourceLocation? {
        let steps = path.components
        guard steps.count <= 2 else { return nil }
        guard case .key(let first)? = steps.first, case .map(let fields) = object,
            let top = fields.indices.first(where: { fields[$0].key == first && marks[$0] != Self.unkeyed })
        else { return place(root) }
        guard steps.count == 2 else { return place(marks[top]) }
        // The children of the fields before `top` come first.
        var start = fields.count
        for i in 0..<top { start += Self.childCount(fields[i].value) }
        switch (steps[1], fields[top].value) {
        case (.key(let name), .map(let children)):
            if let child = children.indices.first(where: { children[$0].key == name && marks[start + $0] != Self.unkeyed }) {
                return place(marks[start + child])
            }
        case (.index(let index), .list(let items)) where items.indices.contains(index):
            return place(marks[start + index])
        default:
            break
        }
        return place(marks[top])
    }

    private static func childCount(_ value: SpecValue) -> Int {
        switch value {
        case .map(let entries): entries.count
        case .list(let items): items.count
        default: 0
        }
    }

    private func place(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column))
    }
}

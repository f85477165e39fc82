import CEL
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
    let object: CELValue
    /// The place of each top-level field in the order of the object's entries, then of the
    /// children of each top-level mapping or sequence, field by field (a scalar field has none).
    var marks: [YAMLMark] = []

    /// The places of the document's top-level fields and of their children.
    init(_ root: YAMLNode) {
        self.init(root, object: root.policyValue)
    }

    /// `object` is `root.policyValue`, already built. Its maps hold each scalar key once (the
    /// first time it is written), so the pairs of a mapping are matched with its entries in order;
    /// a repeated key's later pairs and pairs keyed by a list or a mapping have no place here (no
    /// path names them).
    init(_ root: YAMLNode, object: CELValue) {
        file = root.file
        self.root = root.mark
        self.object = object
        guard case .mapping(let pairs) = root.value, case .map(let fields) = object else { return }
        let kept = Self.keptPairs(pairs, of: fields)
        var count = kept.count
        for at in kept.indices { count += Self.childCount(fields.value(at: at)) }
        marks.reserveCapacity(count)
        for i in kept { marks.append(Self.mark(of: pairs[i])) }
        for (at, i) in kept.enumerated() {
            switch (pairs[i].value.value, fields.value(at: at)) {
            case (.mapping(let children), .map(let childFields)):
                for j in Self.keptPairs(children, of: childFields) { marks.append(Self.mark(of: children[j])) }
            case (.sequence(let items), .list):
                for index in items.indices { marks.append(items[index].mark) }
            default:
                break
            }
        }
    }

    /// The positions of the pairs that made the map's entries (`policyValue`): the first pair of
    /// each scalar key.
    private static func keptPairs(_ pairs: [YAMLPair], of map: CELMap) -> [Int] {
        if pairs.count == map.count { return Array(pairs.indices) }
        var kept: [Int] = []
        kept.reserveCapacity(map.count)
        for i in pairs.indices where kept.count < map.count {
            guard case .scalar(let key) = pairs[i].key.value, case .string(let entry) = map.key(at: kept.count), entry == key.text else {
                continue
            }
            kept.append(i)
        }
        return kept
    }

    /// Placed as `NodeLocator` places a field: a scalar at its key, anything else at its value.
    /// The marks are read in place, no node is copied.
    private static func mark(of pair: YAMLPair) -> YAMLMark {
        if case .scalar = pair.value.value { return pair.key.mark }
        return pair.value.mark
    }

    /// The place of a path of up to two steps (the nearest field found, as `NodeLocator` gives);
    /// nil for a longer path, which needs the document itself.
    func location(of path: DocumentPath) -> SourceLocation? {
        let steps = path.components
        guard steps.count <= 2 else { return nil }
        guard case .key(let first)? = steps.first, case .map(let fields) = object,
            let top = Self.position(of: first, in: fields)
        else { return place(root) }
        guard steps.count == 2 else { return place(marks[top]) }
        // The children of the fields before `top` come first.
        var start = fields.count
        for i in 0..<top { start += Self.childCount(fields.value(at: i)) }
        switch (steps[1], fields.value(at: top)) {
        case (.key(let name), .map(let children)):
            if let child = Self.position(of: name, in: children) {
                return place(marks[start + child])
            }
        case (.index(let index), .list(let items)) where items.indices.contains(index):
            return place(marks[start + index])
        default:
            break
        }
        return place(marks[top])
    }

    /// The position of the entry whose key is the string `key`.
    private static func position(of key: String, in map: CELMap) -> Int? {
        (0..<map.count).first { if case .string(let k) = map.key(at: $0) { k == key } else { false } }
    }

    private static func childCount(_ value: CELValue) -> Int {
        switch value {
        case .map(let map): map.count
        case .list(let items): items.count
        default: 0
        }
    }

    private func place(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column))
    }
}

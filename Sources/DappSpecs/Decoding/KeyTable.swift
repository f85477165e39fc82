import DappCore
import DappYAML

/// The keys a decoder knows in one kind of mapping, each mapped to a value (an enum case), so a
/// decoder walks a mapping once and switches on each key instead of looking up every field it
/// knows (a scan of the mapping per field).
///
/// Keys are bucketed by length and first byte: a lookup compares the key with the one or two
/// names that share both, no hashing.
final class KeyTable<Key: Sendable>: Sendable {
    private let names: [String]
    private let lengths: [Int]
    private let keys: [Key]
    private let buckets: [[Int]]

    private static var bucketCount: Int { 64 }

    /// At most 64 entries (a decoder remembers the keys it has seen in one word).
    init(_ entries: KeyValuePairs<String, Key>) {
        precondition(entries.count <= 64, "a KeyTable holds at most 64 keys")
        names = entries.map(\.key)
        lengths = entries.map(\.key.utf8.count)
        keys = entries.map(\.value)
        var buckets = [[Int]](repeating: [], count: Self.bucketCount)
        for (index, entry) in entries.enumerated() {
            buckets[Self.bucket(entry.key.utf8)].append(index)
        }
        self.buckets = buckets
    }

    @inline(__always)
    private static func bucket(_ utf8: String.UTF8View) -> Int {
        (utf8.count &* 7 &+ (utf8.isEmpty ? 0 : Int(utf8[utf8.startIndex]))) & (bucketCount - 1)
    }

    /// The position (declaration order) of `name`, nil for a key the table does not know.
    @inline(__always)
    func index(of name: String) -> Int? {
        let utf8 = name.utf8
        let count = utf8.count
        for index in buckets[Self.bucket(utf8)] where lengths[index] == count && names[index] == name {
            return index
        }
        return nil
    }

    @inline(__always)
    func key(at index: Int) -> Key { keys[index] }
}

extension YAMLNode {
    /// Calls `body` with each entry of a mapping whose key is a scalar the table knows, in document
    /// order; the first of repeated keys only (as `node[key]` finds it). Nothing for other nodes.
    @inline(__always)
    func forEachKnownEntry<Key: Sendable>(_ table: KeyTable<Key>, _ body: (Key, YAMLNode) -> Void) {
        forEachKnownPair(table) { field, _, value in body(field, value) }
    }

    /// `forEachKnownEntry`, with the key's node too (to locate a finding on the key).
    @inline(__always)
    func forEachKnownPair<Key: Sendable>(_ table: KeyTable<Key>, _ body: (Key, YAMLNode, YAMLNode) -> Void) {
        guard case .mapping(let pairs) = value else { return }
        var seen: UInt64 = 0
        for i in pairs.indices {
            guard case .scalar(let key) = pairs[i].key.value, let index = table.index(of: key.text) else { continue }
            // The reader rejects repeated keys, so this almost never holds; it keeps the first.
            let bit: UInt64 = 1 << UInt64(index)
            guard seen & bit == 0 else { continue }
            seen |= bit
            body(table.key(at: index), pairs[i].key, pairs[i].value)
        }
    }
}

extension ContractLogicalType {
    private static let table = KeyTable<ContractLogicalType>([
        "string": .string, "date": .date, "timestamp": .timestamp, "time": .time, "number": .number, "integer": .integer,
        "object": .object, "array": .array, "boolean": .boolean,
    ])

    /// `init(rawValue:)` through a `KeyTable` (a string switch compares with every case in turn).
    init?(keyed name: String) {
        guard let type = Self.table.index(of: name).map(Self.table.key(at:)) else { return nil }
        self = type
    }
}

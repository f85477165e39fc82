/// A CEL runtime value (cel-spec langdef "values"). Errors are not values: evaluation reports them
/// by throwing `CELEvaluationError`.
public enum CELValue: Sendable, Hashable {
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case bool(Bool)
    case null
    case list([CELValue])
    case map(CELMap)
    case type(CELType)
    /// `google.protobuf.Timestamp`: an instant between 0001-01-01 and 9999-12-31 UTC.
    case timestamp(CELTimestamp)
    /// `google.protobuf.Duration`: a signed span of nanoseconds.
    case duration(CELDuration)
    /// `optional_type`: `optional.of(x)` (`.some`) or `optional.none()` (`nil`).
    indirect case optional(CELValue?)

    /// The CEL type of this value (`type(x)`).
    public var celType: CELType {
        switch self {
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .bool: return .bool
        case .null: return .nullType
        case .list: return .list
        case .map: return .map
        case .type: return .type
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .optional: return .optional
        }
    }
}

/// A CEL type value, identified by its name (`int`, `list`, `google.protobuf.Timestamp`, ...).
public struct CELType: Sendable, Hashable, CustomStringConvertible {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    public var description: String { name }

    public static let int = CELType(name: "int")
    public static let uint = CELType(name: "uint")
    public static let double = CELType(name: "double")
    public static let bool = CELType(name: "bool")
    public static let string = CELType(name: "string")
    public static let bytes = CELType(name: "bytes")
    public static let list = CELType(name: "list")
    public static let map = CELType(name: "map")
    public static let nullType = CELType(name: "null_type")
    public static let type = CELType(name: "type")
    public static let timestamp = CELType(name: "google.protobuf.Timestamp")
    public static let duration = CELType(name: "google.protobuf.Duration")
    public static let optional = CELType(name: "optional_type")

    /// The type denotations that resolve as identifiers.
    static let denotations: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string, "bytes": .bytes,
        "list": .list, "map": .map, "null_type": .nullType, "type": .type, "optional_type": .optional,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    ]
}

/// A CEL map: insertion-ordered entries whose keys are bool, int, uint or string. Lookup follows
/// cel-spec's numeric key equality: `1`, `1u` and `1.0` find the same entry.
///
/// `==` is order-independent (two maps are equal when they hold the same entries).
public struct CELMap: Sendable, Hashable {
    /// The entries, shared by copies (one reference to retain when a map value is copied) and
    /// copied on write.
    private final class Storage: @unchecked Sendable {
        // Mutated only through a uniquely referenced `CELMap`: no dynamic exclusivity checks.
        @exclusivity(unchecked) var keys: [CELValue] = []
        @exclusivity(unchecked) var values: [CELValue] = []
        /// Positions by key, built only once there are more than `scanLimit` entries: most maps
        /// (a document's fields) are small, and scanning a few keys beats hashing them.
        @exclusivity(unchecked) var index: [Key: Int] = [:]

        init() {}

        /// The position of the string key `key` among the first entries, by scanning (small maps).
        func scan(forString key: String) -> Int? {
            // Lengths first: most keys differ in length, and `==` on two different strings calls
            // out of line to compare them (690,000 times while a 1,000-product check reads its
            // documents).
            let length = key.utf8.count
            return keys.withUnsafeBufferPointer { keys in
                for at in 0..<keys.count {
                    if case .string(let k) = keys[at], k.utf8.count == length, k == key { return at }
                }
                return nil
            }
        }

        func find(_ key: Key) -> Int? {
            guard keys.count > CELMap.scanLimit else {
                return keys.withUnsafeBufferPointer { keys in
                    for at in 0..<keys.count where Key(storable: keys[at]) == key { return at }
                    return nil
                }
            }
            return index[key]
        }

        init(copying other: Storage) {
            keys = other.keys
            values = other.values
            index = other.index
        }
    }

    private var storage = Storage()

    /// Up to this many entries a map is searched by scanning, without a hash index. A document's
    /// mappings are built once and looked up a few times; at 8, indexing the top level of every
    /// contract (a dozen-odd fields) cost 2% of a pre-merge check.
    static let scanLimit = 16

    public init() {}

    /// A map with string keys; a repeated key keeps the last value.
    public init(_ pairs: KeyValuePairs<String, CELValue>) {
        for (key, value) in pairs {
            if let at = storage.find(.string(key)) {
                storage.values[at] = value
            } else {
                _ = insert(value, forKey: .string(key))
            }
        }
    }

    /// An empty map with room for `capacity` entries.
    public init(capacity: Int) {
        storage.keys.reserveCapacity(capacity)
        storage.values.reserveCapacity(capacity)
    }

    /// Adds an entry with a string key, as `insert(_:forKey:)` does, but a small map skips
    /// normalising its keys to compare them (building a map from a whole document).
    @discardableResult
    public mutating func insert(_ value: CELValue, forStringKey key: String) -> Bool {
        guard storage.keys.count < Self.scanLimit else { return insert(value, forKey: .string(key)) }
        if storage.scan(forString: key) != nil { return false }
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        storage.keys.append(.string(key))
        storage.values.append(value)
        return true
    }

    public var keys: [CELValue] { storage.keys }

    public var values: [CELValue] { storage.values }

    public var count: Int { storage.keys.count }

    public var isEmpty: Bool { storage.keys.isEmpty }

    /// The entries in insertion order.
    public var entries: Zip2Sequence<[CELValue], [CELValue]> { zip(storage.keys, storage.values) }

    /// Adds an entry. Returns false (and changes nothing) when the key is not a bool, int, uint or
    /// string, or when an equal key is already present.
    @discardableResult
    public mutating func insert(_ value: CELValue, forKey key: CELValue) -> Bool {
        guard let normalized = Key(storable: key), storage.find(normalized) == nil else { return false }
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        let position = storage.keys.count
        storage.keys.append(key)
        storage.values.append(value)
        if position == Self.scanLimit {
            // The map outgrows scanning: index every entry.
            for (at, stored) in storage.keys.enumerated() { storage.index[Key(storable: stored)!] = at }
        } else if position > Self.scanLimit {
            storage.index[normalized] = position
        }
        return true
    }

    /// The value for a key; int, uint and integral double keys compare by numeric value.
    public subscript(key: CELValue) -> CELValue? {
        guard let normalized = Key(lookup: key), let at = storage.find(normalized) else { return nil }
        return storage.values[at]
    }

    /// The value for a string key.
    public subscript(key: String) -> CELValue? {
        if storage.keys.count <= Self.scanLimit {  // a scan of a few keys beats hashing the string
            guard let at = storage.scan(forString: key) else { return nil }
            return storage.values[at]
        }
        guard let at = storage.index[.string(key)] else { return nil }
        return storage.values[at]
    }

    /// The position of the entry whose key is the string `key`, trying position `hint` first: the
    /// same field usually sits at the same position in every map of a list.
    @inline(__always)
    func index(forStringKey key: String, hint: Int) -> Int? {
        if hint >= 0, hint < storage.keys.count, case .string(let k) = storage.keys[hint], k == key { return hint }
        return storage.keys.count <= CELMap.scanLimit ? storage.scan(forString: key) : storage.index[.string(key)]
    }

    /// The value at position `index`, in place: valid while a value holding this map lives, as the
    /// entries of a map are never changed in place once it is shared.
    @inline(__always)
    func valuePointer(at index: Int) -> UnsafePointer<CELValue> {
        storage.values.withUnsafeBufferPointer { $0.baseAddress! + index }
    }

    /// The value at position `index`, in place, if the key there is `key` exactly (no call out, so
    /// that the map is read where it is): valid while a value holding this map lives, as the entries
    /// of a map are never changed in place once it is shared.
    @inline(__always)
    func valuePointer(forStringKey key: String, at index: Int) -> UnsafePointer<CELValue>? {
        let storage = self.storage
        return storage.keys.withUnsafeBufferPointer { keys -> UnsafePointer<CELValue>? in
            guard index < keys.count, case .string(let k) = keys[index], Strings.identical(k, key) else { return nil }
            return storage.values.withUnsafeBufferPointer { $0.baseAddress! + index }
        }
    }

    /// The position of the key with the same representation as the string `key` among up to 8
    /// entries, without calling out (so that the map is read where it is); nil when there is none,
    /// which does not rule out an equal key stored differently.
    @inline(__always)
    func identicalIndex(forStringKey key: String) -> Int? {
        storage.keys.withUnsafeBufferPointer { keys -> Int? in
            guard keys.count <= CELMap.scanLimit else { return nil }
            for at in 0..<keys.count {
                if case .string(let k) = keys[at], Strings.identical(k, key) { return at }
            }
            return nil
        }
    }

    public static func == (lhs: CELMap, rhs: CELMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.entries {
            guard let normalized = Key(storable: key), let at = rhs.storage.find(normalized) else { return false }
            if rhs.storage.keys[at] != key || rhs.storage.values[at] != value { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
    }

    /// A normalized key: numbers that fit in Int64 are `.int` whatever their CEL type.
    fileprivate enum Key: Hashable {
        case bool(Bool)
        case int(Int64)
        case bigUint(UInt64)
        case string(String)

        init?(storable value: CELValue) {
            switch value {
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(i)
            case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .bigUint(u)
            case .string(let s): self = .string(s)
            default: return nil
            }
        }

        init?(lookup value: CELValue) {
            if case .double(let d) = value {
                guard d == d.rounded(.towardZero) else { return nil }
                if d >= -9_223_372_036_854_775_808.0 && d < 9_223_372_036_854_775_808.0 {
                    self = .int(Int64(d))
                } else if d >= 0 && d < 18_446_744_073_709_551_616.0 {
                    self = .bigUint(UInt64(d))
                } else {
                    return nil
                }
            } else {
                self.init(storable: value)
            }
        }
    }
}

extension CELValue: CustomStringConvertible {
    /// A CEL-like rendering for messages and debugging.
    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .uint(let v): return "\(v)u"
        case .double(let v): return String(v)
        case .string(let s): return "\"\(s)\""
        case .bytes(let b): return "b\"" + b.map { "\\x" + String($0, radix: 16) }.joined() + "\""
        case .bool(let b): return String(b)
        case .null: return "null"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.entries.map { "\($0): \($1)" }.joined(separator: ", ") + "}"
        case .type(let t): return t.name
        case .timestamp(let t): return "timestamp(\"\(t)\")"
        case .duration(let d): return "duration(\"\(d)\")"
        case .optional(let v): return v.map { "optional.of(\($0))" } ?? "optional.none()"
        }
    }
}

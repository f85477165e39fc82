/// A CEL map: insertion-ordered entries whose keys are bool, int, uint or string. Lookup follows
/// cel-spec's numeric key equality: `1`, `1u` and `1.0` find the same entry.
///
/// `==` is order-independent (two maps are equal when they hold the same entries).
///
/// Sendable by its copy-on-write discipline (the storage is changed only while this map holds
/// the one reference to it), which the compiler cannot see through `ManagedBuffer`.
public struct CELMap: @unchecked Sendable, Hashable {
    /// One entry, its key and value side by side.
    public struct Entry: Sendable {
        public var key: CELValue
        public var value: CELValue
    }

    @usableFromInline
    struct Header {
        @usableFromInline var count: Int
        @usableFromInline var capacity: Int
        /// Positions by key, built only once there are more than `scanLimit` entries: most maps
        /// (a document's fields) are small, and scanning a few keys beats hashing them.
        @usableFromInline var index: [Key: Int]
    }

    /// The entries and their count in one allocation, shared by copies (one reference to retain
    /// when a map value is copied) and copied on write. Keys and values in two arrays of their own
    /// made every map three allocations: the policy values of a 10,000-product check hold a
    /// million maps.
    @usableFromInline
    final class Storage: ManagedBuffer<Header, Entry> {
        static func make(capacity: Int) -> Storage {
            let buffer = Storage.create(minimumCapacity: capacity) { _ in Header(count: 0, capacity: capacity, index: [:]) }
            return unsafeDowncast(buffer, to: Storage.self)
        }

        deinit {
            _ = withUnsafeMutablePointers { header, entries in entries.deinitialize(count: header.pointee.count) }
        }

        @inlinable
        var entries: UnsafeMutablePointer<Entry> { withUnsafeMutablePointerToElements { $0 } }

        /// The header, read and written in place: `header`, a class property, checked every
        /// access for exclusivity at run time (3% of a check's instructions). Changed only
        /// through a uniquely referenced map.
        @inlinable
        var head: UnsafeMutablePointer<Header> { withUnsafeMutablePointerToHeader { $0 } }

        /// The position of the string key `key`, by scanning (small maps).
        func scan(forString key: String) -> Int? {
            // Lengths first: most keys differ in length, and `==` on two different strings calls
            // out of line to compare them (690,000 times while a 1,000-product check reads its
            // documents).
            let length = key.utf8.count
            let entries = self.entries
            for at in 0..<head.pointee.count {
                if case .string(let k) = entries[at].key, k.utf8.count == length, k == key { return at }
            }
            return nil
        }

        func find(_ key: Key) -> Int? {
            guard head.pointee.count > CELMap.scanLimit else {
                let entries = self.entries
                for at in 0..<head.pointee.count where Key(storable: entries[at].key) == key { return at }
                return nil
            }
            return head.pointee.index[key]
        }
    }

    /// Every empty map shares this one: a map allocates when its first entry is added.
    nonisolated(unsafe) private static let empty = Storage.make(capacity: 0)

    @usableFromInline var storage: Storage

    /// Up to this many entries a map is searched by scanning, without a hash index. A document's
    /// mappings are built once and looked up a few times; at 8, indexing the top level of every
    /// contract (a dozen-odd fields) cost 2% of a pre-merge check.
    static let scanLimit = 16

    public init() {
        storage = Self.empty
    }

    /// A map with string keys; a repeated key keeps the last value.
    public init(_ pairs: KeyValuePairs<String, CELValue>) {
        self.init(capacity: pairs.count)
        for (key, value) in pairs {
            if let at = storage.find(.string(key)) {
                storage.entries[at].value = value
            } else {
                _ = insert(value, forKey: .string(key))
            }
        }
    }

    /// An empty map with room for `capacity` entries.
    public init(capacity: Int) {
        storage = capacity > 0 ? Storage.make(capacity: capacity) : Self.empty
    }

    /// Makes the storage this map's own, with room for one more entry.
    private mutating func reserveOneMore() {
        let count = storage.head.pointee.count
        let unique = isKnownUniquelyReferenced(&storage)
        if unique, count < storage.head.pointee.capacity { return }
        let capacity = count < storage.head.pointee.capacity ? storage.head.pointee.capacity : max(4, count * 2)
        let grown = Storage.make(capacity: capacity)
        grown.head.pointee.count = count
        grown.head.pointee.index = storage.head.pointee.index
        if unique {
            grown.entries.moveInitialize(from: storage.entries, count: count)
            storage.head.pointee.count = 0
        } else {
            grown.entries.initialize(from: storage.entries, count: count)
        }
        storage = grown
    }

    /// Appends an entry whose key is known to be new.
    private mutating func append(_ key: CELValue, _ value: CELValue, normalized: @autoclosure () -> Key) {
        reserveOneMore()
        let position = storage.head.pointee.count
        (storage.entries + position).initialize(to: Entry(key: key, value: value))
        storage.head.pointee.count = position + 1
        if position == Self.scanLimit {
            // The map outgrows scanning: index every entry.
            let entries = storage.entries
            for at in 0...position { storage.head.pointee.index[Key(storable: entries[at].key)!] = at }
        } else if position > Self.scanLimit {
            storage.head.pointee.index[normalized()] = position
        }
    }

    /// Adds an entry with a string key, as `insert(_:forKey:)` does, but a small map skips
    /// normalising its keys to compare them (building a map from a whole document).
    @discardableResult
    public mutating func insert(_ value: CELValue, forStringKey key: String) -> Bool {
        guard storage.head.pointee.count < Self.scanLimit else { return insert(value, forKey: .string(key)) }
        if storage.scan(forString: key) != nil { return false }
        append(.string(key), value, normalized: .string(key))
        return true
    }

    /// Adds an entry. Returns false (and changes nothing) when the key is not a bool, int, uint or
    /// string, or when an equal key is already present.
    @discardableResult
    public mutating func insert(_ value: CELValue, forKey key: CELValue) -> Bool {
        guard let normalized = Key(storable: key), storage.find(normalized) == nil else { return false }
        append(key, value, normalized: normalized)
        return true
    }

    @inlinable public var count: Int { storage.head.pointee.count }

    @inlinable public var isEmpty: Bool { storage.head.pointee.count == 0 }

    /// The keys in insertion order (a new array: `withEntries` reads them in place).
    public var keys: [CELValue] { withEntries { $0.map(\.key) } }

    /// The values in insertion order (a new array: `withEntries` reads them in place).
    public var values: [CELValue] { withEntries { $0.map(\.value) } }

    /// The key at `position` (0 ..< count).
    @inlinable
    public func key(at position: Int) -> CELValue {
        precondition(position >= 0 && position < count, "map position out of range")
        return storage.entries[position].key
    }

    /// The value at `position` (0 ..< count).
    @inlinable
    public func value(at position: Int) -> CELValue {
        precondition(position >= 0 && position < count, "map position out of range")
        return storage.entries[position].value
    }

    /// The entries in insertion order, read in place.
    @inlinable
    public func withEntries<R>(_ body: (UnsafeBufferPointer<Entry>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { storage in
            try body(UnsafeBufferPointer(start: storage.entries, count: storage.head.pointee.count))
        }
    }

    /// The entries in insertion order, as (key, value) pairs.
    public var entries: Entries { Entries(map: self) }

    /// The entries of a map, as (key, value) pairs.
    public struct Entries: RandomAccessCollection, Sendable {
        let map: CELMap
        public var startIndex: Int { 0 }
        public var endIndex: Int { map.count }
        public subscript(position: Int) -> (CELValue, CELValue) {
            let entry = map.storage.entries[position]
            return (entry.key, entry.value)
        }
    }

    /// The value for a key; int, uint and integral double keys compare by numeric value.
    public subscript(key: CELValue) -> CELValue? {
        guard let normalized = Key(lookup: key), let at = storage.find(normalized) else { return nil }
        return storage.entries[at].value
    }

    /// The value for a string key.
    public subscript(key: String) -> CELValue? {
        guard let at = index(forStringKey: key, hint: -1) else { return nil }
        return storage.entries[at].value
    }

    /// The position of the entry whose key is the string `key`, trying position `hint` first: the
    /// same field usually sits at the same position in every map of a list. A small map is
    /// scanned (a scan of a few keys beats hashing the string), a large one looked up.
    @inline(__always)
    func index(forStringKey key: String, hint: Int) -> Int? {
        if hint >= 0, hint < storage.head.pointee.count, case .string(let k) = storage.entries[hint].key, k == key { return hint }
        return storage.head.pointee.count <= CELMap.scanLimit ? storage.scan(forString: key) : storage.head.pointee.index[.string(key)]
    }

    /// The value at position `index`, in place: valid while a value holding this map lives, as the
    /// entries of a map are never changed in place once it is shared.
    @inline(__always)
    func valuePointer(at index: Int) -> UnsafePointer<CELValue> {
        UnsafePointer(storage.entries + index).pointer(to: \.value)!
    }

    /// The value at position `index`, in place, if the key there is `key` exactly (no call out, so
    /// that the map is read where it is): valid while a value holding this map lives, as the entries
    /// of a map are never changed in place once it is shared.
    @inline(__always)
    func valuePointer(forStringKey key: String, at index: Int) -> UnsafePointer<CELValue>? {
        guard index < storage.head.pointee.count, case .string(let k) = storage.entries[index].key, Strings.identical(k, key) else {
            return nil
        }
        return valuePointer(at: index)
    }

    /// The position of the key with the same representation as the string `key` among up to
    /// `scanLimit` entries, without calling out (so that the map is read where it is); nil when
    /// there is none, which does not rule out an equal key stored differently.
    @inline(__always)
    func identicalIndex(forStringKey key: String) -> Int? {
        let count = storage.head.pointee.count
        guard count <= CELMap.scanLimit else { return nil }
        let entries = storage.entries
        for at in 0..<count {
            if case .string(let k) = entries[at].key, Strings.identical(k, key) { return at }
        }
        return nil
    }

    public static func == (lhs: CELMap, rhs: CELMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.entries {
            guard let normalized = Key(storable: key), let at = rhs.storage.find(normalized) else { return false }
            let entry = rhs.storage.entries[at]
            if entry.key != key || entry.value != value { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
    }

    /// A normalized key: numbers that fit in Int64 are `.int` whatever their CEL type.
    @usableFromInline
    enum Key: Hashable {
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

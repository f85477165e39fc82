import Synchronization

/// Where a node comes from: its file and the anchor it declares.
///
/// The reader interns origins: every file read by the process gets one, shared by all its nodes
/// and by later reads of the same path, and kept for the life of the process. Nodes then hold
/// it without reference counting (`OriginRef`). Decoding copies nodes at every step, and each
/// copy retained and released the origin: 2.8% of the instructions of a check where every
/// product changed (callgrind, 1,000 products: 3,016.6M → 2,933.5M).
final class YAMLOrigin: Sendable {
    let file: String
    let anchor: String?
    /// Kept by `interned` for the life of the process: safe to hold unretained.
    let isInterned: Bool

    /// An origin of its own, held with reference counting like any object.
    convenience init(file: String, anchor: String?) {
        self.init(file: file, anchor: anchor, isInterned: false)
    }

    private init(file: String, anchor: String?, isInterned: Bool) {
        self.file = file
        self.anchor = anchor
        self.isInterned = isInterned
    }

    /// The process's origin for `file` and `anchor`, or, once `limit` distinct ones are kept, a
    /// new origin of its own: the table stays bounded in a daemon that reads path after path
    /// (about 50 MB at the limit), and past it nodes are only slower to copy.
    static func shared(file: String, anchor: String?, limit: Int = internLimit) -> YAMLOrigin {
        let key = Key(file: file, anchor: anchor)
        // One table per shard, picked by the key's hash: every thread reading files interns
        // their paths, and with one lock they waited on each other (and on each other's
        // rehashes as the table grew): 3% of the samples of a 50,000-file validate.
        var hasher = Hasher()
        hasher.combine(key)
        let shard = interned[Int(UInt(bitPattern: hasher.finalize()) % UInt(interned.count))]
        return shard.table.withLock { table in
            if let known = table[key] { return known }
            guard table.count < limit / interned.count else { return YAMLOrigin(file: file, anchor: anchor) }
            if table.isEmpty { table.reserveCapacity(Self.shardCapacity) }
            let origin = YAMLOrigin(file: file, anchor: anchor, isInterned: true)
            table[key] = origin
            return origin
        }
    }

    /// Distinct origins kept at most: four times the files of a 50,000-file repository.
    static let internLimit = 1 << 18

    /// Each shard starts with room for 4,096 origins, so that a repository of up to 64k files
    /// is read without a rehash.
    static let shardCapacity = 1 << 12

    fileprivate struct Key: Hashable {
        var file: String
        var anchor: String?
    }

    /// A table of origins under a lock of its own.
    fileprivate final class Shard: Sendable {
        let table = Mutex<[Key: YAMLOrigin]>([:])
    }

    /// Never emptied: nodes refer to these without holding them.
    private static let interned: [Shard] = (0..<16).map { _ in Shard() }
}

/// How a node holds its origin: an interned one (nearly all) without reference counting, any
/// other one counted.
struct OriginRef: @unchecked Sendable {
    private enum Storage {
        case interned(Unmanaged<YAMLOrigin>)
        case counted(YAMLOrigin)
    }

    private let storage: Storage

    init(_ origin: YAMLOrigin) {
        storage = origin.isInterned ? .interned(.passUnretained(origin)) : .counted(origin)
    }

    var origin: YAMLOrigin {
        switch storage {
        case .interned(let reference): reference.takeUnretainedValue()
        case .counted(let origin): origin
        }
    }

    /// Whether the origin is held without reference counting.
    var isInterned: Bool {
        if case .interned = storage { return true }
        return false
    }
}

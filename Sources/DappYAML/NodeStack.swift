/// The children of every open collection, waiting on one flat stack until their collection ends.
///
/// When a collection ends its children are moved (not copied) into an array of exactly their
/// count: each node is built once and moved twice, with no reference counting on the way and
/// one allocation per collection. Both readers (`TreeBuilder` over libyaml, `SubsetParser`
/// without it) build their trees through it.
struct NodeStack: ~Copyable {
    private var base: UnsafeMutablePointer<YAMLNode>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ node: consuming YAMLNode) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count += 1
    }

    subscript(index: Int) -> YAMLNode {
        @inline(__always) _read { yield base[index] }
    }

    /// The nodes from `start` on, as key, value, key, ... pairs, taken off the stack.
    mutating func takePairs(from start: Int) -> [YAMLPair] {
        let n = count - start
        // reserveCapacity + append is specialized for the element type here; the
        // unsafeUninitializedCapacity initializer goes through the generic allocation path of
        // the standard library, several times slower for these small arrays.
        var items: [YAMLPair] = []
        items.reserveCapacity(n / 2)
        var from = base + start
        for _ in 0..<n / 2 {
            items.append(YAMLPair(key: from.move(), value: (from + 1).move()))
            from += 2
        }
        // A mapping always ends on a value; an odd count would be a reader bug.
        if n & 1 == 1 { from.deinitialize(count: 1) }
        count = start
        return items
    }

    /// The nodes from `start` on, taken off the stack.
    mutating func takeItems(from start: Int) -> [YAMLNode] {
        let n = count - start
        var items: [YAMLNode] = []
        items.reserveCapacity(n)
        let first = base + start
        for i in 0..<n { items.append((first + i).move()) }
        count = start
        return items
    }

    /// Where the key on top of the stack was already used as a key of the mapping whose
    /// children start at `start`, or nil. Small mappings compare with every earlier key; past
    /// `linearKeyCheck` keys, `keys` (nil until then) holds them all, so a huge mapping costs
    /// linear time, not quadratic.
    mutating func earlierKey(sameAsTopFrom start: Int, keys: inout Set<String>?) -> Int? {
        let end = count - 1
        guard case .scalar(let scalar) = base[end].value else { return nil }
        let earlierKeys = (end - start) / 2
        if earlierKeys >= Self.linearKeyCheck {
            if keys == nil {
                var all = Set<String>(minimumCapacity: earlierKeys * 2)
                var i = start
                while i < end {
                    if case .scalar(let other) = base[i].value { all.insert(other.text) }
                    i += 2
                }
                keys = all
            }
            if keys!.insert(scalar.text).inserted { return nil }
        }
        // Most keys differ in length, which is cheaper to compare than their text.
        let length = scalar.text.utf8.count
        var i = start
        while i < end {
            if case .scalar(let other) = base[i].value, other.text.utf8.count == length, other.text == scalar.text {
                return i
            }
            i += 2
        }
        return nil
    }

    /// Mappings up to this many keys check duplicates by comparing with every earlier key.
    static let linearKeyCheck = 12

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<YAMLNode>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}

/// A node declared with an anchor, as both readers keep it for its aliases: the node, the nodes
/// in its subtree (alias expansions included) and its height, which an alias adds to the file's
/// node count and nesting depth.
struct AnchoredNode {
    var node: YAMLNode
    var size: Int
    var depth: Int
}

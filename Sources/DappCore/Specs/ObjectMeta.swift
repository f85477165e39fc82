/// A value with the place in the repository it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// `metadata` of a dappmesh.io document.
public struct ObjectMeta: Sendable, Hashable {
    public var name: String
    /// The domain; empty for repo-wide documents (policies without a namespace).
    public var namespace: String
    public var labels: [String: String]
    public var annotations: [String: String]

    public init(name: String, namespace: String, labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }
}

/// One decoded spec document: its identity, where it came from and its typed body.
public struct SpecDocument<Spec: Sendable & Hashable>: Sendable, Hashable {
    /// The fields, in one box shared by copies. Documents are copied far more often than they
    /// are changed (into bundles, spec sets, lookups that return a bundle), and copying the box is
    /// one retain where copying the fields retained every string and array inside them. Fields
    /// are read in place (`_read`): `doc.spec.name` does not copy the whole spec out of the box.
    private final class Storage: @unchecked Sendable {
        // Only ever mutated through a uniquely referenced box (copy on write), so sharing it
        // between threads is as safe as sharing the value.
        var id: ResourceID
        var meta: ObjectMeta
        var location: SourceLocation
        var spec: Spec

        init(id: ResourceID, meta: ObjectMeta, location: SourceLocation, spec: Spec) {
            self.id = id
            self.meta = meta
            self.location = location
            self.spec = spec
        }
    }

    private var storage: Storage

    public init(id: ResourceID, meta: ObjectMeta, location: SourceLocation, spec: Spec) {
        storage = Storage(id: id, meta: meta, location: location, spec: spec)
    }

    public var id: ResourceID {
        _read { yield storage.id }
        _modify {
            makeUnique()
            yield &storage.id
        }
    }

    public var meta: ObjectMeta {
        _read { yield storage.meta }
        _modify {
            makeUnique()
            yield &storage.meta
        }
    }

    /// Where the document starts (for diagnostics about the document as a whole).
    public var location: SourceLocation {
        _read { yield storage.location }
        _modify {
            makeUnique()
            yield &storage.location
        }
    }

    public var spec: Spec {
        _read { yield storage.spec }
        _modify {
            makeUnique()
            yield &storage.spec
        }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(id: storage.id, meta: storage.meta, location: storage.location, spec: storage.spec)
        }
    }

    public static func == (lhs: SpecDocument, rhs: SpecDocument) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.id == rhs.id && lhs.meta == rhs.meta && lhs.location == rhs.location && lhs.spec == rhs.spec)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(meta)
        hasher.combine(location)
        hasher.combine(spec)
    }
}

/// `{secretRef: {name, key}}`: the only way a spec mentions a secret.
public struct SecretRef: Sendable, Hashable {
    public var name: String
    public var key: String

    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }
}

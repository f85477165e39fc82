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
    public var id: ResourceID
    public var meta: ObjectMeta
    /// Where the document starts (for diagnostics about the document as a whole).
    public var location: SourceLocation
    public var spec: Spec

    public init(id: ResourceID, meta: ObjectMeta, location: SourceLocation, spec: Spec) {
        self.id = id
        self.meta = meta
        self.location = location
        self.spec = spec
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

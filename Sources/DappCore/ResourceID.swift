/// The identity of one declared resource, `Kind/domain/name` (the product's domain is the
/// Kubernetes namespace). Desired state, live state and plans are all keyed by it.
public struct ResourceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: SpecKind
    public var domain: String
    public var name: String

    public init(kind: SpecKind, domain: String, name: String) {
        self.kind = kind
        self.domain = domain
        self.name = name
    }

    public var description: String { "\(kind.rawValue)/\(domain)/\(name)" }

    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool {
        (lhs.kind.rawValue, lhs.domain, lhs.name) < (rhs.kind.rawValue, rhs.domain, rhs.name)
    }
}

/// A product is addressed as `domain/name` in port references and `dependsOn`.
public struct ProductRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var domain: String
    public var name: String

    public init(domain: String, name: String) {
        self.domain = domain
        self.name = name
    }

    /// Parses `domain/name`; nil when the text has not exactly one slash.
    public init?(parsing text: String) {
        let parts = text.splitting("/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(domain: String(parts[0]), name: String(parts[1]))
    }

    public var description: String { "\(domain)/\(name)" }

    public static func < (lhs: ProductRef, rhs: ProductRef) -> Bool {
        (lhs.domain, lhs.name) < (rhs.domain, rhs.name)
    }
}

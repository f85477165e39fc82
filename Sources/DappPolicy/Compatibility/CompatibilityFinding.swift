import DappCore

/// One change between two versions of a contract, before a mode gives it a severity.
public struct ContractChange: Sendable, Hashable {
    public var rule: CompatibilityRule
    /// `orders.order_total.logicalType`, `servers.production.host`, `version`.
    public var path: String
    public var old: String?
    public var new: String?
    /// What changed and who it hurts, in a sentence.
    public var message: String
    /// In the head revision (the nearest surviving element for removals).
    public var location: SourceLocation
    /// What to do about it, when there is more to say than the consumers it breaks.
    public var hint: String? = nil
}

/// A change graded by the port's compatibility mode.
public struct CompatibilityFinding: Sendable, Hashable, Comparable {
    /// A product and input port that consume the changed output port.
    public struct Consumer: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var product: ProductRef
        public var port: String
        /// 1 for a direct consumer, 2 for a consumer of a consumer, …
        public var depth: Int

        public init(product: ProductRef, port: String, depth: Int) {
            self.product = product
            self.port = port
            self.depth = depth
        }

        public var description: String { "\(product) (input port \(port))" }

        public static func < (lhs: Consumer, rhs: Consumer) -> Bool {
            (lhs.depth, lhs.product, lhs.port) < (rhs.depth, rhs.product, rhs.port)
        }
    }

    public var change: ContractChange
    public var severity: Diagnostic.Severity
    public var mode: CompatibilityMode
    /// The contract's resource id and the output port it backs, when known.
    public var contract: ResourceID?
    public var port: String?
    /// The base it was compared with: the base revision, or an earlier version (transitive modes).
    public var comparedWith: String?
    /// Who breaks: filled for breaking findings.
    public var consumers: [Consumer] = []

    public var rule: CompatibilityRule { change.rule }
    public var isBreaking: Bool { severity == .error }

    public static func < (lhs: CompatibilityFinding, rhs: CompatibilityFinding) -> Bool {
        (lhs.change.location, lhs.change.rule.id, lhs.change.path) < (rhs.change.location, rhs.change.rule.id, rhs.change.path)
    }

    /// The finding as a compiler-style diagnostic (`[FLD001]`), with who breaks in the hint.
    public var diagnostic: Diagnostic {
        var hint = change.hint
        if !consumers.isEmpty {
            let breaks = "breaks " + consumers.map(\.description).joined(separator: ", ")
            hint = hint.map { "\($0); \(breaks)" } ?? breaks
        }
        let direction = change.rule.direction == .both ? "consumers and producers" : "\(change.rule.direction.rawValue)s"
        var message = change.message
        if isBreaking, [.consumer, .producer, .both].contains(change.rule.direction) {
            message += " (breaking for \(direction) under \(mode.rawValue))"
        }
        return Diagnostic(severity, RuleID(rawValue: change.rule.id), message, at: change.location, hint: hint, fieldPath: change.path)
    }
}

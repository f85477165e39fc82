import DappCore

/// Who a contract change can break (docs/compatibility.md).
public enum CompatibilityDirection: String, Sendable, Hashable {
    /// Existing consumers reading the new data.
    case consumer
    /// Existing producers writing what they write today.
    case producer
    /// Both sides.
    case both
    /// Never silent, whatever the mode: classification, retention, owners, lifecycle, terms.
    case governance
    /// Worth knowing, breaks no one.
    case info
    /// The version does not match the change.
    case version
}

/// One contract compatibility rule: a stable id (`FLD001`), a name and the direction it breaks.
public struct CompatibilityRule: Sendable, Hashable, CustomStringConvertible {
    public let id: String
    public let name: String
    public let direction: CompatibilityDirection
    /// A weakened guarantee that is also a governance matter: at least a warning in every mode.
    public let alwaysReported: Bool
    /// For `.version` rules: the fixed severity.
    let fixedSeverity: Diagnostic.Severity?

    init(
        _ id: String, _ name: String, _ direction: CompatibilityDirection, alwaysReported: Bool = false,
        severity: Diagnostic.Severity? = nil
    ) {
        self.id = id
        self.name = name
        self.direction = direction
        self.alwaysReported = alwaysReported
        self.fixedSeverity = severity
    }

    public var description: String { id }

    /// The severity of a finding under `mode` (the table of docs/compatibility.md).
    public func severity(under mode: CompatibilityMode) -> Diagnostic.Severity {
        if let fixedSeverity { return fixedSeverity }
        var severity: Diagnostic.Severity
        switch direction {
        case .consumer: severity = mode.protectsConsumers ? .error : .note
        case .producer: severity = mode.protectsProducers ? .error : .note
        case .both: severity = mode == .none ? .note : .error
        case .governance: severity = .warning
        case .info, .version: severity = .note
        }
        if alwaysReported && severity == .note { severity = .warning }
        return severity
    }
}

extension CompatibilityMode {
    /// BACKWARD and FULL (and their transitive forms) keep existing consumers working.
    public var protectsConsumers: Bool {
        switch self {
        case .backward, .backwardTransitive, .full, .fullTransitive: true
        case .forward, .forwardTransitive, .none: false
        }
    }

    /// FORWARD and FULL keep existing producers working.
    public var protectsProducers: Bool {
        switch self {
        case .forward, .forwardTransitive, .full, .fullTransitive: true
        case .backward, .backwardTransitive, .none: false
        }
    }

    /// The mode that keeps every promise of both: what a change that moves a port from one
    /// mode to the other is checked under, so that no pull request relaxes the rule it is
    /// judged by.
    public static func union(_ a: CompatibilityMode, _ b: CompatibilityMode) -> CompatibilityMode {
        let consumers = a.protectsConsumers || b.protectsConsumers
        let producers = a.protectsProducers || b.protectsProducers
        let transitive = a.isTransitive || b.isTransitive
        switch (consumers, producers) {
        case (true, true): return transitive ? .fullTransitive : .full
        case (true, false): return transitive ? .backwardTransitive : .backward
        case (false, true): return transitive ? .forwardTransitive : .forward
        case (false, false): return .none
        }
    }

    /// Whether this mode drops a promise `earlier` made (to consumers, to producers, or to
    /// every earlier version).
    public func isWeaker(than earlier: CompatibilityMode) -> Bool {
        (earlier.protectsConsumers && !protectsConsumers) || (earlier.protectsProducers && !protectsProducers)
            || (earlier.isTransitive && !isTransitive)
    }

    /// The `_TRANSITIVE` modes compare with every earlier version, not only the base.
    public var isTransitive: Bool {
        switch self {
        case .backwardTransitive, .forwardTransitive, .fullTransitive: true
        default: false
        }
    }
}

/// Every rule of docs/compatibility.md.
public enum CompatibilityRules {
    public static let objectRemoved = CompatibilityRule("SCH001", "object-removed", .consumer)
    public static let objectAdded = CompatibilityRule("SCH002", "object-added", .info)
    public static let objectRenamed = CompatibilityRule("SCH003", "object-renamed", .both)
    public static let fieldRemoved = CompatibilityRule("FLD001", "field-removed", .consumer)
    public static let fieldAdded = CompatibilityRule("FLD002", "field-added", .info)
    public static let requiredFieldAdded = CompatibilityRule("FLD003", "required-field-added", .producer)
    public static let fieldRenamed = CompatibilityRule("FLD004", "field-renamed", .both)
    public static let becameOptional = CompatibilityRule("FLD005", "field-became-optional", .consumer)
    public static let becameRequired = CompatibilityRule("FLD006", "field-became-required", .producer)
    public static let typeChanged = CompatibilityRule("TYP001", "type-changed", .both)
    public static let typeWidened = CompatibilityRule("TYP002", "type-widened", .consumer)
    public static let typeNarrowed = CompatibilityRule("TYP003", "type-narrowed", .producer)
    public static let becameNullable = CompatibilityRule("NUL001", "became-nullable", .consumer)
    public static let becameNotNullable = CompatibilityRule("NUL002", "became-not-nullable", .producer)
    public static let uniqueDropped = CompatibilityRule("UNQ001", "unique-dropped", .consumer)
    public static let uniqueAdded = CompatibilityRule("UNQ002", "unique-added", .producer)
    public static let keyDropped = CompatibilityRule("KEY001", "primary-key-dropped", .consumer)
    public static let keyAdded = CompatibilityRule("KEY002", "primary-key-added", .producer)
    public static let keyChanged = CompatibilityRule("KEY003", "primary-key-changed", .both)
    public static let relationshipRemoved = CompatibilityRule("REL001", "relationship-removed", .consumer)
    public static let relationshipAdded = CompatibilityRule("REL002", "relationship-added", .producer)
    public static let relationshipChanged = CompatibilityRule("REL003", "relationship-changed", .both)
    public static let enumValueAdded = CompatibilityRule("ENM001", "enum-value-added", .consumer)
    public static let enumValueRemoved = CompatibilityRule("ENM002", "enum-value-removed", .producer)
    public static let constraintLoosened = CompatibilityRule("CON001", "constraint-loosened", .consumer)
    public static let constraintTightened = CompatibilityRule("CON002", "constraint-tightened", .producer)
    public static let constraintChanged = CompatibilityRule("CON003", "constraint-changed", .both)
    public static let classificationDowngraded = CompatibilityRule("PII001", "classification-downgraded", .governance)
    public static let piiTagRemoved = CompatibilityRule("PII002", "pii-tag-removed", .governance)
    public static let qualityRemoved = CompatibilityRule("QLT001", "quality-check-removed", .consumer, alwaysReported: true)
    public static let qualityLoosened = CompatibilityRule("QLT002", "quality-check-loosened", .consumer, alwaysReported: true)
    public static let slaWeakened = CompatibilityRule("SLA001", "sla-weakened", .consumer, alwaysReported: true)
    public static let retentionShortened = CompatibilityRule("SLA002", "retention-shortened", .consumer, alwaysReported: true)
    public static let slaRemoved = CompatibilityRule("SLA003", "sla-removed", .consumer, alwaysReported: true)
    public static let serverRemoved = CompatibilityRule("SRV001", "server-removed", .consumer, alwaysReported: true)
    public static let serverChanged = CompatibilityRule("SRV002", "server-changed", .consumer, alwaysReported: true)
    public static let termsChanged = CompatibilityRule("TRM001", "terms-changed", .governance)
    public static let statusChanged = CompatibilityRule("LIF001", "status-changed", .governance)
    public static let breakingWithoutMajor = CompatibilityRule("VER001", "breaking-without-major", .version, severity: .error)
    public static let versionDecreased = CompatibilityRule("VER002", "version-decreased", .version, severity: .error)
    public static let versionUnchanged = CompatibilityRule("VER003", "version-unchanged", .version, severity: .warning)
    public static let ownerRemoved = CompatibilityRule("OWN001", "owner-removed", .governance)

    // Changes to an output port itself, found by comparing the product's two revisions: not in
    // `all`, which lists what comparing two contract files can find.
    public static let portRemoved = CompatibilityRule("PRT001", "output-port-removed", .consumer)
    public static let modeWeakened = CompatibilityRule("MOD001", "compatibility-mode-weakened", .governance)
    public static let modeStrengthened = CompatibilityRule("MOD002", "compatibility-mode-strengthened", .info)

    /// The rules of output ports (`check --base` only).
    public static let portRules: [CompatibilityRule] = [portRemoved, modeWeakened, modeStrengthened]

    public static let all: [CompatibilityRule] = [
        objectRemoved, objectAdded, objectRenamed, fieldRemoved, fieldAdded, requiredFieldAdded, fieldRenamed, becameOptional,
        becameRequired, typeChanged, typeWidened, typeNarrowed, becameNullable, becameNotNullable, uniqueDropped, uniqueAdded,
        keyDropped, keyAdded, keyChanged, relationshipRemoved, relationshipAdded, relationshipChanged, enumValueAdded,
        enumValueRemoved, constraintLoosened, constraintTightened, constraintChanged, classificationDowngraded, piiTagRemoved,
        qualityRemoved, qualityLoosened, slaWeakened, retentionShortened, slaRemoved, serverRemoved, serverChanged, termsChanged,
        statusChanged, breakingWithoutMajor, versionDecreased, versionUnchanged, ownerRemoved,
    ]
}

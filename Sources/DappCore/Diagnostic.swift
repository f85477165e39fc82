/// One finding about the user's specs: where, how bad, what, and how to fix it.
///
/// Diagnostics are collected and reported together (a user fixes ten mistakes in one round trip),
/// unlike operational failures, which are thrown.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// Stable identifier of the rule that fired (`yaml/duplicate-key`); documented in docs/rules.md.
    public var rule: RuleID
    public var message: String
    public var location: SourceLocation
    /// What to do about it, when there is something more specific to say than the message.
    public var hint: String?
    /// The field path inside the document (`spec.outputPorts[0].contract`), when there is one.
    public var fieldPath: String?

    public init(
        _ severity: Severity, _ rule: RuleID, _ message: String, at location: SourceLocation,
        hint: String? = nil, fieldPath: String? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
        self.hint = hint
        self.fieldPath = fieldPath
    }

    public static func error(
        _ rule: RuleID, _ message: String, at location: SourceLocation, hint: String? = nil,
        fieldPath: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, rule, message, at: location, hint: hint, fieldPath: fieldPath)
    }

    public static func warning(
        _ rule: RuleID, _ message: String, at location: SourceLocation, hint: String? = nil,
        fieldPath: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, rule, message, at: location, hint: hint, fieldPath: fieldPath)
    }
}

extension Diagnostic: Comparable {
    /// Report order: by file, then position, then severity, then rule, so output is stable across
    /// runs no matter how many threads loaded the files.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.rule != rhs.rule { return lhs.rule.rawValue < rhs.rule.rawValue }
        return lhs.message < rhs.message
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { lazy.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

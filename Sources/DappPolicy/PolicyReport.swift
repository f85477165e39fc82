import DappCore

/// One rule a resource does not satisfy, or could not be checked against.
public struct PolicyFinding: Sendable, Hashable, Comparable {
    /// The exception that waives a finding: it is still reported, as waived, never hidden.
    public struct WaiverReference: Sendable, Hashable {
        public var exception: String
        public var owner: String
        public var expires: CalendarDate
        public var location: SourceLocation
    }

    /// The validation's id (`security/bucket-encrypted`), else the policy's name.
    public var rule: String
    public var policy: String
    public var resource: ResourceID
    public var severity: Diagnostic.Severity
    public var message: String
    /// The validation's machine-readable reason, when it gives one.
    public var reason: String?
    public var location: SourceLocation
    public var fieldPath: DocumentPath?
    /// True when the rule could not be evaluated (and the policy's failurePolicy is Fail).
    public var isEvaluationError: Bool
    public var waiver: WaiverReference?

    /// A finding stops the gate when it is an error nobody waived.
    public var isBlocking: Bool { severity == .error && waiver == nil }

    public static func < (lhs: PolicyFinding, rhs: PolicyFinding) -> Bool {
        (lhs.location, lhs.rule, lhs.resource) < (rhs.location, rhs.rule, rhs.resource)
    }

    /// The finding as a compiler-style diagnostic; waived findings become notes that name their waiver.
    public var diagnostic: Diagnostic {
        if let waiver {
            return Diagnostic(
                .note, RuleID(rawValue: rule),
                "waived: \(message) (exception '\(waiver.exception)', owner \(waiver.owner), until \(waiver.expires))",
                at: location, fieldPath: fieldPath?.description)
        }
        return Diagnostic(
            severity, RuleID(rawValue: rule), "\(resource): \(message)", at: location,
            hint: isEvaluationError ? "fix the expression of policy '\(policy)', or set failurePolicy: Ignore" : nil,
            fieldPath: fieldPath?.description)
    }
}

/// What the gate found over a set of resources.
public struct PolicyReport: Sendable {
    /// Sorted by location.
    public var findings: [PolicyFinding]
    /// Problems of the policies and exceptions themselves: expressions that do not compile,
    /// expired, overlong or unused exceptions.
    public var diagnostics: [Diagnostic]
    public var resourceCount: Int
    public var policyCount: Int
    /// Resource × policy pairs evaluated.
    public var evaluationCount: Int
    /// Evaluation errors of policies with `failurePolicy: Ignore`, which do not count as violations.
    public var ignoredErrorCount: Int

    public var blocking: [PolicyFinding] { findings.filter(\.isBlocking) }
    public var waived: [PolicyFinding] { findings.filter { $0.waiver != nil } }

    /// Everything as diagnostics, in report order.
    public var allDiagnostics: [Diagnostic] { (diagnostics + findings.map(\.diagnostic)).sorted() }

    /// True when nothing blocks: no unwaived error and no broken policy or waiver.
    public var passes: Bool { blocking.isEmpty && !diagnostics.hasErrors }
}

import DappCore

/// The one findings model every report format renders (text, JSON, SARIF, JUnit, GitHub
/// annotations, Markdown): what `check` found, in report order.
struct CheckReport: Sendable {
    /// Where a finding comes from.
    enum Category: String, Sendable, CaseIterable {
        /// YAML, schema and reference checks (`validate`).
        case validation
        /// DappPolicy rules (built-in and the repository's) and the waivers themselves.
        case policy
        /// Contract compatibility between the base and the head revision.
        case compatibility
    }

    struct Waiver: Sendable, Hashable {
        var exception: String
        var owner: String
        /// YYYY-MM-DD.
        var expires: String
        /// Whether the change under check adds or edits the exception (`check --base`): a waiver a
        /// pull request writes for its own findings is for its reviewers to see.
        var change: WaiverChange? = nil
    }

    enum WaiverChange: String, Sendable, Hashable {
        case added, edited

        /// How a report says it: `added by this change`.
        var phrase: String { "\(rawValue) by this change" }
    }

    struct Item: Sendable {
        var category: Category
        var severity: Diagnostic.Severity
        /// `spec/unknown-field`, `security/bucket-encrypted`, `FLD001`.
        var rule: String
        /// A short name for the rule when it has one (`field-removed`), for SARIF and tables.
        var ruleName: String?
        var message: String
        /// Repository-relative file, 1-based line and column (0 when unknown).
        var location: SourceLocation
        var hint: String?
        var fieldPath: String?
        /// The resource the finding is about (`DataContract/sales/orders.orders`), when there is one.
        var resource: String?
        /// True when this finding alone makes the check fail (an unwaived error, or a warning under --strict).
        var blocking: Bool
        /// The exception that waives it; waived findings are reported, never hidden.
        var waiver: Waiver?
        /// Compatibility findings: the downstream products and input ports that break.
        var consumers: [String] = []
        /// Policy findings: the DappPolicy and the rule's machine-readable reason.
        var policy: String?
        var reason: String?
    }

    var command: String
    var repository: String
    /// The revisions compared (`origin/main` → `HEAD`), when there is a base.
    var base: String?
    var head: String?
    var items: [Item]
    var passed: Bool
    var strict: Bool
    var counts: Counts

    struct Counts: Sendable {
        var files = 0
        var products = 0
        var policies = 0
        var evaluations = 0
        var contractsCompared = 0
        /// With a base: products whose files changed, and products checked (those plus their consumers).
        var changedProducts = 0
        var checkedProducts = 0
    }

    // Counted in place: a filtered copy of 30,000 findings retained every string in them.
    // By index: a closure over the items would copy each one (a dozen strings retained and
    // released) to read two fields, 29,000 items at a time in a large check.
    var errors: Int { items.indices.count { items[$0].severity == .error && items[$0].waiver == nil } }
    var warnings: Int { items.indices.count { items[$0].severity == .warning && items[$0].waiver == nil } }
    var waived: Int { items.indices.count { items[$0].waiver != nil } }
    var blocking: [Item] { items.filter(\.blocking) }
}

/// One data quality rule of an object or property (`quality:` in ODCS).
///
/// The rule's shape depends on `type`: `library` rules name a predefined `metric` (3.1) or `rule`
/// (3.0), `sql` rules carry a `query`, `custom` rules an `engine` and an engine-specific
/// `implementation`, `text` rules only a description. `library` and `sql` rules compare their result
/// with `operators`.
public struct ContractQualityRule: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case text, library, sql, custom
    }

    public var id: String?
    public var name: String?
    public var description: String?
    /// ODCS's default is `library`.
    public var type: Kind = .library
    /// `accuracy`, `completeness`, `conformity`, `consistency`, `coverage`, `timeliness`,
    /// `uniqueness`.
    public var dimension: String?
    /// ODCS 3.1 library metric: `nullValues`, `missingValues`, `invalidValues`, `duplicateValues`,
    /// `rowCount`.
    public var metric: String?
    /// ODCS 3.0 library rule (`duplicateCount`, `validValues`, `rowCount`); deprecated in 3.1.
    public var rule: String?
    /// Metric arguments (`validValues`, `missingValues`, …) as written.
    public var arguments: SpecValue?
    /// The comparisons the result must pass (ODCS 3.1 allows exactly one; 3.0 documents may have
    /// several).
    public var operators: [ContractQualityOperator] = []
    /// `rows` or `percent`, usually.
    public var unit: String?
    public var query: String?
    public var engine: String?
    /// A string or a mapping, as the engine expects it.
    public var implementation: SpecValue?
    public var method: String?
    public var severity: String?
    public var businessImpact: String?
    public var schedule: String?
    public var scheduler: String?
    public var tags: [String] = []
    public var customProperties: [ContractCustomProperty] = []
    public var authoritativeDefinitions: [ContractAuthoritativeDefinition] = []
    public var location: SourceLocation

    public init(type: Kind = .library, location: SourceLocation) {
        self.type = type
        self.location = location
    }
}

/// A comparison of a quality rule's result (`mustBeGreaterThan: 0`).
public enum ContractQualityOperator: Sendable, Hashable {
    case mustBe(SpecValue)
    case mustNotBe(SpecValue)
    case mustBeGreaterThan(Double)
    case mustBeGreaterOrEqualTo(Double)
    case mustBeLessThan(Double)
    case mustBeLessOrEqualTo(Double)
    case mustBeBetween(Double, Double)
    case mustNotBeBetween(Double, Double)

    /// The ODCS key of the operator.
    public var key: String {
        switch self {
        case .mustBe: "mustBe"
        case .mustNotBe: "mustNotBe"
        case .mustBeGreaterThan: "mustBeGreaterThan"
        case .mustBeGreaterOrEqualTo: "mustBeGreaterOrEqualTo"
        case .mustBeLessThan: "mustBeLessThan"
        case .mustBeLessOrEqualTo: "mustBeLessOrEqualTo"
        case .mustBeBetween: "mustBeBetween"
        case .mustNotBeBetween: "mustNotBeBetween"
        }
    }

    /// Every operator key ODCS defines, in the order the standard lists them.
    public static let keys = [
        "mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeLessThan",
        "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween",
    ]
}

/// Every kind of document a spec repository may hold.
public enum SpecKind: String, Hashable, Sendable, CaseIterable, Comparable {
    case dappProduct = "DappProduct"
    case dataContract = "DataContract"
    case operationalStore = "OperationalStore"
    case analyticsTable = "AnalyticsTable"
    case objectBucket = "ObjectBucket"
    case pipeline = "Pipeline"
    case workflow = "Workflow"
    case accessPolicy = "AccessPolicy"
    case dappPolicy = "DappPolicy"
    case dappPolicyException = "DappPolicyException"

    /// The API group/version of every dappctl kind except DataContract, which keeps ODCS's own.
    public static let apiVersion = "dappmesh.io/v1alpha1"
    public static let group = "dappmesh.io"
    public static let version = "v1alpha1"

    /// Kinds that live inside a product folder (everything but the policy kinds).
    public var isProductResource: Bool {
        switch self {
        case .dappPolicy, .dappPolicyException: false
        default: true
        }
    }

    public static func < (lhs: SpecKind, rhs: SpecKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

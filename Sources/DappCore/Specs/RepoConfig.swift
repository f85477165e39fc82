/// `dappmesh.yaml`: where things are applied and the repo-wide defaults.
public struct RepoConfig: Sendable, Hashable {
    public struct Target: Sendable, Hashable {
        public enum TargetType: String, Sendable, Hashable, CaseIterable {
            case tidb, mysql, postgres, sqlite, doris, s3, localdir, temporal, kubernetes
        }
        public var name: String
        public var type: TargetType
        public var endpoint: String?
        public var path: String?
        public var region: String?
        public var namespace: String?
        public var caFile: String?
        public var insecureSkipVerify: Bool
        public var credentials: [String: SecretRef]
        public var location: SourceLocation

        public init(
            name: String, type: TargetType, endpoint: String? = nil, path: String? = nil, region: String? = nil, namespace: String? = nil,
            caFile: String? = nil, insecureSkipVerify: Bool = false, credentials: [String: SecretRef] = [:], location: SourceLocation
        ) {
            self.name = name
            self.type = type
            self.endpoint = endpoint
            self.path = path
            self.region = region
            self.namespace = namespace
            self.caFile = caFile
            self.insecureSkipVerify = insecureSkipVerify
            self.credentials = credentials
            self.location = location
        }
    }

    public static let defaultStatusBranch = "dappmesh/status"

    public var name: String?
    public var statusBranch: String
    public var requireSignedCommits: Bool
    public var maxFileBytes: Int?
    public var defaultCompatibility: CompatibilityMode
    public var defaultTarget: String?
    public var targets: [Target]
    /// The built-in policy bundles the gate runs (`security`, `contract`); both unless the repo
    /// lists fewer under `spec.policies.bundles`.
    public var policyBundles: [String]

    public static let defaultPolicyBundles = ["security", "contract"]

    public init(
        name: String? = nil, statusBranch: String = RepoConfig.defaultStatusBranch, requireSignedCommits: Bool = false,
        maxFileBytes: Int? = nil, defaultCompatibility: CompatibilityMode = .backward, defaultTarget: String? = nil, targets: [Target] = [],
        policyBundles: [String] = RepoConfig.defaultPolicyBundles
    ) {
        self.policyBundles = policyBundles
        self.name = name
        self.statusBranch = statusBranch
        self.requireSignedCommits = requireSignedCommits
        self.maxFileBytes = maxFileBytes
        self.defaultCompatibility = defaultCompatibility
        self.defaultTarget = defaultTarget
        self.targets = targets
    }

    public func target(named name: String) -> Target? { targets.first { $0.name == name } }
}

public enum Lifecycle: String, Sendable, Hashable, CaseIterable {
    case active, deprecated, retired
}

public enum Classification: String, Sendable, Hashable, CaseIterable, Comparable {
    case `public`, `internal`, confidential, restricted

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Classification, rhs: Classification) -> Bool { lhs.rank < rhs.rank }
}

/// How a contract may change between versions (Confluent schema-registry vocabulary).
public enum CompatibilityMode: String, Sendable, Hashable, CaseIterable {
    case backward = "BACKWARD"
    case backwardTransitive = "BACKWARD_TRANSITIVE"
    case forward = "FORWARD"
    case forwardTransitive = "FORWARD_TRANSITIVE"
    case full = "FULL"
    case fullTransitive = "FULL_TRANSITIVE"
    case none = "NONE"
}

public struct ProductSpec: Sendable, Hashable {
    public struct InputPort: Sendable, Hashable {
        public var name: String
        public var product: Located<ProductRef>
        public var port: Located<String>
        public var description: String?
        public var location: SourceLocation

        public init(name: String, product: Located<ProductRef>, port: Located<String>, description: String?, location: SourceLocation) {
            self.name = name
            self.product = product
            self.port = port
            self.description = description
            self.location = location
        }
    }

    public struct OutputPort: Sendable, Hashable {
        public var name: String
        /// Contract file as written, relative to the product folder.
        public var contract: Located<String>
        /// nil when the port declares none (the repo default, BACKWARD, applies).
        public var compatibility: CompatibilityMode?
        public var description: String?
        public var location: SourceLocation

        public init(
            name: String, contract: Located<String>, compatibility: CompatibilityMode?, description: String?, location: SourceLocation
        ) {
            self.name = name
            self.contract = contract
            self.compatibility = compatibility
            self.description = description
            self.location = location
        }
    }

    public var owners: [String]
    public var description: String?
    public var lifecycle: Lifecycle
    public var sunset: String?
    public var classification: Classification?
    public var tags: [String]
    public var inputPorts: [InputPort]
    public var outputPorts: [OutputPort]
    public var dependsOn: [Located<ProductRef>]

    public init(
        owners: [String] = [], description: String? = nil, lifecycle: Lifecycle = .active, sunset: String? = nil,
        classification: Classification? = nil, tags: [String] = [], inputPorts: [InputPort] = [], outputPorts: [OutputPort] = [],
        dependsOn: [Located<ProductRef>] = []
    ) {
        self.owners = owners
        self.description = description
        self.lifecycle = lifecycle
        self.sunset = sunset
        self.classification = classification
        self.tags = tags
        self.inputPorts = inputPorts
        self.outputPorts = outputPorts
        self.dependsOn = dependsOn
    }

    public func outputPort(named name: String) -> OutputPort? { outputPorts.first { $0.name == name } }
    public func inputPort(named name: String) -> InputPort? { inputPorts.first { $0.name == name } }
}

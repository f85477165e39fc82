/// An ODCS v3 data contract (v3.0.0 – v3.1.0) as typed values.
///
/// The model is the union of the ODCS versions dappctl accepts, normalized to the newest shapes so
/// that the compiler, the compatibility checker and the API generator see one form whatever version
/// the file was written in: a 3.0 team list becomes a `ContractTeam` with members, a 3.0
/// `exclusiveMinimum: true` becomes 3.1's bound value, a Data Contract Specification 1.x document is
/// converted on import. Every object and property keeps the `SourceLocation` of the node it came
/// from, so diagnostics about the contract (a breaking change, a missing key) point at the line.
///
/// Values compare including their locations; compare field by field when a moved line must not count
/// as a change.
public struct DataContract: Sendable, Hashable {
    /// What the document was written as, before any conversion.
    public enum Source: Sendable, Hashable {
        /// An ODCS document; `apiVersion` holds its version.
        case odcs
        /// A Data Contract Specification document (`dataContractSpecification: 1.1.0`), converted.
        case dataContractSpecification(version: String)
    }

    /// `v3.0.0`, `v3.0.1`, `v3.0.2` or `v3.1.0` (imports report the ODCS version they map to).
    public var apiVersion: String
    /// Always `DataContract`.
    public var kind: String
    /// The contract's unique identifier (often a UUID); stable across versions of the contract.
    public var id: String
    public var name: String?
    /// The contract's own version (semantic versioning by convention, not enforced by ODCS).
    public var version: String
    /// `proposed`, `draft`, `active`, `deprecated`, `retired` by convention.
    public var status: String
    public var domain: String?
    public var dataProduct: String?
    public var tenant: String?
    public var description: ContractDescription?
    public var tags: [String]
    /// The schema objects (tables, views, topics, files) with their properties.
    public var schema: [ContractObject]
    public var servers: [ContractServer]
    public var slaProperties: [ContractSLAProperty]
    /// Deprecated since ODCS 3.1: the element SLA properties apply to when they name none.
    public var slaDefaultElement: String?
    public var team: ContractTeam?
    public var roles: [ContractRole]
    public var support: [ContractSupportChannel]
    public var price: ContractPrice?
    public var customProperties: [ContractCustomProperty]
    public var authoritativeDefinitions: [ContractAuthoritativeDefinition]
    /// RFC 3339 timestamp, kept as written.
    public var contractCreatedTs: String?
    public var source: Source
    /// The document's root node.
    public var location: SourceLocation
    /// Where `version` and `status` are written, for findings about them.
    public var versionLocation: SourceLocation?
    public var statusLocation: SourceLocation?

    public init(
        apiVersion: String, id: String, version: String, status: String, location: SourceLocation,
        source: Source = .odcs
    ) {
        self.apiVersion = apiVersion
        self.kind = "DataContract"
        self.id = id
        self.version = version
        self.status = status
        self.tags = []
        self.schema = []
        self.servers = []
        self.slaProperties = []
        self.roles = []
        self.support = []
        self.customProperties = []
        self.authoritativeDefinitions = []
        self.source = source
        self.location = location
    }

    /// The schema object named `name` (objects are addressed by name in ports and stores).
    public func object(named name: String) -> ContractObject? {
        schema.first { $0.name == name }
    }

    /// The value of the contract-level custom property `property`, if any.
    public func customProperty(_ property: String) -> SpecValue? {
        customProperties.first { $0.property == property }?.value
    }
}

/// `description:` of a contract: what the data is for and what it must not be used for.
public struct ContractDescription: Sendable, Hashable {
    public var purpose: String?
    public var limitations: String?
    public var usage: String?
    public var authoritativeDefinitions: [ContractAuthoritativeDefinition] = []
    public var customProperties: [ContractCustomProperty] = []
    public var location: SourceLocation

    public init(purpose: String? = nil, limitations: String? = nil, usage: String? = nil, location: SourceLocation) {
        self.purpose = purpose
        self.limitations = limitations
        self.usage = usage
        self.location = location
    }
}

/// A `customProperties` entry: ODCS's extension point (`property` in camelCase, any `value`).
public struct ContractCustomProperty: Sendable, Hashable {
    public var id: String?
    public var property: String
    public var value: SpecValue
    public var description: String?
    public var location: SourceLocation

    public init(property: String, value: SpecValue, description: String? = nil, location: SourceLocation) {
        self.property = property
        self.value = value
        self.description = description
        self.location = location
    }
}

/// A link to where something is defined for real (business glossary, catalog, repository).
public struct ContractAuthoritativeDefinition: Sendable, Hashable {
    public var id: String?
    public var url: String
    /// `businessDefinition`, `transformationImplementation`, `videoTutorial`, `tutorial`,
    /// `implementation`, or anything else.
    public var type: String
    public var description: String?
    public var location: SourceLocation

    public init(url: String, type: String, description: String? = nil, location: SourceLocation) {
        self.url = url
        self.type = type
        self.description = description
        self.location = location
    }
}

extension Array where Element == ContractCustomProperty {
    /// The value of the custom property `property`, if present.
    public func value(of property: String) -> SpecValue? {
        first { $0.property == property }?.value
    }
}

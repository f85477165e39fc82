/// Where a contract's data lives (`servers:`): one entry per environment or copy.
///
/// ODCS defines different fields per server `type`; the union is kept here, each nil when absent.
public struct ContractServer: Sendable, Hashable {
    public var id: String?
    /// The server's identifier within the contract (`production`, `orders-tidb`).
    public var server: String
    /// `postgresql`, `mysql`, `s3`, `kafka`, `custom`, … (see `DataContractSchema`).
    public var type: String
    public var description: String?
    /// `prod`, `preprod`, `dev`, `uat`, … (free text).
    public var environment: String?
    public var host: String?
    public var port: Int?
    public var database: String?
    public var schema: String?
    public var catalog: String?
    public var project: String?
    public var dataset: String?
    public var account: String?
    public var warehouse: String?
    /// ODCS `location`: the URL or path of the data (`s3://bucket/orders/*.parquet`). Named
    /// differently here because `location` is the source position on every contract value.
    public var storageLocation: String?
    public var path: String?
    public var endpointUrl: String?
    /// `parquet`, `json`, `csv`, `delta`, `avro`, …
    public var format: String?
    public var delimiter: String?
    public var region: String?
    public var regionName: String?
    public var serviceName: String?
    public var stagingDir: String?
    public var stream: String?
    public var roles: [ContractRole] = []
    public var customProperties: [ContractCustomProperty] = []
    public var location: SourceLocation

    public init(server: String, type: String, location: SourceLocation) {
        self.server = server
        self.type = type
        self.location = location
    }
}

/// One service-level agreement entry (`slaProperties:`), such as `latency 4 d on orders.created_at`.
public struct ContractSLAProperty: Sendable, Hashable {
    public var id: String?
    /// `latency`, `retention`, `frequency`, `generalAvailability`, `endOfSupport`, … (the ODCS
    /// "periodic table" of SLA properties; free text).
    public var property: String
    /// A scalar or null.
    public var value: SpecValue
    public var valueExt: SpecValue?
    /// `d`, `day`, `days`, `y`, `yr`, `years`, … (ISO units).
    public var unit: String?
    /// The element(s) the SLA applies to (`object.property`, comma-separated when several).
    public var element: String?
    /// `regulatory`, `analytics` or `operational`.
    public var driver: String?
    public var description: String?
    public var scheduler: String?
    public var schedule: String?
    public var location: SourceLocation

    public init(property: String, value: SpecValue, unit: String? = nil, location: SourceLocation) {
        self.property = property
        self.value = value
        self.unit = unit
        self.location = location
    }
}

/// The people behind a contract. ODCS 3.0 wrote a bare list of members; 3.1 an object with
/// `members`. Both decode to this, `isLegacyList` telling which was written.
public struct ContractTeam: Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var description: String?
    public var members: [ContractTeamMember] = []
    public var tags: [String] = []
    public var customProperties: [ContractCustomProperty] = []
    public var authoritativeDefinitions: [ContractAuthoritativeDefinition] = []
    /// True when the document used ODCS 3.0's list form (deprecated in 3.1).
    public var isLegacyList = false
    public var location: SourceLocation

    public init(name: String? = nil, members: [ContractTeamMember] = [], location: SourceLocation) {
        self.name = name
        self.members = members
        self.location = location
    }
}

public struct ContractTeamMember: Sendable, Hashable {
    public var id: String?
    /// Username or email.
    public var username: String
    public var name: String?
    public var description: String?
    /// `owner`, `data steward`, … (free text).
    public var role: String?
    /// RFC 3339 dates, as written.
    public var dateIn: String?
    public var dateOut: String?
    public var replacedByUsername: String?
    public var tags: [String] = []
    public var customProperties: [ContractCustomProperty] = []
    public var authoritativeDefinitions: [ContractAuthoritativeDefinition] = []
    public var location: SourceLocation

    public init(username: String, role: String? = nil, location: SourceLocation) {
        self.username = username
        self.role = role
        self.location = location
    }
}

/// An IAM role that grants access to the data (`roles:`), with who approves requests for it.
public struct ContractRole: Sendable, Hashable {
    public var id: String?
    public var role: String
    public var description: String?
    /// `read`, `write`, … (free text).
    public var access: String?
    public var firstLevelApprovers: String?
    public var secondLevelApprovers: String?
    public var customProperties: [ContractCustomProperty] = []
    public var location: SourceLocation

    public init(role: String, access: String? = nil, location: SourceLocation) {
        self.role = role
        self.access = access
        self.location = location
    }
}

/// Where consumers get help (`support:`): a channel in a tool.
public struct ContractSupportChannel: Sendable, Hashable {
    public var id: String?
    public var channel: String
    public var url: String?
    public var description: String?
    /// `email`, `slack`, `teams`, `discord`, `ticket`, `googlechat`, `other`.
    public var tool: String?
    /// `interactive`, `announcements`, `issues`, `notifications`.
    public var scope: String?
    public var invitationUrl: String?
    public var customProperties: [ContractCustomProperty] = []
    public var location: SourceLocation

    public init(channel: String, url: String? = nil, location: SourceLocation) {
        self.channel = channel
        self.url = url
        self.location = location
    }
}

/// What the data costs (`price:`).
public struct ContractPrice: Sendable, Hashable {
    public var id: String?
    public var priceAmount: Double?
    public var priceCurrency: String?
    /// The unit the amount is per (`megabyte`, `gigabyte`, `month`).
    public var priceUnit: String?
    public var location: SourceLocation

    public init(priceAmount: Double? = nil, priceCurrency: String? = nil, priceUnit: String? = nil, location: SourceLocation) {
        self.priceAmount = priceAmount
        self.priceCurrency = priceCurrency
        self.priceUnit = priceUnit
        self.location = location
    }
}

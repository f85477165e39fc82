/// One element of a contract's `schema`: a table, view, topic or file, with its properties.
///
/// Stores and pipelines address objects by `name` (`fromContract: {port, object}`); `physicalName`
/// is what the object is called in the database when it differs.
public struct ContractObject: Sendable, Hashable {
    /// ODCS 3.1 stable identifier, used by fully qualified references.
    public var id: String?
    public var name: String
    public var physicalName: String?
    /// `table`, `view`, `topic`, `file`, … (free text in ODCS).
    public var physicalType: String?
    /// Only ever `object` for a schema object.
    public var logicalType: String?
    public var businessName: String?
    public var description: String?
    public var dataGranularityDescription: String?
    public var tags: [String] = []
    public var properties: [ContractProperty] = []
    public var quality: [ContractQualityRule] = []
    /// ODCS 3.1 schema-level relationships (foreign keys with explicit `from`).
    public var relationships: [ContractRelationship] = []
    public var customProperties: [ContractCustomProperty] = []
    public var authoritativeDefinitions: [ContractAuthoritativeDefinition] = []
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }

    /// The top-level property named `name`.
    public func property(named name: String) -> ContractProperty? {
        properties.first { $0.name == name }
    }

    /// The primary key columns, ordered by `primaryKeyPosition` (unpositioned ones last, in
    /// document order).
    public var primaryKey: [ContractProperty] {
        properties.enumerated()
            .filter { $0.element.primaryKey }
            .sorted { ($0.element.primaryKeyPosition ?? Int.max, $0.offset) < ($1.element.primaryKeyPosition ?? Int.max, $1.offset) }
            .map(\.element)
    }
}

/// The logical types of ODCS (`time` and `timestamp` since v3.1.0).
public enum ContractLogicalType: String, Sendable, Hashable, CaseIterable {
    case string, date, timestamp, time, number, integer, object, array, boolean
}

/// One property (column, field) of a schema object, or the `items` of an array property.
///
/// The fields most properties leave unset (and the type options) are kept out of line
/// (`OutOfLine`): a property is copied whole wherever contracts are decoded and compared.
public struct ContractProperty: Sendable, Hashable {
    /// Empty for the `items` of an array, which ODCS leaves unnamed.
    public var name: String
    public var logicalType: ContractLogicalType?
    /// The type in the data source, as written (`VARCHAR(64)`, `DECIMAL(12,2)`, `BIGINT`).
    public var physicalType: String?
    /// ODCS `required`: the value may not be null.
    public var required = false
    public var unique = false
    public var primaryKey = false
    /// `public`, `internal`, `confidential`, `restricted`, … (free text in ODCS).
    public var classification: String?
    public var description: String?
    public var quality: [ContractQualityRule] = []
    /// Nested properties of an `object` property.
    public var properties: [ContractProperty] = []
    public var location: SourceLocation
    /// Storage for `items` (a struct cannot hold an optional of itself directly).
    private var itemsStorage: [ContractProperty] = []
    private var options = OutOfLine<ContractLogicalTypeOptions>()
    private var details = OutOfLine<Details>()

    /// The less common fields, together out of line.
    struct Details: Sendable, Hashable, DefaultValued {
        static let defaultValue = Details()

        var id: String?
        var physicalName: String?
        var primaryKeyPosition: Int?
        var partitioned = false
        var partitionKeyPosition: Int?
        var criticalDataElement = false
        var encryptedName: String?
        var transformSourceObjects: [String] = []
        var transformLogic: String?
        var transformDescription: String?
        var businessName: String?
        var examples: [SpecValue] = []
        var tags: [String] = []
        var relationships: [ContractRelationship] = []
        var customProperties: [ContractCustomProperty] = []
        var authoritativeDefinitions: [ContractAuthoritativeDefinition] = []
        var renamedFrom: String?
    }

    public var logicalTypeOptions: ContractLogicalTypeOptions {
        _read { yield options.value }
        _modify { yield &options.value }
    }
    public var id: String? {
        get { details.value.id }
        set { details.value.id = newValue }
    }
    public var physicalName: String? {
        get { details.value.physicalName }
        set { details.value.physicalName = newValue }
    }
    /// 1-based position in a composite primary key; nil when absent (ODCS's default of -1).
    public var primaryKeyPosition: Int? {
        get { details.value.primaryKeyPosition }
        set { details.value.primaryKeyPosition = newValue }
    }
    public var partitioned: Bool {
        get { details.value.partitioned }
        set { details.value.partitioned = newValue }
    }
    /// 1-based position among partition columns; nil when absent (ODCS's default of -1).
    public var partitionKeyPosition: Int? {
        get { details.value.partitionKeyPosition }
        set { details.value.partitionKeyPosition = newValue }
    }
    public var criticalDataElement: Bool {
        get { details.value.criticalDataElement }
        set { details.value.criticalDataElement = newValue }
    }
    public var encryptedName: String? {
        get { details.value.encryptedName }
        set { details.value.encryptedName = newValue }
    }
    public var transformSourceObjects: [String] {
        get { details.value.transformSourceObjects }
        set { details.value.transformSourceObjects = newValue }
    }
    public var transformLogic: String? {
        get { details.value.transformLogic }
        set { details.value.transformLogic = newValue }
    }
    public var transformDescription: String? {
        get { details.value.transformDescription }
        set { details.value.transformDescription = newValue }
    }
    public var businessName: String? {
        get { details.value.businessName }
        set { details.value.businessName = newValue }
    }
    public var examples: [SpecValue] {
        get { details.value.examples }
        set { details.value.examples = newValue }
    }
    public var tags: [String] {
        get { details.value.tags }
        set { details.value.tags = newValue }
    }
    /// ODCS 3.1 property-level relationships (`from` is this property).
    public var relationships: [ContractRelationship] {
        get { details.value.relationships }
        set { details.value.relationships = newValue }
    }
    public var customProperties: [ContractCustomProperty] {
        get { details.value.customProperties }
        set { details.value.customProperties = newValue }
    }
    public var authoritativeDefinitions: [ContractAuthoritativeDefinition] {
        get { details.value.authoritativeDefinitions }
        set { details.value.authoritativeDefinitions = newValue }
    }
    /// DappMesh extension: the property's name in the previous version of the contract, so the
    /// compatibility checker sees a rename instead of a drop and an add. Read from a `renamedFrom`
    /// key on the property or from a `renamedFrom` custom property.
    public var renamedFrom: String? {
        get { details.value.renamedFrom }
        set { details.value.renamedFrom = newValue }
    }

    public init(name: String, logicalType: ContractLogicalType? = nil, location: SourceLocation) {
        self.name = name
        self.logicalType = logicalType
        self.location = location
    }

    /// The element type of an `array` property.
    public var items: ContractProperty? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }

    /// The nested property named `name`.
    public func property(named name: String) -> ContractProperty? {
        properties.first { $0.name == name }
    }

    /// Whether the value may be null: neither required nor part of the primary key.
    public var isNullable: Bool { !required && !primaryKey }
}

/// `logicalTypeOptions` of a property: the common options typed, everything as written in `raw`.
///
/// Bounds are `SpecValue`s because ODCS uses numbers for `integer`/`number` and strings for
/// `date`/`timestamp`/`time`. ODCS 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` (a flag on
/// `minimum`/`maximum`) is normalized to 3.1's form, where the exclusive bound is the value itself.
public struct ContractLogicalTypeOptions: Sendable, Hashable, DefaultValued {
    public var minLength: Int?
    public var maxLength: Int?
    /// ECMA-262 regular expression.
    public var pattern: String?
    /// `email`, `uuid`, `uri` for strings; `yyyy-MM-dd` for dates; `i32`, `f64` for numbers.
    public var format: String?
    public var minimum: SpecValue?
    public var maximum: SpecValue?
    public var exclusiveMinimum: SpecValue?
    public var exclusiveMaximum: SpecValue?
    public var multipleOf: Double?
    /// Digits and decimal places of a decimal. ODCS has no such option: they are read from a
    /// `physicalType` such as `DECIMAL(12,2)` or from an imported Data Contract Specification field.
    public var precision: Int?
    public var scale: Int?
    public var timezone: Bool?
    public var defaultTimezone: String?
    public var minItems: Int?
    public var maxItems: Int?
    public var uniqueItems: Bool?
    public var minProperties: Int?
    public var maxProperties: Int?
    /// `required` of an `object` property: names of nested properties that must be present.
    public var requiredProperties: [String] = []
    /// The options exactly as written (empty when there were none).
    public var raw: [SpecValue.Entry] = []
    /// The `logicalTypeOptions` node, when there was one.
    public var location: SourceLocation?

    public init() {}

    public static let defaultValue = ContractLogicalTypeOptions()

    /// True when no option is set (typed or raw).
    public var isEmpty: Bool { self == .defaultValue }
}

/// A foreign-key relationship (ODCS 3.1). References use `object.property` or the fully qualified
/// `schema/<id>/properties/<id>` notation; composite keys list several.
public struct ContractRelationship: Sendable, Hashable {
    /// Only `foreignKey` in ODCS 3.1.
    public var type: String = "foreignKey"
    /// Empty at property level, where the property itself is the source.
    public var from: [String] = []
    public var to: [String] = []
    public var customProperties: [ContractCustomProperty] = []
    public var location: SourceLocation

    public init(from: [String] = [], to: [String], location: SourceLocation) {
        self.from = from
        self.to = to
        self.location = location
    }
}

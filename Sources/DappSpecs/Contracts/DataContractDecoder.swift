import DappCore
import DappYAML

/// ODCS v3 nodes → `DataContract`.
///
/// Runs on documents that passed `DataContractSchema.validate`, so it does not report anything: it
/// is total, reading what is there and falling back to empty values for what is not, and it does not
/// trap on odd input either (a value of the wrong shape is skipped). Version differences are
/// normalized here: 3.0's team list, 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum`, and
/// precision/scale written only in a `physicalType` such as `DECIMAL(12,2)`.
public enum DataContractDecoder {
    enum DocumentKey: Sendable {
        case apiVersion, id, version, status, kind, name, domain, dataProduct, tenant, tags, slaDefaultElement, contractCreatedTs
        case customProperties, authoritativeDefinitions, description, schema, servers, slaProperties, team, roles, support, price
    }

    static let documentKeys = KeyTable<DocumentKey>([
        "apiVersion": .apiVersion, "id": .id, "version": .version, "status": .status, "kind": .kind, "name": .name,
        "domain": .domain, "dataProduct": .dataProduct, "tenant": .tenant, "tags": .tags, "slaDefaultElement": .slaDefaultElement,
        "contractCreatedTs": .contractCreatedTs, "customProperties": .customProperties,
        "authoritativeDefinitions": .authoritativeDefinitions, "description": .description, "schema": .schema,
        "servers": .servers, "slaProperties": .slaProperties, "team": .team, "roles": .roles, "support": .support, "price": .price,
    ])

    /// One walk over the document's entries; the nested parts (description, support, price) are
    /// read from the nodes found.
    public static func decode(_ root: YAMLNode) -> DataContract {
        let r = ContractNodes.self
        var contract = DataContract(apiVersion: "", id: "", version: "", status: "", location: root.location)
        var descriptionNode: YAMLNode?
        var supportNode: YAMLNode?
        var priceNode: YAMLNode?
        root.forEachKnownEntry(documentKeys) { key, value in
            switch key {
            case .apiVersion: contract.apiVersion = r.text(value) ?? ""
            case .id: contract.id = r.text(value) ?? ""
            case .version:
                contract.version = r.text(value) ?? ""
                contract.versionLocation = value.location
            case .status:
                contract.status = r.text(value) ?? ""
                contract.statusLocation = value.location
            case .kind: contract.kind = r.text(value) ?? "DataContract"
            case .name: contract.name = r.text(value)
            case .domain: contract.domain = r.text(value)
            case .dataProduct: contract.dataProduct = r.text(value)
            case .tenant: contract.tenant = r.text(value)
            case .tags: contract.tags = r.texts(value)
            case .slaDefaultElement: contract.slaDefaultElement = r.text(value)
            case .contractCreatedTs: contract.contractCreatedTs = r.text(value)
            case .customProperties: contract.customProperties = r.customProperties(list: value)
            case .authoritativeDefinitions: contract.authoritativeDefinitions = r.authoritativeDefinitions(list: value)
            case .description: descriptionNode = value
            case .schema: contract.schema = r.mappings(value).map(object)
            case .servers: contract.servers = r.mappings(value).map(server)
            case .slaProperties: contract.slaProperties = r.mappings(value).map(slaProperty)
            case .team: contract.team = team(value)
            case .roles: contract.roles = r.mappings(value).map(role)
            case .support: supportNode = value
            case .price: priceNode = value
            }
        }
        if let node = descriptionNode, node.mapping != nil {
            var description = ContractDescription(
                purpose: r.text(node, "purpose"), limitations: r.text(node, "limitations"), usage: r.text(node, "usage"),
                location: node.location)
            description.authoritativeDefinitions = r.authoritativeDefinitions(node)
            description.customProperties = r.customProperties(node)
            contract.description = description
        }
        contract.support = (supportNode.map(r.mappings) ?? []).map { node in
            var channel = ContractSupportChannel(channel: r.text(node, "channel") ?? "", url: r.text(node, "url"), location: node.location)
            channel.id = r.text(node, "id")
            channel.description = r.text(node, "description")
            channel.tool = r.text(node, "tool")
            channel.scope = r.text(node, "scope")
            channel.invitationUrl = r.text(node, "invitationUrl")
            channel.customProperties = r.customProperties(node)
            return channel
        }
        if let node = priceNode, node.mapping != nil {
            var price = ContractPrice(
                priceAmount: r.double(node, "priceAmount"), priceCurrency: r.text(node, "priceCurrency"),
                priceUnit: r.text(node, "priceUnit"), location: node.location)
            price.id = r.text(node, "id")
            contract.price = price
        }
        return contract
    }

    // MARK: - Schema

    enum ObjectKey: Sendable {
        case id, name, physicalName, physicalType, logicalType, businessName, description, dataGranularityDescription, tags
        case properties, quality, relationships, customProperties, authoritativeDefinitions
    }

    static let objectKeys = KeyTable<ObjectKey>([
        "id": .id, "name": .name, "physicalName": .physicalName, "physicalType": .physicalType, "logicalType": .logicalType,
        "businessName": .businessName, "description": .description, "dataGranularityDescription": .dataGranularityDescription,
        "tags": .tags, "properties": .properties, "quality": .quality, "relationships": .relationships,
        "customProperties": .customProperties, "authoritativeDefinitions": .authoritativeDefinitions,
    ])

    static func object(_ node: YAMLNode) -> ContractObject {
        let r = ContractNodes.self
        var object = ContractObject(name: "", location: node.location)
        node.forEachKnownEntry(objectKeys) { key, value in
            switch key {
            case .id: object.id = r.text(value)
            case .name: object.name = r.text(value) ?? ""
            case .physicalName: object.physicalName = r.text(value)
            case .physicalType: object.physicalType = r.text(value)
            case .logicalType: object.logicalType = r.text(value)
            case .businessName: object.businessName = r.text(value)
            case .description: object.description = r.text(value)
            case .dataGranularityDescription: object.dataGranularityDescription = r.text(value)
            case .tags: object.tags = r.texts(value)
            case .properties: object.properties = r.mappings(value).map { property($0, depth: 1) }
            case .quality: object.quality = r.mappings(value).map(qualityRule)
            case .relationships: object.relationships = r.mappings(value).map(relationship)
            case .customProperties: object.customProperties = r.customProperties(list: value)
            case .authoritativeDefinitions: object.authoritativeDefinitions = r.authoritativeDefinitions(list: value)
            }
        }
        return object
    }

    enum PropertyKey: Sendable {
        case id, name, physicalName, physicalType, logicalType, logicalTypeOptions, required, unique, primaryKey
        case primaryKeyPosition, partitioned, partitionKeyPosition, classification, criticalDataElement, encryptedName
        case transformSourceObjects, transformLogic, transformDescription, businessName, description, examples, tags
        case quality, relationships, properties, items, customProperties, authoritativeDefinitions, renamedFrom
    }

    static let propertyKeys = KeyTable<PropertyKey>([
        "id": .id, "name": .name, "physicalName": .physicalName, "physicalType": .physicalType, "logicalType": .logicalType,
        "logicalTypeOptions": .logicalTypeOptions, "required": .required, "unique": .unique, "primaryKey": .primaryKey,
        "primaryKeyPosition": .primaryKeyPosition, "partitioned": .partitioned, "partitionKeyPosition": .partitionKeyPosition,
        "classification": .classification, "criticalDataElement": .criticalDataElement, "encryptedName": .encryptedName,
        "transformSourceObjects": .transformSourceObjects, "transformLogic": .transformLogic,
        "transformDescription": .transformDescription, "businessName": .businessName, "description": .description,
        "examples": .examples, "tags": .tags, "quality": .quality, "relationships": .relationships, "properties": .properties,
        "items": .items, "customProperties": .customProperties, "authoritativeDefinitions": .authoritativeDefinitions,
        "renamedFrom": .renamedFrom,
    ])

    /// Nesting beyond the YAML reader's depth limit cannot occur; `depth` is a second guard so a
    /// tree built some other way cannot exhaust the stack.
    ///
    /// One walk over the property's entries; fields that depend on others (`logicalTypeOptions` on
    /// `physicalType`, `renamedFrom` on `customProperties`) are finished after it.
    static func property(_ node: YAMLNode, depth: Int) -> ContractProperty {
        let r = ContractNodes.self
        var property = ContractProperty(name: "", location: node.location)
        var optionsNode: YAMLNode?
        var renamedFrom: String?
        var nested: YAMLNode?
        var items: YAMLNode?
        node.forEachKnownEntry(propertyKeys) { key, value in
            switch key {
            case .id: property.id = r.text(value)
            case .name: property.name = r.text(value) ?? ""
            case .physicalName: property.physicalName = r.text(value)
            case .physicalType: property.physicalType = r.text(value)
            case .logicalType: property.logicalType = r.text(value).flatMap(ContractLogicalType.init(keyed:))
            case .logicalTypeOptions: optionsNode = value
            case .required: property.required = r.flag(value) ?? false
            case .unique: property.unique = r.flag(value) ?? false
            case .primaryKey: property.primaryKey = r.flag(value) ?? false
            case .primaryKeyPosition: property.primaryKeyPosition = r.position(value)
            case .partitioned: property.partitioned = r.flag(value) ?? false
            case .partitionKeyPosition: property.partitionKeyPosition = r.position(value)
            case .classification: property.classification = r.text(value)
            case .criticalDataElement: property.criticalDataElement = r.flag(value) ?? false
            case .encryptedName: property.encryptedName = r.text(value)
            case .transformSourceObjects: property.transformSourceObjects = r.texts(value)
            case .transformLogic: property.transformLogic = r.text(value)
            case .transformDescription: property.transformDescription = r.text(value)
            case .businessName: property.businessName = r.text(value)
            case .description: property.description = r.text(value)
            case .examples: property.examples = (value.sequence ?? []).map(r.value)
            case .tags: property.tags = r.texts(value)
            case .quality: property.quality = r.mappings(value).map(qualityRule)
            case .relationships: property.relationships = r.mappings(value).map(relationship)
            case .properties: nested = value
            case .items: items = value
            case .customProperties: property.customProperties = r.customProperties(list: value)
            case .authoritativeDefinitions: property.authoritativeDefinitions = r.authoritativeDefinitions(list: value)
            case .renamedFrom: renamedFrom = r.text(value)
            }
        }
        // Most properties have no options: they are then not written at all (kept out of line).
        if let options = options(optionsNode, physicalType: property.physicalType) { property.logicalTypeOptions = options }
        if let renamed = renamedFrom ?? property.customProperties.value(of: "renamedFrom")?.stringValue {
            property.renamedFrom = renamed
        }
        if depth < 256 {
            if let nested { property.properties = r.mappings(nested).map { self.property($0, depth: depth + 1) } }
            if let items, items.mapping != nil {
                property.items = self.property(items, depth: depth + 1)
            }
        }
        return property
    }

    /// nil when there are none: no `logicalTypeOptions` and no decimal `physicalType`.
    static func options(_ node: YAMLNode?, physicalType: String?) -> ContractLogicalTypeOptions? {
        let r = ContractNodes.self
        let decimal = physicalType.flatMap(ContractNodes.decimalPrecision)
        guard node != nil || decimal != nil else { return nil }
        var options = ContractLogicalTypeOptions()
        if let decimal {
            options.precision = decimal.0
            options.scale = decimal.1
        }
        guard let node, let pairs = node.mapping else { return options }
        options.location = node.location
        options.raw = pairs.map { SpecValue.Entry(key: $0.key.scalar?.text ?? "", value: r.value($0.value)) }
        options.minLength = r.int(node, "minLength")
        options.maxLength = r.int(node, "maxLength")
        options.pattern = r.text(node, "pattern")
        options.format = r.text(node, "format")
        options.minimum = node["minimum"].map(r.value)
        options.maximum = node["maximum"].map(r.value)
        options.exclusiveMinimum = exclusiveBound(node["exclusiveMinimum"], bound: &options.minimum)
        options.exclusiveMaximum = exclusiveBound(node["exclusiveMaximum"], bound: &options.maximum)
        options.multipleOf = r.double(node, "multipleOf")
        options.timezone = r.flag(node, "timezone")
        options.defaultTimezone = r.text(node, "defaultTimezone")
        options.minItems = r.int(node, "minItems")
        options.maxItems = r.int(node, "maxItems")
        options.uniqueItems = r.flag(node, "uniqueItems")
        options.minProperties = r.int(node, "minProperties")
        options.maxProperties = r.int(node, "maxProperties")
        options.requiredProperties = r.texts(node, "required")
        return options
    }

    /// ODCS 3.0 wrote `minimum: 5, exclusiveMinimum: true`; 3.1 writes `exclusiveMinimum: 5`. The
    /// model keeps 3.1's form: a `true` flag moves the bound over, a `false` flag disappears.
    private static func exclusiveBound(_ node: YAMLNode?, bound: inout SpecValue?) -> SpecValue? {
        guard let node else { return nil }
        let value = ContractNodes.value(node)
        guard let flag = value.boolValue else { return value }
        defer { if flag { bound = nil } }
        return flag ? bound : nil
    }

    static func relationship(_ node: YAMLNode) -> ContractRelationship {
        let r = ContractNodes.self
        var relationship = ContractRelationship(from: r.references(node["from"]), to: r.references(node["to"]), location: node.location)
        relationship.type = r.text(node, "type") ?? "foreignKey"
        relationship.customProperties = r.customProperties(node)
        return relationship
    }

    enum QualityKey: Sendable {
        case type, id, name, description, dimension, metric, rule, arguments, unit, query, engine, implementation, method
        case severity, businessImpact, schedule, scheduler, tags, customProperties, authoritativeDefinitions
        case mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo
        case mustBeBetween, mustNotBeBetween
    }

    static let qualityKeys = KeyTable<QualityKey>([
        "type": .type, "id": .id, "name": .name, "description": .description, "dimension": .dimension, "metric": .metric,
        "rule": .rule, "arguments": .arguments, "unit": .unit, "query": .query, "engine": .engine,
        "implementation": .implementation, "method": .method, "severity": .severity, "businessImpact": .businessImpact,
        "schedule": .schedule, "scheduler": .scheduler, "tags": .tags, "customProperties": .customProperties,
        "authoritativeDefinitions": .authoritativeDefinitions, "mustBe": .mustBe, "mustNotBe": .mustNotBe,
        "mustBeGreaterThan": .mustBeGreaterThan, "mustBeGreaterOrEqualTo": .mustBeGreaterOrEqualTo,
        "mustBeLessThan": .mustBeLessThan, "mustBeLessOrEqualTo": .mustBeLessOrEqualTo, "mustBeBetween": .mustBeBetween,
        "mustNotBeBetween": .mustNotBeBetween,
    ])

    /// One walk over the rule's entries; the comparison operators are then listed in ODCS order
    /// (`ContractNodes.operators`), whatever their order in the document.
    static func qualityRule(_ node: YAMLNode) -> ContractQualityRule {
        let r = ContractNodes.self
        var rule = ContractQualityRule(type: .library, location: node.location)
        var mustBe: YAMLNode?
        var mustNotBe: YAMLNode?
        var bounds: [Double?] = [nil, nil, nil, nil]
        var mustBeBetween: YAMLNode?
        var mustNotBeBetween: YAMLNode?
        node.forEachKnownEntry(qualityKeys) { key, value in
            switch key {
            case .type: rule.type = r.text(value).flatMap(ContractQualityRule.Kind.init(rawValue:)) ?? .library
            case .id: rule.id = r.text(value)
            case .name: rule.name = r.text(value)
            case .description: rule.description = r.text(value)
            case .dimension: rule.dimension = r.text(value)
            case .metric: rule.metric = r.text(value)
            case .rule: rule.rule = r.text(value)
            case .arguments: rule.arguments = r.value(value)
            case .unit: rule.unit = r.text(value)
            case .query: rule.query = r.text(value)
            case .engine: rule.engine = r.text(value)
            case .implementation: rule.implementation = r.value(value)
            case .method: rule.method = r.text(value)
            case .severity: rule.severity = r.text(value)
            case .businessImpact: rule.businessImpact = r.text(value)
            case .schedule: rule.schedule = r.text(value)
            case .scheduler: rule.scheduler = r.text(value)
            case .tags: rule.tags = r.texts(value)
            case .customProperties: rule.customProperties = r.customProperties(list: value)
            case .authoritativeDefinitions: rule.authoritativeDefinitions = r.authoritativeDefinitions(list: value)
            case .mustBe: mustBe = value
            case .mustNotBe: mustNotBe = value
            case .mustBeGreaterThan: bounds[0] = r.double(value)
            case .mustBeGreaterOrEqualTo: bounds[1] = r.double(value)
            case .mustBeLessThan: bounds[2] = r.double(value)
            case .mustBeLessOrEqualTo: bounds[3] = r.double(value)
            case .mustBeBetween: mustBeBetween = value
            case .mustNotBeBetween: mustNotBeBetween = value
            }
        }
        var operators: [ContractQualityOperator] = []
        if let mustBe { operators.append(.mustBe(r.value(mustBe))) }
        if let mustNotBe { operators.append(.mustNotBe(r.value(mustNotBe))) }
        if let d = bounds[0] { operators.append(.mustBeGreaterThan(d)) }
        if let d = bounds[1] { operators.append(.mustBeGreaterOrEqualTo(d)) }
        if let d = bounds[2] { operators.append(.mustBeLessThan(d)) }
        if let d = bounds[3] { operators.append(.mustBeLessOrEqualTo(d)) }
        if let range = mustBeBetween.flatMap(r.pair) { operators.append(.mustBeBetween(range.0, range.1)) }
        if let range = mustNotBeBetween.flatMap(r.pair) { operators.append(.mustNotBeBetween(range.0, range.1)) }
        rule.operators = operators
        return rule
    }
}

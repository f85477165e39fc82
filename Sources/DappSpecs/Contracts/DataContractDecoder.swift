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
    public static func decode(_ root: YAMLNode) -> DataContract {
        let r = ContractNodes.self
        var contract = DataContract(
            apiVersion: r.text(root, "apiVersion") ?? "", id: r.text(root, "id") ?? "",
            version: r.text(root, "version") ?? "", status: r.text(root, "status") ?? "", location: root.location)
        contract.kind = r.text(root, "kind") ?? "DataContract"
        contract.versionLocation = root["version"]?.location
        contract.statusLocation = root["status"]?.location
        contract.name = r.text(root, "name")
        contract.domain = r.text(root, "domain")
        contract.dataProduct = r.text(root, "dataProduct")
        contract.tenant = r.text(root, "tenant")
        contract.tags = r.texts(root, "tags")
        contract.slaDefaultElement = r.text(root, "slaDefaultElement")
        contract.contractCreatedTs = r.text(root, "contractCreatedTs")
        contract.customProperties = r.customProperties(root)
        contract.authoritativeDefinitions = r.authoritativeDefinitions(root)
        if let node = root["description"], node.mapping != nil {
            var description = ContractDescription(
                purpose: r.text(node, "purpose"), limitations: r.text(node, "limitations"), usage: r.text(node, "usage"),
                location: node.location)
            description.authoritativeDefinitions = r.authoritativeDefinitions(node)
            description.customProperties = r.customProperties(node)
            contract.description = description
        }
        contract.schema = r.mappings(root, "schema").map(object)
        contract.servers = r.mappings(root, "servers").map(server)
        contract.slaProperties = r.mappings(root, "slaProperties").map(slaProperty)
        contract.team = root["team"].flatMap(team)
        contract.roles = r.mappings(root, "roles").map(role)
        contract.support = r.mappings(root, "support").map { node in
            var channel = ContractSupportChannel(channel: r.text(node, "channel") ?? "", url: r.text(node, "url"), location: node.location)
            channel.id = r.text(node, "id")
            channel.description = r.text(node, "description")
            channel.tool = r.text(node, "tool")
            channel.scope = r.text(node, "scope")
            channel.invitationUrl = r.text(node, "invitationUrl")
            channel.customProperties = r.customProperties(node)
            return channel
        }
        if let node = root["price"], node.mapping != nil {
            var price = ContractPrice(
                priceAmount: r.double(node, "priceAmount"), priceCurrency: r.text(node, "priceCurrency"),
                priceUnit: r.text(node, "priceUnit"), location: node.location)
            price.id = r.text(node, "id")
            contract.price = price
        }
        return contract
    }

    // MARK: - Schema

    static func object(_ node: YAMLNode) -> ContractObject {
        let r = ContractNodes.self
        var object = ContractObject(name: r.text(node, "name") ?? "", location: node.location)
        object.id = r.text(node, "id")
        object.physicalName = r.text(node, "physicalName")
        object.physicalType = r.text(node, "physicalType")
        object.logicalType = r.text(node, "logicalType")
        object.businessName = r.text(node, "businessName")
        object.description = r.text(node, "description")
        object.dataGranularityDescription = r.text(node, "dataGranularityDescription")
        object.tags = r.texts(node, "tags")
        object.properties = r.mappings(node, "properties").map { property($0, depth: 1) }
        object.quality = r.mappings(node, "quality").map(qualityRule)
        object.relationships = r.mappings(node, "relationships").map(relationship)
        object.customProperties = r.customProperties(node)
        object.authoritativeDefinitions = r.authoritativeDefinitions(node)
        return object
    }

    /// Nesting beyond the YAML reader's depth limit cannot occur; `depth` is a second guard so a
    /// tree built some other way cannot exhaust the stack.
    static func property(_ node: YAMLNode, depth: Int) -> ContractProperty {
        let r = ContractNodes.self
        var property = ContractProperty(
            name: r.text(node, "name") ?? "", logicalType: r.text(node, "logicalType").flatMap(ContractLogicalType.init(rawValue:)),
            location: node.location)
        property.id = r.text(node, "id")
        property.physicalName = r.text(node, "physicalName")
        property.physicalType = r.text(node, "physicalType")
        property.required = r.flag(node, "required") ?? false
        property.unique = r.flag(node, "unique") ?? false
        property.primaryKey = r.flag(node, "primaryKey") ?? false
        property.primaryKeyPosition = r.position(node, "primaryKeyPosition")
        property.partitioned = r.flag(node, "partitioned") ?? false
        property.partitionKeyPosition = r.position(node, "partitionKeyPosition")
        property.classification = r.text(node, "classification")
        property.criticalDataElement = r.flag(node, "criticalDataElement") ?? false
        property.encryptedName = r.text(node, "encryptedName")
        property.transformSourceObjects = r.texts(node, "transformSourceObjects")
        property.transformLogic = r.text(node, "transformLogic")
        property.transformDescription = r.text(node, "transformDescription")
        property.businessName = r.text(node, "businessName")
        property.description = r.text(node, "description")
        property.examples = (node["examples"]?.sequence ?? []).map(r.value)
        property.tags = r.texts(node, "tags")
        property.quality = r.mappings(node, "quality").map(qualityRule)
        property.relationships = r.mappings(node, "relationships").map(relationship)
        property.customProperties = r.customProperties(node)
        property.authoritativeDefinitions = r.authoritativeDefinitions(node)
        property.logicalTypeOptions = options(node["logicalTypeOptions"], physicalType: property.physicalType)
        property.renamedFrom = r.text(node, "renamedFrom") ?? property.customProperties.value(of: "renamedFrom")?.stringValue
        if depth < 256 {
            property.properties = r.mappings(node, "properties").map { self.property($0, depth: depth + 1) }
            if let items = node["items"], items.mapping != nil {
                property.items = self.property(items, depth: depth + 1)
            }
        }
        return property
    }

    static func options(_ node: YAMLNode?, physicalType: String?) -> ContractLogicalTypeOptions {
        let r = ContractNodes.self
        var options = ContractLogicalTypeOptions()
        if let decimal = physicalType.flatMap(ContractNodes.decimalPrecision) {
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

    static func qualityRule(_ node: YAMLNode) -> ContractQualityRule {
        let r = ContractNodes.self
        let type = r.text(node, "type").flatMap(ContractQualityRule.Kind.init(rawValue:)) ?? .library
        var rule = ContractQualityRule(type: type, location: node.location)
        rule.id = r.text(node, "id")
        rule.name = r.text(node, "name")
        rule.description = r.text(node, "description")
        rule.dimension = r.text(node, "dimension")
        rule.metric = r.text(node, "metric")
        rule.rule = r.text(node, "rule")
        rule.arguments = node["arguments"].map(r.value)
        rule.operators = r.operators(node)
        rule.unit = r.text(node, "unit")
        rule.query = r.text(node, "query")
        rule.engine = r.text(node, "engine")
        rule.implementation = node["implementation"].map(r.value)
        rule.method = r.text(node, "method")
        rule.severity = r.text(node, "severity")
        rule.businessImpact = r.text(node, "businessImpact")
        rule.schedule = r.text(node, "schedule")
        rule.scheduler = r.text(node, "scheduler")
        rule.tags = r.texts(node, "tags")
        rule.customProperties = r.customProperties(node)
        rule.authoritativeDefinitions = r.authoritativeDefinitions(node)
        return rule
    }
}

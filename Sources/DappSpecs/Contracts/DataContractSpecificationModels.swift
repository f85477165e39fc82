import DappCore
import DappYAML

/// DCS `models`, their `fields` and `quality` → ODCS schema objects, properties and quality rules.
extension DCSReader {
    mutating func model(name: String, _ node: YAMLNode, path: FieldPath) -> ContractObject {
        var object = ContractObject(name: name, location: node.location)
        guard node.mapping != nil else {
            typeError(node, expected: "a mapping", path: path)
            return object
        }
        object.logicalType = "object"
        object.physicalType = string(node, "type", path: path) ?? "table"
        object.description = string(node, "description", path: path)
        object.businessName = string(node, "title", path: path)
        for (fieldName, field) in entries(node, "fields", path: path) {
            object.properties.append(property(name: fieldName, field, path: path.key("fields").key(fieldName), depth: 1))
        }
        object.quality = quality(node, path: path)
        object.customProperties = config(node, path: path)
        // A model-level primaryKey list orders a composite key; field-level flags are in document order.
        let keyNames = strings(node, "primaryKey", path: path)
        let keys = keyNames.isEmpty ? object.properties.filter(\.primaryKey).map(\.name) : keyNames
        for index in object.properties.indices {
            guard let position = keys.firstIndex(of: object.properties[index].name) else { continue }
            object.properties[index].primaryKey = true
            if keys.count > 1 { object.properties[index].primaryKeyPosition = position + 1 }
        }
        return object
    }

    mutating func property(name: String, _ node: YAMLNode, path: FieldPath, depth: Int) -> ContractProperty {
        var property = ContractProperty(name: name, location: node.location)
        guard node.mapping != nil else {
            typeError(node, expected: "a mapping", path: path)
            return property
        }
        if let type = string(node, "type", path: path) {
            property.physicalType = type
            property.logicalType = DataContractSpecificationImporter.logicalType(forDCSType: type)
            if property.logicalType == nil, type.lowercased() != "null" {
                warn(
                    "\(path.key("type")) '\(type)' is not a Data Contract Specification type; the property gets no logicalType",
                    at: node["type"] ?? node, path: path.key("type"))
            }
        }
        if let reference = node["$ref"] {
            warn(
                "\(path.key("$ref")) is not resolved when importing; the property keeps only what is written here", at: reference,
                path: path.key("$ref"), hint: "inline the definition's type and constraints")
        }
        property.required = bool(node, "required", path: path) ?? false
        property.unique = bool(node, "unique", path: path) ?? false
        property.primaryKey = bool(node, "primaryKey", path: path) ?? bool(node, "primary", path: path) ?? false
        property.description = string(node, "description", path: path)
        property.businessName = string(node, "title", path: path)
        property.classification = string(node, "classification", path: path)
        property.tags = strings(node, "tags", path: path)
        if bool(node, "pii", path: path) == true, !property.tags.contains("pii") { property.tags.append("pii") }
        property.logicalTypeOptions = options(node, path: path)
        if let example = node["example"] { property.examples.append(ContractNodes.value(example)) }
        property.examples += list(node, "examples", path: path).map(ContractNodes.value)
        if let reference = string(node, "references", path: path) {
            property.relationships.append(ContractRelationship(to: [reference], location: node["references"]?.location ?? node.location))
        }
        property.quality = quality(node, path: path)
        if let values = node["enum"] {
            let allowed = strings(node, "enum", path: path)
            var rule = ContractQualityRule(type: .library, location: values.location)
            rule.description = "Only the values of the DCS enum"
            rule.metric = "invalidValues"
            rule.arguments = .map([SpecValue.Entry(key: "validValues", value: .list(allowed.map(SpecValue.string)))])
            rule.operators = [.mustBe(.int(0))]
            property.quality.append(rule)
        }
        for (linkName, link) in entries(node, "links", path: path) {
            if let url = scalar(link, path: path.key("links").key(linkName)) {
                property.authoritativeDefinitions.append(ContractAuthoritativeDefinition(url: url, type: linkName, location: link.location))
            }
        }
        property.customProperties = config(node, path: path)
        if let lineage = node["lineage"] {
            property.customProperties.append(
                ContractCustomProperty(property: "lineage", value: ContractNodes.value(lineage), location: lineage.location))
        }
        guard depth < 256 else { return property }
        for (fieldName, field) in entries(node, "fields", path: path) {
            property.properties.append(self.property(name: fieldName, field, path: path.key("fields").key(fieldName), depth: depth + 1))
        }
        if let items = node["items"] {
            property.items = self.property(name: "", items, path: path.key("items"), depth: depth + 1)
        }
        return property
    }

    /// DCS's JSON-Schema-like constraints; its exclusive bounds are values already, as in ODCS 3.1.
    private mutating func options(_ node: YAMLNode, path: FieldPath) -> ContractLogicalTypeOptions {
        var options = ContractLogicalTypeOptions()
        var raw: [SpecValue.Entry] = []
        func keep(_ key: String, _ value: SpecValue?) { if let value { raw.append(SpecValue.Entry(key: key, value: value)) } }
        options.minLength = integer(node, "minLength", path: path)
        keep("minLength", options.minLength.map(SpecValue.int))
        options.maxLength = integer(node, "maxLength", path: path)
        keep("maxLength", options.maxLength.map(SpecValue.int))
        options.pattern = string(node, "pattern", path: path)
        keep("pattern", options.pattern.map(SpecValue.string))
        options.format = string(node, "format", path: path)
        keep("format", options.format.map(SpecValue.string))
        options.minimum = number(node, "minimum", path: path)
        keep("minimum", options.minimum)
        options.maximum = number(node, "maximum", path: path)
        keep("maximum", options.maximum)
        options.exclusiveMinimum = number(node, "exclusiveMinimum", path: path)
        keep("exclusiveMinimum", options.exclusiveMinimum)
        options.exclusiveMaximum = number(node, "exclusiveMaximum", path: path)
        keep("exclusiveMaximum", options.exclusiveMaximum)
        options.precision = integer(node, "precision", path: path)
        options.scale = integer(node, "scale", path: path)
        options.raw = raw
        return options
    }

    /// `config` entries (`avroType`, `bigqueryType`, …) become custom properties of the same name.
    private mutating func config(_ node: YAMLNode, path: FieldPath) -> [ContractCustomProperty] {
        entries(node, "config", path: path).map { key, value in
            ContractCustomProperty(property: key, value: ContractNodes.value(value), location: value.location)
        }
    }

    // MARK: - Quality

    mutating func quality(_ node: YAMLNode, path: FieldPath) -> [ContractQualityRule] {
        guard let section = node["quality"], !section.isNull else { return [] }
        guard let items = section.sequence else {
            // DCS 0.9 models could carry {type, specification} for a tool; keep it as a custom rule.
            var rule = ContractQualityRule(type: .custom, location: section.location)
            if section.mapping != nil {
                rule.engine = string(section, "type", path: path.key("quality"))?.lowercased()
                rule.implementation = section["specification"].map(ContractNodes.value)
                return [rule]
            }
            typeError(section, expected: "a list", path: path.key("quality"))
            return []
        }
        return items.enumerated().compactMap { index, item in qualityRule(item, path: path.key("quality").index(index)) }
    }

    private mutating func qualityRule(_ node: YAMLNode, path: FieldPath) -> ContractQualityRule? {
        guard node.mapping != nil else {
            typeError(node, expected: "a mapping", path: path)
            return nil
        }
        let typeText = string(node, "type", path: path)
        var rule = ContractQualityRule(
            type: typeText.flatMap(ContractQualityRule.Kind.init(rawValue:)) ?? .library, location: node.location)
        if let typeText, ContractQualityRule.Kind(rawValue: typeText) == nil {
            warn(
                "\(path.key("type")) '\(typeText)' is not a quality type (text, library, sql, custom); read as library",
                at: node["type"] ?? node, path: path.key("type"))
        }
        rule.name = string(node, "name", path: path)
        rule.description = string(node, "description", path: path)
        rule.dimension = string(node, "dimension", path: path)
        rule.metric = string(node, "metric", path: path)
        rule.rule = string(node, "rule", path: path)
        rule.arguments = node["arguments"].map(ContractNodes.value)
        rule.query = string(node, "query", path: path)
        rule.engine = string(node, "engine", path: path)
        rule.implementation = node["implementation"].map(ContractNodes.value)
        rule.unit = string(node, "unit", path: path)
        rule.severity = string(node, "severity", path: path)
        rule.tags = strings(node, "tags", path: path)
        if let dialect = node["dialect"] {
            rule.customProperties.append(
                ContractCustomProperty(property: "dialect", value: ContractNodes.value(dialect), location: dialect.location))
        }
        rule.operators = operators(node, path: path)
        return rule
    }

    /// DCS spells two operators differently from ODCS (`mustBeGreaterThanOrEqualTo`); both are read.
    private mutating func operators(_ node: YAMLNode, path: FieldPath) -> [ContractQualityOperator] {
        var result: [ContractQualityOperator] = []
        if let value = node["mustBe"] { result.append(.mustBe(ContractNodes.value(value))) }
        if let value = node["mustNotBe"] { result.append(.mustNotBe(ContractNodes.value(value))) }
        let comparisons: [(String, (Double) -> ContractQualityOperator)] = [
            ("mustBeGreaterThan", ContractQualityOperator.mustBeGreaterThan),
            ("mustBeGreaterOrEqualTo", ContractQualityOperator.mustBeGreaterOrEqualTo),
            ("mustBeGreaterThanOrEqualTo", ContractQualityOperator.mustBeGreaterOrEqualTo),
            ("mustBeLessThan", ContractQualityOperator.mustBeLessThan),
            ("mustBeLessOrEqualTo", ContractQualityOperator.mustBeLessOrEqualTo),
            ("mustBeLessThanOrEqualTo", ContractQualityOperator.mustBeLessOrEqualTo),
        ]
        for (key, make) in comparisons {
            if let value = number(node, key, path: path)?.doubleValue { result.append(make(value)) }
        }
        for (key, make) in [
            ("mustBeBetween", ContractQualityOperator.mustBeBetween), ("mustNotBeBetween", ContractQualityOperator.mustNotBeBetween),
        ] {
            guard node[key] != nil else { continue }
            let bounds = list(node, key, path: path).compactMap { $0.scalar?.double }
            if bounds.count == 2 {
                result.append(make(bounds[0], bounds[1]))
            } else if let range = node[key], range.sequence != nil {
                diagnostics.append(
                    .error(
                        .specValue, "\(path.key(key)) must have exactly two numbers, smallest first", at: range.location,
                        fieldPath: path.key(key).description))
            }
        }
        return result
    }
}

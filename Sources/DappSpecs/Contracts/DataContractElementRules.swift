import DappCore
import DappYAML

/// Conditional rules of schema objects, properties, logical type options and quality rules.
extension DataContractRules {
    /// Options ODCS defines for each logical type (boolean has no options clause: anything goes).
    static let optionsByType: [ContractLogicalType: [String]] = [
        .string: ["minLength", "maxLength", "pattern", "format"],
        .date: ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
        .timestamp: ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "timezone", "defaultTimezone"],
        .time: ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "timezone", "defaultTimezone"],
        .integer: ["multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format"],
        .number: ["multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format"],
        .object: ["minProperties", "maxProperties", "required"],
        .array: ["minItems", "maxItems", "uniqueItems"],
    ]

    static let integerFormats = ["i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128"]
    static let numberFormats = ["f32", "f64"]

    mutating func checkObject(_ object: YAMLNode, path: FieldPath) {
        guard object.mapping != nil else { return }
        checkProperties(object["properties"], path: path.key("properties"), level: 0)
        checkQuality(object["quality"], path: path.key("quality"))
        for (index, relationship) in (object["relationships"]?.sequence ?? []).enumerated() {
            guard let from = relationship["from"], let to = relationship["to"] else { continue }
            let fromCount = from.sequence?.count ?? 1
            let toCount = to.sequence?.count ?? 1
            if (from.sequence == nil) != (to.sequence == nil) || fromCount != toCount {
                let p = path.key("relationships").index(index)
                report(
                    .error, .specValue, "\(p) must relate one property to one property, or lists of the same length (composite keys)",
                    at: relationship, path: p)
            }
        }
    }

    /// `level` is the nesting depth of the properties: 0 for an object's own properties.
    private mutating func checkProperties(_ node: YAMLNode?, path: FieldPath, level: Int) {
        guard let properties = node?.sequence else { return }
        checkUniqueNames(properties, what: "property", path: path)
        // Boxed once: each property's path then costs no allocation.
        let base = path.sealed
        for (index, property) in properties.enumerated() {
            checkProperty(property, path: base.index(index), level: level, named: true)
        }
    }

    /// The fields of a property the rules look at.
    enum PropertyRuleKey: Sendable {
        case logicalType, logicalTypeOptions, properties, items, quality
    }

    static let propertyRuleKeys = KeyTable<PropertyRuleKey>([
        "logicalType": .logicalType, "logicalTypeOptions": .logicalTypeOptions, "properties": .properties, "items": .items,
        "quality": .quality,
    ])

    private mutating func checkProperty(_ property: YAMLNode, path: FieldPath, level: Int, named: Bool) {
        // The schema spells out `maxValidatedNesting` levels below an object's properties and takes
        // anything deeper; validate each deeper band against the same property schema here.
        let band = DataContractSchema.maxValidatedNesting + 1
        if level > 0, level % band == 0 {
            var validator = SchemaValidator(subject: "DataContract")
            validator.validate(property, against: named ? DataContractSchema.propertySchema : DataContractSchema.itemsSchema, path: path)
            append(validator.diagnostics)
        }
        guard property.mapping != nil else { return }
        // One walk over the property's entries collects what the rules below look at; paths are
        // only spelled out for what is there.
        var logicalTypeNode: YAMLNode?
        var optionsNode: YAMLNode?
        var nested: (key: YAMLNode, value: YAMLNode)?
        var items: (key: YAMLNode, value: YAMLNode)?
        var quality: YAMLNode?
        property.forEachKnownPair(Self.propertyRuleKeys) { field, key, value in
            switch field {
            case .logicalType: logicalTypeNode = value
            case .logicalTypeOptions: optionsNode = value
            case .properties: nested = (key, value)
            case .items: items = (key, value)
            case .quality: quality = value
            }
        }
        let logicalType = logicalTypeNode?.string.flatMap(ContractLogicalType.init(keyed:))
        if let logicalType, let logicalTypeNode, !isV31, logicalType == .timestamp || logicalType == .time {
            report(
                .error, .specEnum,
                "\(path.key("logicalType")) '\(logicalType.rawValue)' needs apiVersion v3.1.0; ODCS 3.0 has no \(logicalType.rawValue) type",
                at: logicalTypeNode, path: path.key("logicalType"),
                hint: "set 'apiVersion: v3.1.0', or use 'logicalType: date' with a physicalType such as TIMESTAMP")
        }
        if let logicalType, logicalType != .object, let nested {
            report(
                .error, .specUnknownField, "'properties' only applies to logicalType object, not \(logicalType.rawValue)", at: nested.key,
                path: path.key("properties"), hint: "set 'logicalType: object', or remove the nested properties")
        }
        if let logicalType, logicalType != .array, let items {
            report(
                .error, .specUnknownField, "'items' only applies to logicalType array, not \(logicalType.rawValue)", at: items.key,
                path: path.key("items"), hint: "set 'logicalType: array', or remove 'items'")
        }
        if let logicalType, let options = optionsNode, options.mapping != nil {
            checkOptions(options, logicalType: logicalType, path: path.key("logicalTypeOptions"))
        }
        if let nested, nested.value.sequence != nil {
            checkProperties(nested.value, path: path.key("properties"), level: level + 1)
        }
        if let items { checkProperty(items.value, path: path.key("items"), level: level + 1, named: false) }
        if let quality, quality.sequence != nil { checkQuality(quality, path: path.key("quality")) }
    }

    // MARK: - Logical type options

    private mutating func checkOptions(_ options: YAMLNode, logicalType: ContractLogicalType, path: FieldPath) {
        guard let allowed = Self.optionsByType[logicalType], let pairs = options.mapping else { return }
        for pair in pairs {
            guard let key = pair.key.scalar?.text, DataContractSchema.logicalTypeOptions.isKnownField(key) else { continue }
            if !allowed.contains(key) {
                report(
                    .error, .specUnknownField, "option '\(key)' does not apply to logicalType \(logicalType.rawValue)", at: pair.key,
                    path: path.key(key), hint: "options of \(logicalType.rawValue): \(allowed.joined(separator: ", "))")
                continue
            }
            checkOptionValue(key, pair.value, logicalType: logicalType, path: path.key(key))
        }
        checkOrder(options, "minLength", "maxLength", path: path)
        checkOrder(options, "minItems", "maxItems", path: path)
        checkOrder(options, "minProperties", "maxProperties", path: path)
        if logicalType == .integer || logicalType == .number { checkOrder(options, "minimum", "maximum", path: path) }
    }

    private mutating func checkOptionValue(_ key: String, _ value: YAMLNode, logicalType: ContractLogicalType, path: FieldPath) {
        let numeric = logicalType == .integer || logicalType == .number
        let isNumber = value.scalar?.kind == .int || value.scalar?.kind == .float
        switch key {
        case "minimum", "maximum":
            if numeric, !isNumber {
                report(
                    .error, .specType, "\(path) must be a number for logicalType \(logicalType.rawValue), not \(value.kindDescription)",
                    at: value, path: path)
            } else if !numeric, value.string == nil {
                report(
                    .error, .specType, "\(path) must be a string for logicalType \(logicalType.rawValue), not \(value.kindDescription)",
                    at: value, path: path, hint: "quote the \(logicalType.rawValue), for example '2024-01-01'")
            }
        case "exclusiveMinimum", "exclusiveMaximum":
            let bound = key == "exclusiveMinimum" ? "minimum" : "maximum"
            if !isV31 {
                if value.scalar?.kind != .bool {
                    report(
                        .error, .specType,
                        "\(path) must be a boolean in ODCS 3.0 (it makes '\(bound)' exclusive), not \(value.kindDescription)", at: value,
                        path: path,
                        hint: "write '\(bound): N' with '\(key): true', or use apiVersion v3.1.0 where \(key) is the bound itself")
                }
            } else if numeric ? !isNumber : value.string == nil {
                let expected = numeric ? "a number" : "a string"
                let hint =
                    value.scalar?.kind == .bool
                    ? "since ODCS 3.1 \(key) is the bound itself: write '\(key): N' instead of '\(bound): N' with '\(key): true'" : nil
                report(
                    .error, .specType, "\(path) must be \(expected) for logicalType \(logicalType.rawValue), not \(value.kindDescription)",
                    at: value, path: path, hint: hint)
            }
        case "format" where logicalType == .integer || logicalType == .number:
            let formats = logicalType == .integer ? Self.integerFormats : Self.numberFormats
            if let text = value.string, !formats.contains(text) {
                report(
                    .error, .specEnum,
                    "\(path) must be one of \(formats.map { "'\($0)'" }.joined(separator: ", ")) for logicalType \(logicalType.rawValue); got '\(text)'",
                    at: value, path: path, hint: Suggestion.hint(for: text, in: formats))
            }
        case "multipleOf":
            if let number = value.scalar?.double, number <= 0 {
                report(.error, .specValue, "\(path) must be greater than 0", at: value, path: path)
            }
        default:
            break
        }
    }

    private mutating func checkOrder(_ options: YAMLNode, _ low: String, _ high: String, path: FieldPath) {
        guard let lowNode = options[low], let highNode = options[high], let lowValue = lowNode.scalar?.double,
            let highValue = highNode.scalar?.double, lowValue > highValue
        else { return }
        report(
            .error, .specValue,
            "\(path.key(low)) (\(lowNode.scalar?.text ?? "")) is greater than \(path.key(high)) (\(highNode.scalar?.text ?? ""))",
            at: lowNode, path: path.key(low))
    }

    // MARK: - Quality

    /// Fields that belong to one kind of quality rule only (ODCS 3.1 rejects them elsewhere).
    static let qualityFieldsByType: [String: Set<String>] = [
        "library": ["metric", "rule", "arguments"],
        "sql": ["query"],
        "custom": ["engine", "implementation"],
    ]

    private mutating func checkQuality(_ node: YAMLNode?, path: FieldPath) {
        let base = path.sealed
        for (index, rule) in (node?.sequence ?? []).enumerated() where rule.mapping != nil {
            checkQualityRule(rule, path: base.index(index))
        }
    }

    private mutating func checkQualityRule(_ rule: YAMLNode, path: FieldPath) {
        let explicitType = rule["type"]?.string
        let hasMetric = rule["metric"] != nil
        let hasRule = rule["rule"] != nil
        // ODCS's default type is library; a rule naming a metric is a library rule whatever its type.
        let type = hasMetric ? "library" : explicitType ?? "library"
        let operators = ContractQualityOperator.keys.filter { rule[$0] != nil }
        for key in ["mustBeBetween", "mustNotBeBetween"] {
            guard let range = rule[key]?.sequence else { continue }
            if range.count != 2 {
                report(
                    .error, .specValue, "\(path.key(key)) must have exactly two numbers, smallest first; it has \(range.count)",
                    at: rule[key]!, path: path.key(key))
            } else if let low = range[0].scalar?.double, let high = range[1].scalar?.double, low >= high {
                report(
                    .error, .specValue, "\(path.key(key)) must list the smallest number first, and two different numbers", at: range[0],
                    path: path.key(key).index(0))
            }
        }
        switch type {
        case "sql":
            if rule["query"] == nil { requireField("query", in: rule, path: path, because: "a quality rule of type sql") }
        case "custom":
            for field in ["engine", "implementation"] where rule[field] == nil {
                requireField(field, in: rule, path: path, because: "a quality rule of type custom")
            }
        case "library" where explicitType == "library" || hasMetric || hasRule:
            if !hasMetric && !hasRule {
                requireField(isV31 ? "metric" : "rule", in: rule, path: path, because: "a library quality rule")
            } else if isV31, hasRule, !hasMetric, let pair = pair(rule, "rule") {
                report(
                    .warning, .specDeprecated, "'rule' is deprecated since ODCS 3.1", at: pair.key, path: path.key("rule"),
                    hint: "use 'metric' (\(DataContractSchema.qualityMetrics.joined(separator: ", ")))")
            }
        default:
            break
        }
        guard isV31 else { return }
        // 3.1: library and sql rules compare with exactly one operator; text and custom rules with none.
        let comparesResult = type == "library" || type == "sql"
        if comparesResult, explicitType != nil || hasMetric || hasRule, operators.count != 1 {
            let message =
                operators.isEmpty
                ? "\(path) needs a comparison: one of \(ContractQualityOperator.keys.joined(separator: ", "))"
                : "\(path) has \(operators.count) comparisons (\(operators.joined(separator: ", "))); ODCS 3.1 allows exactly one"
            report(
                .error, operators.isEmpty ? .specRequired : .specValue, message, at: rule, path: path,
                hint: operators.isEmpty ? "for example 'mustBe: 0'" : "split it into one rule per comparison")
        }
        for (otherType, fields) in Self.qualityFieldsByType.sorted(by: { $0.key < $1.key }) where otherType != type {
            for field in fields.sorted() {
                guard let pair = pair(rule, field) else { continue }
                report(
                    .error, .specUnknownField, "'\(field)' does not apply to a quality rule of type \(type)", at: pair.key,
                    path: path.key(field), hint: "it belongs to rules of type \(otherType)")
            }
        }
        if !comparesResult {
            for key in operators {
                guard let pair = pair(rule, key) else { continue }
                report(
                    .error, .specUnknownField, "'\(key)' does not apply to a quality rule of type \(type)", at: pair.key,
                    path: path.key(key), hint: "only library and sql rules compare a result")
            }
        }
    }

    private mutating func requireField(_ field: String, in rule: YAMLNode, path: FieldPath, because what: String) {
        report(.error, .specRequired, "missing required field '\(path.key(field))' for \(what)", at: rule, path: path.key(field))
    }
}

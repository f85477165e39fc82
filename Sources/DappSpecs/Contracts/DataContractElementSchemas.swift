import DappCore

/// The `schema` part of ODCS: schema objects, their properties, logical type options, quality
/// rules and relationships.
extension DataContractSchema {
    static let object: Schema = .object([
        Property("id", stableID),
        .required(
            "name", .string(StringRules(minLength: 1)).describe("Name of the object; stores and pipelines refer to it by this name.")),
        Property("physicalName", text.describe("Name of the object in the data source, when it differs.")),
        Property("physicalType", text.describe("table, view, topic, file, …")),
        Property("logicalType", .enumeration(["object"]).describe("Always object for a schema object.")),
        Property("businessName", text.describe("Business name of the object.")),
        Property("description", text),
        Property("dataGranularityDescription", text.describe("Granularity of the data, such as one row per order.")),
        Property("tags", tags),
        Property("properties", .array(propertySchema).describe("The properties (columns, fields) of the object.")),
        Property("quality", quality),
        Property(
            "relationships", .array(schemaRelationship).describe("Foreign keys between properties (ODCS 3.1), each with from and to.")),
        Property("customProperties", customProperties),
        Property("authoritativeDefinitions", authoritativeDefinitions),
    ])

    /// A property of a schema object, with `maxValidatedNesting` levels of nested properties.
    static let propertySchema = property(depth: maxValidatedNesting, named: true)
    /// The `items` of an array property (no name required), as deep as `propertySchema`.
    static let itemsSchema = property(depth: maxValidatedNesting, named: false)

    /// A property schema validating `depth` more levels of nesting. `items` has no required name.
    static func property(depth: Int, named: Bool) -> Schema {
        let nested: Schema
        let items: Schema
        if depth > 0 {
            nested = .array(property(depth: depth - 1, named: true))
            items = property(depth: depth - 1, named: false)
        } else {
            nested = .array(.any)
            items = .any
        }
        return .object([
            Property("id", stableID),
            Property("name", .string(StringRules(minLength: 1)).describe("Name of the property (the column)."), required: named),
            Property("physicalName", text.describe("Name in the data source, when it differs (ODCS 3.1).")),
            Property(
                "logicalType",
                .enumeration(logicalTypes).describe(
                    "Logical type: string, date, timestamp, time, number, integer, object, array or boolean (timestamp and time since ODCS 3.1)."
                )),
            Property("physicalType", text.describe("Type in the data source, such as VARCHAR(64), DECIMAL(12,2) or BIGINT.")),
            Property("logicalTypeOptions", logicalTypeOptions),
            Property("required", Schema.boolean.describe("The value may not be null. Default false.")),
            Property("unique", Schema.boolean.describe("Values are unique. Default false.")),
            Property("primaryKey", Schema.boolean.describe("Part of the primary key. Default false.")),
            Property("primaryKeyPosition", Schema.integer().describe("1-based position in a composite primary key.")),
            Property("partitioned", Schema.boolean.describe("The data is partitioned by this property. Default false.")),
            Property("partitionKeyPosition", Schema.integer().describe("1-based position among the partition keys.")),
            Property("classification", text.describe("Sensitivity: public, internal, confidential, restricted, …")),
            Property("criticalDataElement", Schema.boolean.describe("A critical data element (CDE). Default false.")),
            Property("encryptedName", text.describe("Name of the property that holds the encrypted value.")),
            Property("transformSourceObjects", .array(text).describe("Objects the value is computed from.")),
            Property("transformLogic", text.describe("Logic that computes the value.")),
            Property("transformDescription", text.describe("The transform logic in simple words.")),
            Property("businessName", text.describe("Business name of the property.")),
            Property("description", text),
            Property("examples", .array(.any).describe("Sample values.")),
            Property("tags", tags),
            Property("quality", quality),
            Property(
                "relationships", .array(propertyRelationship).describe("Foreign keys from this property (ODCS 3.1); only to, never from.")),
            Property("properties", nested.describe("Nested properties; only for logicalType object.")),
            Property("items", items.describe("The element of an array; only for logicalType array.")),
            Property("customProperties", customProperties),
            Property("authoritativeDefinitions", authoritativeDefinitions),
            Property(
                "renamedFrom",
                .string(StringRules(minLength: 1)).describe(
                    "DappMesh: the property's name in the previous version of the contract, so a rename is not seen as a drop and an add.")),
        ])
    }

    /// The union of the options of every logical type; `DataContractRules` checks which apply.
    static let logicalTypeOptions: Schema = .object([
        Property("minLength", .integer(min: 0).describe("string: minimum length.")),
        Property("maxLength", .integer(min: 0).describe("string: maximum length.")),
        Property("pattern", text.describe("string: ECMA-262 regular expression values match.")),
        Property(
            "format",
            text.describe("string: email, uuid, uri, …; date/time: a DateTimeFormatter pattern; integer: i8 … u128; number: f32 or f64.")),
        Property("minimum", bound.describe("Values are greater than or equal to this.")),
        Property("maximum", bound.describe("Values are less than or equal to this.")),
        Property(
            "exclusiveMinimum", exclusiveBound.describe("Values are greater than this (ODCS 3.1); in 3.0 a flag making minimum exclusive.")),
        Property(
            "exclusiveMaximum", exclusiveBound.describe("Values are less than this (ODCS 3.1); in 3.0 a flag making maximum exclusive.")),
        Property("multipleOf", Schema.number.describe("integer/number: values are multiples of this.")),
        Property("timezone", Schema.boolean.describe("timestamp/time: whether values carry a timezone.")),
        Property("defaultTimezone", text.describe("timestamp/time: timezone assumed when values carry none (default Etc/UTC).")),
        Property("minItems", .integer(min: 0).describe("array: minimum number of items.")),
        Property("maxItems", .integer(min: 0).describe("array: maximum number of items.")),
        Property("uniqueItems", Schema.boolean.describe("array: all items are distinct.")),
        Property("minProperties", .integer(min: 0).describe("object: minimum number of properties.")),
        Property("maxProperties", .integer(min: 0).describe("object: maximum number of properties.")),
        Property("required", .array(text, minItems: 1).describe("object: names of nested properties that must be present.")),
    ]).describe("Constraints of the logical type; which ones apply depends on logicalType.")

    /// A number (integer, number) or a string (date, timestamp, time).
    static let bound: Schema = .oneOf([.number, .string()])
    /// 3.1's bound value, or 3.0's boolean flag.
    static let exclusiveBound: Schema = .oneOf([.number, .string(), .boolean])

    static let quality: Schema = .array(qualityRule).describe("Data quality rules.")

    static let qualityRule: Schema = .object([
        Property("id", stableID),
        Property("name", text.describe("Name of the check.")),
        Property("description", text.describe("What the check verifies, in words.")),
        Property("type", .enumeration(qualityTypes).describe("text, library (default), sql or custom.")),
        Property("dimension", .enumeration(qualityDimensions).describe("Data quality dimension of the check.")),
        Property("metric", .enumeration(qualityMetrics).describe("library: the predefined metric (ODCS 3.1).")),
        Property("rule", text.describe("library: the predefined rule (ODCS 3.0; use metric from 3.1 on).")),
        Property("arguments", .map(.any).describe("library: arguments of the metric, such as validValues.")),
        Property("mustBe", Schema.any.describe("The result must equal this.")),
        Property("mustNotBe", Schema.any.describe("The result must differ from this.")),
        Property("mustBeGreaterThan", Schema.number.describe("The result must be > this.")),
        Property("mustBeGreaterOrEqualTo", Schema.number.describe("The result must be >= this.")),
        Property("mustBeLessThan", Schema.number.describe("The result must be < this.")),
        Property("mustBeLessOrEqualTo", Schema.number.describe("The result must be <= this.")),
        Property("mustBeBetween", .array(.number, minItems: 2).describe("The result must be between these two numbers, smallest first.")),
        Property(
            "mustNotBeBetween", .array(.number, minItems: 2).describe("The result must be outside these two numbers, smallest first.")),
        Property("unit", text.describe("Unit of the result: rows or percent.")),
        Property("query", text.describe("sql: the query, in the dialect of the server; ${object} and ${property} are substituted.")),
        Property("engine", text.describe("custom: engine that runs the check (soda, great-expectations, dbt, …).")),
        Property("implementation", .oneOf([.string(), .map(.any)]).describe("custom: the engine-specific check.")),
        Property("method", text.describe("Method of the check, such as reconciliation.")),
        Property("severity", text.describe("info, warning or error.")),
        Property("businessImpact", text.describe("Consequence of a failure: operational, regulatory, …")),
        Property("schedule", text.describe("When the check runs, such as 0 20 * * *.")),
        Property("scheduler", text.describe("What starts the check, such as cron.")),
        Property("tags", tags),
        Property("customProperties", customProperties),
        Property("authoritativeDefinitions", authoritativeDefinitions),
    ])

    static let reference: Schema = .oneOf([.string(StringRules(minLength: 1)), .array(.string(StringRules(minLength: 1)), minItems: 1)])

    static let schemaRelationship: Schema = .object([
        Property("type", .enumeration(["foreignKey"]).describe("Only foreignKey (the default).")),
        .required("from", reference.describe("Source property, object.property, or a list for a composite key.")),
        .required("to", reference.describe("Target property, object.property, or a list for a composite key.")),
        Property("customProperties", customProperties),
    ])

    static let propertyRelationship: Schema = .object([
        Property("type", .enumeration(["foreignKey"]).describe("Only foreignKey (the default).")),
        .required("to", reference.describe("Target property, object.property, or a list for a composite key.")),
        Property("customProperties", customProperties),
    ])
}

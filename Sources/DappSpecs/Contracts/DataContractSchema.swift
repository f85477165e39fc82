import DappCore
import DappYAML

/// The Open Data Contract Standard v3 (3.0.0 – 3.1.0) as a `Schema`, after bitol-io's
/// `odcs-json-schema-v3.0.x.json` and `odcs-json-schema-v3.1.0.json`.
///
/// One schema serves every 3.x version: the fields are the union of the versions, and the closed
/// shapes of 3.1 (`unevaluatedProperties: false` on servers, quality rules, roles, team members,
/// support channels, SLA and custom properties) apply to 3.0 documents too, so that a typo such as
/// `mustBeGreaterThen` is an error everywhere instead of being silently ignored. `description`
/// stays open, as in every ODCS version. What JSON Schema expresses with `if`/`then` (fields per
/// server type, logical type options per logical type, what a quality rule of each type needs) and
/// the differences between versions are checked by `DataContractRules`; `validate(_:)` runs both.
///
/// `Schema` values cannot refer to themselves, so the schema spells out nested object/array
/// properties down to `maxValidatedNesting` levels and accepts anything below (which keeps the
/// generated CRD small: every level doubles it). `validate(_:)` checks the deeper levels against the
/// same property schema, so every level is validated whatever its depth.
public enum DataContractSchema {
    /// The ODCS versions dappctl reads. 2.x documents have another structure and are rejected.
    public static let apiVersions = ["v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0"]

    /// ODCS lists these as examples, not as an enum; other values draw a warning, not an error.
    public static let statuses = ["proposed", "draft", "active", "deprecated", "retired"]

    public static let logicalTypes = ContractLogicalType.allCases.map(\.rawValue)

    /// Server types of ODCS 3.1 (3.0 lacked `hive`, `impala` and `zen`).
    public static let serverTypes = [
        "api", "athena", "azure", "bigquery", "clickhouse", "databricks", "denodo", "dremio", "duckdb",
        "glue", "cloudsql", "db2", "hive", "impala", "informix", "kafka", "kinesis", "local", "mysql",
        "oracle", "postgresql", "postgres", "presto", "pubsub", "redshift", "s3", "sftp", "snowflake",
        "sqlserver", "synapse", "trino", "vertica", "zen", "custom",
    ]

    public static let qualityTypes = ContractQualityRule.Kind.allCases.map(\.rawValue)
    public static let qualityDimensions = [
        "accuracy", "completeness", "conformity", "consistency", "coverage", "timeliness", "uniqueness",
    ]
    public static let qualityMetrics = ["nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount"]

    /// How many levels of nested `properties`/`items` the schema itself spells out.
    public static let maxValidatedNesting = 2

    /// Schema validation and ODCS's conditional rules, in one call: what `validate` reports for a
    /// DataContract document.
    public static func validate(_ root: YAMLNode, subject: String = "DataContract") -> [Diagnostic] {
        var validator = SchemaValidator(subject: subject)
        validator.validate(root, against: schema, path: .root)
        return validator.diagnostics + DataContractRules.check(root)
    }

    public static let schema: Schema = .object([
        .required("apiVersion", .enumeration(apiVersions).describe("Version of the Open Data Contract Standard the document follows.")),
        .required("kind", .enumeration(["DataContract"]).describe("Always DataContract.")),
        .required("id", text.describe("Unique identifier of the contract, stable across its versions (a UUID, say).")),
        .required("version", text.describe("Version of this contract; semantic versioning (MAJOR.MINOR.PATCH) by convention. Quote it.")),
        .required("status", text.describe("Status of the contract: proposed, draft, active, deprecated or retired.")),
        Property("name", text.describe("Name of the data contract.")),
        Property("tenant", text.describe("The tenant the data belongs to.")),
        Property("domain", text.describe("Logical data domain.")),
        Property("dataProduct", text.describe("Name of the data product the contract belongs to.")),
        Property("description", description),
        Property("tags", tags),
        Property("schema", .array(object).describe("The schema objects (tables, views, topics, files) the contract covers.")),
        Property("servers", .array(server).describe("Where the data is physically stored.")),
        Property("support", .array(supportChannel).describe("Support channels.")),
        Property("price", price),
        Property(
            "team",
            .oneOf([team, .array(teamMember)]).describe(
                "The team behind the contract: an object with members (ODCS 3.1) or a list of members (ODCS 3.0).")),
        Property("roles", .array(role).describe("IAM roles that give access to the data.")),
        Property("slaDefaultElement", text.describe("Deprecated since ODCS 3.1: element SLA properties apply to by default.")),
        Property("slaProperties", .array(slaProperty).describe("Service-level agreements: latency, retention, frequency, availability, …")),
        Property("authoritativeDefinitions", authoritativeDefinitions),
        Property("customProperties", customProperties),
        Property(
            "contractCreatedTs",
            .string(StringRules(format: .date)).describe("When the contract was created, an RFC 3339 timestamp in UTC.")),
    ])

    // MARK: - Pieces

    static let text: Schema = .string()
    static let stableID: Schema = .string(StringRules(minLength: 1)).describe(
        "Stable technical identifier (ODCS 3.1): letters, digits, '-' and '_', unique in its list.")
    static let tags: Schema = .array(.string()).describe("Tags to categorize the element, such as finance or sensitive.")

    static let authoritativeDefinitions: Schema = .array(
        .object([
            Property("id", stableID),
            .required("url", text.describe("URL of the authoritative source.")),
            .required(
                "type", text.describe("businessDefinition, transformationImplementation, videoTutorial, tutorial, implementation, …")),
            Property("description", text),
        ])
    ).describe("Links to where the element is defined authoritatively (glossary, catalog, repository).")

    static let customProperties: Schema = .array(
        .object([
            Property("id", stableID),
            .required("property", text.describe("Name of the property, in camelCase.")),
            .required("value", Schema.any.describe("Value of the property, of any type.")),
            Property("description", text),
        ])
    ).describe("Key/value extensions to the standard. DappMesh reads `renamedFrom` on properties.")

    static let description: Schema = .object(
        [
            Property("purpose", text.describe("Purpose of the data.")),
            Property("limitations", text.describe("Limitations: what the data must not be used for.")),
            Property("usage", text.describe("Intended usage of the data.")),
            Property("authoritativeDefinitions", authoritativeDefinitions),
            Property("customProperties", customProperties),
        ], additionalProperties: true
    ).describe("High-level description of the data: purpose, limitations and usage.")

    static let role: Schema = .object([
        Property("id", stableID),
        .required("role", text.describe("Name of the IAM role that gives access to the data.")),
        Property("description", text),
        Property("access", text.describe("Type of access the role gives: read, write, …")),
        Property("firstLevelApprovers", text.describe("Who approves requests for the role first.")),
        Property("secondLevelApprovers", text.describe("Who approves requests for the role second.")),
        Property("customProperties", customProperties),
    ])

    static let server: Schema = .object([
        Property("id", stableID),
        .required("server", text.describe("Identifier of the server within the contract.")),
        .required("type", .enumeration(serverTypes).describe("Type of the server; it decides which connection fields apply.")),
        Property("description", text),
        Property("environment", text.describe("Environment: prod, preprod, dev, uat, …")),
        Property("roles", .array(role).describe("Roles that have access to the server.")),
        Property("customProperties", customProperties),
        Property("host", text.describe("Host name (and for some types port) of the server.")),
        Property("port", Schema.integer().describe("Port of the server.")),
        Property("database", text.describe("Database name (a file path for duckdb).")),
        Property("schema", text.describe("Schema within the database.")),
        Property("catalog", text.describe("Catalog (Databricks, Trino, Presto, Athena).")),
        Property("project", text.describe("GCP project (BigQuery, Pub/Sub).")),
        Property("dataset", text.describe("BigQuery dataset.")),
        Property("account", text.describe("Account (Snowflake, Redshift, Glue).")),
        Property("warehouse", text.describe("Snowflake warehouse.")),
        Property("location", text.describe("URL of the data (s3://…, sftp://…, abfss://…, an API URL).")),
        Property("path", text.describe("Path of local data files.")),
        Property("endpointUrl", text.describe("Endpoint of an S3-compatible server.")),
        Property("format", text.describe("File or message format: parquet, delta, json, csv, avro, …")),
        Property("delimiter", text.describe("How JSON documents are delimited: new_line or array.")),
        Property("region", text.describe("Cloud region.")),
        Property("regionName", text.describe("Cloud region name (Athena).")),
        Property("serviceName", text.describe("Oracle service name.")),
        Property("stagingDir", text.describe("Athena query result location.")),
        Property("stream", text.describe("Name of the data stream.")),
    ])

    static let supportChannel: Schema = .object([
        Property("id", stableID),
        .required("channel", text.describe("Channel name or identifier.")),
        Property("url", text.describe("Access URL (https, mailto, …); required by ODCS 3.0.")),
        Property("description", text),
        Property("tool", text.describe("email, slack, teams, discord, ticket, googlechat or other.")),
        Property("scope", text.describe("interactive, announcements, issues or notifications.")),
        Property("invitationUrl", text.describe("URL to request access to or subscribe to the channel.")),
        Property("customProperties", customProperties),
    ])

    static let price: Schema = .object([
        Property("id", stableID),
        Property("priceAmount", Schema.number.describe("Price per unit of measure.")),
        Property("priceCurrency", text.describe("Currency of the price.")),
        Property("priceUnit", text.describe("Unit of measure: megabyte, gigabyte, …")),
    ]).describe("Price of the data.")

    static let teamMember: Schema = .object([
        Property("id", stableID),
        Property("username", text.describe("Username or email of the member; required by ODCS 3.1.")),
        Property("name", text),
        Property("description", text),
        Property("role", text.describe("Job role: owner, data steward, …")),
        Property("dateIn", .string(StringRules(format: .date)).describe("Date the member joined the team.")),
        Property("dateOut", .string(StringRules(format: .date)).describe("Date the member left the team.")),
        Property("replacedByUsername", text.describe("Username of who replaced the member.")),
        Property("tags", tags),
        Property("customProperties", customProperties),
        Property("authoritativeDefinitions", authoritativeDefinitions),
    ])

    static let team: Schema = .object([
        Property("id", stableID),
        Property("name", text.describe("Team name.")),
        Property("description", text),
        Property("members", .array(teamMember).describe("Members of the team.")),
        Property("tags", tags),
        Property("customProperties", customProperties),
        Property("authoritativeDefinitions", authoritativeDefinitions),
    ])

    static let slaProperty: Schema = .object([
        Property("id", stableID),
        .required("property", text.describe("SLA property: latency, retention, frequency, generalAvailability, endOfSupport, …")),
        .required("value", Schema.any.describe("Agreed value: a string, number, boolean or null.")),
        Property("valueExt", Schema.any.describe("Extended value: a string, number, boolean or null.")),
        Property("unit", text.describe("Unit of the value: d, day, days, y, yr, years, …")),
        Property("element", text.describe("Element(s) the SLA applies to, object.property.")),
        Property("driver", text.describe("Why the SLA matters: regulatory, analytics or operational.")),
        Property("description", text),
        Property("scheduler", text.describe("Scheduler that checks the SLA, such as cron.")),
        Property("schedule", text.describe("Schedule of the check, such as 0 20 * * *.")),
    ])
}

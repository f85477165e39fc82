import DappCore

enum OperationalStoreSchema {
    static let index: Schema = .object([
        .required("name", .string(StringRules(minLength: 1))),
        .required("columns", .array(.string(StringRules(minLength: 1)), minItems: 1)),
        Property("unique", .boolean),
    ])

    static let spec: Schema = .object([
        .required(
            "engine",
            Schema.enumeration(["tidb", "mysql", "postgres", "sqlite"]).describe("Database engine; selects the SQL dialect and adapter.")),
        .required("target", CommonSchemas.targetName),
        .required("database", .string(StringRules(minLength: 1)).describe("Database (schema) that holds the tables.")),
        .required(
            "tables",
            .array(
                .object([
                    .required("fromContract", CommonSchemas.contractObjectRef.describe("Contract object the table is made from.")),
                    Property(
                        "name", .string(StringRules(minLength: 1)).describe("Table name; the object's physicalName or name when omitted.")),
                    Property("indexes", .array(index)),
                ]), minItems: 1)),
    ])

    static let document = CommonSchemas.document(kind: .operationalStore, spec: spec)
}

enum AnalyticsTableSchema {
    static let spec: Schema = .object([
        .required(
            "engine",
            Schema.enumeration(["doris", "hudi"]).describe(
                "doris for a native Doris table; hudi for a Hudi table read through a Doris catalog.")),
        .required("target", CommonSchemas.targetName),
        .required("database", .string(StringRules(minLength: 1))),
        .required("fromContract", CommonSchemas.contractObjectRef),
        Property("table", .string(StringRules(minLength: 1)).describe("Table name; the object's name when omitted.")),
        Property("keyModel", Schema.enumeration(["duplicate", "aggregate", "unique"]).describe("Doris data model.")),
        Property("keyColumns", .array(.string(StringRules(minLength: 1)))),
        Property(
            "distribution",
            .object([
                .required("type", Schema.enumeration(["hash", "random"])),
                Property("columns", .array(.string(StringRules(minLength: 1)))),
                Property(
                    "buckets", .oneOf([.integer(min: 1, max: 1024), Schema.enumeration(["auto"])]).describe("Bucket count, or auto.")),
            ])),
        Property(
            "partitions",
            .object([
                .required("type", Schema.enumeration(["range", "list"])),
                .required("column", .string(StringRules(minLength: 1))),
                Property(
                    "dynamic",
                    .object([
                        .required("timeUnit", Schema.enumeration(["HOUR", "DAY", "WEEK", "MONTH", "YEAR"])),
                        Property("start", .integer(max: 0)),
                        Property("end", .integer(min: 0)),
                    ])),
            ])),
        Property("properties", .map(.string()).describe("Doris table properties, e.g. replication_num.")),
        Property(
            "hudi",
            .object([
                .required("catalog", .string(StringRules(minLength: 1))),
                Property("tableType", Schema.enumeration(["COPY_ON_WRITE", "MERGE_ON_READ"])),
                Property("recordKey", .array(.string(StringRules(minLength: 1)))),
                Property("precombineField", .string()),
            ]).describe("Hudi table options (engine hudi).")),
    ])

    static let document = CommonSchemas.document(kind: .analyticsTable, spec: spec)
}

enum ObjectBucketSchema {
    static let spec: Schema = .object([
        .required("target", CommonSchemas.targetName),
        .required("bucket", .string(StringRules(minLength: 3)).describe("S3 bucket name: 3–63 lowercase letters, digits, '.' and '-'.")),
        Property("versioning", .boolean),
        Property(
            "encryption",
            .object([
                .required("type", Schema.enumeration(["SSE-S3", "SSE-KMS", "none"])),
                Property("kmsKeyId", .string()),
            ]).describe("Encryption at rest.")),
        Property("publicAccess", .boolean.describe("Whether anonymous reads are allowed. Default false.")),
        Property(
            "retention",
            .object([
                .required("days", .integer(min: 1, max: 36_500)),
                Property("mode", Schema.enumeration(["GOVERNANCE", "COMPLIANCE"])),
            ]).describe("Object lock retention.")),
        Property(
            "lifecycle",
            .array(
                .object([
                    .required("id", .string(StringRules(minLength: 1))),
                    Property("prefix", .string()),
                    Property("expirationDays", .integer(min: 1)),
                    Property(
                        "transitions",
                        .array(
                            .object([
                                .required("days", .integer(min: 0)),
                                .required("storageClass", .string(StringRules(minLength: 1))),
                            ]))),
                ]))),
        Property("tags", .map(.string())),
    ])

    static let document = CommonSchemas.document(kind: .objectBucket, spec: spec)
}

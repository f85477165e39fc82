import DappCore

enum PipelineSchema {
    static let spec: Schema = .object([
        .required("mode", Schema.enumeration(["stream", "batch"])),
        .required("engine", Schema.enumeration(["arroyo", "estuary"])),
        .required(
            "sources",
            .array(
                .object([
                    .required("port", CommonSchemas.portName.describe("Input port of this product to read from."))
                ]), minItems: 1)),
        .required(
            "sinks",
            .array(
                .object([
                    .required("port", CommonSchemas.portName.describe("Output port of this product to write to."))
                ]), minItems: 1)),
        Property(
            "transform",
            .object([
                .required(
                    "sql", Schema.string(StringRules(format: .relativePath)).describe("SQL file, relative to the product folder (sql/…)."))
            ])),
        Property("parallelism", .integer(min: 1, max: 1024)),
        Property("checkpointInterval", Schema.string(StringRules(format: .duration))),
    ])

    static let document = CommonSchemas.document(kind: .pipeline, spec: spec)
}

enum WorkflowSchema {
    static let spec: Schema = .object([
        .required("target", CommonSchemas.targetName.describe("Temporal target in dappmesh.yaml.")),
        .required("workflowType", .string(StringRules(minLength: 1))),
        .required("taskQueue", .string(StringRules(minLength: 1))),
        .required(
            "schedule",
            .object([
                Property("cron", .string(StringRules(minLength: 1)).describe("Cron expression (5 fields).")),
                Property("interval", Schema.string(StringRules(format: .duration))),
                Property("timezone", .string()),
                Property("paused", .boolean),
                Property(
                    "overlapPolicy",
                    Schema.enumeration(["SKIP", "BUFFER_ONE", "BUFFER_ALL", "CANCEL_OTHER", "TERMINATE_OTHER", "ALLOW_ALL"])),
            ]).describe("When the workflow runs: cron or interval.")),
        Property(
            "steps",
            .array(
                .object([
                    .required("name", Schema.dnsLabel),
                    Property("pipeline", Schema.dnsLabel.describe("A Pipeline of this product to run.")),
                    Property("activity", .string(StringRules(minLength: 1)).describe("A Temporal activity type to run.")),
                    Property("dependsOn", .array(Schema.dnsLabel).describe("Steps that must finish first.")),
                ])
            ).describe("The DAG the workflow runs.")),
        Property(
            "triggers",
            .array(
                .object([
                    .required(
                        "onPort",
                        .object([
                            .required("product", Schema.string(StringRules(format: .productRef))),
                            .required("port", CommonSchemas.portName),
                        ]))
                ])
            ).describe("Start a run when a consumed port publishes new data.")),
    ])

    static let document = CommonSchemas.document(kind: .workflow, spec: spec)
}

import DappCore

enum AccessPolicySchema {
    static let privileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "ALL", "READ", "WRITE", "CONSUME"]

    static let spec: Schema = .object([
        Property(
            "principals",
            .array(
                .object([
                    .required("name", Schema.dnsLabel),
                    .required("type", Schema.enumeration(["user", "group", "serviceAccount"])),
                    Property("credentials", .secretRef.describe("Where the principal's credential comes from.")),
                ]))),
        Property(
            "roles",
            .array(
                .object([
                    .required("name", Schema.dnsLabel),
                    .required(
                        "grants",
                        .array(
                            .object([
                                .required("privileges", .array(Schema.enumeration(privileges), minItems: 1)),
                                .required(
                                    "on",
                                    .object([
                                        Property("store", Schema.dnsLabel.describe("An OperationalStore of this product.")),
                                        Property("table", .string(StringRules(minLength: 1))),
                                        Property("bucket", Schema.dnsLabel.describe("An ObjectBucket of this product.")),
                                        Property("prefix", .string()),
                                        Property("port", CommonSchemas.portName.describe("An output port of this product.")),
                                    ]).describe("The resource granted on: a store table, a bucket prefix or an output port.")),
                            ]), minItems: 1)),
                ]))),
        Property(
            "bindings",
            .array(
                .object([
                    .required("role", Schema.dnsLabel),
                    .required("principals", .array(.string(StringRules(minLength: 1)), minItems: 1)),
                ]))),
        Property(
            "network",
            .object([
                Property("defaultDeny", .boolean),
                Property(
                    "allowFrom",
                    .array(
                        .object([
                            .required("product", Schema.string(StringRules(format: .productRef)))
                        ]))),
            ]).describe("NetworkPolicy for the product namespace.")),
        Property(
            "certificates",
            .array(
                .object([
                    .required("name", Schema.dnsLabel),
                    .required("dnsNames", .array(.string(StringRules(minLength: 1)), minItems: 1)),
                    .required(
                        "issuerRef",
                        .object([
                            .required("name", .string(StringRules(minLength: 1))),
                            Property("kind", Schema.enumeration(["Issuer", "ClusterIssuer"])),
                        ])),
                    Property("duration", Schema.string(StringRules(format: .duration))),
                    Property("renewBefore", Schema.string(StringRules(format: .duration))),
                ])
            ).describe("cert-manager Certificates.")),
        Property(
            "secrets",
            .array(
                .object([
                    .required("name", Schema.dnsLabel),
                    .required("value", .secretRef),
                ])
            ).describe("Secrets the product's workloads mount, by reference only.")),
    ])

    static let document = CommonSchemas.document(kind: .accessPolicy, spec: spec)
}

enum DappPolicySchema {
    static let spec: Schema = .object([
        Property("description", .string()),
        .required(
            "matchKinds",
            .array(Schema.enumeration(SpecKind.allCases.map(\.rawValue)), minItems: 1).describe("Kinds the policy applies to.")),
        Property(
            "failurePolicy", Schema.enumeration(["Fail", "Ignore"]).describe("Fail (default): an evaluation error counts as a violation.")),
        Property("params", .map(.any)),
        Property(
            "variables",
            .array(
                .object([
                    .required("name", .string(StringRules(minLength: 1))),
                    .required("expression", .string(StringRules(minLength: 1)).describe("CEL expression, available as variables.<name>.")),
                ]))),
        .required(
            "validations",
            .array(
                .object([
                    .required("expression", .string(StringRules(minLength: 1)).describe("CEL expression that must be true.")),
                    Property("message", .string()),
                    Property("messageExpression", .string()),
                    Property("reason", .string()),
                    Property("severity", Schema.enumeration(["error", "warning"])),
                    Property("id", .string(StringRules(minLength: 1)).describe("Rule id reported with violations.")),
                    Property(
                        "fieldPath",
                        .string(StringRules(minLength: 1)).describe(
                            "Field a violation points at, e.g. spec.publicAccess or .spec.roles[0].")),
                ]), minItems: 1)),
    ])

    static let document = CommonSchemas.document(kind: .dappPolicy, spec: spec, namespaceRequired: false)
}

enum DappPolicyExceptionSchema {
    static let spec: Schema = .object([
        .required("policies", .array(.string(StringRules(minLength: 1)), minItems: 1).describe("Names of the waived policies.")),
        .required(
            "resources",
            .array(
                .object([
                    .required("kind", Schema.enumeration(SpecKind.allCases.map(\.rawValue))),
                    .required("domain", .string(StringRules(minLength: 1))),
                    .required("name", .string(StringRules(minLength: 1)).describe("Name, '*' wildcards allowed.")),
                ]), minItems: 1)),
        .required("owner", .string(StringRules(minLength: 1))),
        .required("reason", .string(StringRules(minLength: 1))),
        Property("created", Schema.string(StringRules(format: .date))),
        .required("expires", Schema.string(StringRules(format: .date)).describe("At most 90 days after creation.")),
    ])

    static let document = CommonSchemas.document(kind: .dappPolicyException, spec: spec, namespaceRequired: false)
}

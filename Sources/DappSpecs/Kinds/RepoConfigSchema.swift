import DappCore

/// `dappmesh.yaml` at the repository root.
public enum RepoConfigSchema {
    public static let kind = "DappMeshConfig"

    static let target: Schema = .object([
        .required("name", Schema.dnsLabel),
        .required(
            "type", Schema.enumeration(["tidb", "mysql", "postgres", "sqlite", "doris", "s3", "localdir", "temporal", "kubernetes"])),
        Property("endpoint", .string(StringRules(minLength: 1)).describe("URL or host:port of the service.")),
        Property("path", .string(StringRules(minLength: 1)).describe("File or folder for sqlite and localdir targets.")),
        Property("region", .string()),
        Property("namespace", .string().describe("Temporal namespace.")),
        Property(
            "tls",
            .object([
                Property("caFile", .string()),
                Property("insecureSkipVerify", .boolean),
            ])),
        Property("credentials", .map(.secretRef).describe("Credential fields (username, password, accessKey, …), each a secretRef.")),
    ])

    public static let document: Schema = .object([
        .required("apiVersion", Schema.enumeration([SpecKind.apiVersion])),
        .required("kind", Schema.enumeration([kind])),
        Property("metadata", .object([Property("name", Schema.dnsLabel)])),
        .required(
            "spec",
            .object([
                Property(
                    "statusBranch",
                    .string(StringRules(minLength: 1)).describe("Branch status is committed to; dappmesh/status by default.")),
                Property("requireSignedCommits", .boolean),
                Property(
                    "limits",
                    .object([
                        Property("maxFileBytes", .integer(min: 1024, max: 64 << 20))
                    ])),
                Property(
                    "defaults",
                    .object([
                        Property("compatibility", Schema.enumeration(CommonSchemas.compatibilityModes)),
                        Property("target", CommonSchemas.targetName),
                    ])),
                Property("targets", .array(target)),
                Property(
                    "policies",
                    .object([
                        Property(
                            "bundles",
                            .array(Schema.enumeration(RepoConfig.defaultPolicyBundles)).describe(
                                "Built-in policy bundles to run; security and contract when absent, none with []."))
                    ])),
            ])),
    ])
}

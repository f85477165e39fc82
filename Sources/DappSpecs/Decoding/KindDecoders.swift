import DappCore
import DappYAML

/// Validated nodes → typed specs, one function per kind. Total functions: schema validation has
/// already rejected every shape they would not understand.
enum KindDecoders {
    static func meta(_ root: YAMLNode) -> ObjectMeta {
        let metadata = root["metadata"]
        return ObjectMeta(
            name: metadata?.text("name") ?? "", namespace: metadata?.text("namespace") ?? "",
            labels: metadata?.stringMap("labels") ?? [:], annotations: metadata?.stringMap("annotations") ?? [:])
    }

    static func product(_ spec: YAMLNode) -> ProductSpec {
        ProductSpec(
            owners: spec.texts("owners"),
            description: spec.text("description"),
            lifecycle: spec.text("lifecycle").flatMap(Lifecycle.init(rawValue:)) ?? .active,
            sunset: spec.text("sunset"),
            classification: spec.text("classification").flatMap(Classification.init(rawValue:)),
            tags: spec.texts("tags"),
            inputPorts: spec.list("inputPorts").compactMap { port in
                guard let from = port["from"], let product = from.productRef("product"), let name = from.located("port") else { return nil }
                return ProductSpec.InputPort(
                    name: port.text("name") ?? "", product: product, port: name, description: port.text("description"),
                    location: port.location)
            },
            outputPorts: spec.list("outputPorts").compactMap { port in
                guard let contract = port.located("contract") else { return nil }
                return ProductSpec.OutputPort(
                    name: port.text("name") ?? "", contract: contract,
                    compatibility: port.text("compatibility").flatMap(CompatibilityMode.init(rawValue:)),
                    description: port.text("description"), location: port.location)
            },
            dependsOn: spec.productRefs("dependsOn"))
    }

    static func contractObjectRef(_ node: YAMLNode?) -> ContractObjectRef {
        let missing = Located("", at: node?.location ?? SourceLocation(file: ""))
        return ContractObjectRef(port: node?.located("port") ?? missing, object: node?.located("object") ?? missing)
    }

    static func operationalStore(_ spec: YAMLNode) -> OperationalStoreSpec {
        OperationalStoreSpec(
            engine: spec.text("engine").flatMap(SQLEngine.init(rawValue:)) ?? .sqlite,
            target: spec.located("target") ?? Located("", at: spec.location),
            database: spec.text("database") ?? "",
            tables: spec.list("tables").map { table in
                OperationalStoreSpec.Table(
                    fromContract: contractObjectRef(table["fromContract"]), name: table.text("name"),
                    indexes: table.list("indexes").map { index in
                        OperationalStoreSpec.Index(
                            name: index.text("name") ?? "", columns: index.texts("columns"), unique: index.flag("unique") ?? false)
                    })
            })
    }

    static func analyticsTable(_ spec: YAMLNode) -> AnalyticsTableSpec {
        let distribution = spec["distribution"].map { node in
            AnalyticsTableSpec.Distribution(
                type: node.text("type") ?? "hash", columns: node.texts("columns"), buckets: node.integer("buckets"))
        }
        let partitions = spec["partitions"].map { node in
            AnalyticsTableSpec.Partitions(
                type: node.text("type") ?? "range", column: node.text("column") ?? "",
                dynamicTimeUnit: node["dynamic"]?.text("timeUnit"), dynamicStart: node["dynamic"]?.integer("start"),
                dynamicEnd: node["dynamic"]?.integer("end"))
        }
        let hudi = spec["hudi"].map { node in
            AnalyticsTableSpec.Hudi(
                catalog: node.text("catalog") ?? "", tableType: node.text("tableType"), recordKey: node.texts("recordKey"),
                precombineField: node.text("precombineField"))
        }
        return AnalyticsTableSpec(
            engine: spec.text("engine").flatMap(AnalyticsTableSpec.Engine.init(rawValue:)) ?? .doris,
            target: spec.located("target") ?? Located("", at: spec.location),
            database: spec.text("database") ?? "",
            fromContract: contractObjectRef(spec["fromContract"]),
            table: spec.text("table"),
            keyModel: spec.text("keyModel").flatMap(AnalyticsTableSpec.KeyModel.init(rawValue:)),
            keyColumns: spec.texts("keyColumns"),
            distribution: distribution, partitions: partitions,
            properties: spec.stringMap("properties"), hudi: hudi)
    }

    static func objectBucket(_ spec: YAMLNode) -> ObjectBucketSpec {
        ObjectBucketSpec(
            target: spec.located("target") ?? Located("", at: spec.location),
            bucket: spec.located("bucket") ?? Located("", at: spec.location),
            versioning: spec.flag("versioning") ?? false,
            encryption: spec["encryption"].map {
                ObjectBucketSpec.Encryption(type: $0.text("type") ?? "none", kmsKeyId: $0.text("kmsKeyId"))
            },
            publicAccess: spec.flag("publicAccess") ?? false,
            retention: spec["retention"].map { ObjectBucketSpec.Retention(days: $0.integer("days") ?? 0, mode: $0.text("mode")) },
            lifecycle: spec.list("lifecycle").map { rule in
                ObjectBucketSpec.LifecycleRule(
                    id: rule.text("id") ?? "", prefix: rule.text("prefix"), expirationDays: rule.integer("expirationDays"),
                    transitions: rule.list("transitions").map {
                        ObjectBucketSpec.LifecycleRule.Transition(
                            days: $0.integer("days") ?? 0, storageClass: $0.text("storageClass") ?? "")
                    })
            },
            tags: spec.stringMap("tags"))
    }

    static func pipeline(_ spec: YAMLNode) -> PipelineSpec {
        PipelineSpec(
            mode: spec.text("mode").flatMap(PipelineSpec.Mode.init(rawValue:)) ?? .batch,
            engine: spec.text("engine").flatMap(PipelineSpec.Engine.init(rawValue:)) ?? .arroyo,
            sources: spec.list("sources").compactMap { $0.located("port") },
            sinks: spec.list("sinks").compactMap { $0.located("port") },
            transformSQL: spec["transform"]?.located("sql"),
            parallelism: spec.integer("parallelism"),
            checkpointInterval: spec.text("checkpointInterval"))
    }

    static func workflow(_ spec: YAMLNode) -> WorkflowSpec {
        let scheduleNode = spec["schedule"]
        let schedule = WorkflowSpec.Schedule(
            cron: scheduleNode?.text("cron"), interval: scheduleNode?.text("interval"), timezone: scheduleNode?.text("timezone"),
            paused: scheduleNode?.flag("paused") ?? false, overlapPolicy: scheduleNode?.text("overlapPolicy"),
            location: scheduleNode?.location ?? spec.location)
        return WorkflowSpec(
            target: spec.located("target") ?? Located("", at: spec.location),
            workflowType: spec.text("workflowType") ?? "", taskQueue: spec.text("taskQueue") ?? "",
            schedule: schedule,
            steps: spec.list("steps").map { step in
                WorkflowSpec.Step(
                    name: step.text("name") ?? "", pipeline: step.located("pipeline"), activity: step.text("activity"),
                    dependsOn: step.locatedTexts("dependsOn"), location: step.location)
            },
            triggers: spec.list("triggers").compactMap { trigger in
                guard let onPort = trigger["onPort"], let product = onPort.productRef("product"), let port = onPort.located("port") else {
                    return nil
                }
                return WorkflowSpec.PortTrigger(product: product, port: port)
            })
    }

    static func accessPolicy(_ spec: YAMLNode) -> AccessPolicySpec {
        AccessPolicySpec(
            principals: spec.list("principals").map {
                AccessPolicySpec.Principal(
                    name: $0.text("name") ?? "", type: $0.text("type") ?? "user", credentials: $0.secretRef("credentials"))
            },
            roles: spec.list("roles").map { role in
                AccessPolicySpec.Role(
                    name: role.text("name") ?? "",
                    grants: role.list("grants").map { grant in
                        let on = grant["on"]
                        return AccessPolicySpec.Grant(
                            privileges: grant.texts("privileges"),
                            on: AccessPolicySpec.GrantTarget(
                                store: on?.located("store"), table: on?.located("table"), bucket: on?.located("bucket"),
                                prefix: on?.text("prefix"), port: on?.located("port"), location: on?.location ?? grant.location))
                    })
            },
            bindings: spec.list("bindings").map { binding in
                AccessPolicySpec.Binding(
                    role: binding.located("role") ?? Located("", at: binding.location), principals: binding.locatedTexts("principals"))
            },
            network: spec["network"].map {
                AccessPolicySpec.Network(
                    defaultDeny: $0.flag("defaultDeny"), allowFrom: $0.list("allowFrom").compactMap { $0.productRef("product") })
            },
            certificates: spec.list("certificates").map { cert in
                AccessPolicySpec.Certificate(
                    name: cert.text("name") ?? "", dnsNames: cert.texts("dnsNames"), issuerName: cert["issuerRef"]?.text("name") ?? "",
                    issuerKind: cert["issuerRef"]?.text("kind"), duration: cert.text("duration"), renewBefore: cert.text("renewBefore"))
            },
            secrets: spec.list("secrets").compactMap { secret in
                secret.secretRef("value").map { AccessPolicySpec.SecretMount(name: secret.text("name") ?? "", value: $0) }
            })
    }

    static func dappPolicy(_ spec: YAMLNode) -> DappPolicySpec {
        DappPolicySpec(
            description: spec.text("description"),
            matchKinds: spec.texts("matchKinds").compactMap(SpecKind.init(rawValue:)),
            failurePolicy: spec.text("failurePolicy").flatMap(DappPolicySpec.FailurePolicy.init(rawValue:)) ?? .fail,
            params: spec["params"]?.specValue,
            variables: spec.list("variables").compactMap { v in
                v.embeddedSource("expression").map { DappPolicySpec.Variable(name: v.text("name") ?? "", expression: $0) }
            },
            validations: spec.list("validations").compactMap { (v: YAMLNode) -> DappPolicySpec.Validation? in
                guard let expression = v.embeddedSource("expression") else { return nil }
                return DappPolicySpec.Validation(
                    id: v.text("id"), expression: expression, message: v.text("message"),
                    messageExpression: v.embeddedSource("messageExpression"), reason: v.text("reason"),
                    severity: v.text("severity") == "warning" ? .warning : .error,
                    fieldPath: v.text("fieldPath").flatMap(DocumentPath.init(parsing:)),
                    location: v.location)
            })
    }

    static func dappPolicyException(_ spec: YAMLNode) -> DappPolicyExceptionSpec {
        DappPolicyExceptionSpec(
            policies: spec.locatedTexts("policies"),
            resources: spec.list("resources").compactMap { r in
                guard let kind = r.text("kind").flatMap(SpecKind.init(rawValue:)) else { return nil }
                return DappPolicyExceptionSpec.ResourceSelector(kind: kind, domain: r.text("domain") ?? "", name: r.text("name") ?? "")
            },
            owner: spec.text("owner") ?? "", reason: spec.text("reason") ?? "", created: spec.text("created"),
            expires: spec.located("expires") ?? Located("", at: spec.location))
    }

    static func repoConfig(_ root: YAMLNode) -> RepoConfig {
        let spec = root["spec"]
        return RepoConfig(
            name: root["metadata"]?.text("name"),
            statusBranch: spec?.text("statusBranch") ?? RepoConfig.defaultStatusBranch,
            requireSignedCommits: spec?.flag("requireSignedCommits") ?? false,
            maxFileBytes: spec?["limits"]?.integer("maxFileBytes"),
            defaultCompatibility: spec?["defaults"]?.text("compatibility").flatMap(CompatibilityMode.init(rawValue:)) ?? .backward,
            defaultTarget: spec?["defaults"]?.text("target"),
            targets: (spec?.list("targets") ?? []).compactMap { t in
                guard let type = t.text("type").flatMap(RepoConfig.Target.TargetType.init(rawValue:)) else { return nil }
                var credentials: [String: SecretRef] = [:]
                for pair in t["credentials"]?.mapping ?? [] {
                    if let key = pair.key.scalar?.text, let ref = pair.value.secretRef() { credentials[key] = ref }
                }
                return RepoConfig.Target(
                    name: t.text("name") ?? "", type: type, endpoint: t.text("endpoint"), path: t.text("path"), region: t.text("region"),
                    namespace: t.text("namespace"), caFile: t["tls"]?.text("caFile"),
                    insecureSkipVerify: t["tls"]?.flag("insecureSkipVerify") ?? false,
                    credentials: credentials, location: t.location)
            },
            policyBundles: spec?["policies"]?["bundles"] != nil
                ? spec?["policies"]?.texts("bundles") ?? [] : RepoConfig.defaultPolicyBundles)
    }
}

import DappCore

/// CustomResourceDefinitions (apiextensions.k8s.io/v1) for every kind, generated from the same
/// `Schema` that `validate` enforces.
public enum CRDGenerator {
    public struct Names: Sendable {
        public var plural: String
        public var singular: String
        public var shortNames: [String]
    }

    public static func names(of kind: SpecKind) -> Names {
        switch kind {
        case .dappProduct: Names(plural: "dappproducts", singular: "dappproduct", shortNames: ["dp"])
        case .dataContract: Names(plural: "datacontracts", singular: "datacontract", shortNames: ["dc"])
        case .operationalStore: Names(plural: "operationalstores", singular: "operationalstore", shortNames: ["ostore"])
        case .analyticsTable: Names(plural: "analyticstables", singular: "analyticstable", shortNames: ["atable"])
        case .objectBucket: Names(plural: "objectbuckets", singular: "objectbucket", shortNames: ["obucket"])
        case .pipeline: Names(plural: "pipelines", singular: "pipeline", shortNames: ["dpipe"])
        case .workflow: Names(plural: "workflows", singular: "workflow", shortNames: ["dwf"])
        case .accessPolicy: Names(plural: "accesspolicies", singular: "accesspolicy", shortNames: ["dap"])
        case .dappPolicy: Names(plural: "dapppolicies", singular: "dapppolicy", shortNames: ["dpol"])
        case .dappPolicyException: Names(plural: "dapppolicyexceptions", singular: "dapppolicyexception", shortNames: ["dpolex"])
        }
    }

    /// The CRD's file name under config/crd/.
    public static func fileName(of kind: SpecKind) -> String {
        "\(names(of: kind).plural).\(SpecKind.group).yaml"
    }

    /// Every CRD, in a stable order.
    public static func all() -> [(kind: SpecKind, crd: SpecValue)] {
        SpecKind.allCases.sorted().map { ($0, crd(for: $0)) }
    }

    public static func crd(for kind: SpecKind) -> SpecValue {
        let names = names(of: kind)
        // DataContract has no envelope: the whole ODCS document is the CR's spec.
        let spec = KindSchemas.spec(for: kind) ?? KindSchemas.document(for: kind)
        let root: SpecValue = .map([
            e("type", .string("object")),
            e("description", .string(kindDescription(kind))),
            e(
                "properties",
                .map([
                    e("apiVersion", .map([e("type", .string("string"))])),
                    e("kind", .map([e("type", .string("string"))])),
                    e("metadata", .map([e("type", .string("object"))])),
                    e("spec", openAPI(spec)),
                    e(
                        "status",
                        .map([
                            e("type", .string("object")),
                            e("description", .string("Written by dappctl: observed revision, conditions, per-resource results.")),
                            e("x-kubernetes-preserve-unknown-fields", .bool(true)),
                        ])),
                ])),
            e("required", .list([.string("spec")])),
        ])
        return .map([
            e("apiVersion", .string("apiextensions.k8s.io/v1")),
            e("kind", .string("CustomResourceDefinition")),
            e(
                "metadata",
                .map([
                    e("name", .string("\(names.plural).\(SpecKind.group)")),
                    e("labels", .map([e("app.kubernetes.io/part-of", .string("dappmesh"))])),
                ])),
            e(
                "spec",
                .map([
                    e("group", .string(SpecKind.group)),
                    e(
                        "names",
                        .map([
                            e("kind", .string(kind.rawValue)),
                            e("listKind", .string("\(kind.rawValue)List")),
                            e("plural", .string(names.plural)),
                            e("singular", .string(names.singular)),
                            e("shortNames", .list(names.shortNames.map(SpecValue.string))),
                            e("categories", .list([.string("dappmesh")])),
                        ])),
                    e("scope", .string("Namespaced")),
                    e(
                        "versions",
                        .list([
                            .map([
                                e("name", .string(SpecKind.version)),
                                e("served", .bool(true)),
                                e("storage", .bool(true)),
                                e("schema", .map([e("openAPIV3Schema", root)])),
                                e("subresources", .map([e("status", .map([]))])),
                                e(
                                    "additionalPrinterColumns",
                                    .list([
                                        .map([
                                            e("name", .string("Ready")), e("type", .string("string")),
                                            e("jsonPath", .string(".status.conditions[?(@.type==\"Ready\")].status")),
                                        ]),
                                        .map([
                                            e("name", .string("Age")), e("type", .string("date")),
                                            e("jsonPath", .string(".metadata.creationTimestamp")),
                                        ]),
                                    ])),
                            ])
                        ])),
                ])),
        ])
    }

    private static func kindDescription(_ kind: SpecKind) -> String {
        switch kind {
        case .dappProduct: "A data product: owners, lifecycle, input and output ports with contracts, dependencies."
        case .dataContract: "An ODCS v3 data contract; spec holds the whole ODCS document."
        case .operationalStore: "Operational SQL tables (TiDB, MySQL, PostgreSQL, SQLite) made from contract objects."
        case .analyticsTable: "An Apache Doris table, or a Hudi table read through a Doris catalog."
        case .objectBucket: "An S3 bucket with versioning, encryption, retention and lifecycle."
        case .pipeline: "A stream or batch pipeline between the product's ports, with a SQL transform."
        case .workflow: "A Temporal schedule running a DAG of steps."
        case .accessPolicy: "Principals, roles, grants, network policy, certificates and secret references of a product."
        case .dappPolicy: "CEL validation rules evaluated by the dappctl policy gate."
        case .dappPolicyException: "A time-limited waiver of policies for named resources."
        }
    }

    static func e(_ key: String, _ value: SpecValue) -> SpecValue.Entry { SpecValue.Entry(key: key, value: value) }

    /// A `Schema` as a structural OpenAPI v3 schema (every node typed, or marked to keep unknown
    /// fields, as Kubernetes requires).
    static func openAPI(_ schema: Schema) -> SpecValue {
        var entries: [SpecValue.Entry] = []
        var description: String?
        var current = schema
        while case .described(let inner, let text) = current {
            description = description ?? text
            current = inner
        }
        switch current {
        case .string(let rules):
            entries.append(e("type", .string("string")))
            if let allowed = rules.allowed { entries.append(e("enum", .list(allowed.map(SpecValue.string)))) }
            switch rules.format {
            case .dnsLabel?:
                entries.append(e("maxLength", .int(63)))
                entries.append(e("pattern", .string("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")))
            case .productRef?:
                entries.append(e("pattern", .string("^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?$")))
            case .semver?:
                entries.append(
                    e("pattern", .string("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$")))
            case .date?:
                entries.append(e("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}")))
            case .duration?:
                entries.append(e("pattern", .string("^([0-9]+[smhdwy]|P[0-9]+D)$")))
            case .relativePath?, .email?, nil:
                break
            }
            if let minLength = rules.minLength { entries.append(e("minLength", .int(minLength))) }
        case .integer(let min, let max):
            entries.append(e("type", .string("integer")))
            if let min { entries.append(e("minimum", .int(min))) }
            if let max { entries.append(e("maximum", .int(max))) }
        case .number:
            entries.append(e("type", .string("number")))
        case .boolean:
            entries.append(e("type", .string("boolean")))
        case .object(let object):
            entries.append(e("type", .string("object")))
            if !object.properties.isEmpty {
                entries.append(e("properties", .map(object.properties.map { e($0.name, openAPI($0.schema)) })))
            }
            let required = object.properties.filter(\.required).map { SpecValue.string($0.name) }
            if !required.isEmpty { entries.append(e("required", .list(required))) }
            if object.additionalProperties { entries.append(e("x-kubernetes-preserve-unknown-fields", .bool(true))) }
        case .array(let items, let minItems):
            entries.append(e("type", .string("array")))
            entries.append(e("items", openAPI(items)))
            if let minItems { entries.append(e("minItems", .int(minItems))) }
        case .map(let values):
            entries.append(e("type", .string("object")))
            entries.append(e("additionalProperties", openAPI(values)))
        case .secretRef:
            return withDescription(openAPI(SecretRefSchema.schema), description)
        case .oneOf(let options):
            let bases = options.map(\.base)
            let intOrString =
                bases.count == 2 && bases.contains { if case .integer = $0 { true } else { false } }
                && bases.contains { if case .string = $0 { true } else { false } }
            entries.append(e(intOrString ? "x-kubernetes-int-or-string" : "x-kubernetes-preserve-unknown-fields", .bool(true)))
        case .scalar, .any:
            entries.append(e("x-kubernetes-preserve-unknown-fields", .bool(true)))
        case .described:
            break
        }
        return withDescription(.map(entries), description)
    }

    private static func withDescription(_ value: SpecValue, _ description: String?) -> SpecValue {
        guard let description, case .map(var entries) = value else { return value }
        entries.insert(e("description", .string(description)), at: 0)
        return .map(entries)
    }
}

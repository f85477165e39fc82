import DappCore

/// Schema pieces shared by several kinds.
public enum CommonSchemas {
    /// `metadata` of every dappmesh.io document. `namespace` is the product's domain.
    public static func metadata(namespaceRequired: Bool) -> Schema {
        .object([
            .required(
                "name", Schema.dnsLabel.describe("Name, a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters.")),
            Property(
                "namespace", Schema.dnsLabel.describe("The product's domain (the Kubernetes namespace)."), required: namespaceRequired),
            Property("labels", .map(.string()).describe("Labels copied onto every Kubernetes object made from this resource.")),
            Property("annotations", .map(.string()).describe("Free-form annotations.")),
        ])
    }

    /// The envelope of a dappmesh.io document around its `spec`.
    public static func document(kind: SpecKind, spec: Schema, namespaceRequired: Bool = true) -> Schema {
        .object([
            .required("apiVersion", Schema.enumeration([SpecKind.apiVersion]).describe("Always \(SpecKind.apiVersion).")),
            .required("kind", Schema.enumeration([kind.rawValue])),
            .required("metadata", metadata(namespaceRequired: namespaceRequired)),
            .required("spec", spec),
        ])
    }

    /// Names an output or input port of a product.
    public static let portName: Schema = Schema.dnsLabel.describe("Port name, a DNS-1123 label.")

    /// `{port, object}`: an object of the contract published on one of this product's output ports.
    public static let contractObjectRef: Schema = .object([
        .required("port", portName.describe("Output port of this product whose contract holds the object.")),
        .required("object", .string(StringRules(minLength: 1)).describe("Name of the schema object in that contract.")),
    ])

    public static let compatibilityModes = [
        "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE",
    ]

    public static let classifications = ["public", "internal", "confidential", "restricted"]

    /// Names a target of dappmesh.yaml (a database, object store or Temporal endpoint).
    public static let targetName: Schema = Schema.dnsLabel.describe(
        "A target named in dappmesh.yaml; credentials live there, as secret references.")
}

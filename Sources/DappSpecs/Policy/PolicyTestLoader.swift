import DappCore
import DappYAML

/// Reads policy unit test files (`policies/tests/*.yaml`, kind DappPolicyTest).
///
/// ```yaml
/// apiVersion: dappmesh.io/v1alpha1
/// kind: DappPolicyTest
/// metadata: {name: buckets}
/// spec:
///   policies: [security-buckets]     # optional: the policies under test (all when absent)
///   today: 2026-11-26                # optional: the date waivers are evaluated at
///   cases:
///     - name: a public bucket is flagged
///       object: {apiVersion: …, kind: ObjectBucket, metadata: …, spec: …}
///       product: {…}                 # optional: its DappProduct
///       resources: [{…}]             # optional: the rest of its product folder
///       oldObject: {…}               # optional: the resource at the base revision
///       expect: [security/bucket-not-public]   # every rule that must fire; [] for none
/// ```
public enum PolicyTestLoader {
    public static let kind = "DappPolicyTest"

    static let schema: Schema = .object([
        .required("apiVersion", Schema.enumeration([SpecKind.apiVersion])),
        .required("kind", Schema.enumeration([kind])),
        .required("metadata", .object([.required("name", .string(StringRules(minLength: 1)))])),
        .required(
            "spec",
            .object([
                Property("policies", .array(.string(StringRules(minLength: 1)))),
                Property("today", Schema.string(StringRules(format: .date))),
                .required(
                    "cases",
                    .array(
                        .object([
                            .required("name", .string(StringRules(minLength: 1))),
                            .required("object", .map(.any)),
                            Property("product", .map(.any)),
                            Property("resources", .array(.map(.any))),
                            Property("oldObject", .map(.any)),
                            .required(
                                "expect", .array(.string(StringRules(minLength: 1))).describe("Rule ids that must fire; [] for none.")),
                        ]), minItems: 1)),
            ])),
    ])

    /// The test files of a repository: `policies/tests/*.yaml`.
    public static func load(_ tree: some RepoTree, limits: YAMLLimits = .default) throws -> ([PolicyTestSuite], [Diagnostic]) {
        var files: [(path: String, bytes: [UInt8])] = []
        for entry in try tree.entries(under: "policies/tests") where entry.path.hasSuffix(".yaml") || entry.path.hasSuffix(".yml") {
            files.append((entry.path, try tree.read(entry.path)))
        }
        return load(files: files, limits: limits)
    }

    public static func load(files: [(path: String, bytes: [UInt8])], limits: YAMLLimits = .default) -> ([PolicyTestSuite], [Diagnostic]) {
        var suites: [PolicyTestSuite] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let read = YAMLReader.read(file.bytes, file: file.path, limits: limits)
            if !read.errors.isEmpty {
                diagnostics += read.errors.map(\.diagnostic)
                continue
            }
            for document in read.documents where !document.isNull {
                var validator = SchemaValidator(subject: kind)
                validator.validate(document, against: schema, path: .root)
                diagnostics += validator.diagnostics
                guard !validator.diagnostics.hasErrors else { continue }
                if let suite = decode(document, diagnostics: &diagnostics) { suites.append(suite) }
            }
        }
        return (suites, diagnostics.sorted())
    }

    static func decode(_ root: YAMLNode, diagnostics: inout [Diagnostic]) -> PolicyTestSuite? {
        guard let spec = root["spec"] else { return nil }
        var cases: [PolicyTestSuite.Case] = []
        for node in spec.list("cases") {
            guard let objectNode = node["object"], let subject = subject(objectNode, product: node["product"], diagnostics: &diagnostics)
            else { continue }
            var related: [PolicySubject] = []
            if let productNode = node["product"], subject.id.kind != .dappProduct,
                let product = self.subject(productNode, product: nil, diagnostics: &diagnostics)
            {
                related.append(PolicySubject(id: product.id, product: subject.product, location: product.location, object: product.object))
            }
            for resource in node.list("resources") {
                guard let other = self.subject(resource, product: node["product"], diagnostics: &diagnostics) else { continue }
                related.append(PolicySubject(id: other.id, product: subject.product, location: other.location, object: other.object))
            }
            cases.append(
                PolicyTestSuite.Case(
                    name: node.text("name") ?? "", location: node.location, subject: subject, related: related,
                    oldObject: node["oldObject"]?.policyValue, expect: node.locatedTexts("expect"),
                    expectLocation: node["expect"]?.location ?? node.location))
        }
        return PolicyTestSuite(
            name: root["metadata"]?.text("name") ?? "", location: root.location, policies: spec.locatedTexts("policies"),
            today: spec.text("today").flatMap(CalendarDate.init(parsing:)), cases: cases)
    }

    /// A resource written inline in a test: its kind, name and domain as the loader would read them.
    static func subject(_ node: YAMLNode, product: YAMLNode?, diagnostics: inout [Diagnostic]) -> PolicySubject? {
        guard let kindText = node.text("kind"), let kind = SpecKind(rawValue: kindText) else {
            let known = SpecKind.allCases.map(\.rawValue)
            diagnostics.append(
                .error(
                    .policyTestInvalid, "a test resource needs a kind dappctl knows, not '\(node.text("kind") ?? "")'",
                    at: node["kind"]?.location ?? node.location,
                    hint: node.text("kind").flatMap { Suggestion.hint(for: $0, in: known) } ?? "kinds: \(known.joined(separator: ", "))"))
            return nil
        }
        let domain = node["metadata"]?.text("namespace") ?? node.text("domain") ?? "test"
        let name = node["metadata"]?.text("name") ?? node.text("name") ?? node.text("id") ?? "test"
        let productName = kind == .dappProduct ? name : product?["metadata"]?.text("name") ?? node.text("dataProduct") ?? "test"
        let productDomain = product?["metadata"]?.text("namespace") ?? domain
        return PolicySubject(
            id: ResourceID(kind: kind, domain: domain, name: name), product: ProductRef(domain: productDomain, name: productName),
            location: node.location, object: node.policyValue, locator: NodeLocator(root: node))
    }
}

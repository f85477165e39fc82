import DappCore
import DappYAML

/// Reads one YAML file of the repository: YAML, then each document's kind, schema and typed form.
struct DocumentDecoder {
    let path: String
    let place: FilePlace
    /// How much of each decoded product resource as written to keep, for the policy gate.
    let retention: ObjectRetention
    /// Validate contracts against the ODCS schema and rules before decoding them.
    let checksContracts: Bool
    var outcome: FileOutcome

    init(path: String, place: FilePlace, reading: FileReading) {
        self.path = path
        self.place = place
        self.retention = reading.retention
        self.checksContracts = reading.checksContracts
        self.outcome = FileOutcome(place: place)
    }

    static func decode(path: String, place: FilePlace, bytes: [UInt8], reading: FileReading) -> FileOutcome {
        var decoder = DocumentDecoder(path: path, place: place, reading: reading)
        decoder.outcome.bytes = bytes.count
        let file = YAMLReader.read(bytes, file: path, limits: reading.limits)
        if !file.errors.isEmpty {
            // A file that is not sound YAML is not decoded: its errors would only echo.
            decoder.outcome.diagnostics = file.errors.map(\.diagnostic)
            return decoder.outcome
        }
        let documents = file.documents.filter { !$0.isNull }
        if documents.isEmpty {
            decoder.report(
                .error(
                    .yamlEmpty, "file holds no YAML document", at: SourceLocation(file: path, line: 1, column: 1),
                    hint: "delete the file, or add a document with apiVersion, kind, metadata and spec"))
        }
        for document in documents {
            decoder.decodeDocument(document)
        }
        return decoder.outcome
    }

    mutating func report(_ diagnostic: Diagnostic) { outcome.diagnostics.append(diagnostic) }
    mutating func report(_ diagnostics: [Diagnostic]) { outcome.diagnostics += diagnostics }

    private mutating func decodeDocument(_ root: YAMLNode) {
        guard root.mapping != nil else {
            return report(
                .error(
                    .specType, "a spec document must be a mapping with apiVersion, kind, metadata and spec, not \(root.kindDescription)",
                    at: root.location))
        }
        if let marker = root["dataContractSpecification"] {
            guard case .product = place else {
                return report(
                    .error(.specLayout, "data contracts belong in a product folder (products/<domain>/<product>/)", at: marker.location))
            }
            return decodeContract(root)
        }
        guard let kindNode = root["kind"] else {
            return report(
                .error(
                    .specRequired, "document has no 'kind'", at: root.location,
                    hint: "start the document with 'apiVersion: \(SpecKind.apiVersion)' and 'kind: DappProduct' (or another kind)"))
        }
        guard let kindName = kindNode.string else {
            return report(.error(.specType, "'kind' must be a string, not \(kindNode.kindDescription)", at: kindNode.location))
        }
        if kindName == RepoConfigSchema.kind {
            return decodeConfig(root, kindNode: kindNode)
        }
        guard let kind = SpecKind(rawValue: kindName) else {
            let known = SpecKind.allCases.map(\.rawValue) + [RepoConfigSchema.kind]
            let hint =
                Suggestion.hint(for: kindName, in: known)
                ?? "known kinds: \(known.joined(separator: ", "))"
            return report(.error(.specKind, "unknown kind '\(kindName)'", at: kindNode.location, hint: hint))
        }
        guard checkPlace(of: kind, at: kindNode) else { return }
        if kind == .dataContract {
            return decodeContract(root)
        }
        guard checkAPIVersion(root, kind: kind) else { return }
        var validator = SchemaValidator(subject: kind.rawValue)
        validator.validate(root, against: KindSchemas.document(for: kind), path: .root)
        report(validator.diagnostics)
        guard !validator.diagnostics.hasErrors, let spec = root["spec"] else { return }
        let meta = KindDecoders.meta(root)
        guard checkIdentity(kind: kind, meta: meta, root: root) else { return }
        let id = ResourceID(kind: kind, domain: meta.namespace, name: meta.name)
        func doc<Spec>(_ body: Spec) -> SpecDocument<Spec> {
            SpecDocument(id: id, meta: meta, location: root.location, spec: body)
        }
        let loaded: LoadedDocument
        switch kind {
        case .dappProduct: loaded = .product(doc(KindDecoders.product(spec)))
        case .operationalStore: loaded = .operationalStore(doc(KindDecoders.operationalStore(spec)))
        case .analyticsTable: loaded = .analyticsTable(doc(KindDecoders.analyticsTable(spec)))
        case .objectBucket: loaded = .objectBucket(doc(KindDecoders.objectBucket(spec)))
        case .pipeline: loaded = .pipeline(doc(KindDecoders.pipeline(spec)))
        case .workflow: loaded = .workflow(doc(KindDecoders.workflow(spec)))
        case .accessPolicy: loaded = .accessPolicy(doc(KindDecoders.accessPolicy(spec)))
        case .dappPolicy: loaded = .policy(doc(KindDecoders.dappPolicy(spec)))
        case .dappPolicyException: loaded = .exception(doc(KindDecoders.dappPolicyException(spec)))
        case .dataContract: return
        }
        outcome.documents.append(loaded)
        if kind.isProductResource { retain(id, root) }
    }

    /// A wrong apiVersion gets its own rule: it usually means a file from another tool.
    private mutating func checkAPIVersion(_ root: YAMLNode, kind: SpecKind) -> Bool {
        guard let node = root["apiVersion"] else {
            report(
                .error(
                    .specRequired, "missing required field 'apiVersion'", at: root.location,
                    hint: "add 'apiVersion: \(SpecKind.apiVersion)'"))
            return false
        }
        guard node.string == SpecKind.apiVersion else {
            report(
                .error(
                    .specAPIVersion,
                    "apiVersion of \(kind.rawValue) must be '\(SpecKind.apiVersion)', not '\(node.scalar?.text ?? node.kindDescription)'",
                    at: node.location))
            return false
        }
        return true
    }

    /// Product kinds live in product folders, policy kinds under policies/, the config at the root.
    private mutating func checkPlace(of kind: SpecKind, at node: YAMLNode) -> Bool {
        switch (place, kind) {
        case (.product, _) where kind.isProductResource: return true
        case (.policies, .dappPolicy), (.policies, .dappPolicyException): return true
        case (.config, _):
            report(
                .error(
                    .specLayout, "dappmesh.yaml must hold the repo config (kind \(RepoConfigSchema.kind)), not a \(kind.rawValue)",
                    at: node.location))
        case (.product, _):
            report(
                .error(
                    .specLayout, "\(kind.rawValue) belongs in policies/, not in a product folder", at: node.location,
                    hint: "move this document to policies/\(RepoPath.folder(of: path).split(separator: "/").last ?? "x").yaml"))
        case (.policies, _):
            report(
                .error(
                    .specLayout, "\(kind.rawValue) belongs in a product folder (products/<domain>/<product>/), not in policies/",
                    at: node.location))
        }
        return false
    }

    /// namespace = domain folder; a DappProduct is named like its folder and lives in product.yaml.
    private mutating func checkIdentity(kind: SpecKind, meta: ObjectMeta, root: YAMLNode) -> Bool {
        guard case .product(let ref, _) = place else { return true }
        let metadata = root["metadata"]
        if meta.namespace != ref.domain {
            report(
                .error(
                    .specNamespace, "metadata.namespace '\(meta.namespace)' does not match the domain folder '\(ref.domain)'",
                    at: metadata?["namespace"]?.location ?? root.location,
                    hint: "set 'namespace: \(ref.domain)' or move the file to products/\(meta.namespace)/"))
            return false
        }
        if kind == .dappProduct {
            if meta.name != ref.name {
                report(
                    .error(
                        .specLayout, "DappProduct '\(meta.name)' is in the folder of product '\(ref.name)'",
                        at: metadata?["name"]?.location ?? root.location,
                        hint: "name it '\(ref.name)' or rename the folder to products/\(ref.domain)/\(meta.name)"))
                return false
            }
            if !path.hasSuffix("/product.yaml") {
                report(
                    .error(
                        .specLayout, "the DappProduct must be declared in product.yaml", at: root.location,
                        hint: "move it to products/\(ref.domain)/\(ref.name)/product.yaml"))
                return false
            }
        }
        return true
    }

    private mutating func decodeConfig(_ root: YAMLNode, kindNode: YAMLNode) {
        guard place == .config else {
            return report(
                .error(.specLayout, "\(RepoConfigSchema.kind) belongs in dappmesh.yaml at the repository root", at: kindNode.location))
        }
        var validator = SchemaValidator(subject: "dappmesh.yaml")
        validator.validate(root, against: RepoConfigSchema.document, path: .root)
        report(validator.diagnostics)
        guard !validator.diagnostics.hasErrors else { return }
        outcome.documents.append(.config(KindDecoders.repoConfig(root), root.location))
    }

    /// An ODCS or Data Contract Specification document, in its product's folder.
    private mutating func decodeContract(_ root: YAMLNode) {
        let decoded = ContractDocument.decode(root, validating: checksContracts)
        report(decoded.diagnostics)
        guard let contract = decoded.contract else { return }
        addContract(contract, root: root, importedFromDCS: decoded.importedFromDCS)
    }

    private mutating func addContract(_ contract: DataContract, root: YAMLNode, importedFromDCS: Bool) {
        guard case .product(let ref, _) = place else { return }
        let id = ResourceID(kind: .dataContract, domain: ref.domain, name: ContractNaming.name(forFile: path, product: ref.name))
        outcome.documents.append(
            .contract(ContractFile(path: path, id: id, contract: contract, location: root.location, importedFromDCS: importedFromDCS)))
        retain(id, root)
    }

    /// Keeps the resource as written, and where its fields are when findings will be placed on it.
    private mutating func retain(_ id: ResourceID, _ root: YAMLNode) {
        guard retention != .none else { return }
        let object = root.policyValue
        outcome.objects.append(
            RetainedObject(
                id: id, location: root.location, object: object,
                fieldPlaces: retention == .placed ? FieldPlaces(root, object: object) : nil))
    }
}

/// A contract's resource name is `<product>.<file stem>` (`sales/orders/orders.odcs.yaml` →
/// `orders.orders`): ODCS ids are often UUIDs and names free text, while a file name is unique in
/// its product folder and the product name is unique in its domain.
public enum ContractNaming {
    public static func name(forFile path: String, product: String) -> String {
        "\(product).\(stem(of: path))"
    }

    public static func stem(of path: String) -> String {
        // The last non-empty component, found on bytes (`/` is never part of a longer character):
        // trailing slashes dropped, then what follows the last one left.
        let slash = UInt8(ascii: "/")
        let trimmed = path.utf8.lastIndex(where: { $0 != slash }).map { path[...$0] } ?? ""
        var name = trimmed.utf8.lastIndex(of: slash).map { trimmed[trimmed.utf8.index(after: $0)...] } ?? trimmed
        let ascii = path.isASCIIText
        for suffix in [".odcs.yaml", ".odcs.yml", ".dcs.yaml", ".dcs.yml", ".yaml", ".yml"] {
            if ascii {
                // Bytes are characters here: compare and cut on the UTF-8 view.
                let n = suffix.utf8.count
                guard name.utf8.count >= n, name.utf8.suffix(n).elementsEqual(suffix.utf8) else { continue }
                name = name[..<name.utf8.index(name.endIndex, offsetBy: -n)]
                break
            }
            guard name.hasSuffix(suffix) else { continue }
            name = name.dropLast(suffix.count)
            break
        }
        return String(name)
    }
}

import DappCore

/// Places decoded documents into a `SpecSet`, rejecting a second resource of the same kind and
/// name in a domain.
struct SpecAssembler {
    var specs = SpecSet()
    var diagnostics: [Diagnostic] = []
    private var seen: [ResourceID: SourceLocation] = [:]
    private var configLocation: SourceLocation?

    /// Continues from `base` (products being reloaded already removed): names already taken in
    /// `domains`, and by policies, count as taken. Other domains cannot collide with the reload.
    init(base: SpecSet, claimingDomains domains: Set<String>) {
        specs = base
        // Keys first: looking at a bundle only in the domains that matter avoids copying 10,000.
        for ref in base.products.keys where domains.contains(ref.domain) {
            for (id, location) in base.products[ref]!.resourceIDs { seen[id] = location }
        }
        for policy in base.policies { seen[policy.id] = policy.location }
        for exception in base.exceptions { seen[exception.id] = exception.location }
        configLocation = base.config == nil ? nil : SourceLocation(file: RepoLayout.configFile)
    }

    /// Hands the assembled specs over without a copy.
    mutating func takeSpecs() -> SpecSet {
        defer { specs = SpecSet() }
        return specs
    }

    /// Sized for what the layout announces, so the tables are not rehashed while they fill.
    init(products: Int, files: Int) {
        specs.products.reserveCapacity(products)
        seen.reserveCapacity(files)
    }

    /// Adds every document of one file; product documents go to the bundle of the file's folder.
    mutating func add(_ outcome: FileOutcome) {
        var owner: ProductRef?
        if case .product(let ref, _) = outcome.place { owner = ref }
        for document in outcome.documents { add(document, owner: owner) }
    }

    private mutating func add(_ document: LoadedDocument, owner: ProductRef?) {
        switch document {
        case .config(let config, let location):
            if let first = configLocation {
                diagnostics.append(
                    .error(.refDuplicateName, "a second \(RepoConfigSchema.kind) document (the first is at \(first))", at: location))
                return
            }
            configLocation = location
            specs.config = config
        case .product(let doc):
            guard claim(doc.id, doc.location) else { return }
            let ref = ProductRef(domain: doc.id.domain, name: doc.id.name)
            specs.products[ref, default: Self.bundle(ref)].product = doc
        case .contract(let file):
            guard claim(file.id, file.location) else { return }
            guard let owner else { return }
            specs.products[owner, default: Self.bundle(owner)].contracts[file.path] = file
        case .operationalStore(let doc): place(doc, in: owner) { $0.operationalStores.append(doc) }
        case .analyticsTable(let doc): place(doc, in: owner) { $0.analyticsTables.append(doc) }
        case .objectBucket(let doc): place(doc, in: owner) { $0.objectBuckets.append(doc) }
        case .pipeline(let doc): place(doc, in: owner) { $0.pipelines.append(doc) }
        case .workflow(let doc): place(doc, in: owner) { $0.workflows.append(doc) }
        case .accessPolicy(let doc): place(doc, in: owner) { $0.accessPolicies.append(doc) }
        case .policy(let doc):
            guard claim(doc.id, doc.location) else { return }
            specs.policies.append(doc)
        case .exception(let doc):
            guard claim(doc.id, doc.location) else { return }
            specs.exceptions.append(doc)
        }
    }

    private static func bundle(_ ref: ProductRef) -> ProductBundle {
        ProductBundle(ref: ref, folder: "products/\(ref.domain)/\(ref.name)")
    }

    private mutating func place<Spec>(_ doc: SpecDocument<Spec>, in owner: ProductRef?, _ body: (inout ProductBundle) -> Void) {
        guard let owner, claim(doc.id, doc.location) else { return }
        // The default is an autoclosure: the empty bundle is only built for a new product.
        body(&specs.products[owner, default: Self.bundle(owner)])
    }

    private mutating func claim(_ id: ResourceID, _ location: SourceLocation) -> Bool {
        // One hash of the id: insert, and put the first location back on a duplicate.
        if let first = seen.updateValue(location, forKey: id) {
            seen[id] = first
            diagnostics.append(
                .error(
                    .refDuplicateName, "\(id.kind.rawValue) '\(id.name)' is already declared in domain '\(id.domain)' at \(first)",
                    at: location, hint: "names are unique per kind and domain; rename one of them"))
            return false
        }
        return true
    }

    /// Product folders whose product.yaml is missing or holds no DappProduct.
    func missingProductFiles(_ folders: [ProductRef: String], index: [String: RepoEntry], reported: [Diagnostic]) -> [Diagnostic] {
        folders.sorted { $0.key < $1.key }.compactMap { ref, firstFile in
            guard specs.products[ref]?.product == nil else { return nil }
            let productFile = "products/\(ref.domain)/\(ref.name)/product.yaml"
            guard index[productFile] != nil else {
                return .error(
                    .specLayout, "product folder 'products/\(ref.domain)/\(ref.name)' has no product.yaml",
                    at: SourceLocation(file: firstFile), hint: "add \(productFile) with kind DappProduct")
            }
            // A product.yaml with errors of its own already explains why no product was read.
            if reported.contains(where: { $0.location.file == productFile && $0.severity == .error }) { return nil }
            return .error(
                .specLayout, "product.yaml holds no DappProduct", at: SourceLocation(file: productFile, line: 1, column: 1),
                hint: "declare 'kind: DappProduct' with metadata.name '\(ref.name)' in this file")
        }
    }
}

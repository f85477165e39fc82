import DappCore
import DappPolicy

/// What a pre-merge check looks at: the products whose files changed and the products that
/// consume their ports (their references may no longer resolve), or everything when repo-wide
/// files changed. Consumers further downstream are not re-checked (nothing they reference
/// changed) but are named as breaking by the lineage.
struct CheckScope {
    var changedFiles: Set<String>
    var changedProducts: Set<ProductRef>
    /// Changed products that exist at the head, plus their consumers.
    var products: Set<ProductRef>
    /// dappmesh.yaml or a policy changed: every product is checked.
    var isWholeRepository: Bool
    /// Who consumes what at the head, when working the scope out needed it (the compatibility
    /// check names who breaks from the same graph instead of building it again).
    var headLineage: Lineage?

    init(changedFiles: Set<String>, changedProducts: Set<ProductRef>, products: Set<ProductRef>) {
        self.changedFiles = changedFiles
        self.changedProducts = changedProducts
        self.products = products
        isWholeRepository = false
    }

    /// dappmesh.yaml or a policy (not a policy test) changed: everything is checked.
    static func isRepoWide(_ changedFiles: Set<String>) -> Bool {
        changedFiles.contains { $0 == "dappmesh.yaml" || ($0.hasPrefix("policies/") && !$0.hasPrefix("policies/tests/")) }
    }

    init(changedFiles: Set<String>, base: SpecSet, head: SpecSet) throws {
        self.changedFiles = changedFiles
        isWholeRepository = Self.isRepoWide(changedFiles)
        changedProducts = Set(changedFiles.compactMap(Self.product(of:)))
        if isWholeRepository {
            products = Set(head.products.keys)
            return
        }
        // Direct consumers at the head, and at the base (of a product or port the change removed):
        // the two lineages are built at once, each a walk over every product.
        let (headLineage, baseLineage) = try ParallelMap.both({ Lineage(specs: head) }, { Lineage(specs: base) })
        self.headLineage = headLineage
        let downstream = headLineage.directConsumers(of: changedProducts).union(baseLineage.directConsumers(of: changedProducts))
        products = changedProducts.union(downstream).filter { head.products.index(forKey: $0) != nil }  // no copy of each bundle
    }

    /// `products/<domain>/<name>/…` → `domain/name`.
    static func product(of path: String) -> ProductRef? {
        let parts = path.split(separator: "/", maxSplits: 3)
        guard parts.count >= 4, parts[0] == "products" else { return nil }
        return ProductRef(domain: String(parts[1]), name: String(parts[2]))
    }

    /// Whether a diagnostic belongs to what this check reports: problems in changed files and in
    /// checked products' folders, not pre-existing ones elsewhere.
    func reports(_ diagnostic: Diagnostic) -> Bool {
        let file = diagnostic.location.file
        if isWholeRepository || changedFiles.contains(file) { return true }
        if let product = Self.product(of: file) { return products.contains(product) }
        return false
    }
}

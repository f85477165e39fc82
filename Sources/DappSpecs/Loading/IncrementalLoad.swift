import DappCore
import DappYAML

extension SpecLoader {
    /// Loads a newer revision by re-reading only the product folders `changedPaths` touch (the
    /// output of `changedPaths(from:to:)`), then re-checking the references of those products and
    /// of the products that consume them. A change to dappmesh.yaml, policies/ or a YAML file
    /// outside the layout falls back to a full load. The result equals a full load of `tree`.
    public static func reload(
        _ previous: LoadResult, tree: some RepoTree, changedPaths: [String], options: LoadOptions = LoadOptions()
    ) throws -> LoadResult {
        guard let state = previous.state else { return try load(tree, options: options) }
        var affected = Set<ProductRef>()
        for path in changedPaths {
            switch RepoLayout.place(of: path) {
            case .product(let ref, _)?: affected.insert(ref)
            case .config?, .policies?: return try load(tree, options: options)
            case nil:
                if path.hasPrefix("products/") || RepoLayout.isYAML(path) { return try load(tree, options: options) }
            }
        }
        if affected.isEmpty { return previous }
        // A duplicate already reported in a touched domain may resolve differently now.
        let domains = Set(affected.map(\.domain))
        let earlierDuplicate = state.fileDiagnostics.contains { diagnostic in
            diagnostic.rule == .refDuplicateName && domains.contains { diagnostic.location.file.hasPrefix("products/\($0)/") }
        }
        if earlierDuplicate { return try load(tree, options: options) }

        // The files of the touched folders as they are now.
        var index = state.index
        var filesByProduct = state.filesByProduct
        var entries: [RepoEntry] = []
        var removedYAML = 0
        for ref in affected {
            for path in filesByProduct[ref] ?? [] {
                index[path] = nil
                if RepoLayout.isYAML(path) { removedYAML += 1 }
            }
            let current = try tree.entries(under: "products/\(ref.domain)/\(ref.name)")
            filesByProduct[ref] = current.isEmpty ? nil : current.map(\.path)
            for entry in current { index[entry.path] = entry }
            entries += current
        }
        let layout = RepoLayout(entries: entries, expectConfig: false)
        var outcomes: [FileOutcome] = []
        for item in layout.work { outcomes.append(try readFile(item, tree: tree, limits: state.limits)) }

        // Specs: the untouched products as they were, the touched ones decoded again.
        var base = previous.specs
        for ref in affected { base.products[ref] = nil }
        var assembler = SpecAssembler(base: base, claimingDomains: domains)
        var fileDiagnostics = state.fileDiagnostics.filter { diagnostic in
            !affected.contains { diagnostic.location.file.hasPrefix("products/\($0.domain)/\($0.name)/") }
        }
        fileDiagnostics += layout.diagnostics
        for outcome in outcomes {
            fileDiagnostics += outcome.diagnostics
            assembler.add(outcome)
        }
        // Which of two same-named resources is "the duplicate" depends on file order across the
        // whole repository: leave that rare case to a full load.
        if assembler.diagnostics.contains(where: { $0.rule == .refDuplicateName }) { return try load(tree, options: options) }
        fileDiagnostics += assembler.diagnostics
        fileDiagnostics += assembler.missingProductFiles(layout.productFolders, index: index, reported: fileDiagnostics)
        let specs = assembler.specs

        // References: the touched products and everyone who points at them.
        let recheck = affected.union(consumers(of: affected, in: specs))
        let failedFiles = Set(fileDiagnostics.lazy.filter { $0.severity == .error }.map(\.location.file))
        let checker = ReferenceChecker(specs: specs, index: index, failedFiles: failedFiles)
        var referenceDiagnostics = state.referenceDiagnostics
        for ref in recheck { referenceDiagnostics[ref] = nil }
        let bundles = recheck.compactMap { specs.products[$0] }.sorted { $0.ref < $1.ref }
        for (ref, found) in checker.checkProducts(bundles) where !found.isEmpty { referenceDiagnostics[ref] = found }

        var diagnostics = fileDiagnostics
        for found in referenceDiagnostics.values { diagnostics += found }
        diagnostics += checker.checkGlobal()
        diagnostics.sort()
        let fileCount = previous.fileCount - removedYAML + layout.work.count
        let newState = LoadState(
            index: index, filesByProduct: filesByProduct, limits: state.limits, fileDiagnostics: fileDiagnostics,
            referenceDiagnostics: referenceDiagnostics)
        return LoadResult(specs: specs, diagnostics: diagnostics, fileCount: fileCount, byteCount: previous.byteCount, state: newState)
    }

    /// Products whose specs name one of `products` (ports, dependsOn, triggers, network rules).
    static func consumers(of products: Set<ProductRef>, in specs: SpecSet) -> Set<ProductRef> {
        var result = Set<ProductRef>()
        for bundle in specs.products.values {
            guard let spec = bundle.product?.spec else { continue }
            let named =
                spec.inputPorts.contains { products.contains($0.product.value) }
                || spec.dependsOn.contains { products.contains($0.value) }
                || bundle.workflows.contains { $0.spec.triggers.contains { products.contains($0.product.value) } }
                || bundle.accessPolicies.contains { $0.spec.network?.allowFrom.contains { products.contains($0.value) } ?? false }
            if named { result.insert(bundle.ref) }
        }
        return result
    }
}

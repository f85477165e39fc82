import DappCore
import DappYAML

extension SpecLoader {
    /// Brings `result` to a newer revision by re-reading only the product folders `changedPaths`
    /// touch (the output of `changedPaths(from:to:)`), then re-checking the references of those
    /// products and of the products that consume them. A change to dappmesh.yaml, policies/ or a
    /// YAML file outside the layout falls back to a full load. The result equals a full load of
    /// `tree`. In place, so a 10,000-product state is updated rather than copied.
    public static func reload(_ result: inout LoadResult, tree: some RepoTree, changedPaths: [String], options: LoadOptions = LoadOptions())
        throws
    {
        guard var state = result.state else {
            result = try load(tree, options: options)
            return
        }
        var timer = PhaseClock()
        var affected = Set<ProductRef>()
        for path in changedPaths {
            switch RepoLayout.place(of: path) {
            case .product(let ref, _)?: affected.insert(ref)
            case .config?, .policies?:
                result = try load(tree, options: options)
                return
            case nil:
                if path.hasPrefix("products/") || RepoLayout.isYAML(path) {
                    result = try load(tree, options: options)
                    return
                }
            }
        }
        if affected.isEmpty { return }
        // A duplicate already reported in a touched domain may resolve differently now.
        let domains = Set(affected.map(\.domain))
        let earlierDuplicate = state.fileDiagnostics.contains { diagnostic in
            diagnostic.rule == .refDuplicateName && domains.contains { diagnostic.location.file.hasPrefix("products/\($0)/") }
        }
        if earlierDuplicate {
            result = try load(tree, options: options)
            return
        }

        // Take the parts out of `result` so they are uniquely referenced and change in place.
        result.state = nil
        var specs = result.specs
        result.specs = SpecSet()
        // Who points at whom, worked out on the first reload (a one-off load never needs it).
        var consumers = state.consumers ?? ProductReferences.consumers(in: specs)

        // The files of the touched folders as they are now.
        var entries: [RepoEntry] = []
        var removedYAML = 0
        for ref in affected {
            for path in state.filesByProduct[ref] ?? [] {
                state.index[path] = nil
                if RepoLayout.isYAML(path) { removedYAML += 1 }
            }
            let current = try tree.entries(under: "products/\(ref.domain)/\(ref.name)")
            state.filesByProduct[ref] = current.isEmpty ? nil : current.map(\.path)
            for entry in current { state.index[entry.path] = entry }
            entries += current
        }
        timer.end("list")
        let layout = RepoLayout(entries: entries, expectConfig: false)
        var outcomes: [FileOutcome] = []
        for item in layout.work { outcomes.append(try readFile(item, tree: tree, reading: FileReading(limits: state.limits))) }
        timer.end("parse")

        // Specs: the untouched products as they were, the touched ones decoded again.
        var oldEdges: [ProductRef: [ProductRef]] = [:]
        for ref in affected {
            oldEdges[ref] = specs.products[ref]?.product?.spec.dependsOn.map(\.value)
            for referenced in ProductReferences.named(by: specs.products[ref]) { consumers[referenced]?.remove(ref) }
            specs.products[ref] = nil
        }
        var assembler = SpecAssembler(base: specs, claimingDomains: domains)
        specs = SpecSet()
        state.fileDiagnostics.removeAll { diagnostic in
            affected.contains { diagnostic.location.file.hasPrefix("products/\($0.domain)/\($0.name)/") }
        }
        state.fileDiagnostics += layout.diagnostics
        for outcome in outcomes {
            state.fileDiagnostics += outcome.diagnostics
            assembler.add(outcome)
        }
        // Which of two same-named resources is "the duplicate" depends on file order across the
        // whole repository: leave that rare case to a full load.
        if assembler.diagnostics.contains(where: { $0.rule == .refDuplicateName }) {
            result = try load(tree, options: options)
            return
        }
        state.fileDiagnostics += assembler.diagnostics
        state.fileDiagnostics += assembler.missingProductFiles(layout.productFolders, index: state.index, reported: state.fileDiagnostics)
        specs = assembler.takeSpecs()
        for ref in affected {
            for referenced in ProductReferences.named(by: specs.products[ref]) { consumers[referenced, default: []].insert(ref) }
        }
        timer.end("assemble")

        // References: the touched products and everyone who points at them.
        var recheck = affected
        for ref in affected { recheck.formUnion(consumers[ref] ?? []) }
        state.consumers = consumers
        let failedFiles = Set(state.fileDiagnostics.lazy.filter { $0.severity == .error }.map(\.location.file))
        let checker = ReferenceChecker(specs: specs, index: state.index, failedFiles: failedFiles)
        for ref in recheck { state.referenceDiagnostics[ref] = nil }
        let bundles = recheck.compactMap { specs.products[$0] }.sorted { $0.ref < $1.ref }
        for (ref, found) in checker.checkProducts(bundles) where !found.isEmpty { state.referenceDiagnostics[ref] = found }
        timer.end("references")

        // Cycles only move when a touched product's dependsOn did (or it came or went).
        let edgesChanged = affected.contains { oldEdges[$0] != specs.products[$0]?.product?.spec.dependsOn.map(\.value) }
        if edgesChanged { state.cycleDiagnostics = checker.checkCycles() }
        var diagnostics = state.fileDiagnostics + state.cycleDiagnostics + checker.checkExceptionsFindings()
        for found in state.referenceDiagnostics.values { diagnostics += found }
        diagnostics.sort()
        timer.end("global")
        let fileCount = result.fileCount - removedYAML + layout.work.count
        result = LoadResult(
            specs: specs, diagnostics: diagnostics, fileCount: fileCount, byteCount: result.byteCount, phases: timer.phases, state: state)
    }
}

/// The products a product's specs name (ports, dependsOn, triggers, network rules): the edges
/// along which a change in one product can break another.
enum ProductReferences {
    static func named(by bundle: ProductBundle?) -> Set<ProductRef> {
        guard let bundle, let spec = bundle.product?.spec else { return [] }
        var result = Set<ProductRef>()
        for port in spec.inputPorts { result.insert(port.product.value) }
        for dependency in spec.dependsOn { result.insert(dependency.value) }
        for workflow in bundle.workflows { for trigger in workflow.spec.triggers { result.insert(trigger.product.value) } }
        for policy in bundle.accessPolicies { for source in policy.spec.network?.allowFrom ?? [] { result.insert(source.value) } }
        result.remove(bundle.ref)
        return result
    }

    /// Who names whom, inverted: for each product, the products that name it.
    static func consumers(in specs: SpecSet) -> [ProductRef: Set<ProductRef>] {
        var result: [ProductRef: Set<ProductRef>] = [:]
        for bundle in specs.products.values {
            for referenced in named(by: bundle) { result[referenced, default: []].insert(bundle.ref) }
        }
        return result
    }
}

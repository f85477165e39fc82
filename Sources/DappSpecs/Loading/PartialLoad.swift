import DappCore
import DappYAML

extension SpecLoader {
    /// Loads dappmesh.yaml, policies/ and the folders of `products` — not the rest of the
    /// repository — for a pre-merge check that looks only at what a change touches.
    ///
    /// References out of `products` are resolved by also reading the named products'
    /// `product.yaml` (and, for dependency cycles, the `dependsOn` chain), without reporting on
    /// them (nor at all when `options.checkReferences` is off). The diagnostics cover the
    /// repo-wide files and the folders of `products` only; an exception naming a resource outside
    /// them is not reported as unknown.
    public static func load(_ tree: some RepoTree, products wanted: Set<ProductRef>, options: LoadOptions = LoadOptions()) throws
        -> LoadResult
    {
        var timer = PhaseClock()
        var entries: [RepoEntry] = []
        // Files already read (to learn whether they exist) are decoded from these bytes.
        var prefetched: [String: [UInt8]] = [:]
        if let config = try tree.read(existing: [RepoLayout.configFile]).first, let config {
            entries.append(RepoEntry(path: RepoLayout.configFile, kind: .file))
            prefetched[RepoLayout.configFile] = config
        }
        entries += try tree.entries(under: "policies")
        for ref in wanted.sorted() { entries += try tree.entries(under: Self.folder(of: ref)) }
        timer.end("list")

        var limits = options.limits
        var outcomes: [String: FileOutcome] = [:]
        var loadedProducts = Set(wanted)
        var pending = entries
        var referenced: [RepoEntry] = []
        var isFirstRound = true
        var files: ReadFiles?
        var reusedFileCount = 0
        while !pending.isEmpty {
            let layout = RepoLayout(entries: pending.sorted { $0.path < $1.path }, expectConfig: false)
            var todo = layout.work.filter { outcomes[$0.path] == nil }
            // dappmesh.yaml first: it may raise the file size limit for the rest.
            if let at = todo.firstIndex(where: { $0.place == .config }) {
                let item = todo.remove(at: at)
                let outcome = try decode(
                    item, prefetched: prefetched.removeValue(forKey: item.path), tree: tree, reading: options.reading(limits: limits))
                for case .config(let config, _) in outcome.documents {
                    if let maxBytes = config.maxFileBytes { limits.maxFileBytes = maxBytes }
                }
                outcomes[item.path] = outcome
            }
            // The rest in parallel, a few files at a time, as a full load reads them.
            let items = todo
            let bytes = items.map { prefetched.removeValue(forKey: $0.path) }
            let reading = options.reading(limits: limits)
            if files == nil { files = ReadFiles(reading: reading) }
            let batches = ParallelMap.ranges(count: items.count, size: 8)
            try ParallelMap.run(count: batches.count, parallelism: options.parallelism) { batch in
                try batches[batch].map { index -> (FileOutcome, Bool) in
                    // A file the other revision read is taken from there (not one read only to
                    // learn that it exists: that one is read another way).
                    if bytes[index] == nil, let reused = options.reusing?.outcome(of: items[index], readAs: reading) {
                        return (reused, true)
                    }
                    return (try decode(items[index], prefetched: bytes[index], tree: tree, reading: reading), false)
                }
            } store: { batch, read in
                for (index, (outcome, reused)) in zip(batches[batch], read) {
                    outcomes[items[index].path] = outcome
                    if reused { reusedFileCount += 1 }
                    if options.keepsFiles, bytes[index] == nil { files?.record(outcome, of: items[index]) }
                }
            }
            // Products named by the wanted products: their product.yaml answers port and
            // dependency references. From there only dependsOn is followed (transitively, for
            // cycles): what a referenced product itself consumes is not checked here. A load
            // that checks no references (the base of a comparison) needs none of them.
            var named = Set<ProductRef>()
            for outcome in layout.work.compactMap({ outcomes[$0.path] }) where options.checkReferences {
                for case .product(let doc) in outcome.documents {
                    if isFirstRound { named.formUnion(doc.spec.inputPorts.map(\.product.value)) }
                    named.formUnion(doc.spec.dependsOn.map(\.value))
                }
                guard isFirstRound else { continue }
                for case .accessPolicy(let doc) in outcome.documents { named.formUnion(doc.spec.network?.allowFrom.map(\.value) ?? []) }
                for case .workflow(let doc) in outcome.documents { named.formUnion(doc.spec.triggers.map(\.product.value)) }
            }
            isFirstRound = false
            pending = []
            let more = named.subtracting(loadedProducts).sorted()
            loadedProducts.formUnion(more)
            let paths = more.map { "\(Self.folder(of: $0))/product.yaml" }
            for (path, bytes) in zip(paths, try tree.read(existing: paths, parallelism: options.parallelism)) {
                guard let bytes else { continue }
                pending.append(RepoEntry(path: path, kind: .file))
                prefetched[path] = bytes
            }
            referenced += pending
        }
        timer.end("parse")

        let all = (entries + referenced).sorted { $0.path < $1.path }
        let layout = RepoLayout(entries: all, expectConfig: true)
        var assembler = SpecAssembler(products: loadedProducts.count, files: all.count)
        var bytes = 0
        var objects: [ResourceID: RetainedObject] = [:]
        for item in layout.work {
            guard let outcome = outcomes[item.path] else { continue }
            bytes += outcome.bytes
            for object in outcome.objects where objects[object.id] == nil { objects[object.id] = object }
            assembler.add(outcome)
        }
        let reported = { (diagnostic: Diagnostic) -> Bool in
            let file = diagnostic.location.file
            if !file.hasPrefix("products/") { return true }
            return wanted.contains { file.hasPrefix(Self.folder(of: $0) + "/") }
        }
        var diagnostics = (layout.diagnostics + layout.work.flatMap { outcomes[$0.path]?.diagnostics ?? [] }).filter(reported)
        diagnostics += assembler.diagnostics.filter(reported)
        let scopeFolders = Dictionary(
            uniqueKeysWithValues: layout.productFolders.filter { wanted.contains($0.key) }.map { ($0.key, $0.value) })
        diagnostics += assembler.missingProductFiles(scopeFolders, index: layout.index, reported: diagnostics)
        diagnostics += BuiltinPolicies.add(to: &assembler.specs)
        timer.end("assemble")

        if options.checkReferences {
            let failedFiles = Set(diagnostics.lazy.filter { $0.severity == .error }.map(\.location.file))
            let checker = ReferenceChecker(specs: assembler.specs, index: layout.index, failedFiles: failedFiles)
            let bundles = assembler.specs.sortedProducts.filter { wanted.contains($0.ref) }
            for (_, found) in checker.checkProducts(bundles, parallelism: options.parallelism) { diagnostics += found.filter(reported) }
            diagnostics += checker.checkCycles().filter(reported)
            // Unknown resources are unknowable here; unknown policy names are not.
            diagnostics += checker.checkExceptionsFindings().filter { $0.severity == .error }
        }
        diagnostics.sort()
        timer.end("references")
        return LoadResult(
            specs: assembler.specs, diagnostics: diagnostics, fileCount: layout.work.count, byteCount: bytes, objects: objects,
            files: files ?? ReadFiles(), reusedFileCount: reusedFileCount, phases: timer.phases, state: nil)
    }

    static func folder(of ref: ProductRef) -> String { "products/\(ref.domain)/\(ref.name)" }

    /// One file of a partial load: from bytes already read to learn that it exists (a named
    /// product's product.yaml, which is not one of the wanted resources), else from the tree.
    private static func decode(
        _ item: RepoLayout.WorkItem, prefetched: [UInt8]?, tree: some RepoTree, reading: FileReading
    ) throws -> FileOutcome {
        guard let prefetched else { return try readFile(item, tree: tree, reading: reading) }
        return DocumentDecoder.decode(path: item.path, place: item.place, bytes: prefetched, reading: FileReading(limits: reading.limits))
    }
}

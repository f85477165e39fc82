import DappCore
import DappYAML
import Dispatch

/// How a repository is read.
public struct LoadOptions: Sendable {
    public var limits: YAMLLimits
    /// Threads that parse files; the machine's core count by default.
    public var parallelism: Int
    /// How much of every product resource as written to keep (`LoadResult.objects`), so the
    /// policy gate does not read the files again.
    public var retention = ObjectRetention.none
    /// Files already read at another revision: one with the same path and content id is taken
    /// from here instead of being read and parsed again (`LoadResult.files`).
    public var reusing: ReadFiles?
    /// Keep what each file read to (`LoadResult.files`), for a load of another revision to reuse.
    public var keepsFiles = false
    /// Check references across files (ports, contracts, dependencies). A load that only supplies
    /// the other side of a comparison, whose findings nobody reads, skips it.
    public var checkReferences = true
    /// Validate each contract against the ODCS schema and rules. A load that only supplies the
    /// base of a comparison skips it: its contracts are decoded as far as they read, so one that
    /// does not validate there is still compared with (not left out, which would let a breaking
    /// change through), and the base's own findings are not reported anyway.
    public var checksContracts = true
    /// The tree's files already sorted into the layout (`SpecLoader.prepareLayout`), listed while
    /// something else ran; it must come from the tree this load reads.
    public var layout: PreparedLayout?

    /// How this load reads each file, once `limits` are final (dappmesh.yaml may raise them).
    func reading(limits: YAMLLimits) -> FileReading {
        FileReading(limits: limits, retention: retention, checksContracts: checksContracts)
    }

    public init(limits: YAMLLimits = .default, parallelism: Int = System.coreCount) {
        self.limits = limits
        self.parallelism = max(1, parallelism)
    }
}

/// The repository as declared, with everything wrong with it.
public struct LoadResult: Sendable {
    public var specs: SpecSet
    /// Sorted by file and position.
    public var diagnostics: [Diagnostic]
    public var fileCount: Int
    public var byteCount: Int
    /// The product resources as written, by id (only with `LoadOptions.retention`).
    public var objects: [ResourceID: RetainedObject] = [:]
    /// What each file with a content id read to, for a load of another revision to reuse
    /// (`LoadOptions.reusing`); empty unless `LoadOptions.keepsFiles`, and for trees without
    /// content ids (a directory).
    public var files = ReadFiles()
    /// Files taken from `LoadOptions.reusing` instead of being read.
    public var reusedFileCount = 0
    /// Wall and CPU time of each phase, for `--timing` and benchmarks.
    public var phases: [PhaseClock.Phase] = []
    /// What the next revision's incremental reload builds on.
    var state: LoadState?

    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// The parts of a load an incremental reload replaces piece by piece.
struct LoadState: Sendable {
    var index: [String: RepoEntry]
    var filesByProduct: [ProductRef: [String]]
    var limits: YAMLLimits
    /// Diagnostics of reading and decoding files, and of the layout.
    var fileDiagnostics: [Diagnostic]
    /// Each product's reference findings (located in its own files).
    var referenceDiagnostics: [ProductRef: [Diagnostic]]
    /// Dependency cycles found in the whole graph.
    var cycleDiagnostics: [Diagnostic]
    /// For each product, the products whose specs name it; nil until the first reload needs it.
    var consumers: [ProductRef: Set<ProductRef>]?
}

/// A tree's files sorted into the places of the layout, ahead of its load (`LoadOptions.layout`).
public struct PreparedLayout: Sendable {
    let layout: RepoLayout
}

/// Reads a spec repository: layout, YAML, schema, typed specs, then references across files.
public enum SpecLoader {
    /// Lists `tree` and sorts its files into the layout: the first step of `load`, taken apart
    /// so it can run while another load parses (the base of a check lists while the head loads).
    public static func prepareLayout(_ tree: some RepoTree) throws -> PreparedLayout {
        PreparedLayout(layout: RepoLayout(entries: try tree.entries()))
    }

    public static func load(_ tree: some RepoTree, options: LoadOptions = LoadOptions()) throws -> LoadResult {
        var timer = PhaseClock()
        let layout = try options.layout?.layout ?? RepoLayout(entries: tree.entries())
        timer.end("list")
        var diagnostics = layout.diagnostics
        var limits = options.limits

        // dappmesh.yaml first: it may raise the file size limit for the rest.
        let configIndex = layout.work.firstIndex(where: { $0.place == .config })
        var configOutcome: FileOutcome?
        if let configIndex {
            let outcome = try readFile(layout.work[configIndex], tree: tree, reading: FileReading(limits: limits))
            for case .config(let config, _) in outcome.documents {
                if let maxBytes = config.maxFileBytes { limits.maxFileBytes = maxBytes }
            }
            configOutcome = outcome
        }
        let finalLimits = limits
        let readConfig = configOutcome
        // Outcomes are assembled in file order as they come in, overlapping with the parsing.
        var assembler = SpecAssembler(products: layout.productFolders.count, files: layout.work.count)
        var bytes = 0
        var objects: [ResourceID: RetainedObject] = [:]
        let reading = options.reading(limits: finalLimits)
        let keepsFiles = options.keepsFiles
        let reusing = options.reusing
        var files = ReadFiles(reading: reading)
        // Sized once: grown by doubling, these two rehashed and moved every entry a dozen times
        // (1.5% of the instructions of a 1,000-product check).
        let retains = options.retention > .none
        if retains { objects.reserveCapacity(layout.work.count) }
        if keepsFiles { files.entries.reserveCapacity(layout.work.count) }
        var reusedFileCount = 0
        // Files are handed out in batches of up to 256 (about 16 per thread, at least 8), and a
        // batch reads its blobs back to back before decoding them (up to 1 MiB at a time, so a
        // batch of large files is not all held at once), which keeps the object database's index
        // and delta cache warm between reads. One hand-over per file cost as much in lock traffic
        // as a small file's parse. Against batches of 8 that interleaved reads and parses, the
        // 10,000-product check took a median 3% to 12% less CPU time (three sets of rotated runs).
        let batchSize = min(256, max(8, layout.work.count / (max(1, options.parallelism) * 16)))
        let batches = ParallelMap.ranges(count: layout.work.count, size: batchSize)
        // The work list on its own: the closures below read items from it, and reading them
        // through the whole layout copied the layout (a retain of each of its tables) per file.
        let work = layout.work
        try ParallelMap.run(count: batches.count, parallelism: options.parallelism) { batch in
            let indices = batches[batch]
            var outcomes = [(FileOutcome?, Bool)](repeating: (nil, false), count: indices.count)
            var read: [(at: Int, bytes: [UInt8])] = []
            var held = 0
            func decodeRead() {
                for file in read {
                    outcomes[file.at] = (decode(work[indices.lowerBound + file.at], bytes: file.bytes, reading: reading), false)
                }
                read.removeAll(keepingCapacity: true)
                held = 0
            }
            for (at, index) in indices.enumerated() {
                let item = work[index]
                // Read already: dappmesh.yaml, and at the base of a check each file the change
                // did not touch.
                if index == configIndex {
                    outcomes[at] = (readConfig, false)
                } else if let reused = reusing?.outcome(of: item, readAs: reading) {
                    outcomes[at] = (reused, true)
                } else {
                    let bytes = try tree.read(item.readPath)
                    held += bytes.count
                    read.append((at, bytes))
                    if held >= Self.readAhead { decodeRead() }
                }
            }
            decodeRead()
            return outcomes
        } store: { batch, reads in
            for (index, read) in zip(batches[batch], reads) {
                guard let outcome = read.0 else { continue }
                if read.1 { reusedFileCount += 1 }
                if keepsFiles { files.record(outcome, of: work[index]) }
                bytes += outcome.bytes
                diagnostics += outcome.diagnostics
                // A reused outcome carries the objects its first load kept; a load that keeps none
                // (the base of a check whose policies never read `oldObject`) leaves them.
                if retains { for object in outcome.objects where objects[object.id] == nil { objects[object.id] = object } }
                assembler.add(outcome)
            }
        }

        timer.end("parse")
        diagnostics += assembler.diagnostics
        diagnostics += assembler.missingProductFiles(layout.productFolders, index: layout.index, reported: diagnostics)
        diagnostics += BuiltinPolicies.add(to: &assembler.specs)
        timer.end("assemble")
        let fileDiagnostics = diagnostics
        var referenceDiagnostics: [ProductRef: [Diagnostic]] = [:]
        var cycleDiagnostics: [Diagnostic] = []
        if options.checkReferences {
            let failedFiles = Set(diagnostics.lazy.filter { $0.severity == .error }.map(\.location.file))
            let checker = ReferenceChecker(specs: assembler.specs, index: layout.index, failedFiles: failedFiles)
            for (ref, found) in checker.checkProducts(assembler.specs.sortedProducts, parallelism: options.parallelism)
            where !found.isEmpty {
                referenceDiagnostics[ref] = found
                diagnostics += found
            }
            cycleDiagnostics = checker.checkCycles()
            diagnostics += cycleDiagnostics
            diagnostics += checker.checkExceptionsFindings()
        }
        diagnostics.sort()
        timer.end("references")
        let state = LoadState(
            index: layout.index, filesByProduct: layout.filesByProduct, limits: finalLimits, fileDiagnostics: fileDiagnostics,
            referenceDiagnostics: referenceDiagnostics, cycleDiagnostics: cycleDiagnostics,
            consumers: nil)
        return LoadResult(
            specs: assembler.specs, diagnostics: diagnostics, fileCount: layout.work.count, byteCount: bytes, objects: objects,
            files: files, reusedFileCount: reusedFileCount, phases: timer.phases, state: state)
    }

    /// How many bytes of blobs a batch reads ahead of decoding them.
    static let readAhead = 1 << 20

    static func readFile(_ item: RepoLayout.WorkItem, tree: some RepoTree, reading: FileReading) throws -> FileOutcome {
        decode(item, bytes: try tree.read(item.readPath), reading: reading)
    }

    static func decode(_ item: RepoLayout.WorkItem, bytes: [UInt8], reading: FileReading) -> FileOutcome {
        var outcome = DocumentDecoder.decode(path: item.path, place: item.place, bytes: bytes, reading: reading)
        if let id = item.contentID {
            for index in outcome.objects.indices { outcome.objects[index].contentID = id }
        }
        return outcome
    }
}

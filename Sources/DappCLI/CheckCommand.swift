import ArgumentParser
import DappCore
import DappGit
import DappPolicy
import DappSpecs

#if canImport(Glibc)
    import Glibc
#endif

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "The policy gate: validate, run every policy, and with --base compare contracts with the base revision.",
        discussion: """
            Without --base, checks the whole repository at --rev (or the folder as it is): \
            'validate', then the repository's DappPolicies (policies/*.yaml) and the built-in \
            security and contract bundles over every resource as written in its file (the CEL \
            variable 'object'; 'product' is its DappProduct, 'resources' its product folder).

            With --base REV (the pull request's target, e.g. origin/main), compares the head \
            (--head REV, else the working tree) with the base: only the products whose files \
            changed and the products that consume their ports are checked (every product when \
            dappmesh.yaml or a policy changed); policies see the base version as 'oldObject'; and \
            every changed output port's data contract is compared with its base version under the \
            port's compatibility mode (docs/compatibility.md). A breaking change names the \
            downstream products and input ports that break.

            An unwaived error blocks. A DappPolicyException waives a policy violation for at most \
            90 days; waived violations are still listed. Warnings block only with --strict.

            Formats: text (compiler-style), json (docs/json-output.md), sarif (code scanning), \
            junit, github (workflow annotations), markdown (a pull-request comment). --report \
            FORMAT=FILE writes the same report in more formats, one file each, from the one run.

            Exit status 0 when nothing blocks, 1 otherwise.

            Examples:
              dappctl check --repo fixtures/demo
              dappctl check --base origin/main
              dappctl check --base origin/main --format sarif --output dappctl.sarif
              dappctl check --base origin/main --format github --report sarif=dappctl.sarif --report markdown=comment.md
              dappctl check --repo . --today 2027-01-31    # which waivers will have run out by then?
            """
    )

    @OptionGroup var repoOptions: RepoOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(
        name: .long, help: ArgumentHelp("Compare with this revision (branch, tag or commit): the pull request's target.", valueName: "rev"))
    var base: String?

    @Option(name: .long, help: ArgumentHelp("The revision under check (default: --rev, else the working tree).", valueName: "rev"))
    var head: String?

    @Flag(
        inversion: .prefixedNo,
        help: "Compare with where the head left --base (their merge base, as a pull request's diff does), not with --base itself.")
    var mergeBase = true

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @Flag(name: .long, help: "Print how long each phase took and how many cores it kept busy (to standard error).")
    var timing = false

    @Option(
        name: .long,
        help: ArgumentHelp("Evaluate exception expiry as of this day (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        try reportOptions.validate(against: outputOptions)
        if let today, CalendarDate(parsing: today) == nil { throw ValidationError("--today must be a date as YYYY-MM-DD, not '\(today)'") }
        if head != nil, repoOptions.rev != nil { throw ValidationError("--head and --rev name the same revision; give one") }
        if head != nil, base == nil { throw ValidationError("--head compares with --base; give --base too, or use --rev") }
        if !mergeBase, base == nil { throw ValidationError("--no-merge-base is about --base; give --base too") }
    }

    func run() async throws {
        let output = Output(options: outputOptions, reports: reportOptions)
        let status = output.guarding {
            let day = today.flatMap(CalendarDate.init(parsing:)) ?? Clock.today
            let progress = { (note: String) in output.note("dappctl: \(note)") }
            var clock = PhaseClock()
            var reading = ""
            defer {
                if timing { progress("timing: " + clock.phases.text + reading) }
            }
            let report =
                if let base {
                    try checkChange(base: base, today: day, clock: &clock, reading: &reading, progress: progress)
                } else {
                    try checkRepository(today: day, clock: &clock, reading: &reading, progress: progress)
                }
            let status = try output.check(report)
            // Rendering and writing tens of thousands of findings is work too (SARIF once took 3 s).
            clock.end("output")
            return status
        }
        throw ExitCode(status.rawValue)
    }

    /// The whole repository at one revision; phases as `checkChange` ends them.
    func checkRepository(
        today: CalendarDate, clock: inout PhaseClock, reading: inout String, progress: (String) -> Void
    ) throws -> CheckReport {
        let tree = try RepoOpener.open(repoOptions, progress: progress)
        clock.end("revision")
        let loaded = try SpecLoader.load(tree, options: Self.retaining)
        clock.end("load")
        reading = "; load: " + loaded.phases.text
        let gate = PolicyGate(policies: loaded.specs.policies, exceptions: loaded.specs.exceptions, today: today)
        let subjects = PolicySubjects.subjects(from: loaded, tree: tree)
        clock.end("subjects")
        let policies = gate.evaluate(PolicyInput(subjects: subjects))
        clock.end("policies")
        ProcessLifetime.keep(loaded)
        var builder = CheckReportBuilder(command: "check", repository: repoOptions.repo, strict: strict)
        builder.add(loaded.diagnostics, as: .validation)
        builder.add(policies: policies)
        builder.counts.files = loaded.fileCount
        builder.counts.products = loaded.specs.products.values.count { $0.product != nil }
        let report = builder.report()
        clock.end("report")
        return report
    }

    /// The products a change touches, and their consumers, against the base revision.
    /// Ends a phase on `clock` at each step; `reading` gets the phases of the two loads.
    func checkChange(
        base: String, today: CalendarDate, clock: inout PhaseClock, reading: inout String, progress: (String) -> Void
    ) throws -> CheckReport {
        let pair = try RevisionPair.open(
            repoOptions, base: base, head: head ?? repoOptions.rev, mergeBase: mergeBase, progress: progress)
        clock.end("revisions")
        let changedFiles = pair.changedPaths
        let changedProducts = Set(changedFiles.compactMap(CheckScope.product(of:)))
        let headLoad: LoadResult
        let baseLoad: LoadResult
        let gate: PolicyGate
        let scope: CheckScope
        var lineage: Lineage?
        var productCount: Int
        let repoWide = CheckScope.isRepoWide(changedFiles)
        let folders = repoWide ? [] : try ConsumerScan.productFolders(in: pair.head)
        // The head keeps what it read, for the base to take every file the change did not touch.
        var headOptions = Self.retaining
        headOptions.keepsFiles = true
        if repoWide || changedProducts.count > 1_000 || changedProducts.count * 3 > folders.count {
            // A changed policy or config applies everywhere, and a change to a large part of the
            // repository (over a third of its products, or over 1,000) is cheaper to read whole
            // (in parallel) than folder by folder, with a scan for consumers first.
            // The base's tree is listed and laid out meanwhile: that walk would otherwise run
            // alone, on one core, between the two loads.
            let head = pair.head
            let base = pair.base
            let options = headOptions
            let baseLayout: PreparedLayout
            (headLoad, baseLayout) = try ParallelMap.both(
                { try SpecLoader.load(head, options: options) }, { try SpecLoader.prepareLayout(base) })
            gate = Self.gate(headLoad, today: today)
            var baseOptions = Self.baseOptions(reusing: headLoad, gate: gate, changedFiles: changedFiles)
            baseOptions.layout = baseLayout
            baseLoad = try SpecLoader.load(pair.base, options: baseOptions)
            clock.end("load")
            reading = Self.loadTiming(head: headLoad, base: baseLoad)
            scope = try CheckScope(changedFiles: changedFiles, base: baseLoad.specs, head: headLoad.specs)
            clock.end("scope")
            lineage = scope.headLineage
            productCount = headLoad.specs.products.values.count { $0.product != nil }
        } else {
            // Only what the change touches: its products, who consumes them (found by scanning
            // product.yaml files, not loading the repository), and the base of its products.
            let scan = try ConsumerScan.downstream(of: changedProducts, in: pair.head, folders: folders)
            clock.end("consumers")
            let direct = Set(
                scan.downstream.products.values.filter { bundle in
                    bundle.product?.spec.inputPorts.contains { changedProducts.contains($0.product.value) } ?? false
                }.map(\.ref))
            headLoad = try SpecLoader.load(pair.head, products: changedProducts.union(direct), options: headOptions)
            gate = Self.gate(headLoad, today: today)
            baseLoad = try SpecLoader.load(
                pair.base, products: changedProducts, options: Self.baseOptions(reusing: headLoad, gate: gate, changedFiles: changedFiles))
            clock.end("load")
            reading = Self.loadTiming(head: headLoad, base: baseLoad)
            scope = CheckScope(
                changedFiles: changedFiles, changedProducts: changedProducts,
                products: changedProducts.union(direct).filter { headLoad.specs.products.index(forKey: $0) != nil })
            var lineageSpecs = scan.downstream
            for (ref, bundle) in headLoad.specs.products { lineageSpecs.products[ref] = bundle }
            lineage = Lineage(specs: lineageSpecs)
            productCount = scan.productCount
        }

        // The policies and the contract comparison read the same two loads and nothing of each
        // other: they run side by side, so that each one's tail (a last slow product, a long
        // contract) is not a core left idle.
        let defaultModes = RevisionCompatibility.DefaultModes(
            base: baseLoad.specs.config?.defaultCompatibility ?? .backward, head: headLoad.specs.config?.defaultCompatibility ?? .backward)
        let history = ContractHistory(pair: pair)
        // Policies the change edits or removes apply in their base version too, to what it touches.
        let edited = EditedPolicies(base: baseLoad.specs.policies, head: headLoad.specs.policies)
        let baseGate = edited.isEmpty ? nil : PolicyGate(policies: edited.baseVersions, exceptions: headLoad.specs.exceptions, today: today)
        let readsOldObject = gate.readsOldObject || baseGate?.readsOldObject == true
        let subjectBase = readsOldObject ? PolicySubjects.BaseRevision(load: baseLoad, changedProducts: changedProducts) : nil
        let tree = pair.head
        let checked = scope.products
        let changed = scope.changedProducts
        let isWholeRepository = scope.isWholeRepository
        let downstream = lineage
        let (gated, compared) = try ParallelMap.both(
            {
                var clock = PhaseClock()
                // Each subject carries its base version (`oldObject`) when a policy reads it; a consumer
                // checked with the change is the same there, though a partial base load did not read it.
                let subjects = PolicySubjects.subjects(from: headLoad, base: subjectBase, tree: tree, products: checked)
                clock.end("subjects")
                var policies = gate.evaluate(PolicyInput(subjects: subjects, isComplete: isWholeRepository))
                if let baseGate {
                    policies = edited.merge(baseGate.evaluate(Self.touched(subjects, changedFiles: changedFiles)), into: policies)
                }
                clock.end("policies")
                return Timed(value: policies, phases: clock.phases)
            },
            {
                var clock = PhaseClock()
                let compatibility = RevisionCompatibility.compare(
                    base: baseLoad.specs, head: headLoad.specs, products: changed, defaultModes: defaultModes, lineage: downstream,
                    history: history.earlierVersions(of:))
                clock.end("compatibility")
                return Timed(value: compatibility, phases: clock.phases)
            })
        let (policies, compatibility) = (gated.value, compared.value)
        clock.end("policies and compatibility")
        reading += "; side by side: " + (gated.phases + compared.phases).wallText
        ProcessLifetime.keep((headLoad, baseLoad))

        var builder = CheckReportBuilder(command: "check", repository: repoOptions.repo, strict: strict)
        builder.base = pair.baseLabel
        builder.head = pair.headLabel
        builder.changedExceptions = Self.changedExceptions(base: baseLoad.specs.exceptions, head: headLoad.specs.exceptions)
        builder.add(headLoad.diagnostics.filter(scope.reports), as: .validation)
        builder.add(compatibility.diagnostics, as: .compatibility)
        builder.add(policies: policies)
        builder.add(compatibility: compatibility.findings)
        builder.counts.files = headLoad.fileCount
        builder.counts.products = productCount
        builder.counts.changedProducts = scope.changedProducts.count
        builder.counts.checkedProducts = scope.products.count
        builder.counts.contractsCompared = compatibility.portsCompared
        let report = builder.report()
        clock.end("report")
        return report
    }

    /// What each load's phases took, and how much of the base was not read again.
    static func loadTiming(head: LoadResult, base: LoadResult) -> String {
        "; head load: \(head.phases.text); base load: \(base.phases.text) (\(base.reusedFileCount) of \(base.fileCount) files"
            + " unchanged, not read again)"
    }

    /// Loads keep each resource as written, for the policies.
    static var retaining: LoadOptions {
        var options = LoadOptions()
        options.retention = .placed
        return options
    }

    /// The policies of the head revision, which decide what the base load must keep.
    static func gate(_ head: LoadResult, today: CalendarDate) -> PolicyGate {
        PolicyGate(policies: head.specs.policies, exceptions: head.specs.exceptions, today: today)
    }

    /// How the base revision is read: files the change did not touch are taken from the head's
    /// load, not parsed again, and only its specs (and objects, when a policy reads `oldObject`)
    /// are compared with. Its own findings are not reported, so references are not checked, and
    /// its contracts are decoded without being validated: one that does not validate at the base
    /// is still what consumers rely on, and is compared with.
    static func baseOptions(reusing head: LoadResult, gate: PolicyGate, changedFiles: Set<String>) -> LoadOptions {
        var options = LoadOptions()
        // A change to the policies (or the bundles dappmesh.yaml chooses) keeps the base's objects
        // too: the base versions of the policies it edits apply as well (`EditedPolicies`), and
        // they may read `oldObject`.
        options.retention = gate.readsOldObject || CheckScope.isRepoWide(changedFiles) ? .objects : .none
        options.reusing = head.files
        options.checkReferences = false
        options.checksContracts = false
        return options
    }
}

enum Clock {
    /// Today in UTC.
    static var today: CalendarDate { CalendarDate(unixSeconds: Int(time(nil))) }
}

/// A result, with the phases of the work that made it (timed on a thread of its own).
struct Timed<Value: Sendable>: Sendable {
    var value: Value
    var phases: [PhaseClock.Phase]
}

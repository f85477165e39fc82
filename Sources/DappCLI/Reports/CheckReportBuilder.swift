import DappCore
import DappPolicy

/// Gathers what `check` found into the one report model, deciding what blocks.
struct CheckReportBuilder {
    var command: String
    var repository: String
    var strict: Bool
    var base: String?
    var head: String?
    /// Items made already: validation and policy diagnostics (few).
    var items: [CheckReport.Item] = []
    var counts = CheckReport.Counts()
    /// Exceptions the change under check adds or edits, by name (`check --base`).
    var changedExceptions: [String: CheckReport.WaiverChange] = [:]
    /// Findings made into items by `report()`, a slice per core, straight into the report's array.
    private var policyFindings: [[PolicyFinding]] = []
    private var compatibilityFindings: [[CompatibilityFinding]] = []

    init(command: String, repository: String, strict: Bool) {
        self.command = command
        self.repository = repository
        self.strict = strict
    }

    func blocks(_ severity: Diagnostic.Severity) -> Bool { Self.blocks(severity, strict: strict) }

    static func blocks(_ severity: Diagnostic.Severity, strict: Bool) -> Bool { severity == .error || (strict && severity == .warning) }

    /// Diagnostics of the check's own steps: validation, or what the comparison could not do.
    mutating func add(_ diagnostics: [Diagnostic], as category: CheckReport.Category) {
        for d in diagnostics {
            items.append(
                CheckReport.Item(
                    category: category, severity: d.severity, rule: d.rule.rawValue, message: d.message, location: d.location,
                    hint: d.hint,
                    fieldPath: d.fieldPath, blocking: blocks(d.severity)))
        }
    }

    mutating func add(policies report: PolicyReport) {
        for d in report.diagnostics {
            items.append(
                CheckReport.Item(
                    category: .policy, severity: d.severity, rule: d.rule.rawValue, message: d.message, location: d.location, hint: d.hint,
                    fieldPath: d.fieldPath, blocking: blocks(d.severity)))
        }
        policyFindings.append(report.findings)
        counts.policies = report.policyCount
        counts.evaluations = report.evaluationCount
    }

    mutating func add(compatibility findings: [CompatibilityFinding]) {
        compatibilityFindings.append(findings)
    }

    static func item(_ f: PolicyFinding, strict: Bool, changedExceptions: [String: CheckReport.WaiverChange] = [:]) -> CheckReport.Item {
        CheckReport.Item(
            category: .policy, severity: f.severity, rule: f.rule, message: f.message, location: f.location, hint: f.diagnostic.hint,
            fieldPath: f.fieldPath?.description, resource: f.resource.description,
            blocking: f.waiver == nil && blocks(f.severity, strict: strict),
            waiver: f.waiver.map {
                CheckReport.Waiver(
                    exception: $0.exception, owner: $0.owner, expires: $0.expires.description, change: changedExceptions[$0.exception])
            },
            policy: f.policy, reason: f.reason)
    }

    static func item(_ f: CompatibilityFinding, strict: Bool) -> CheckReport.Item {
        var message = f.diagnostic.message
        if let earlier = f.comparedWith { message += " (against the version of \(earlier))" }
        return CheckReport.Item(
            category: .compatibility, severity: f.severity, rule: f.rule.id, ruleName: f.rule.name, message: message,
            location: f.change.location, hint: f.change.hint, fieldPath: f.change.path,
            resource: f.contract.map { "\($0)\(f.port.map { " (port \($0))" } ?? "")" }, blocking: blocks(f.severity, strict: strict),
            consumers: f.consumers.map(\.description))
    }

    /// The report, its items in the order of the text lines: file, position, severity, rule,
    /// message. A large check reports tens of thousands of findings, each a dozen strings: they
    /// are made on every core straight into the report's array, and put in order by moving them,
    /// not copied (a copy retains and releases every string of an item).
    func report() -> CheckReport {
        let strict = strict
        let ready = items
        let policyFindings = policyFindings
        let compatibilityFindings = compatibilityFindings
        let changedExceptions = changedExceptions
        let total = ready.count + policyFindings.reduce(0) { $0 + $1.count } + compatibilityFindings.reduce(0) { $0 + $1.count }
        var all = [CheckReport.Item](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let slots = ItemSlots(base: base)
            base.initialize(from: ready, count: ready.count)
            var offset = ready.count
            for part in policyFindings {
                Self.make(part, into: slots, at: offset) { Self.item($0, strict: strict, changedExceptions: changedExceptions) }
                offset += part.count
            }
            for part in compatibilityFindings {
                Self.make(part, into: slots, at: offset) { Self.item($0, strict: strict) }
                offset += part.count
            }
            initialized = offset
        }
        Self.permute(&all, into: Self.order(of: all))
        return CheckReport(
            command: command, repository: repository, base: base, head: head, items: all,
            passed: !all.indices.contains { all[$0].blocking },
            strict: strict, counts: counts)
    }

    /// Makes the items of `findings` at `slots[offset...]`, a slice per core.
    static func make<Finding: Sendable>(
        _ findings: [Finding], into slots: ItemSlots, at offset: Int, _ make: @escaping @Sendable (Finding) -> CheckReport.Item
    ) {
        _ = ParallelMap.slices(of: findings, size: 1024) { slice in
            for at in slice.indices { (slots.base + offset + at).initialize(to: make(slice[at])) }
        }
    }

    /// Puts `items` in the order `order` gives (the item at `order[i]` goes to `i`) by swaps.
    static func permute(_ items: inout [CheckReport.Item], into order: [Int]) {
        var placed = [Bool](repeating: false, count: items.count)
        for start in items.indices where !placed[start] {
            var at = start
            while true {
                placed[at] = true
                let from = order[at]
                if from == start { break }
                items.swapAt(at, from)
                at = from
            }
        }
    }

    /// The positions of `items` in the order of their text lines (the order of `Diagnostic`, on
    /// the lines as shown): file, line, column, severity, rule, message. Positions are sorted
    /// rather than the items (large values), by a key made once per item (the rank of its file
    /// among the files, line, column, severity shown): comparing paths at every step of the sort
    /// was most of the report's time. The rule, then the message a line shows (a new string for a
    /// policy or waived finding), break a tie.
    static func order(of items: [CheckReport.Item]) -> [Int] {
        let files = Set(items.indices.map { items[$0].location.file }).sorted()
        let rank = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        let keys = items.indices.map { at in
            SortKey(
                file: rank[items[at].location.file]!, line: items[at].location.line, column: items[at].location.column,
                severity: CheckText.severity(of: items[at]))
        }
        return items.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            if items[a].rule != items[b].rule { return items[a].rule < items[b].rule }
            return CheckText.message(of: items[a]) < CheckText.message(of: items[b])
        }
    }

    /// What `order(of:)` compares first, as numbers.
    struct SortKey: Comparable {
        var file: Int
        var line: Int
        var column: Int
        var severity: Diagnostic.Severity

        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.file, a.line, a.column, a.severity) < (b.file, b.line, b.column, b.severity)
        }
    }
}

/// The start of an array's storage, written at distinct positions by several threads.
struct ItemSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<CheckReport.Item>
}

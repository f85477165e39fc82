import DappCore
import DappPolicy

/// Gathers what `check` found into the one report model, deciding what blocks.
struct CheckReportBuilder {
    var command: String
    var repository: String
    var strict: Bool
    var base: String?
    var head: String?
    var items: [CheckReport.Item] = []
    var counts = CheckReport.Counts()

    init(command: String, repository: String, strict: Bool) {
        self.command = command
        self.repository = repository
        self.strict = strict
    }

    func blocks(_ severity: Diagnostic.Severity) -> Bool { severity == .error || (strict && severity == .warning) }

    mutating func add(validation diagnostics: [Diagnostic]) {
        for d in diagnostics {
            items.append(
                CheckReport.Item(
                    category: .validation, severity: d.severity, rule: d.rule.rawValue, message: d.message, location: d.location,
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
        for f in report.findings {
            let diagnostic = f.diagnostic
            items.append(
                CheckReport.Item(
                    category: .policy, severity: f.severity, rule: f.rule, message: f.message, location: f.location, hint: diagnostic.hint,
                    fieldPath: f.fieldPath?.description, resource: f.resource.description,
                    blocking: f.waiver == nil && blocks(f.severity),
                    waiver: f.waiver.map { CheckReport.Waiver(exception: $0.exception, owner: $0.owner, expires: $0.expires.description) },
                    policy: f.policy, reason: f.reason))
        }
        counts.policies = report.policyCount
        counts.evaluations = report.evaluationCount
    }

    mutating func add(compatibility findings: [CompatibilityFinding]) {
        for f in findings {
            var message = f.diagnostic.message
            if let earlier = f.comparedWith { message += " (against the version of \(earlier))" }
            items.append(
                CheckReport.Item(
                    category: .compatibility, severity: f.severity, rule: f.rule.id, ruleName: f.rule.name, message: message,
                    location: f.change.location, hint: nil, fieldPath: f.change.path,
                    resource: f.contract.map { "\($0)\(f.port.map { " (port \($0))" } ?? "")" }, blocking: blocks(f.severity),
                    consumers: f.consumers.map(\.description)))
        }
    }

    func report() -> CheckReport {
        // Report order is the order of the text lines: file, position, severity, rule, message.
        // Positions are sorted rather than the items (large values to move), and the message a
        // line shows (a new string for a policy or waived finding) is made only to break a tie.
        let order = items.indices.sorted { Self.precedes(items[$0], items[$1]) }
        let sorted = order.map { items[$0] }
        return CheckReport(
            command: command, repository: repository, base: base, head: head, items: sorted, passed: !sorted.contains(where: \.blocking),
            strict: strict, counts: counts)
    }

    /// Whether `a`'s line comes before `b`'s: the order of `Diagnostic`, on the lines as shown.
    static func precedes(_ a: CheckReport.Item, _ b: CheckReport.Item) -> Bool {
        if a.location != b.location { return a.location < b.location }
        let (severityA, severityB) = (CheckText.severity(of: a), CheckText.severity(of: b))
        if severityA != severityB { return severityA < severityB }
        if a.rule != b.rule { return a.rule < b.rule }
        return CheckText.message(of: a) < CheckText.message(of: b)
    }
}

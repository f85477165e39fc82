import CEL
import DappCore

/// What the gate looks at: resources as written at the revision under check, and what it compares
/// them with.
public struct PolicyInput: Sendable {
    public var subjects: [PolicySubject]
    /// Resources that are not evaluated but are visible to the subjects of their product as
    /// `product` and `resources` (the unchanged rest of a product during an incremental check).
    public var related: [PolicySubject]
    /// The planned steps, for apply-time policies (`plan`); null before planning.
    public var plan: SpecValue?
    /// True when the subjects are the whole repository: only then is an exception that waived
    /// nothing known to be stale.
    public var isComplete: Bool

    public init(
        subjects: [PolicySubject], related: [PolicySubject] = [], plan: SpecValue? = nil, isComplete: Bool = true
    ) {
        self.subjects = subjects
        self.related = related
        self.plan = plan
        self.isComplete = isComplete
    }
}

/// The policy gate: DappPolicy rules evaluated over resources, violations matched against
/// DappPolicyExceptions. Build it once per revision; `evaluate` is a pure function of its input.
public struct PolicyGate: Sendable {
    public let policies: [CompiledPolicy]
    /// The policies that apply to each kind, in declaration order.
    let policiesByKind: [SpecKind: [CompiledPolicy]]
    let waivers: [Waiver]
    /// Problems of the policies and exceptions themselves, found when the gate was built.
    public let diagnostics: [Diagnostic]
    public let today: CalendarDate
    /// Whether any policy reads `oldObject`. When none does, a check need not keep the base
    /// revision's objects at all, and no subject's base version is converted.
    public let readsOldObject: Bool

    public init(
        policies: [SpecDocument<DappPolicySpec>], exceptions: [SpecDocument<DappPolicyExceptionSpec>], today: CalendarDate,
        costLimit: Int = 1_000_000
    ) {
        let compiled = PolicyCompiler.compile(policies, costLimit: costLimit)
        let (waivers, waiverDiagnostics) = Waiver.review(exceptions, today: today)
        self.policies = compiled.policies
        var byKind: [SpecKind: [CompiledPolicy]] = [:]
        for policy in compiled.policies {
            for kind in policy.matchKinds { byKind[kind, default: []].append(policy) }
        }
        self.policiesByKind = byKind
        self.waivers = waivers
        self.diagnostics = (compiled.diagnostics + waiverDiagnostics).sorted()
        self.today = today
        self.readsOldObject = compiled.policies.contains(where: \.readsOldObject)
    }

    /// Evaluates every applicable policy on every subject, on `parallelism` threads. The documents
    /// of one product see each other (`product`, `resources`), so each product's are evaluated
    /// together on one thread; findings come back in the same order whatever the thread count.
    public func evaluate(_ input: PolicyInput, parallelism: Int = System.coreCount) -> PolicyReport {
        let groups = Self.groups(input)
        // Chunks small enough to balance the threads, large enough that handing them out is free.
        let chunks = Self.chunks(groups, size: max(16, input.subjects.count / max(1, parallelism * 16)))
        let plan = input.plan.map(CELValue.init) ?? .null
        var run = Run(waivers: waivers)
        var evaluations = 0
        try? ParallelMap.run(count: chunks.count, parallelism: parallelism) { chunk -> (Run, Int)? in
            var run = Run(waivers: waivers)
            var evaluations = 0
            for group in groups[chunks[chunk]] { evaluations += evaluate(group, of: input, plan: plan, into: &run) }
            return (run, evaluations)
        } store: { _, part in
            run.merge(part.0)
            evaluations += part.1
        }
        var diagnostics = self.diagnostics
        if input.isComplete {
            for waiver in waivers where !run.usedWaivers.contains(waiver.name) {
                diagnostics.append(
                    .warning(
                        .policyExceptionUnused, "exception '\(waiver.name)' waives nothing: no resource it names violates its policies",
                        at: waiver.location, hint: "delete it; the violations it was written for are fixed"))
            }
        }
        return PolicyReport(
            findings: run.findings.sorted(), diagnostics: diagnostics.sorted(), resourceCount: input.subjects.count,
            policyCount: policies.count, evaluationCount: evaluations, ignoredErrorCount: run.ignoredErrors)
    }

    /// Evaluates the subjects of one group; returns how many policies were applied.
    func evaluate(_ group: Group, of input: PolicyInput, plan: CELValue, into run: inout Run) -> Int {
        let objects = group.subjects.map { input.subjects[$0].object }
        var product: CELValue = .null
        var resources: [CELValue] = []
        if group.product != nil {
            resources = objects
            for (position, index) in group.subjects.enumerated() where input.subjects[index].id.kind == .dappProduct {
                product = objects[position]
            }
            for index in group.related {
                let object = input.related[index].object
                resources.append(object)
                if input.related[index].id.kind == .dappProduct { product = object }
            }
        }
        // One activation for the group: each subject rebinds its object and oldObject in place.
        var activation = CELActivation([
            "object": .null, "oldObject": .null, "product": product, "resources": .list(resources), "plan": plan, "params": .null,
            "variables": .null,
        ])
        var evaluations = 0
        for (position, index) in group.subjects.enumerated() {
            let subject = input.subjects[index]
            guard let applicable = policiesByKind[subject.id.kind] else { continue }
            // Bound only for a policy that reads it.
            var oldObject = CELValue.null
            if readsOldObject, applicable.contains(where: { $0.readsOldObject }) {
                switch subject.base {
                case .same: oldObject = objects[position]
                case .changed(let old): oldObject = old
                case .new, nil: oldObject = .null
                }
            }
            activation["object"] = objects[position]
            activation["oldObject"] = oldObject
            // By position: a policy is a large value, and a copy of it retains every part.
            for at in applicable.indices {
                evaluations += 1
                run.evaluate(applicable[at], on: subject, in: &activation)
            }
        }
        return evaluations
    }

    /// Consecutive groups holding at least `size` subjects each (the last one may hold fewer).
    static func chunks(_ groups: [Group], size: Int) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        var count = 0
        for (index, group) in groups.enumerated() {
            count += group.subjects.count
            if count >= size || index == groups.count - 1 {
                chunks.append(start..<index + 1)
                start = index + 1
                count = 0
            }
        }
        return chunks
    }

    /// The subjects of one product (with the related documents of that product), or one subject
    /// outside any product.
    struct Group: Sendable {
        var product: ProductRef?
        var subjects: [Int] = []
        var related: [Int] = []
    }

    /// Subjects grouped by product, in the order products first appear.
    static func groups(_ input: PolicyInput) -> [Group] {
        var groups: [Group] = []
        var byProduct: [ProductRef: Int] = [:]
        for (index, subject) in input.subjects.enumerated() {
            guard let product = subject.product else {
                groups.append(Group(product: nil, subjects: [index]))
                continue
            }
            if let at = byProduct[product] {
                groups[at].subjects.append(index)
            } else {
                byProduct[product] = groups.count
                groups.append(Group(product: product, subjects: [index]))
            }
        }
        for (index, related) in input.related.enumerated() {
            if let product = related.product, let at = byProduct[product] { groups[at].related.append(index) }
        }
        return groups
    }

    /// The mutable part of one evaluation.
    struct Run: Sendable {
        var waivers: [Waiver]
        var findings: [PolicyFinding] = []
        var usedWaivers: Set<String> = []
        var ignoredErrors = 0

        /// Takes in what another part of the same evaluation found.
        mutating func merge(_ other: Run) {
            findings += other.findings
            usedWaivers.formUnion(other.usedWaivers)
            ignoredErrors += other.ignoredErrors
        }

        mutating func evaluate(_ policy: CompiledPolicy, on subject: PolicySubject, in activation: inout CELActivation) {
            activation["params"] = policy.params
            var variables = CELMap()
            var variableFailure: String?
            for at in policy.variables.indices {
                activation["variables"] = .map(variables)
                do {
                    let value = try policy.variables[at].program.evaluate(activation)
                    // Unbound first, so the map is not shared and takes the value in place.
                    activation["variables"] = .null
                    _ = variables.insert(value, forKey: .string(policy.variables[at].name))
                } catch {
                    let variable = policy.variables[at]
                    variableFailure = "variable '\(variable.name)' failed at \(place(of: error, in: variable.source)): \(error.message)"
                    break
                }
            }
            activation["variables"] = .map(variables)
            // By position: a validation is copied (every part retained) only for a finding.
            for at in policy.validations.indices {
                if let variableFailure {
                    failed(policy, policy.validations[at], subject, because: variableFailure)
                    continue
                }
                let result: CELValue
                do {
                    result = try policy.validations[at].program.evaluate(activation)
                } catch {
                    let validation = policy.validations[at]
                    failed(policy, validation, subject, because: "\(place(of: error, in: validation.source)): \(error.message)")
                    continue
                }
                guard case .bool(let holds) = result else {
                    failed(policy, policy.validations[at], subject, because: "the expression gave \(result.celType), not bool")
                    continue
                }
                if holds { continue }
                let validation = policy.validations[at]
                record(policy, validation, subject, message: message(validation, activation), isError: false)
            }
        }

        func place(of error: CELEvaluationError, in source: EmbeddedSource) -> SourceLocation {
            source.location(line: error.position.line, column: error.position.column)
        }

        /// The messageExpression's text; else the message; else the expression that failed.
        func message(_ validation: CompiledPolicy.Validation, _ activation: CELActivation) -> String {
            if let program = validation.messageProgram, let text = (try? program.evaluate(activation))?.stringValue, !text.isEmpty {
                return text
            }
            return validation.message ?? "failed rule: \(validation.source.text)"
        }

        mutating func failed(_ policy: CompiledPolicy, _ validation: CompiledPolicy.Validation, _ subject: PolicySubject, because: String) {
            guard policy.failurePolicy == .fail else {
                ignoredErrors += 1
                return
            }
            record(policy, validation, subject, message: "policy '\(policy.name)' could not be evaluated: \(because)", isError: true)
        }

        mutating func record(
            _ policy: CompiledPolicy, _ validation: CompiledPolicy.Validation, _ subject: PolicySubject, message: String, isError: Bool
        ) {
            let location = validation.fieldPath.flatMap { subject.locator?.location(of: $0) } ?? subject.location
            let waiver = waivers.first { $0.covers(policy: policy, rule: validation.rule, resource: subject.id) }
            if let waiver { usedWaivers.insert(waiver.name) }
            findings.append(
                PolicyFinding(
                    rule: validation.rule, policy: policy.name, resource: subject.id, severity: isError ? .error : validation.severity,
                    message: message, reason: validation.reason, location: location, fieldPath: validation.fieldPath,
                    isEvaluationError: isError, waiver: waiver?.reference))
        }
    }
}

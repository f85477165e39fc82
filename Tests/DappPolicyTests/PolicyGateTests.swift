import CEL
import DappCore
import DappPolicy
import Testing

/// The gate's semantics: what counts as a violation, an evaluation error, a waiver.
@Suite struct PolicyGateTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 26)!

    static func policy(
        _ name: String, kinds: [SpecKind] = [.objectBucket], failurePolicy: DappPolicySpec.FailurePolicy = .fail,
        variables: [(String, String)] = [], validations: [(id: String?, expression: String, message: String?, messageExpression: String?)],
        params: SpecValue? = nil
    ) -> SpecDocument<DappPolicySpec> {
        let file = SourceLocation(file: "policies/\(name).yaml", line: 1, column: 1)
        return SpecDocument(
            id: ResourceID(kind: .dappPolicy, domain: "", name: name), meta: ObjectMeta(name: name, namespace: "", labels: [:]),
            location: file,
            spec: DappPolicySpec(
                description: nil, matchKinds: kinds, failurePolicy: failurePolicy, params: params,
                variables: variables.map { DappPolicySpec.Variable(name: $0.0, expression: EmbeddedSource($0.1, at: file)) },
                validations: validations.map {
                    DappPolicySpec.Validation(
                        id: $0.id, expression: EmbeddedSource($0.expression, at: file), message: $0.message,
                        messageExpression: $0.messageExpression.map { EmbeddedSource($0, at: file) }, reason: nil, severity: .error)
                }))
    }

    static func exception(
        _ name: String, policies: [String], kind: SpecKind = .objectBucket, domain: String = "sales", resource: String,
        created: String?, expires: String
    ) -> SpecDocument<DappPolicyExceptionSpec> {
        let file = SourceLocation(file: "policies/\(name).yaml", line: 1, column: 1)
        return SpecDocument(
            id: ResourceID(kind: .dappPolicyException, domain: "", name: name), meta: ObjectMeta(name: name, namespace: "", labels: [:]),
            location: file,
            spec: DappPolicyExceptionSpec(
                policies: policies.map { Located($0, at: file) },
                resources: [DappPolicyExceptionSpec.ResourceSelector(kind: kind, domain: domain, name: resource)],
                owner: "team@example.com",
                reason: "testing", created: created, expires: Located(expires, at: SourceLocation(file: file.file, line: 9, column: 10))))
    }

    static func bucket(_ name: String, public isPublic: Bool) -> PolicySubject {
        PolicySubject(
            id: ResourceID(kind: .objectBucket, domain: "sales", name: name), product: ProductRef(domain: "sales", name: "orders"),
            location: SourceLocation(file: "products/sales/orders/\(name).yaml", line: 1, column: 1),
            object: .map(
                CELMap([
                    "kind": .string("ObjectBucket"), "metadata": .map(CELMap(["name": .string(name)])),
                    "spec": .map(CELMap(["publicAccess": .bool(isPublic)])),
                ])))
    }

    static let noPublic = policy(
        "no-public", validations: [("buckets/private", "!object.spec.publicAccess", "buckets are private", nil)])

    @Test func aFalseRuleIsAViolationAndATrueOneIsNot() {
        let gate = PolicyGate(policies: [Self.noPublic], exceptions: [], today: Self.today)
        let report = gate.evaluate(PolicyInput(subjects: [Self.bucket("a", public: true), Self.bucket("b", public: false)]))
        #expect(report.findings.map(\.resource.name) == ["a"])
        #expect(report.findings.first?.message == "buckets are private")
        #expect(report.findings.first?.isBlocking == true)
        #expect(report.evaluationCount == 2)
        #expect(!report.passes)
    }

    @Test func failurePolicyDecidesWhatAnEvaluationErrorMeans() {
        let failing = Self.policy("strict", validations: [("strict/rule", "object.spec.retention.days > 1", "x", nil)])
        let failReport = PolicyGate(policies: [failing], exceptions: [], today: Self.today)
            .evaluate(PolicyInput(subjects: [Self.bucket("a", public: false)]))
        let finding = failReport.findings.first
        #expect(finding?.isEvaluationError == true)
        #expect(finding?.isBlocking == true)
        #expect(finding?.message.contains("policy 'strict' could not be evaluated: policies/strict.yaml:1:") == true)
        #expect(finding?.message.contains("no such key: retention") == true)

        let lenient = Self.policy(
            "lenient", failurePolicy: .ignore, validations: [("lenient/rule", "object.spec.retention.days > 1", "x", nil)])
        let ignoreReport = PolicyGate(policies: [lenient], exceptions: [], today: Self.today)
            .evaluate(PolicyInput(subjects: [Self.bucket("a", public: false)]))
        #expect(ignoreReport.findings.isEmpty)
        #expect(ignoreReport.ignoredErrorCount == 1)
    }

    @Test func aNonBooleanResultIsAnEvaluationError() {
        let policy = Self.policy("count", validations: [(nil, "size(object.spec)", nil, nil)])
        let report = PolicyGate(policies: [policy], exceptions: [], today: Self.today)
            .evaluate(PolicyInput(subjects: [Self.bucket("a", public: false)]))
        #expect(report.findings.first?.rule == "count")
        #expect(report.findings.first?.message.hasSuffix("the expression gave int, not bool") == true)
    }

    @Test func aRunawayExpressionStopsAtTheCostBudget() {
        let policy = Self.policy(
            "runaway", validations: [("runaway/rule", "lists.range(2000).all(i, lists.range(2000).all(j, i + j >= 0))", nil, nil)])
        let gate = PolicyGate(policies: [policy], exceptions: [], today: Self.today, costLimit: 100_000)
        let report = gate.evaluate(PolicyInput(subjects: [Self.bucket("a", public: false)]))
        #expect(report.findings.first?.isEvaluationError == true)
        #expect(report.findings.first?.message.contains("cost budget exceeded") == true)
    }

    @Test func messageExpressionWinsAndFallsBackToMessage() {
        let policy = Self.policy(
            "msg",
            validations: [
                ("msg/computed", "false", "static", "'bucket ' + object.metadata.name + ' is public'"),
                ("msg/broken", "false", "static fallback", "object.nope + 'x'"),
                ("msg/none", "1 == 2", nil, nil),
            ])
        let report = PolicyGate(policies: [policy], exceptions: [], today: Self.today)
            .evaluate(PolicyInput(subjects: [Self.bucket("a", public: true)]))
        let messages = Dictionary(uniqueKeysWithValues: report.findings.map { ($0.rule, $0.message) })
        #expect(messages["msg/computed"] == "bucket a is public")
        #expect(messages["msg/broken"] == "static fallback")
        #expect(messages["msg/none"] == "failed rule: 1 == 2")
    }

    @Test func variablesSeeEarlierVariablesAndAFailingOneFailsTheRules() {
        let chained = Self.policy(
            "chained", variables: [("name", "object.metadata.name"), ("shout", "variables.name + '!'")],
            validations: [("chained/rule", "variables.shout == 'a!'", nil, nil)])
        let ok = PolicyGate(policies: [chained], exceptions: [], today: Self.today)
            .evaluate(PolicyInput(subjects: [Self.bucket("a", public: true)]))
        #expect(ok.findings.isEmpty)

        let broken = Self.policy(
            "broken", variables: [("bad", "object.spec.nothing")], validations: [("broken/rule", "true", nil, nil)])
        let report = PolicyGate(policies: [broken], exceptions: [], today: Self.today)
            .evaluate(PolicyInput(subjects: [Self.bucket("a", public: true)]))
        #expect(report.findings.first?.isEvaluationError == true)
        #expect(report.findings.first?.message.contains("variable 'bad' failed") == true)
    }

    @Test func unknownNamesAreCaughtWhenThePolicyLoads() {
        let policy = Self.policy(
            "typos", variables: [("owners", "object.spec.owners")],
            validations: [("typos/a", "size(objcet.spec) > 0", nil, nil), ("typos/b", "variables.ownerz.size() > 0", nil, nil)])
        let gate = PolicyGate(policies: [policy], exceptions: [], today: Self.today)
        #expect(gate.policies.isEmpty)
        #expect(gate.diagnostics.count == 2)
        #expect(gate.diagnostics.allSatisfy { $0.rule == .policyInvalidExpression })
        #expect(
            gate.diagnostics.contains { $0.message.contains("uses 'objcet', which is not an input") && $0.hint == "did you mean 'object'?" }
        )
        #expect(gate.diagnostics.contains { $0.message.contains("uses variables.ownerz") && $0.hint == "did you mean 'owners'?" })
    }

    @Test func comprehensionVariablesAndNamespacesAreNotUnknown() {
        let policy = Self.policy(
            "fine",
            validations: [
                ("fine/rule", "[1, 2].all(x, x > 0) && cel.bind(y, 2, y == 2) && math.greatest(1, 2) == 2 && type(1) == int", nil, nil)
            ])
        let gate = PolicyGate(policies: [policy], exceptions: [], today: Self.today)
        #expect(gate.diagnostics == [])
        #expect(gate.evaluate(PolicyInput(subjects: [Self.bucket("a", public: true)])).findings.isEmpty)
    }

    @Test func aWaiverReportsTheViolationAsWaivedAndUnblocksIt() {
        let waiver = Self.exception("w", policies: ["no-public"], resource: "camp*", created: "2026-11-20", expires: "2027-01-31")
        let gate = PolicyGate(policies: [Self.noPublic], exceptions: [waiver], today: Self.today)
        let report = gate.evaluate(
            PolicyInput(subjects: [Self.bucket("campaign-assets", public: true), Self.bucket("other", public: true)]))
        #expect(report.findings.count == 2)
        let waived = report.findings.first { $0.resource.name == "campaign-assets" }
        #expect(waived?.waiver?.exception == "w")
        #expect(waived?.isBlocking == false)
        #expect(waived?.diagnostic.severity == .note)
        #expect(report.findings.first { $0.resource.name == "other" }?.isBlocking == true)
        #expect(report.diagnostics.isEmpty)
    }

    @Test func aWaiverMayNameOneRuleOfAPolicy() {
        let waiver = Self.exception("w", policies: ["buckets/private"], resource: "a", created: nil, expires: "2026-12-31")
        let report = PolicyGate(policies: [Self.noPublic], exceptions: [waiver], today: Self.today)
            .evaluate(PolicyInput(subjects: [Self.bucket("a", public: true)]))
        #expect(report.findings.first?.waiver != nil)
    }

    @Test func aWaiverForAnotherDomainOrKindWaivesNothing() {
        let otherDomain = Self.exception(
            "d", policies: ["no-public"], domain: "finance", resource: "a", created: nil, expires: "2026-12-31")
        let otherKind = Self.exception("k", policies: ["no-public"], kind: .dappProduct, resource: "a", created: nil, expires: "2026-12-31")
        let report = PolicyGate(policies: [Self.noPublic], exceptions: [otherDomain, otherKind], today: Self.today)
            .evaluate(PolicyInput(subjects: [Self.bucket("a", public: true)]))
        #expect(report.findings.first?.waiver == nil)
        #expect(report.diagnostics.filter { $0.rule == .policyExceptionUnused }.count == 2)
    }

    @Test func expiredAndOverlongWaiversWaiveNothingAndAreReported() {
        let expired = Self.exception("old", policies: ["no-public"], resource: "a", created: "2026-08-01", expires: "2026-10-01")
        let overlong = Self.exception("long", policies: ["no-public"], resource: "a", created: "2026-11-01", expires: "2027-02-15")
        let undated = Self.exception("undated", policies: ["no-public"], resource: "a", created: nil, expires: "2027-03-01")
        let backwards = Self.exception("backwards", policies: ["no-public"], resource: "a", created: "2026-11-20", expires: "2026-11-10")
        let gate = PolicyGate(policies: [Self.noPublic], exceptions: [expired, overlong, undated, backwards], today: Self.today)
        let report = gate.evaluate(PolicyInput(subjects: [Self.bucket("a", public: true)]))
        #expect(report.findings.first?.waiver == nil)
        let byName = Dictionary(grouping: report.diagnostics) { $0.message.split(separator: "'")[1] }
        #expect(byName["old"]?.first?.rule == .policyExceptionExpired)
        #expect(byName["old"]?.first?.severity == .warning)
        #expect(byName["long"]?.first?.rule == .policyExceptionTooLong)
        #expect(byName["long"]?.first?.severity == .error)
        #expect(byName["long"]?.first?.hint == "set expires to 2027-01-30 or earlier, and renew it then if the fix has not landed")
        #expect(byName["undated"]?.first?.message.contains("from today (2026-11-26)") == true)
        #expect(byName["backwards"]?.first?.message.contains("before it was created") == true)
        #expect(report.diagnostics.allSatisfy { $0.location.line == 9 })
    }

    @Test func unusedWaiversAreReportedOnlyWhenTheWholeRepositoryWasChecked() {
        let stale = Self.exception("stale", policies: ["no-public"], resource: "a", created: nil, expires: "2026-12-31")
        let gate = PolicyGate(policies: [Self.noPublic], exceptions: [stale], today: Self.today)
        let whole = gate.evaluate(PolicyInput(subjects: [Self.bucket("a", public: false)]))
        #expect(whole.diagnostics.map(\.rule) == [.policyExceptionUnused])
        let partial = gate.evaluate(PolicyInput(subjects: [Self.bucket("a", public: false)], isComplete: false))
        #expect(partial.diagnostics.isEmpty)
    }

    @Test func productResourcesAndOldObjectAreBound() {
        let policy = Self.policy(
            "context", kinds: [.objectBucket],
            validations: [
                ("context/product", "product.metadata.name == 'orders'", nil, nil),
                ("context/resources", "size(resources) == 2", nil, nil),
                ("context/old", "oldObject == null || oldObject.spec.publicAccess == object.spec.publicAccess", nil, nil),
                ("context/params", "params.limit == 3", nil, nil),
            ], params: .map([SpecValue.Entry(key: "limit", value: .int(3))]))
        let product = PolicySubject(
            id: ResourceID(kind: .dappProduct, domain: "sales", name: "orders"), product: ProductRef(domain: "sales", name: "orders"),
            location: SourceLocation(file: "p.yaml"),
            object: .map(CELMap(["metadata": .map(CELMap(["name": .string("orders")]))])))
        let bucket = Self.bucket("a", public: true)
        var input = PolicyInput(subjects: [bucket], related: [product])
        let gate = PolicyGate(policies: [policy], exceptions: [], today: Self.today)
        #expect(gate.evaluate(input).findings.isEmpty)
        input.subjects[0].base = PolicySubject.BaseVersion.changed(Self.bucket("a", public: false).object)
        #expect(gate.evaluate(input).findings.map(\.rule) == ["context/old"])
    }

    /// A check keeps the base revision's objects only when a policy can read them, so the
    /// analysis must see every way an expression reaches `oldObject`, and must not claim it for
    /// a comprehension variable of the same name.
    @Test func aPolicyReadsOldObjectOnlyWhereAnExpressionNamesIt() {
        func reads(_ expression: String, variables: [(String, String)] = [], message: String? = nil) -> Bool {
            let policy = Self.policy("p", variables: variables, validations: [(nil, expression, nil, message)])
            let gate = PolicyGate(policies: [policy], exceptions: [], today: Self.today)
            #expect(gate.policies.count == 1, "\(expression) compiles")
            return gate.readsOldObject
        }
        #expect(!reads("!object.spec.publicAccess"))
        #expect(reads("oldObject == null"))
        #expect(reads("has(oldObject.spec)"))
        #expect(reads("variables.before", variables: [("before", "oldObject.spec")]))
        #expect(reads("true", message: "oldObject.metadata.name"))
        #expect(!reads("[1, 2].all(oldObject, oldObject > 0)"), "a comprehension's own variable")
        #expect(reads("[1].all(oldObject, .oldObject == null)"), "a leading dot names the input itself")
        #expect(reads("[1].all(x, oldObject == null)"))
        let gate = PolicyGate(
            policies: [Self.noPublic, Self.policy("history", validations: [(nil, "oldObject != null", nil, nil)])], exceptions: [],
            today: Self.today)
        #expect(gate.readsOldObject)
        #expect(gate.policies.map(\.readsOldObject) == [false, true])
    }

    @Test func anUnchangedResourceIsItsOwnOldObject() {
        let policy = Self.policy(
            "history", validations: [("history/new", "oldObject != null", "new buckets need a review", nil)])
        let gate = PolicyGate(policies: [policy], exceptions: [], today: Self.today)
        let bucket = Self.bucket("a", public: false)
        #expect(gate.evaluate(PolicyInput(subjects: [bucket])).findings.map(\.rule) == ["history/new"])
        var unchanged = bucket
        unchanged.base = .same
        #expect(gate.evaluate(PolicyInput(subjects: [unchanged])).findings.isEmpty)
    }

    @Test func findingsAreTheSameOnOneThreadAndOnMany() {
        let policy = Self.policy(
            "mixed",
            validations: [
                ("mixed/private", "!object.spec.publicAccess", nil, "'bucket ' + object.metadata.name + ' is public'"),
                ("mixed/named", "object.metadata.name.size() < 4", "short names", nil),
            ])
        let subjects = (0..<500).map { Self.bucket("bucket-\($0)", public: $0 % 3 == 0) }
        let gate = PolicyGate(policies: [policy, Self.noPublic], exceptions: [], today: Self.today)
        let one = gate.evaluate(PolicyInput(subjects: subjects), parallelism: 1)
        let many = gate.evaluate(PolicyInput(subjects: subjects), parallelism: 4)
        #expect(one.findings.count == 167 * 2 + 500)
        #expect(one.findings == many.findings)
        #expect(one.evaluationCount == many.evaluationCount)
        #expect(one.evaluationCount == 1_000)
    }
}

import CEL

/// A policy unit test file (`policies/tests/*.yaml`, kind DappPolicyTest): resources written out
/// in full and the rule ids each must raise, so a policy change that stops catching (or starts
/// flagging) something fails in CI before it reaches a real repository.
public struct PolicyTestSuite: Sendable {
    public struct Case: Sendable {
        public var name: String
        public var location: SourceLocation
        /// The resource under test.
        public var subject: PolicySubject
        /// The rest of its product folder, visible as `product` and `resources`; not evaluated.
        public var related: [PolicySubject]
        public var oldObject: CELValue?
        /// Rule ids (validation ids, or policy names) that must fire, and nothing else.
        public var expect: [Located<String>]
        public var expectLocation: SourceLocation

        public init(
            name: String, location: SourceLocation, subject: PolicySubject, related: [PolicySubject], oldObject: CELValue?,
            expect: [Located<String>], expectLocation: SourceLocation
        ) {
            self.name = name
            self.location = location
            self.subject = subject
            self.related = related
            self.oldObject = oldObject
            self.expect = expect
            self.expectLocation = expectLocation
        }
    }

    public var name: String
    public var location: SourceLocation
    /// The policies the cases run against (names); every policy when empty.
    public var policies: [Located<String>]
    /// The date exceptions and date-dependent rules are evaluated at; today when nil.
    public var today: CalendarDate?
    public var cases: [Case]

    public init(name: String, location: SourceLocation, policies: [Located<String>], today: CalendarDate?, cases: [Case]) {
        self.name = name
        self.location = location
        self.policies = policies
        self.today = today
        self.cases = cases
    }
}

public struct AccessPolicySpec: Sendable, Hashable {
    public struct Principal: Sendable, Hashable {
        public var name: String
        public var type: String
        public var credentials: SecretRef?
        public init(name: String, type: String, credentials: SecretRef?) {
            self.name = name
            self.type = type
            self.credentials = credentials
        }
    }

    /// What a grant is on: a table of a store, a bucket (prefix) or an output port.
    public struct GrantTarget: Sendable, Hashable {
        public var store: Located<String>?
        public var table: Located<String>?
        public var bucket: Located<String>?
        public var prefix: String?
        public var port: Located<String>?
        public var location: SourceLocation
        public init(
            store: Located<String>?, table: Located<String>?, bucket: Located<String>?, prefix: String?, port: Located<String>?,
            location: SourceLocation
        ) {
            self.store = store
            self.table = table
            self.bucket = bucket
            self.prefix = prefix
            self.port = port
            self.location = location
        }
    }

    public struct Grant: Sendable, Hashable {
        public var privileges: [String]
        public var on: GrantTarget
        public init(privileges: [String], on: GrantTarget) {
            self.privileges = privileges
            self.on = on
        }
    }

    public struct Role: Sendable, Hashable {
        public var name: String
        public var grants: [Grant]
        public init(name: String, grants: [Grant]) {
            self.name = name
            self.grants = grants
        }
    }

    public struct Binding: Sendable, Hashable {
        public var role: Located<String>
        public var principals: [Located<String>]
        public init(role: Located<String>, principals: [Located<String>]) {
            self.role = role
            self.principals = principals
        }
    }

    public struct Network: Sendable, Hashable {
        public var defaultDeny: Bool?
        public var allowFrom: [Located<ProductRef>]
        public init(defaultDeny: Bool?, allowFrom: [Located<ProductRef>]) {
            self.defaultDeny = defaultDeny
            self.allowFrom = allowFrom
        }
    }

    public struct Certificate: Sendable, Hashable {
        public var name: String
        public var dnsNames: [String]
        public var issuerName: String
        public var issuerKind: String?
        public var duration: String?
        public var renewBefore: String?
        public init(name: String, dnsNames: [String], issuerName: String, issuerKind: String?, duration: String?, renewBefore: String?) {
            self.name = name
            self.dnsNames = dnsNames
            self.issuerName = issuerName
            self.issuerKind = issuerKind
            self.duration = duration
            self.renewBefore = renewBefore
        }
    }

    public struct SecretMount: Sendable, Hashable {
        public var name: String
        public var value: SecretRef
        public init(name: String, value: SecretRef) {
            self.name = name
            self.value = value
        }
    }

    public var principals: [Principal]
    public var roles: [Role]
    public var bindings: [Binding]
    public var network: Network?
    public var certificates: [Certificate]
    public var secrets: [SecretMount]

    public init(
        principals: [Principal] = [], roles: [Role] = [], bindings: [Binding] = [], network: Network? = nil,
        certificates: [Certificate] = [], secrets: [SecretMount] = []
    ) {
        self.principals = principals
        self.roles = roles
        self.bindings = bindings
        self.network = network
        self.certificates = certificates
        self.secrets = secrets
    }
}

public struct DappPolicySpec: Sendable, Hashable {
    public struct Variable: Sendable, Hashable {
        public var name: String
        public var expression: EmbeddedSource
        public init(name: String, expression: EmbeddedSource) {
            self.name = name
            self.expression = expression
        }
    }

    public struct Validation: Sendable, Hashable {
        public var id: String?
        public var expression: EmbeddedSource
        public var message: String?
        public var messageExpression: EmbeddedSource?
        public var reason: String?
        public var severity: Diagnostic.Severity
        /// The field a violation points at (`spec.publicAccess`), so the report shows its line.
        public var fieldPath: DocumentPath?
        /// Where the validation is declared.
        public var location: SourceLocation
        public init(
            id: String?, expression: EmbeddedSource, message: String?, messageExpression: EmbeddedSource?, reason: String?,
            severity: Diagnostic.Severity, fieldPath: DocumentPath? = nil, location: SourceLocation? = nil
        ) {
            self.fieldPath = fieldPath
            self.location = location ?? expression.location
            self.id = id
            self.expression = expression
            self.message = message
            self.messageExpression = messageExpression
            self.reason = reason
            self.severity = severity
        }
    }

    public enum FailurePolicy: String, Sendable, Hashable {
        case fail = "Fail"
        case ignore = "Ignore"
    }

    public var description: String?
    public var matchKinds: [SpecKind]
    public var failurePolicy: FailurePolicy
    public var params: SpecValue?
    public var variables: [Variable]
    public var validations: [Validation]

    public init(
        description: String?, matchKinds: [SpecKind], failurePolicy: FailurePolicy, params: SpecValue?, variables: [Variable],
        validations: [Validation]
    ) {
        self.description = description
        self.matchKinds = matchKinds
        self.failurePolicy = failurePolicy
        self.params = params
        self.variables = variables
        self.validations = validations
    }
}

public struct DappPolicyExceptionSpec: Sendable, Hashable {
    public struct ResourceSelector: Sendable, Hashable {
        public var kind: SpecKind
        public var domain: String
        /// May contain `*` wildcards.
        public var name: String
        public init(kind: SpecKind, domain: String, name: String) {
            self.kind = kind
            self.domain = domain
            self.name = name
        }
    }

    public var policies: [Located<String>]
    public var resources: [ResourceSelector]
    public var owner: String
    public var reason: String
    public var created: String?
    public var expires: Located<String>

    public init(
        policies: [Located<String>], resources: [ResourceSelector], owner: String, reason: String, created: String?,
        expires: Located<String>
    ) {
        self.policies = policies
        self.resources = resources
        self.owner = owner
        self.reason = reason
        self.created = created
        self.expires = expires
    }
}

// Generated from the policies/ folder by `RECORD_SNAPSHOTS=1 swift test --filter BuiltinPolicySync`.
// Do not edit: change the YAML files under policies/ and regenerate.

enum BuiltinPolicyFiles {
    static let files: [(path: String, text: String)] = [
        (
            "contract/classification.yaml",
            ###"""
            # Access rules, masking and retention all start from knowing how sensitive each field is.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: contract-classification
            spec:
              description: Every field of a contract has a classification (public, internal, confidential, restricted, pii, …).
              matchKinds: [DataContract]
              variables:
                - name: unclassified
                  expression: >-
                    (has(object.schema) ? object.schema : []).map(o,
                      (has(o.properties) ? o.properties : []).filter(p, !has(p.classification) || p.classification == '')
                      .map(p, o.name + '.' + p.name)).flatten()
              validations:
                - id: contract/fields-classified
                  expression: "size(variables.unclassified) == 0"
                  messageExpression: >-
                    'fields ' + variables.unclassified.join(', ') + ' have no classification; set classification to public, '
                    + 'internal, confidential, restricted or pii'
                  fieldPath: schema
                  reason: UnclassifiedField

            """###
        ),
        (
            "contract/deprecation.yaml",
            ###"""
            # Consumers of a deprecated product need a date to migrate by.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: contract-deprecation
            spec:
              description: A deprecated product gives its sunset date.
              matchKinds: [DappProduct]
              validations:
                - id: contract/deprecated-has-sunset
                  expression: "!has(object.spec.lifecycle) || object.spec.lifecycle != 'deprecated' || has(object.spec.sunset)"
                  message: the product is deprecated but gives no sunset date; set spec.sunset (YYYY-MM-DD) so consumers can plan their move
                  fieldPath: spec.lifecycle
                  reason: MissingSunset

            """###
        ),
        (
            "contract/key-quality.yaml",
            ###"""
            # A key that is null or duplicated breaks every join downstream: keys get checks.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: contract-key-quality
            spec:
              description: Every primary-key field has at least one quality check (e.g. nullValues and duplicateValues).
              matchKinds: [DataContract]
              variables:
                - name: unchecked
                  expression: >-
                    (has(object.schema) ? object.schema : []).map(o,
                      (has(o.properties) ? o.properties : []).filter(p,
                        has(p.primaryKey) && p.primaryKey == true && (!has(p.quality) || size(p.quality) == 0))
                      .map(p, o.name + '.' + p.name)).flatten()
              validations:
                - id: contract/key-fields-have-quality
                  expression: "size(variables.unchecked) == 0"
                  messageExpression: >-
                    'key fields ' + variables.unchecked.join(', ') + ' have no quality checks; add quality rules such as '
                    + '{type: library, metric: nullValues, mustBe: 0} and {type: library, metric: duplicateValues, mustBe: 0}'
                  fieldPath: schema
                  reason: UncheckedKey

            """###
        ),
        (
            "contract/output-ports.yaml",
            ###"""
            # What a product publishes is defined by a contract: consumers build against it, checks enforce it.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: contract-output-ports
            spec:
              description: Every output port names its contract, and the product holds the contract.
              matchKinds: [DappProduct]
              variables:
                - name: ports
                  expression: "has(object.spec.outputPorts) ? object.spec.outputPorts : []"
              validations:
                - id: contract/output-port-has-contract
                  expression: >-
                    variables.ports.all(p, has(p.contract) && p.contract != '')
                    && (size(variables.ports) == 0 || resources.exists(r, r.kind == 'DataContract'))
                  message: >-
                    an output port has no data contract; write an ODCS v3 contract in the product folder and name it
                    in the port's contract field
                  fieldPath: spec.outputPorts
                  reason: PortWithoutContract

            """###
        ),
        (
            "contract/sla.yaml",
            ###"""
            # Consumers plan around how fresh and how available the data is; the contract has to say.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: contract-sla
            spec:
              description: Every contract declares freshness (or latency) and availability in slaProperties.
              matchKinds: [DataContract]
              variables:
                - name: declared
                  expression: "has(object.slaProperties) ? object.slaProperties.map(s, s.property.lowerAscii()) : []"
              validations:
                - id: contract/sla-freshness
                  expression: "variables.declared.exists(p, p in ['freshness', 'latency'])"
                  message: >-
                    the contract promises no freshness; add an slaProperties entry such as
                    {property: latency, value: 4, unit: h} (or property freshness)
                  fieldPath: slaProperties
                  reason: MissingFreshness
                - id: contract/sla-availability
                  expression: "'availability' in variables.declared"
                  message: >-
                    the contract promises no availability; add an slaProperties entry such as
                    {property: availability, value: 99.5, unit: '%'}
                  fieldPath: slaProperties
                  reason: MissingAvailability

            """###
        ),
        (
            "contract/version.yaml",
            ###"""
            # Compatibility checks and consumers' pins read the version as semver: MAJOR.MINOR.PATCH.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: contract-version
            spec:
              description: A contract's version is a semantic version (MAJOR.MINOR.PATCH with optional pre-release and build).
              matchKinds: [DataContract]
              validations:
                - id: contract/semantic-version
                  expression: >-
                    object.version.matches('^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$')
                  messageExpression: "'version ' + object.version + ' is not a semantic version; write MAJOR.MINOR.PATCH, e.g. 1.4.0'"
                  fieldPath: version
                  reason: NotSemver

            """###
        ),
        (
            "security/buckets.yaml",
            ###"""
            # Object storage is private and encrypted: the two mistakes behind most data leaks from buckets.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-buckets
            spec:
              description: Buckets are never public and always encrypted at rest.
              matchKinds: [ObjectBucket]
              validations:
                - id: security/bucket-not-public
                  expression: "!has(object.spec.publicAccess) || object.spec.publicAccess == false"
                  message: the bucket allows anonymous reads; set publicAccess to false and publish files through a CDN or signed URLs
                  fieldPath: spec.publicAccess
                  reason: PublicBucket
                - id: security/bucket-encrypted
                  expression: "has(object.spec.encryption) && object.spec.encryption.type != 'none'"
                  message: the bucket is not encrypted at rest; set spec.encryption.type to SSE-S3 or SSE-KMS
                  fieldPath: spec.encryption
                  reason: UnencryptedBucket

            """###
        ),
        (
            "security/certificates.yaml",
            ###"""
            # Short-lived certificates limit what a stolen key is worth; renewal must start well before expiry.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-certificates
            spec:
              description: >-
                Certificates last at most 90 days (cert-manager's default when duration is omitted) and renew
                at least 7 days before they expire.
              matchKinds: [AccessPolicy]
              params:
                maxDuration: 2160h
                minRenewBefore: 168h
              variables:
                - name: certificates
                  expression: "has(object.spec.certificates) ? object.spec.certificates : []"
              validations:
                - id: security/certificate-lifetime
                  expression: >-
                    variables.certificates.all(c, !has(c.duration) || specs.duration(c.duration) <= specs.duration(params.maxDuration))
                  messageExpression: >-
                    'certificates ' + variables.certificates.filter(c, has(c.duration) && specs.duration(c.duration) > specs.duration(params.maxDuration))
                      .map(c, c.name).join(', ')
                    + ' last longer than ' + params.maxDuration + ' (90 days); shorten duration, or omit it for the 90-day default'
                  fieldPath: spec.certificates
                  reason: CertificateLifetime
                - id: security/certificate-renewal
                  expression: >-
                    variables.certificates.all(c, !has(c.renewBefore) || specs.duration(c.renewBefore) >= specs.duration(params.minRenewBefore))
                  message: renewBefore must be at least 168h (7 days), so a failed renewal is noticed before the certificate expires
                  fieldPath: spec.certificates
                  reason: CertificateRenewal
                  severity: warning

            """###
        ),
        (
            "security/grants.yaml",
            ###"""
            # Least privilege: grants name their privileges and their principals.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-grants
            spec:
              description: No grant of ALL privileges and no grant to everyone.
              matchKinds: [AccessPolicy]
              params:
                broadPrincipals: ['*', 'public', 'allUsers', 'allAuthenticatedUsers', 'everyone']
              variables:
                - name: allGrants
                  expression: >-
                    (has(object.spec.roles) ? object.spec.roles : []).filter(r,
                      has(r.grants) && r.grants.exists(g, g.privileges.exists(p, p.upperAscii() in ['ALL', 'ALL PRIVILEGES', '*'])))
                    .map(r, r.name)
                - name: broadBindings
                  expression: >-
                    (has(object.spec.bindings) ? object.spec.bindings : []).filter(b,
                      b.principals.exists(p, p in params.broadPrincipals)).map(b, b.role)
              validations:
                - id: security/no-grant-all
                  expression: "size(variables.allGrants) == 0"
                  messageExpression: >-
                    'roles ' + variables.allGrants.join(', ') + ' grant ALL privileges; list the privileges the role needs '
                    + '(SELECT, INSERT, READ, …)'
                  fieldPath: spec.roles
                  reason: GrantAll
                - id: security/no-public-principal
                  expression: "size(variables.broadBindings) == 0"
                  messageExpression: >-
                    'roles ' + variables.broadBindings.join(', ') + ' are bound to everyone; bind them to named principals'
                  fieldPath: spec.bindings
                  reason: PublicPrincipal

            """###
        ),
        (
            "security/literal-secrets.yaml",
            ###"""
            # Secrets live in a secret store, never in Git: a spec names them with {secretRef: {name, key}}.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-literal-secrets
            spec:
              description: >-
                No string in a spec looks like a credential: values under secret-like keys (password, token,
                apiKey, …) and high-entropy strings such as keys and tokens are reported by path, never printed.
              matchKinds: [DappProduct, DataContract, OperationalStore, AnalyticsTable, ObjectBucket, Pipeline, Workflow, AccessPolicy]
              variables:
                - name: found
                  expression: "secrets.literals(object)"
              validations:
                - id: security/no-literal-secrets
                  expression: "size(variables.found) == 0"
                  messageExpression: >-
                    'values at ' + variables.found.join(', ') + ' look like secrets; move them to a secret store and refer '
                    + 'to them as {secretRef: {name, key}}'
                  reason: LiteralSecret

            """###
        ),
        (
            "security/network.yaml",
            ###"""
            # A product's workloads accept traffic only from the products it names.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-network-default-deny
            spec:
              description: Every product declares a default-deny network policy in one of its AccessPolicies.
              matchKinds: [DappProduct]
              validations:
                - id: security/network-default-deny
                  expression: >-
                    (has(object.spec.lifecycle) && object.spec.lifecycle == 'retired')
                    || resources.exists(r, r.kind == 'AccessPolicy' && has(r.spec.network)
                         && has(r.spec.network.defaultDeny) && r.spec.network.defaultDeny == true)
                  message: >-
                    the product has no default-deny network policy; add an AccessPolicy with
                    spec.network.defaultDeny: true and list the products allowed in under allowFrom
                  reason: NoDefaultDeny

            """###
        ),
        (
            "security/owners.yaml",
            ###"""
            # Someone answers for every product: access reviews, incidents and waivers need a name.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-owners
            spec:
              description: Every product names at least one owner.
              matchKinds: [DappProduct]
              validations:
                - id: security/owners-required
                  expression: "has(object.spec.owners) && size(object.spec.owners) > 0"
                  message: the product names no owner; list the team or people who answer for it under spec.owners
                  fieldPath: spec
                  reason: MissingOwner

            """###
        ),
        (
            "security/retired.yaml",
            ###"""
            # A retired product serves no one: leftover grants are access nobody reviews.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-retired-products
            spec:
              description: Retired products hold no grants or bindings.
              matchKinds: [AccessPolicy]
              validations:
                - id: security/retired-no-grants
                  expression: >-
                    product == null || !has(product.spec.lifecycle) || product.spec.lifecycle != 'retired'
                    || ((!has(object.spec.bindings) || size(object.spec.bindings) == 0)
                        && (!has(object.spec.roles) || object.spec.roles.all(r, !has(r.grants) || size(r.grants) == 0)))
                  message: the product is retired but its access policy still grants access; remove its roles' grants and its bindings
                  fieldPath: spec.bindings
                  reason: RetiredWithGrants

            """###
        ),
        (
            "security/sensitive-fields.yaml",
            ###"""
            # Personal and confidential data is readable only in a protected form or by named roles.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-sensitive-fields
            spec:
              description: >-
                Fields classified pii, confidential, restricted or sensitive (or tagged pii) are masked
                (customProperties masking, or encryptedName) unless the contract restricts access to named roles.
              matchKinds: [DataContract]
              params:
                sensitiveClassifications: [pii, confidential, restricted, sensitive]
              variables:
                - name: restricted
                  expression: "has(object.roles) && size(object.roles) > 0"
                - name: exposed
                  expression: >-
                    (has(object.schema) ? object.schema : []).map(o,
                      (has(o.properties) ? o.properties : []).filter(p,
                        ((has(p.classification) && p.classification.lowerAscii() in params.sensitiveClassifications)
                          || (has(p.tags) && 'pii' in p.tags))
                        && !has(p.encryptedName)
                        && !(has(p.customProperties) && p.customProperties.exists(c, c.property == 'masking')))
                      .map(p, o.name + '.' + p.name)).flatten()
              validations:
                - id: security/sensitive-fields-protected
                  expression: "variables.restricted || size(variables.exposed) == 0"
                  messageExpression: >-
                    'sensitive fields ' + variables.exposed.join(', ') + ' are neither masked nor restricted; add a customProperties '
                    + 'entry {property: masking, value: hash|redact|tokenize} to each, or declare roles that may read the contract'
                  fieldPath: schema
                  reason: SensitiveDataExposed

            """###
        ),
        (
            "security/server-tls.yaml",
            ###"""
            # Data in transit is encrypted: a contract's servers are reached over TLS only.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata:
              name: security-server-tls
            spec:
              description: Every server of a contract is reached over TLS (no http:// URLs, no tls false or sslmode disable).
              matchKinds: [DataContract]
              variables:
                - name: plaintext
                  expression: >-
                    (has(object.servers) ? object.servers : []).filter(s,
                      (has(s.endpointUrl) && s.endpointUrl.lowerAscii().startsWith('http://'))
                      || (has(s.location) && s.location.lowerAscii().startsWith('http://'))
                      || (has(s.customProperties) && s.customProperties.exists(c,
                            (c.property in ['tls', 'ssl'] && c.value == false)
                            || (c.property == 'sslmode' && c.value in ['disable', 'allow', 'prefer']))))
                    .map(s, s.server)
              validations:
                - id: security/server-tls
                  expression: "size(variables.plaintext) == 0"
                  messageExpression: >-
                    'servers ' + variables.plaintext.join(', ') + ' are reached without TLS; use https:// URLs and '
                    + 'remove tls: false or sslmode: disable (use sslmode: verify-full)'
                  fieldPath: servers
                  reason: PlaintextServer

            """###
        ),
        (
            "tests/contract-contracts.yaml",
            ###"""
            # Unit tests of the built-in contract policies on data contracts.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata:
              name: contract-contracts
            spec:
              policies: [contract-sla, contract-version, contract-key-quality, contract-classification]
              cases:
                - name: a complete contract passes
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: orders
                    name: Orders
                    version: 1.3.0-rc.1+build.7
                    status: active
                    slaProperties:
                      - {property: latency, value: 4, unit: h}
                      - {property: availability, value: 99.5, unit: '%'}
                    schema:
                      - name: orders
                        properties:
                          - name: order_id
                            primaryKey: true
                            classification: internal
                            quality: [{type: library, metric: nullValues, mustBe: 0}]
                          - {name: total, classification: confidential}
                  expect: []
                - name: freshness may be called freshness
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: orders
                    name: Orders
                    version: 2.0.0
                    status: active
                    slaProperties: [{property: Freshness, value: 1, unit: d}, {property: availability, value: 99}]
                  expect: []
                - name: a contract with no SLA misses both promises
                  object: {apiVersion: v3.1.0, kind: DataContract, id: orders, name: Orders, version: 1.0.0, status: active}
                  expect: [contract/sla-freshness, contract/sla-availability]
                - name: availability alone misses freshness
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: orders
                    name: Orders
                    version: 1.0.0
                    status: active
                    slaProperties: [{property: availability, value: 99.9, unit: '%'}]
                  expect: [contract/sla-freshness]
                - name: latency alone misses availability
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: orders
                    name: Orders
                    version: 1.0.0
                    status: active
                    slaProperties: [{property: latency, value: 1, unit: h}]
                  expect: [contract/sla-availability]
                - name: a two-part version is not semver
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: orders
                    name: Orders
                    version: '1.3'
                    status: active
                    slaProperties: [{property: latency, value: 1}, {property: availability, value: 99}]
                  expect: [contract/semantic-version]
                - name: a leading zero and a v prefix are not semver
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: orders
                    name: Orders
                    version: v01.2.3
                    status: active
                    slaProperties: [{property: latency, value: 1}, {property: availability, value: 99}]
                  expect: [contract/semantic-version]
                - name: a key without quality checks is flagged
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: orders
                    name: Orders
                    version: 1.0.0
                    status: active
                    slaProperties: [{property: latency, value: 1}, {property: availability, value: 99}]
                    schema:
                      - name: orders
                        properties:
                          - {name: order_id, primaryKey: true, classification: internal}
                  expect: [contract/key-fields-have-quality]
                - name: an unclassified field is flagged
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: orders
                    name: Orders
                    version: 1.0.0
                    status: active
                    slaProperties: [{property: latency, value: 1}, {property: availability, value: 99}]
                    schema:
                      - name: orders
                        properties:
                          - {name: note}
                          - {name: status, classification: ''}
                  expect: [contract/fields-classified]

            """###
        ),
        (
            "tests/contract-products.yaml",
            ###"""
            # Unit tests of the built-in contract policies on products.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata:
              name: contract-products
            spec:
              policies: [contract-output-ports, contract-deprecation]
              cases:
                - name: a port with its contract passes
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec:
                      outputPorts: [{name: orders-v1, contract: orders.odcs.yaml}]
                  resources:
                    - {apiVersion: v3.1.0, kind: DataContract, id: orders, name: Orders, version: 1.0.0, status: active}
                  expect: []
                - name: a port whose contract is missing is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec:
                      outputPorts: [{name: orders-v1, contract: orders.odcs.yaml}]
                  expect: [contract/output-port-has-contract]
                - name: a port with an empty contract is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec:
                      outputPorts: [{name: orders-v1, contract: ''}]
                  resources:
                    - {apiVersion: v3.1.0, kind: DataContract, id: orders, name: Orders, version: 1.0.0, status: active}
                  expect: [contract/output-port-has-contract]
                - name: a deprecated product without sunset is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: legacy, namespace: sales}
                    spec: {lifecycle: deprecated}
                  expect: [contract/deprecated-has-sunset]
                - name: a deprecated product with its sunset passes
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: legacy, namespace: sales}
                    spec: {lifecycle: deprecated, sunset: 2027-03-31}
                  expect: []

            """###
        ),
        (
            "tests/security-access.yaml",
            ###"""
            # Unit tests of the built-in policies on AccessPolicies: grants, certificates, retired products.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata:
              name: security-access
            spec:
              policies: [security-grants, security-certificates, security-retired-products]
              cases:
                - name: named privileges for named principals pass
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      roles:
                        - name: reader
                          grants: [{privileges: [SELECT], on: {store: orders-db, table: orders}}]
                      bindings:
                        - {role: reader, principals: [grp-analysts]}
                      certificates:
                        - {name: orders-api, dnsNames: [orders.example.com], issuerRef: {name: le}, duration: 720h, renewBefore: 240h}
                  product: {apiVersion: dappmesh.io/v1alpha1, kind: DappProduct, metadata: {name: orders, namespace: sales}, spec: {lifecycle: active}}
                  expect: []
                - name: a grant of ALL is flagged, whatever its case
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      roles:
                        - name: admin
                          grants: [{privileges: [all], on: {store: orders-db, table: orders}}]
                  expect: [security/no-grant-all]
                - name: ALL PRIVILEGES is flagged too
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      roles:
                        - name: admin
                          grants: [{privileges: [SELECT, ALL PRIVILEGES], on: {store: orders-db, table: orders}}]
                  expect: [security/no-grant-all]
                - name: binding a role to everyone is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      roles: [{name: reader, grants: [{privileges: [SELECT], on: {store: orders-db, table: orders}}]}]
                      bindings: [{role: reader, principals: [grp-analysts, '*']}]
                  expect: [security/no-public-principal]
                - name: allAuthenticatedUsers is everyone too
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      bindings: [{role: reader, principals: [allAuthenticatedUsers]}]
                  expect: [security/no-public-principal]
                - name: a year-long certificate is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      certificates:
                        - {name: orders-api, dnsNames: [orders.example.com], issuerRef: {name: le}, duration: 8760h}
                  expect: [security/certificate-lifetime]
                - name: a certificate that omits duration gets cert-manager's 90 days
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      certificates:
                        - {name: orders-api, dnsNames: [orders.example.com], issuerRef: {name: le}}
                  expect: []
                - name: renewing one hour before expiry is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      certificates:
                        - {name: orders-api, dnsNames: [orders.example.com], issuerRef: {name: le}, duration: 2160h, renewBefore: 1h}
                  expect: [security/certificate-renewal]
                - name: a retired product's access policy with bindings is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: legacy-access, namespace: sales}
                    spec:
                      roles: [{name: reader, grants: [{privileges: [SELECT], on: {store: legacy-db, table: t}}]}]
                      bindings: [{role: reader, principals: [grp-analysts]}]
                  product: {apiVersion: dappmesh.io/v1alpha1, kind: DappProduct, metadata: {name: legacy, namespace: sales}, spec: {lifecycle: retired}}
                  expect: [security/retired-no-grants]
                - name: a retired product's emptied access policy passes
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: legacy-access, namespace: sales}
                    spec:
                      roles: [{name: reader, grants: []}]
                      network: {defaultDeny: true}
                  product: {apiVersion: dappmesh.io/v1alpha1, kind: DappProduct, metadata: {name: legacy, namespace: sales}, spec: {lifecycle: retired}}
                  expect: []

            """###
        ),
        (
            "tests/security-buckets.yaml",
            ###"""
            # Unit tests of security-buckets.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata:
              name: security-buckets
            spec:
              policies: [security-buckets]
              cases:
                - name: a private encrypted bucket passes
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: ObjectBucket
                    metadata: {name: exports, namespace: finance}
                    spec: {target: s3-main, bucket: finance-exports, encryption: {type: SSE-KMS, kmsKeyId: alias/finance}, publicAccess: false}
                  expect: []
                - name: omitting publicAccess means private
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: ObjectBucket
                    metadata: {name: exports, namespace: finance}
                    spec: {target: s3-main, bucket: finance-exports, encryption: {type: SSE-S3}}
                  expect: []
                - name: a public bucket is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: ObjectBucket
                    metadata: {name: exports, namespace: finance}
                    spec: {target: s3-main, bucket: finance-exports, encryption: {type: SSE-S3}, publicAccess: true}
                  expect: [security/bucket-not-public]
                - name: a bucket without encryption is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: ObjectBucket
                    metadata: {name: exports, namespace: finance}
                    spec: {target: s3-main, bucket: finance-exports}
                  expect: [security/bucket-encrypted]
                - name: encryption none is no encryption, and both rules fire together
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: ObjectBucket
                    metadata: {name: exports, namespace: finance}
                    spec: {target: s3-main, bucket: finance-exports, encryption: {type: none}, publicAccess: true}
                  expect: [security/bucket-not-public, security/bucket-encrypted]

            """###
        ),
        (
            "tests/security-contracts.yaml",
            ###"""
            # Unit tests of the built-in security policies on data contracts.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata:
              name: security-contracts
            spec:
              policies: [security-sensitive-fields, security-server-tls]
              cases:
                - name: masked pii over TLS passes
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: customers
                    name: Customers
                    version: 1.0.0
                    status: active
                    servers:
                      - {server: prod, type: postgres, host: db.example.com, port: 5432, customProperties: [{property: sslmode, value: verify-full}]}
                      - {server: files, type: s3, location: 's3://exports/customers/', endpointUrl: 'https://minio.example.com'}
                    schema:
                      - name: customers
                        properties:
                          - {name: customer_id, classification: internal}
                          - {name: email, classification: pii, customProperties: [{property: masking, value: hash}]}
                          - {name: iban, classification: restricted, encryptedName: iban_encrypted}
                  expect: []
                - name: an unmasked pii field is flagged
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: customers
                    name: Customers
                    version: 1.0.0
                    status: active
                    schema:
                      - name: customers
                        properties:
                          - {name: email, classification: PII}
                  expect: [security/sensitive-fields-protected]
                - name: a field tagged pii counts as pii
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: customers
                    name: Customers
                    version: 1.0.0
                    status: active
                    schema:
                      - name: customers
                        properties:
                          - {name: phone, classification: internal, tags: [pii]}
                  expect: [security/sensitive-fields-protected]
                - name: a contract readable only by named roles may hold unmasked pii
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: customers
                    name: Customers
                    version: 1.0.0
                    status: active
                    roles:
                      - {role: crm-analysts, access: read}
                    schema:
                      - name: customers
                        properties:
                          - {name: email, classification: pii}
                  expect: []
                - name: a plain http endpoint is flagged
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: events
                    name: Events
                    version: 1.0.0
                    status: active
                    servers:
                      - {server: raw, type: s3, location: 's3://events/', endpointUrl: 'http://minio.example.com:9000'}
                  expect: [security/server-tls]
                - name: sslmode disable is flagged
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: events
                    name: Events
                    version: 1.0.0
                    status: active
                    servers:
                      - {server: prod, type: postgres, host: db, port: 5432, customProperties: [{property: sslmode, value: disable}]}
                  expect: [security/server-tls]
                - name: tls false is flagged
                  object:
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: events
                    name: Events
                    version: 1.0.0
                    status: active
                    servers:
                      - {server: prod, type: mysql, host: tidb, port: 4000, customProperties: [{property: tls, value: false}]}
                  expect: [security/server-tls]

            """###
        ),
        (
            "tests/security-products.yaml",
            ###"""
            # Unit tests of the built-in security policies on products: owners and the default-deny network.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata:
              name: security-products
            spec:
              policies: [security-owners, security-network-default-deny]
              cases:
                - name: a product with owners and a default-deny access policy passes
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec: {owners: [team-checkout@example.com]}
                  resources:
                    - apiVersion: dappmesh.io/v1alpha1
                      kind: AccessPolicy
                      metadata: {name: orders-access, namespace: sales}
                      spec: {network: {defaultDeny: true}}
                  expect: []
                - name: a product without owners is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec: {owners: []}
                  resources:
                    - {apiVersion: dappmesh.io/v1alpha1, kind: AccessPolicy, metadata: {name: a, namespace: sales}, spec: {network: {defaultDeny: true}}}
                  expect: [security/owners-required]
                - name: a product that omits owners is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec: {description: nobody answers}
                  resources:
                    - {apiVersion: dappmesh.io/v1alpha1, kind: AccessPolicy, metadata: {name: a, namespace: sales}, spec: {network: {defaultDeny: true}}}
                  expect: [security/owners-required]
                - name: a product with no access policy has no default-deny network
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec: {owners: [a@example.com]}
                  expect: [security/network-default-deny]
                - name: an access policy that allows by default is not enough
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec: {owners: [a@example.com]}
                  resources:
                    - {apiVersion: dappmesh.io/v1alpha1, kind: AccessPolicy, metadata: {name: a, namespace: sales}, spec: {network: {defaultDeny: false}}}
                  expect: [security/network-default-deny]
                - name: a retired product needs no network policy
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec: {owners: [a@example.com], lifecycle: retired}
                  expect: []

            """###
        ),
        (
            "tests/security-secrets.yaml",
            ###"""
            # Unit tests of security-literal-secrets. The "secrets" here are made-up test strings.
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata:
              name: security-secrets
            spec:
              policies: [security-literal-secrets]
              cases:
                - name: secret references and ordinary text pass
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: AccessPolicy
                    metadata: {name: orders-access, namespace: sales}
                    spec:
                      secrets:
                        - {name: orders-db-app, value: {secretRef: {name: orders-db-app, key: password}}}
                      principals:
                        - {name: svc-checkout, type: serviceAccount}
                  expect: []
                - name: a password written into a pipeline's parameters is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: Pipeline
                    metadata: {name: load, namespace: sales}
                    spec:
                      parameters: {source_password: hunter2-but-longer}
                  expect: [security/no-literal-secrets]
                - name: a high-entropy token anywhere is flagged
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec:
                      description: Orders.
                      tags: [orders, 'ghp_R8x2KqV7mN4pL9sT1wYb6Zc3Hd5Jf0Ua8Qe']
                  expect: [security/no-literal-secrets]
                - name: long ordinary identifiers, dates and URLs are not secrets
                  object:
                    apiVersion: dappmesh.io/v1alpha1
                    kind: DappProduct
                    metadata: {name: orders, namespace: sales}
                    spec:
                      description: Orders placed in the web shop, one row per order with its lines.
                      tags: [customer_lifetime_value_by_segment_and_country, '2026-11-26T10:00:00Z', 'https://wiki.example.com/data/orders-product-overview']
                      id: 9c2d41e6-7b0a-4d8f-a3c5-6e1f0b7d2a93
                  expect: []

            """###
        ),
    ]
}

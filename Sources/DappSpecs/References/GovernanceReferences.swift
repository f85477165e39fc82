import DappCore

extension ReferenceChecker {
    mutating func checkAccessPolicy(_ policy: SpecDocument<AccessPolicySpec>, in bundle: ProductBundle) {
        let spec = policy.spec
        let principals = spec.principals.map(\.name)
        let roles = spec.roles.map(\.name)
        let outputs = bundle.product?.spec.outputPorts.map(\.name) ?? []
        let buckets = bundle.objectBuckets.map(\.meta.name)
        for role in spec.roles {
            for grant in role.grants {
                let on = grant.on
                let targets = [on.store, on.bucket, on.port].compactMap { $0 }
                if targets.count != 1 {
                    report(
                        .error(
                            .specValue, "a grant of role '\(role.name)' must be on exactly one of 'store', 'bucket' or 'port'",
                            at: on.location))
                    continue
                }
                if let store = on.store { checkStoreGrant(store, table: on.table, in: bundle) }
                if let bucket = on.bucket, !buckets.contains(bucket.value) {
                    report(
                        .error(
                            .refUnknownResource, "product '\(bundle.ref)' declares no ObjectBucket '\(bucket.value)'", at: bucket.location,
                            hint: Suggestion.hint(for: bucket.value, in: buckets)))
                }
                if let port = on.port, !outputs.contains(port.value) {
                    report(
                        .error(
                            .refUnknownPort, "'\(port.value)' is not an output port of product '\(bundle.ref)'", at: port.location,
                            hint: Suggestion.hint(for: port.value, in: outputs)))
                }
            }
        }
        for binding in spec.bindings {
            if !roles.contains(binding.role.value) {
                report(
                    .error(
                        .refUnknownResource, "binding names role '\(binding.role.value)', which this AccessPolicy does not define",
                        at: binding.role.location,
                        hint: Suggestion.hint(for: binding.role.value, in: roles)))
            }
            for principal in binding.principals where !principals.contains(principal.value) {
                report(
                    .error(
                        .refUnknownResource, "binding names principal '\(principal.value)', which this AccessPolicy does not define",
                        at: principal.location,
                        hint: Suggestion.hint(for: principal.value, in: principals)))
            }
        }
        for source in spec.network?.allowFrom ?? [] {
            _ = product(source)
        }
    }

    private mutating func checkStoreGrant(_ store: Located<String>, table: Located<String>?, in bundle: ProductBundle) {
        let stores = bundle.operationalStores.map(\.meta.name)
        guard let found = bundle.operationalStores.first(where: { $0.meta.name == store.value }) else {
            return report(
                .error(
                    .refUnknownResource, "product '\(bundle.ref)' declares no OperationalStore '\(store.value)'", at: store.location,
                    hint: Suggestion.hint(for: store.value, in: stores)))
        }
        guard let table else { return }
        let tables = found.spec.tables.map { $0.name ?? $0.fromContract.object.value }
        if !tables.contains(table.value) {
            report(
                .error(
                    .refUnknownResource, "store '\(store.value)' has no table '\(table.value)'", at: table.location,
                    hint: Suggestion.hint(for: table.value, in: tables)
                        ?? "tables: \(tables.joined(separator: ", "))"))
        }
    }

    /// Waivers must name resources that exist, unless they use a wildcard.
    mutating func checkExceptions() {
        let policyNames = specs.policies.map(\.meta.name)
        // An exception may name a whole policy or one rule of it (a validation id).
        let ruleIDs = Set(specs.policies.flatMap { $0.spec.validations.compactMap(\.id) })
        // A policy file that failed to load may hold the name; its own errors come first.
        let policiesIncomplete = failedFiles.contains { $0.hasPrefix("policies/") }
        for exception in specs.exceptions where !policiesIncomplete {
            // A misspelt policy name would silently waive nothing.
            for policy in exception.spec.policies where !policyNames.contains(policy.value) && !ruleIDs.contains(policy.value) {
                let hint =
                    Suggestion.hint(for: policy.value, in: policyNames)
                    ?? (policyNames.isEmpty
                        ? "no DappPolicy is declared under policies/" : "policies: \(policyNames.joined(separator: ", "))")
                report(
                    .error(
                        .refUnknownResource, "exception '\(exception.meta.name)' waives policy '\(policy.value)', which is not declared",
                        at: policy.location, hint: hint))
            }
            for selector in exception.spec.resources where !selector.name.contains("*") {
                let id = ResourceID(kind: selector.kind, domain: selector.domain, name: selector.name)
                let exists =
                    specs.products.values.contains { bundle in bundle.resourceIDs.contains { $0.0 == id } }
                    || specs.policies.contains { $0.id == id }
                if !exists {
                    report(
                        .warning(
                            .refUnknownResource, "exception '\(exception.meta.name)' names \(id), which does not exist",
                            at: exception.location, hint: "fix the selector, or remove the exception if the resource is gone"))
                }
            }
        }
    }
}

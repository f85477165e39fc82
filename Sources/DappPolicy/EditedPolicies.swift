import DappCore

/// The policies a change edits or removes, as they were at the base: a pre-merge check applies
/// them too, to the resources the change touches, so that no pull request can relax a policy (or
/// leave a built-in bundle out in dappmesh.yaml) and break it in the same change.
///
/// Only touched resources: a pull request that fixes a policy's false positives changes no
/// resource and is not held to the old version, while one that edits a resource is held to every
/// version of the policy in force before or after it, as the compatibility modes are.
public struct EditedPolicies: Sendable {
    /// The base versions of the policies whose head version differs or is gone.
    public let baseVersions: [SpecDocument<DappPolicySpec>]
    /// The names of those gone from the head.
    let removed: Set<String>

    public init(base: [SpecDocument<DappPolicySpec>], head: [SpecDocument<DappPolicySpec>]) {
        let headByName = Dictionary(head.map { ($0.meta.name, $0) }, uniquingKeysWith: { first, _ in first })
        baseVersions = base.filter { headByName[$0.meta.name]?.spec != $0.spec }
        removed = Set(base.map(\.meta.name).filter { headByName[$0] == nil })
    }

    public var isEmpty: Bool { baseVersions.isEmpty }

    /// `report` with the findings of the base versions (`earlier`) that the head's policies do
    /// not also make (the same rule on the same resource), each saying which version made it.
    public func merge(_ earlier: PolicyReport, into report: PolicyReport) -> PolicyReport {
        let made = Set(report.findings.map { Key(rule: $0.rule, resource: $0.resource) })
        var merged = report
        for var finding in earlier.findings where !made.contains(Key(rule: finding.rule, resource: finding.resource)) {
            let edit = removed.contains(finding.policy) ? "removes" : "edits"
            finding.message +=
                " (policy '\(finding.policy)' as at the base, which this change \(edit): the resources a change touches are "
                + "checked under the policy before and after it)"
            merged.findings.append(finding)
        }
        merged.findings.sort()
        merged.evaluationCount += earlier.evaluationCount
        merged.ignoredErrorCount += earlier.ignoredErrorCount
        return merged
    }

    private struct Key: Hashable {
        var rule: String
        var resource: ResourceID
    }
}

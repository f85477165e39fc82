import DappCore

/// Compares two versions of a data contract under a compatibility mode (docs/compatibility.md).
public enum ContractCompatibility {
    /// Every finding of `head` against `base`, graded by `mode`, with the version rules applied.
    /// `engine` decides type promotions; by default the head's first server type.
    public static func compare(
        base: DataContract, head: DataContract, mode: CompatibilityMode, engine: TypeEngine? = nil
    ) -> [CompatibilityFinding] {
        let engine = engine ?? TypeEngine(serverType: head.servers.first?.type ?? base.servers.first?.type)
        var differ = ContractDiffer(base: base, head: head, engine: engine)
        let changes = differ.run()
        var findings = changes.map { CompatibilityFinding(change: $0, severity: $0.rule.severity(under: mode), mode: mode) }
        findings += versionFindings(base: base, head: head, findings: findings, mode: mode)
        return findings.sorted()
    }

    static func versionFindings(
        base: DataContract, head: DataContract, findings: [CompatibilityFinding], mode: CompatibilityMode
    ) -> [CompatibilityFinding] {
        guard let before = SemanticVersion(base.version), let after = SemanticVersion(head.version) else { return [] }
        let location = head.versionLocation ?? head.location
        func finding(_ rule: CompatibilityRule, _ message: String) -> CompatibilityFinding {
            CompatibilityFinding(
                change: ContractChange(
                    rule: rule, path: "version", old: base.version, new: head.version, message: message, location: location),
                severity: rule.severity(under: mode), mode: mode)
        }
        if after < before {
            return [finding(CompatibilityRules.versionDecreased, "version went down from \(base.version) to \(head.version)")]
        }
        let breaking = findings.filter(\.isBreaking)
        if !breaking.isEmpty && after.major <= before.major {
            let rules = Set(breaking.map(\.rule.id)).sorted().joined(separator: ", ")
            return [
                finding(
                    CompatibilityRules.breakingWithoutMajor,
                    "the contract has breaking changes (\(rules)) but its version went from \(base.version) to \(head.version); "
                        + "bump the major version to \(before.major + 1).0.0")
            ]
        }
        if !findings.isEmpty && after == before {
            return [finding(CompatibilityRules.versionUnchanged, "the contract changed but its version is still \(head.version); bump it")]
        }
        return []
    }
}

/// `MAJOR.MINOR.PATCH[-pre][+build]`, ordered by semver 2.0 precedence (build ignored).
public struct SemanticVersion: Sendable, Hashable, Comparable {
    public var major: Int
    public var minor: Int
    public var patch: Int
    public var prerelease: [String]

    public init?(_ text: String) {
        var core = Substring(text)
        if let plus = core.firstIndex(of: "+") { core = core[..<plus] }
        var pre: [String] = []
        if let dash = core.firstIndex(of: "-") {
            pre = core[core.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !pre.contains(where: \.isEmpty) else { return nil }
            core = core[..<dash]
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) && ($0 == "0" || $0.first != "0") }),
            let major = Int(parts[0]), let minor = Int(parts[1]), let patch = Int(parts[2])
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = pre
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        // A pre-release sorts before its release.
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, true): return false
        case (true, false): return false
        case (false, true): return true
        case (false, false):
            for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
                switch (Int(a), Int(b)) {
                case (let x?, let y?): return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a < b
                }
            }
            return lhs.prerelease.count < rhs.prerelease.count
        }
    }
}

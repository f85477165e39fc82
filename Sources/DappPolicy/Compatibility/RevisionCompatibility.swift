import DappCore

/// Contract compatibility between two revisions of a spec repository: every output port of the
/// given products whose contract exists at both revisions, graded by the port's mode, with who
/// breaks downstream.
public enum RevisionCompatibility {
    /// An earlier version of a contract file, for the `_TRANSITIVE` modes.
    public struct EarlierVersion: Sendable {
        public var revision: String
        public var contract: DataContract

        public init(revision: String, contract: DataContract) {
            self.revision = revision
            self.contract = contract
        }
    }

    /// The earlier versions of a contract file before the base, and what may be missing from them.
    public struct History: Sendable {
        /// Newest first.
        public var versions: [EarlierVersion]
        public var gap: HistoryGap?

        public init(versions: [EarlierVersion], gap: HistoryGap? = nil) {
            self.versions = versions
            self.gap = gap
        }
    }

    /// Why a `_TRANSITIVE` comparison may not have seen every earlier version.
    public enum HistoryGap: Sendable, Hashable {
        /// The clone is shallow and the file was already there at the commit it stops at.
        case shallowClone(at: String)
        /// The walk stopped at one of its limits (DappGit's `FileHistory`), named as the message
        /// says it ("50 earlier versions", "5000 commits"), with the file still there.
        case limit(String)
        /// The history could not be read.
        case unreadable(String)
    }

    public struct Result: Sendable {
        public var findings: [CompatibilityFinding]
        /// Output ports whose contracts were compared.
        public var portsCompared: Int
        /// What the comparison could not do (a `_TRANSITIVE` mode without the whole history).
        public var diagnostics: [Diagnostic] = []
    }

    /// The modes a repository gives ports that declare none (`dappmesh.yaml`), at each revision.
    public struct DefaultModes: Sendable {
        public var base: CompatibilityMode
        public var head: CompatibilityMode

        public init(base: CompatibilityMode, head: CompatibilityMode) {
            self.base = base
            self.head = head
        }

        public init(_ both: CompatibilityMode) { self.init(base: both, head: both) }
    }

    /// - Parameter history: earlier versions of a contract file (repo-relative path) before the
    ///   base, newest first; asked only for ports in a `_TRANSITIVE` mode.
    /// - Parameter lineage: who consumes what at the head; built from `head` when nil.
    public static func compare(
        base: SpecSet, head: SpecSet, products: Set<ProductRef>, defaultModes: DefaultModes, lineage: Lineage? = nil,
        history: @escaping @Sendable (String) -> History = { _ in History(versions: []) }, parallelism: Int = System.coreCount
    ) -> Result {
        let lineage = lineage ?? Lineage(specs: head)
        // Products are compared independently, a chunk at a time on each thread.
        let refs = products.sorted()
        let chunkSize = max(8, refs.count / max(1, parallelism * 16))
        let parts = ParallelMap.slices(of: refs, size: chunkSize, parallelism: parallelism) { chunk in
            var part = Result(findings: [], portsCompared: 0)
            for ref in chunk {
                compare(ref, base: base, head: head, defaultModes: defaultModes, lineage: lineage, history: history, into: &part)
            }
            return part
        }
        return Result(
            findings: parts.flatMap(\.findings).sorted(), portsCompared: parts.reduce(0) { $0 + $1.portsCompared },
            diagnostics: parts.flatMap(\.diagnostics).sorted())
    }

    /// Every output port of one product at the base: removed, or compared with its head version.
    static func compare(
        _ ref: ProductRef, base: SpecSet, head: SpecSet, defaultModes: DefaultModes, lineage: Lineage,
        history: (String) -> History, into result: inout Result
    ) {
        guard let baseBundle = base.products[ref], let baseProduct = baseBundle.product else { return }
        let headBundle = head.products[ref]
        // A product.yaml that does not read at the head has its own errors; its ports are not
        // taken for removed.
        if let headBundle, headBundle.product == nil { return }
        for basePort in baseProduct.spec.outputPorts {
            let baseMode = basePort.compatibility ?? defaultModes.base
            guard let headBundle, let headProduct = headBundle.product,
                let port = headProduct.spec.outputPorts.first(where: { $0.name == basePort.name })
            else {
                result.findings.append(removed(basePort, of: ref, mode: baseMode, head: headBundle, lineage: lineage))
                continue
            }
            let headMode = port.compatibility ?? defaultModes.head
            // A change is checked under every promise in force before or after it: a pull request
            // that weakens its port's mode is still judged by the mode it weakens.
            let mode = CompatibilityMode.union(baseMode, headMode)
            var modeFindings: [CompatibilityFinding] = []
            if headMode != baseMode {
                modeFindings.append(modeChange(port, from: baseMode, to: headMode, checkedUnder: mode))
            }
            guard let headContract = contract(of: port, in: headBundle), let baseContract = contract(of: basePort, in: baseBundle)
            else {
                result.findings += modeFindings
                continue
            }
            result.portsCompared += 1
            var portFindings = ContractCompatibility.compare(base: baseContract.contract, head: headContract.contract, mode: mode)
            // An unchanged contract under an unchanged mode was held to its earlier versions when it
            // landed: its history is not read again (a shallow clone need not have it).
            if mode.isTransitive, baseMode != headMode || baseContract.contract != headContract.contract {
                var seen = Set(portFindings.map { "\($0.rule.id)|\($0.change.path)" })
                let earlierVersions = history(baseContract.path)
                if let gap = earlierVersions.gap {
                    result.diagnostics.append(Self.diagnostic(gap, mode: mode, contract: headContract, port: port.name))
                }
                for earlier in earlierVersions.versions {
                    for finding in ContractCompatibility.compare(base: earlier.contract, head: headContract.contract, mode: mode)
                    where finding.isBreaking && seen.insert("\(finding.rule.id)|\(finding.change.path)").inserted {
                        var transitive = finding
                        transitive.comparedWith = earlier.revision
                        portFindings.append(transitive)
                    }
                }
            }
            // Who breaks is worked out only when something does.
            let consumers =
                portFindings.contains(where: \.isBreaking) ? lineage.consumers(of: Lineage.Port(product: ref, port: port.name)) : []
            for var finding in portFindings {
                finding.contract = headContract.id
                finding.port = port.name
                if finding.isBreaking { finding.consumers = consumers }
                result.findings.append(finding)
            }
            for var finding in modeFindings {
                finding.contract = headContract.id
                result.findings.append(finding)
            }
        }
    }

    /// An output port of the base that the head no longer has (or whose product is gone).
    static func removed(
        _ port: ProductSpec.OutputPort, of ref: ProductRef, mode: CompatibilityMode, head: ProductBundle?, lineage: Lineage
    ) -> CompatibilityFinding {
        let message =
            head == nil
            ? "output port \(port.name) was removed with product \(ref); its consumers break"
            : "output port \(port.name) was removed; its consumers break"
        // Placed on the head's product.yaml when there is one, else where the port was.
        let location = head?.product?.location ?? port.location
        let rule = CompatibilityRules.portRemoved
        var finding = CompatibilityFinding(
            change: ContractChange(
                rule: rule, path: "outputPorts.\(port.name)", old: port.name, message: message, location: location,
                hint:
                    "keep the port until its consumers have moved (mark the product or contract deprecated first), or add a new port beside it"
            ),
            severity: rule.severity(under: mode), mode: mode, port: port.name)
        if finding.isBreaking { finding.consumers = lineage.consumers(of: Lineage.Port(product: ref, port: port.name)) }
        return finding
    }

    /// A port whose compatibility mode changed: a weaker one is a governance change, and both
    /// say which mode this change was checked under.
    static func modeChange(
        _ port: ProductSpec.OutputPort, from old: CompatibilityMode, to new: CompatibilityMode, checkedUnder mode: CompatibilityMode
    ) -> CompatibilityFinding {
        let weaker = new.isWeaker(than: old)
        let rule = weaker ? CompatibilityRules.modeWeakened : CompatibilityRules.modeStrengthened
        let change = ContractChange(
            rule: rule, path: "outputPorts.\(port.name).compatibility", old: old.rawValue, new: new.rawValue,
            message:
                "output port \(port.name)'s compatibility mode went from \(old.rawValue) to \(new.rawValue); this change is checked under \(mode.rawValue)",
            location: port.location,
            hint: weaker
                ? "a weaker mode applies from the next change on: weaken it in a pull request of its own, then make the change it allows"
                : nil)
        return CompatibilityFinding(change: change, severity: rule.severity(under: mode), mode: mode, port: port.name)
    }

    /// A `_TRANSITIVE` comparison that did not see every earlier version says so: a shallow clone
    /// or an unreadable history blocks (the guarantee the mode names was not checked), a limit of
    /// the walk warns.
    static func diagnostic(_ gap: HistoryGap, mode: CompatibilityMode, contract: ContractFile, port: String) -> Diagnostic {
        let location = contract.contract.versionLocation ?? contract.contract.location
        let subject = "\(mode.rawValue) on port \(port) compares \(contract.path) with every earlier version"
        switch gap {
        case .shallowClone(let commit):
            return .error(
                .compatHistoryIncomplete,
                "\(subject), but this clone is shallow: its history stops at \(commit), and the versions before it were not compared",
                at: location,
                hint:
                    "fetch the whole history ('git fetch --unshallow'; with actions/checkout, 'fetch-depth: 0'), or give the remote's URL as --repo"
            )
        case .limit(let limit):
            return .warning(
                .compatHistoryIncomplete, "\(subject), but the history was read up to \(limit) only; older versions were not compared",
                at: location,
                hint:
                    "the walk keeps a check fast on a long history; each older version was held to the ones before it when it landed, and this warning blocks only with --strict"
            )
        case .unreadable(let reason):
            return .error(
                .compatHistoryIncomplete, "\(subject), but its history could not be read: \(reason)", at: location,
                hint: "run 'git fsck' in the repository, or give the remote's URL as --repo")
        }
    }

    static func contract(of port: ProductSpec.OutputPort, in bundle: ProductBundle) -> ContractFile? {
        guard let path = RepoPath.resolve(port.contract.value, from: bundle.folder) else { return nil }
        return bundle.contracts[path]
    }
}

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

    public struct Result: Sendable {
        public var findings: [CompatibilityFinding]
        /// Output ports whose contracts were compared.
        public var portsCompared: Int
    }

    /// - Parameter history: earlier versions of a contract file (repo-relative path) before the
    ///   base, newest first; asked only for ports in a `_TRANSITIVE` mode.
    /// - Parameter lineage: who consumes what at the head; built from `head` when nil.
    public static func compare(
        base: SpecSet, head: SpecSet, products: Set<ProductRef>, defaultMode: CompatibilityMode, lineage: Lineage? = nil,
        history: @escaping @Sendable (String) -> [EarlierVersion] = { _ in [] }, parallelism: Int = System.coreCount
    ) -> Result {
        let lineage = lineage ?? Lineage(specs: head)
        // Products are compared independently, a chunk at a time on each thread.
        let refs = products.sorted()
        let chunkSize = max(8, refs.count / max(1, parallelism * 16))
        let parts = ParallelMap.slices(of: refs, size: chunkSize, parallelism: parallelism) { chunk in
            var findings: [CompatibilityFinding] = []
            var compared = 0
            for ref in chunk {
                compare(
                    ref, base: base, head: head, defaultMode: defaultMode, lineage: lineage, history: history, into: &findings,
                    compared: &compared)
            }
            return (findings, compared)
        }
        return Result(findings: parts.flatMap(\.0).sorted(), portsCompared: parts.reduce(0) { $0 + $1.1 })
    }

    /// Every output port of one product.
    static func compare(
        _ ref: ProductRef, base: SpecSet, head: SpecSet, defaultMode: CompatibilityMode, lineage: Lineage,
        history: (String) -> [EarlierVersion], into findings: inout [CompatibilityFinding], compared: inout Int
    ) {
        guard let headBundle = head.products[ref], let headProduct = headBundle.product, let baseBundle = base.products[ref],
            let baseProduct = baseBundle.product
        else { return }
        for port in headProduct.spec.outputPorts {
            guard let basePort = baseProduct.spec.outputPorts.first(where: { $0.name == port.name }),
                let headContract = contract(of: port, in: headBundle), let baseContract = contract(of: basePort, in: baseBundle)
            else { continue }
            compared += 1
            let mode = port.compatibility ?? defaultMode
            var portFindings = ContractCompatibility.compare(base: baseContract.contract, head: headContract.contract, mode: mode)
            if mode.isTransitive {
                var seen = Set(portFindings.map { "\($0.rule.id)|\($0.change.path)" })
                for earlier in history(baseContract.path) {
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
                findings.append(finding)
            }
        }
    }

    static func contract(of port: ProductSpec.OutputPort, in bundle: ProductBundle) -> ContractFile? {
        guard let path = RepoPath.resolve(port.contract.value, from: bundle.folder) else { return nil }
        return bundle.contracts[path]
    }
}

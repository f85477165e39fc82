import ArgumentParser

/// `dappctl`: the GitOps reconciler and policy gate for DappMesh data products.
public struct DappctlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dappctl",
        abstract: "Reconcile and gate DappMesh data products declared in a Git repository.",
        discussion: """
            A spec repository holds products/<domain>/<product>/ folders (DappProduct, ODCS data \
            contracts, stores, buckets, pipelines, workflows, access policies), policies/ and \
            dappmesh.yaml. dappctl reads it, checks it, and (in later releases) plans and applies it.

            Exit codes: 0 success, 1 errors or violations, 2 changes (plan/drift with \
            --detailed-exitcode), 64 usage error.
            """,
        version: DappctlVersion.current,
        subcommands: [ValidateCommand.self, CheckCommand.self, PolicyCommand.self, ContractCommand.self, CRDCommand.self, CELCommand.self]
    )

    public init() {}
}

public enum DappctlVersion {
    public static let current = "0.1.0"
}

import DappCore

/// The gate in front of reconciliation: when the repo config requires signed commits, a revision
/// is reconciled only if its commit is signed by a key in allowed_signers. `apply` and `serve`
/// call it before they act on a revision.
public enum RevisionTrust {
    /// Throws, with the reason, when `config` requires signatures and `commit` lacks a trusted one.
    /// Returns the signature status either way (for status reporting).
    @discardableResult
    public static func check(
        _ commit: GitOID, revision: String, in repository: GitRepository, config: RepoConfig?, allowedSigners: AllowedSigners?
    ) throws -> CommitSignatureStatus? {
        guard config?.requireSignedCommits == true else {
            return try allowedSigners.map { try repository.signatureStatus(of: commit, allowedSigners: $0) }
        }
        guard let allowedSigners else {
            throw DappError(
                .invalidArgument,
                "dappmesh.yaml requires signed commits, but no allowed_signers file is configured; pass --allowed-signers FILE (OpenSSH format)"
            )
        }
        try repository.requireTrustedSignature(commit, revision: revision, allowedSigners: allowedSigners)
        return try repository.signatureStatus(of: commit, allowedSigners: allowedSigners)
    }
}

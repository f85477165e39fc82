import CGit2
import DappCore

/// What dappctl concluded about a commit's signature.
public enum CommitSignatureStatus: Equatable, Sendable, CustomStringConvertible {
    /// Signed with an SSH key listed in allowed_signers for these principals.
    case verified(principals: [String], fingerprint: String)
    case unsigned
    /// A valid SSH signature by a key that allowed_signers does not list.
    case unknownKey(fingerprint: String)
    /// The signature does not match the commit, or cannot be read.
    case invalid(String)
    /// A GPG signature: reported, never trusted (dappctl does not verify GPG).
    case unverifiedGPG

    public var isTrusted: Bool { if case .verified = self { true } else { false } }

    public var description: String {
        switch self {
        case .verified(let principals, let fingerprint): "verified: signed by \(principals.joined(separator: ", ")) (\(fingerprint))"
        case .unsigned: "unsigned"
        case .unknownKey(let fingerprint): "signed by a key not in allowed_signers (\(fingerprint))"
        case .invalid(let reason): "invalid signature: \(reason)"
        case .unverifiedGPG: "unverified: GPG not supported"
        }
    }
}

extension GitRepository {
    /// Checks the signature of `commit` against `allowedSigners`.
    public func signatureStatus(of commit: GitOID, allowedSigners: AllowedSigners) throws -> CommitSignatureStatus {
        let extracted: (signature: String, payload: [UInt8])? = try withHandle { repo in
            var signature = git_buf()
            var payload = git_buf()
            defer {
                git_buf_dispose(&signature)
                git_buf_dispose(&payload)
            }
            var oid = commit.raw
            let status = git_commit_extract_signature(&signature, &payload, repo, &oid, nil)
            if status == GIT_ENOTFOUND.rawValue { return nil }
            try LibGit2.check(status, "read the signature of commit \(commit.short)")
            let text = String(decoding: UnsafeRawBufferPointer(start: signature.ptr, count: signature.size), as: UTF8.self)
            return (text, [UInt8](UnsafeRawBufferPointer(start: payload.ptr, count: payload.size)))
        }
        guard let extracted else { return .unsigned }
        if extracted.signature.hasPrefix("-----BEGIN PGP SIGNATURE-----") { return .unverifiedGPG }
        do {
            let signature = try SSHSignature(armored: extracted.signature)
            guard try signature.verifies(extracted.payload) else { return .invalid("the signature does not match the commit") }
            let principals = allowedSigners.principals(for: signature.publicKey)
            guard !principals.isEmpty else { return .unknownKey(fingerprint: signature.publicKey.fingerprint) }
            return .verified(principals: principals, fingerprint: signature.publicKey.fingerprint)
        } catch let error as SignatureFormatError {
            return .invalid(error.description)
        }
    }

    /// Refuses a revision whose commit is not signed by an allowed signer, saying why: the gate
    /// in front of reconciliation when the repo config sets `requireSignedCommits`.
    public func requireTrustedSignature(_ commit: GitOID, revision: String, allowedSigners: AllowedSigners) throws {
        let status = try signatureStatus(of: commit, allowedSigners: allowedSigners)
        guard status.isTrusted else {
            throw DappError(
                .permissionDenied,
                "refusing to reconcile \(revision) (\(commit.short)): \(status); dappmesh.yaml requires commits signed by a key in allowed_signers",
                subject: commit.description)
        }
    }
}

import DappCore
import DappGit
import DappTesting
import Foundation
import Testing

/// SSH-signed commits (ed25519, `gpg.format=ssh`) checked against allowed_signers.
@Suite struct SignatureTests {
    struct Fixture {
        var work: TemporaryDirectory
        var keys: TemporaryDirectory
        var allowed: AllowedSigners
        var repository: GitRepository

        func commit(_ message: String, signingKey: String?) throws -> GitOID {
            try work.write("products/sales/orders/\(message).md", message)
            try GitCLI.run(["add", "-A"], in: work.path)
            var arguments = ["-c", "gpg.format=ssh", "commit", "--quiet", "-m", message]
            if let signingKey { arguments = ["-c", "user.signingkey=\(signingKey)"] + arguments + ["-S"] }
            try GitCLI.run(arguments, in: work.path)
            return try #require(GitOID(hex: try GitCLI.run(["rev-parse", "HEAD"], in: work.path)))
        }
    }

    static func makeKey(_ name: String, in dir: TemporaryDirectory) throws -> String {
        let path = "\(dir.path)/\(name)"
        let result = try CommandRunner.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])
        guard result.status == 0 else { throw GitCLIError(message: result.stderr) }
        return path
    }

    func fixture() throws -> Fixture {
        let work = try GitCLI.demoWorkTree()
        let keys = try TemporaryDirectory(prefix: "keys")
        let trusted = try Self.makeKey("release-bot", in: keys)
        _ = try Self.makeKey("stranger", in: keys)
        let publicKey = try String(contentsOfFile: "\(trusted).pub", encoding: .utf8).split(separator: " ")
        let allowed = try AllowedSigners(text: "release-bot@example.com namespaces=\"git\" \(publicKey[0]) \(publicKey[1])\n")
        return Fixture(work: work, keys: keys, allowed: allowed, repository: try GitRepository.open(at: work.path))
    }

    @Test func allowedSignerIsVerified() throws {
        let f = try fixture()
        defer { f.work.remove(); f.keys.remove() }
        let commit = try f.commit("signed", signingKey: "\(f.keys.path)/release-bot")
        let status = try f.repository.signatureStatus(of: commit, allowedSigners: f.allowed)
        guard case .verified(let principals, let fingerprint) = status else {
            Issue.record("expected verified, got \(status)")
            return
        }
        #expect(principals == ["release-bot@example.com"])
        let keygen = try CommandRunner.run("/usr/bin/ssh-keygen", ["-l", "-f", "\(f.keys.path)/release-bot.pub"])
        #expect(keygen.stdout.contains(fingerprint), "fingerprint \(fingerprint) vs ssh-keygen: \(keygen.stdout)")
        try f.repository.requireTrustedSignature(commit, revision: "main", allowedSigners: f.allowed)
    }

    @Test func unknownKeyAndUnsignedAreRefused() throws {
        let f = try fixture()
        defer { f.work.remove(); f.keys.remove() }
        let stranger = try f.commit("stranger", signingKey: "\(f.keys.path)/stranger")
        guard case .unknownKey = try f.repository.signatureStatus(of: stranger, allowedSigners: f.allowed) else {
            Issue.record("a stranger's key was not reported as unknown")
            return
        }
        let unsigned = try f.commit("unsigned", signingKey: nil)
        #expect(try f.repository.signatureStatus(of: unsigned, allowedSigners: f.allowed) == .unsigned)
        let error = #expect(throws: DappError.self) {
            try f.repository.requireTrustedSignature(unsigned, revision: "main", allowedSigners: f.allowed)
        }
        #expect(error?.message.contains("refusing to reconcile main") == true)
        #expect(error?.message.contains("unsigned") == true)
    }

    @Test func tamperedCommitFailsVerification() throws {
        let f = try fixture()
        defer { f.work.remove(); f.keys.remove() }
        let signed = try f.commit("original", signingKey: "\(f.keys.path)/release-bot")
        let raw = try GitCLI.run(["cat-file", "commit", signed.description], in: f.work.path)
        let forged = raw.replacingOccurrences(of: "original", with: "forged") + "\n"
        let input = try f.work.write(".forged-commit", forged)
        let forgedID = try GitCLI.run(["hash-object", "-t", "commit", "-w", input], in: f.work.path)
        let status = try f.repository.signatureStatus(of: try #require(GitOID(hex: forgedID)), allowedSigners: f.allowed)
        #expect(status == .invalid("the signature does not match the commit"))
    }

    @Test func gpgSignaturesAreReportedNotTrusted() throws {
        let f = try fixture()
        defer { f.work.remove(); f.keys.remove() }
        let tree = try GitCLI.run(["rev-parse", "HEAD^{tree}"], in: f.work.path)
        let object = """
            tree \(tree)
            author A <a@example.com> 1767225600 +0000
            committer A <a@example.com> 1767225600 +0000
            gpgsig -----BEGIN PGP SIGNATURE-----
             
             iQEzBAABCAAdFiEEnotarealsignaturebutwellformedenough=
             =abcd
             -----END PGP SIGNATURE-----

            gpg signed

            """
        let input = try f.work.write(".gpg-commit", object)
        let id = try GitCLI.run(["hash-object", "-t", "commit", "-w", input], in: f.work.path)
        let status = try f.repository.signatureStatus(of: try #require(GitOID(hex: id)), allowedSigners: f.allowed)
        #expect(status == .unverifiedGPG)
        #expect(status.description == "unverified: GPG not supported")
        #expect(!status.isTrusted)
    }

    @Test func malformedAllowedSignersIsALocatedError() throws {
        let error = #expect(throws: DappError.self) { try AllowedSigners(text: "# ok\nalice@example.com not-a-key\n") }
        #expect(error?.message.contains("line 2") == true)
    }
}

/// `requireSignedCommits` in dappmesh.yaml turns the signature check into a gate.
@Suite struct RevisionTrustTests {
    @Test func theRepoConfigDecidesWhetherUnsignedRevisionsPass() throws {
        let f = try SignatureTests().fixture()
        defer {
            f.work.remove()
            f.keys.remove()
        }
        let unsigned = try f.commit("unsigned", signingKey: nil)
        let signed = try f.commit("signed", signingKey: "\(f.keys.path)/release-bot")
        let relaxed = RepoConfig(requireSignedCommits: false)
        let strict = RepoConfig(requireSignedCommits: true)
        #expect(
            try RevisionTrust.check(unsigned, revision: "main", in: f.repository, config: relaxed, allowedSigners: f.allowed) == .unsigned)
        let refused = #expect(throws: DappError.self) {
            try RevisionTrust.check(unsigned, revision: "main", in: f.repository, config: strict, allowedSigners: f.allowed)
        }
        #expect(refused?.message.contains("refusing to reconcile main") == true)
        let status = try RevisionTrust.check(signed, revision: "main", in: f.repository, config: strict, allowedSigners: f.allowed)
        #expect(status?.isTrusted == true)
        let unconfigured = #expect(throws: DappError.self) {
            try RevisionTrust.check(signed, revision: "main", in: f.repository, config: strict, allowedSigners: nil)
        }
        #expect(unconfigured?.message.contains("no allowed_signers file is configured") == true)
    }
}

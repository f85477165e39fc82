import DappCore
import DappGit
import DappTesting
import Foundation
import Testing

/// Each failure gives the user an error that says what went wrong and what to do.
@Suite(.enabled(if: TestServers.available, Comment(rawValue: TestServers.skipReason)))
struct FailureTests {
    func fetchError(_ url: String, _ credentials: GitCredentials, timeout: Duration = .seconds(10)) throws -> DappError? {
        let cache = try TemporaryDirectory(prefix: "git-cache")
        defer { cache.remove() }
        let source = GitSource(url: url, cacheRoot: cache.path, options: GitRemoteOptions(credentials: credentials, timeout: timeout))
        return #expect(throws: DappError.self) { try source.fetch() }
    }

    @Test func wrongPasswordOverHTTPS() throws {
        let secret = "wrong-password-CANARY-41c2"
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let passwordFile = try dir.write("password", secret)
        let error = try fetchError(
            TestServers.urls["https"]! + "demo.git",
            GitCredentials(username: "dappctl", password: .file(passwordFile), caFile: TestServers.value("DAPPCTL_TEST_CA_FILE")))
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("authentication") == true, "\(String(describing: error))")
        #expect(error.map { !"\($0)".contains(secret) } == true, "the password leaked into the error")
    }

    @Test func noCredentialsOverHTTP() throws {
        let error = try fetchError(TestServers.urls["http"]! + "demo.git", .none)
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("asks for credentials and none are configured") == true, "\(String(describing: error))")
    }

    @Test func untrustedCertificate() throws {
        let error = try fetchError(
            TestServers.urls["https"]! + "demo.git",
            GitCredentials(
                username: "dappctl", password: .file(TestServers.value("DAPPCTL_TEST_HTTP_PASSWORD_FILE")),
                caFile: "/etc/ssl/certs/ca-certificates.crt"))
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("certificate") == true, "\(String(describing: error))")
    }

    @Test func unauthorisedSSHKey() throws {
        let error = try fetchError(
            TestServers.urls["ssh"]! + "demo.git",
            GitCredentials(
                sshPrivateKey: TestServers.value("DAPPCTL_TEST_SSH_BAD_KEY"), knownHosts: TestServers.value("DAPPCTL_TEST_SSH_KNOWN_HOSTS"))
        )
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("authentication") == true, "\(String(describing: error))")
    }

    @Test func changedHostKeyIsRefused() throws {
        let error = try fetchError(
            TestServers.urls["ssh"]! + "demo.git",
            GitCredentials(
                sshPrivateKey: TestServers.value("DAPPCTL_TEST_SSH_KEY"),
                knownHosts: TestServers.value("DAPPCTL_TEST_SSH_WRONG_KNOWN_HOSTS")))
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("does not match known_hosts") == true, "\(String(describing: error))")
    }

    @Test func unknownHostKeyIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let empty = try dir.write("known_hosts", "# nobody\n")
        let error = try fetchError(
            TestServers.urls["ssh"]! + "demo.git",
            GitCredentials(sshPrivateKey: TestServers.value("DAPPCTL_TEST_SSH_KEY"), knownHosts: empty))
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("unknown SSH host key for 127.0.0.1") == true, "\(String(describing: error))")
    }

    @Test func unreachableServer() throws {
        // A port nothing listens on: refused at once.
        let error = try fetchError("git://127.0.0.1:9/demo.git", .none)
        #expect(error?.code == .unavailable, "\(String(describing: error)) \(String(describing: error?.cause))")
        #expect(error?.message.contains("cannot reach the server") == true, "\(String(describing: error))")
    }

    @Test func silentServerTimesOut() throws {
        // A listener that never answers: the timeout, not a hang.
        let listener = try SilentListener()
        defer { listener.close() }
        let started = ContinuousClock.now
        let error = try fetchError("git://127.0.0.1:\(listener.port)/demo.git", .none, timeout: .seconds(2))
        #expect(ContinuousClock.now - started < .seconds(6))
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("timed out") == true, "\(String(describing: error))")
    }

    @Test func missingRepositoryOnTheServer() throws {
        let error = try fetchError(TestServers.urls["git"]! + "no-such-repo.git", .none)
        #expect(error != nil)
        #expect(error?.code == .unavailable || error?.code == .notFound)
    }
}

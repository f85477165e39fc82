import DappCore
import DappGit
import DappSpecs
import DappTesting
import Foundation
import Testing

/// Clone, fetch after a push, snapshot read and status push over every transport, against the
/// real servers of scripts/test-servers (git daemon, nginx + git-http-backend, sshd).
@Suite(.enabled(if: TestServers.available, Comment(rawValue: TestServers.skipReason)))
struct TransportTests {
    static let transports = ["git", "http", "https", "ssh"]

    static func credentials(for transport: String) -> GitCredentials {
        switch transport {
        case "http", "https":
            return GitCredentials(
                username: TestServers.value("DAPPCTL_TEST_HTTP_USER"),
                password: .file(TestServers.value("DAPPCTL_TEST_HTTP_PASSWORD_FILE")),
                caFile: TestServers.value("DAPPCTL_TEST_CA_FILE"))
        case "ssh":
            return GitCredentials(
                sshPrivateKey: TestServers.value("DAPPCTL_TEST_SSH_KEY"), sshPublicKey: TestServers.value("DAPPCTL_TEST_SSH_PUBLIC_KEY"),
                knownHosts: TestServers.value("DAPPCTL_TEST_SSH_KNOWN_HOSTS"))
        default:
            return .none
        }
    }

    static func source(_ transport: String, repository: String, cache: TemporaryDirectory, credentials: GitCredentials? = nil) -> GitSource
    {
        GitSource(
            url: TestServers.urls[transport]! + repository, cacheRoot: cache.path,
            options: GitRemoteOptions(credentials: credentials ?? Self.credentials(for: transport), timeout: .seconds(20)))
    }

    @Test(arguments: transports)
    func cloneFetchAfterPushAndReadTheSnapshot(_ transport: String) throws {
        let cache = try TemporaryDirectory(prefix: "git-cache")
        defer { cache.remove() }
        let name = try TestServers.copyOfDemo(named: "clone-\(transport)")
        let source = Self.source(transport, repository: name, cache: cache)

        let repository = try source.fetch()
        let first = try GitSnapshot(repository: repository, revision: "main")
        #expect(first.commit.description == TestServers.demoCommit)
        let loaded = try SpecLoader.load(first)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.specs.products.count == 8)

        // Someone pushes a change; a fetch brings it and changedPaths names the file.
        let work = try TemporaryDirectory(prefix: "pusher")
        defer { work.remove() }
        try GitCLI.run(["clone", "--quiet", "\(TestServers.reposDirectory)/\(name)", work.path])
        try work.write("products/sales/orders/README.md", "orders\n")
        try GitCLI.run(["add", "-A"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-m", "docs"], in: work.path)
        try GitCLI.run(["push", "--quiet", "origin", "main"], in: work.path)
        let pushed = try GitCLI.run(["rev-parse", "HEAD"], in: work.path)

        try source.fetch()
        let second = try GitSnapshot(repository: repository, revision: "origin/main")
        #expect(second.commit.description == pushed)
        #expect(
            try repository.changedPaths(from: first.commit, to: second.commit) == [
                PathChange(kind: .added, oldPath: nil, newPath: "products/sales/orders/README.md")
            ])
        #expect(try second.read("products/sales/orders/README.md") == Array("orders\n".utf8))
    }

    @Test(arguments: transports)
    func statusPushLands(_ transport: String) throws {
        let cache = try TemporaryDirectory(prefix: "git-cache")
        defer { cache.remove() }
        let name = try TestServers.emptyRepository(named: "status-\(transport)")
        let writer = StatusWriter(source: Self.source(transport, repository: name, cache: cache))
        let file = StatusFile(path: "status/sales/orders.yaml", contents: Array("ready: true\n".utf8))
        guard case .pushed(let commit, _) = try writer.write([file], message: "status: sales/orders") else {
            Issue.record("expected a push")
            return
        }
        let onServer = try GitCLI.run(["rev-parse", "refs/heads/dappmesh/status"], in: "\(TestServers.reposDirectory)/\(name)")
        #expect(onServer == commit.description)
        let content = try GitCLI.run(["show", "dappmesh/status:status/sales/orders.yaml"], in: "\(TestServers.reposDirectory)/\(name)")
        #expect(content == "ready: true")
        // The same status again is not a new commit.
        #expect(try writer.write([file], message: "status: sales/orders") == .unchanged(commit))
    }
}

import DappTesting
import Foundation
import Testing

/// `validate` on a remote URL at a revision, as CI on another repository would run it.
@Suite(.enabled(if: TestServers.available, Comment(rawValue: TestServers.skipReason)))
struct RemoteValidateTests {
    @Test func validatesARemoteRepositoryAtARevision() throws {
        let cache = try TemporaryDirectory(prefix: "cli-cache")
        defer { cache.remove() }
        let url = TestServers.urls["git"]! + "demo.git"
        let result = try CommandRunner.dappctl(["validate", "--repo", url, "--rev", "main", "--cache-dir", cache.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "validate: ok (45 files, 8 products)\n")
        #expect(result.stderr.contains("dappctl: fetching \(url)"))
        #expect(result.stderr.contains("dappctl: reading main at \(TestServers.demoCommit.prefix(7))"))
        let bySHA = try CommandRunner.dappctl([
            "validate", "--repo", url, "--rev", String(TestServers.demoCommit.prefix(10)), "--cache-dir", cache.path,
        ])
        #expect(bySHA.status == 0, "\(bySHA.stderr)")
    }

    @Test func httpsWithCredentialsFromFlags() throws {
        let cache = try TemporaryDirectory(prefix: "cli-cache")
        defer { cache.remove() }
        let result = try CommandRunner.dappctl([
            "validate", "--repo", TestServers.urls["https"]! + "demo.git", "--cache-dir", cache.path,
            "--git-username", TestServers.value("DAPPCTL_TEST_HTTP_USER"),
            "--git-password-file", TestServers.value("DAPPCTL_TEST_HTTP_PASSWORD_FILE"),
            "--ca-file", TestServers.value("DAPPCTL_TEST_CA_FILE"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func sshWithKeyAndKnownHosts() throws {
        let cache = try TemporaryDirectory(prefix: "cli-cache")
        defer { cache.remove() }
        let result = try CommandRunner.dappctl([
            "validate", "--repo", TestServers.urls["ssh"]! + "demo.git", "--rev", "main", "--cache-dir", cache.path,
            "--ssh-key", TestServers.value("DAPPCTL_TEST_SSH_KEY"), "--known-hosts", TestServers.value("DAPPCTL_TEST_SSH_KNOWN_HOSTS"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aMissingRevisionIsAClearError() throws {
        let cache = try TemporaryDirectory(prefix: "cli-cache")
        defer { cache.remove() }
        let result = try CommandRunner.dappctl([
            "validate", "--repo", TestServers.urls["git"]! + "demo.git", "--rev", "release-9", "--cache-dir", cache.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("revision 'release-9' does not exist"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func wrongPasswordIsAnAuthenticationError() throws {
        let cache = try TemporaryDirectory(prefix: "cli-cache")
        defer { cache.remove() }
        let result = try CommandRunner.dappctl(
            [
                "validate", "--repo", TestServers.urls["https"]! + "demo.git", "--cache-dir", cache.path, "--git-username", "dappctl",
                "--git-password-env", "WRONG_PASSWORD", "--ca-file", TestServers.value("DAPPCTL_TEST_CA_FILE"),
            ], environment: ["WRONG_PASSWORD": "not-the-password-CANARY-9931"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("authentication"), "\(result.stderr)")
        #expect(!result.stderr.contains("CANARY-9931"))
    }
}

/// A local Git repository read at a revision, not as the folder is on disk.
@Suite struct LocalRevisionTests {
    @Test func readsTheCommittedStateNotTheWorkTree() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        // Break the work tree without committing: --rev main still reads the good commit.
        try work.write("products/sales/orders/product.yaml", "kind: [broken\n")
        let committed = try CommandRunner.dappctl(["validate", "--repo", work.path, "--rev", "main"])
        #expect(committed.status == 0, "\(committed.stdout)\(committed.stderr)")
        let onDisk = try CommandRunner.dappctl(["validate", "--repo", work.path])
        #expect(onDisk.status == 1)
        #expect(onDisk.stdout.hasPrefix("products/sales/orders/product.yaml:2:1: error:"), "\(onDisk.stdout)")
        #expect(!onDisk.stdout.contains("ref/unknown-product"), "one mistake, one diagnostic")
    }
}

/// A token written into the URL never shows up in what dappctl prints.
@Suite(.enabled(if: TestServers.available, Comment(rawValue: TestServers.skipReason)))
struct URLCredentialRedactionTests {
    @Test func tokenInTheURLIsNeverPrinted() throws {
        let cache = try TemporaryDirectory(prefix: "cli-cache")
        defer { cache.remove() }
        let canary = "CANARY-url-token-5521"
        let https = TestServers.urls["https"]!
        let url = https.replacingOccurrences(of: "https://", with: "https://dappctl:\(canary)@") + "demo.git"
        let result = try CommandRunner.dappctl([
            "validate", "--repo", url, "--cache-dir", cache.path, "--ca-file", TestServers.value("DAPPCTL_TEST_CA_FILE"),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("https://***@localhost"), "\(result.stderr)")
        #expect(!result.stderr.contains(canary), "\(result.stderr)")
        #expect(!result.stdout.contains(canary))
        let cacheEntries = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(!cacheEntries.contains { $0.contains(canary) }, "the cache folder name holds the token: \(cacheEntries)")
    }
}

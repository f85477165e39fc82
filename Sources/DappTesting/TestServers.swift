import Foundation

/// The real Git servers CI starts (scripts/test-servers/start.sh) and exports as DAPPCTL_TEST_*.
/// Tests that need them are skipped, with the reason, only when the variables are unset.
public enum TestServers {
    static var env: [String: String] { ProcessInfo.processInfo.environment }

    public static var available: Bool { env["DAPPCTL_TEST_GIT_URL"] != nil }

    public static let skipReason =
        "Git test servers not running: run scripts/test-servers/start.sh and source the env file it prints (CI does)"

    public static func value(_ name: String) -> String {
        guard let value = env[name] else { fatalError("\(name) is not set; \(skipReason)") }
        return value
    }

    public static var reposDirectory: String { value("DAPPCTL_TEST_REPOS_DIR") }
    public static var demoCommit: String { value("DAPPCTL_TEST_DEMO_COMMIT") }

    /// URL prefixes by transport, each ending in '/'.
    public static var urls: [String: String] {
        [
            "git": value("DAPPCTL_TEST_GIT_URL"), "http": value("DAPPCTL_TEST_HTTP_URL"),
            "https": value("DAPPCTL_TEST_HTTPS_URL"), "ssh": value("DAPPCTL_TEST_SSH_URL"),
        ]
    }

    /// A fresh bare copy of demo.git under a unique name, pushable over every transport.
    public static func copyOfDemo(named prefix: String) throws -> String {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8)).git"
        let path = "\(reposDirectory)/\(name)"
        _ = try GitCLI.run(["clone", "--bare", "--quiet", "\(reposDirectory)/demo.git", path])
        _ = try GitCLI.run(["config", "http.receivepack", "true"], in: path)
        return name
    }

    /// An empty bare repository on the servers.
    public static func emptyRepository(named prefix: String) throws -> String {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8)).git"
        let path = "\(reposDirectory)/\(name)"
        _ = try GitCLI.run(["init", "--bare", "--quiet", "--initial-branch=main", path])
        _ = try GitCLI.run(["config", "http.receivepack", "true"], in: path)
        return name
    }
}

/// The git command line, for setting up fixtures in tests (product code never shells out).
public enum GitCLI {
    static let environment = [
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.com", "GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "author@example.com",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    ]

    @discardableResult
    public static func run(_ arguments: [String], in directory: String? = nil) throws -> String {
        let result = try CommandRunner.run("/usr/bin/git", arguments, in: directory, environment: environment)
        guard result.status == 0 else {
            throw GitCLIError(message: "git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A work tree with the demo repository committed on `main`; returns its path.
    public static func demoWorkTree() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "git-worktree")
        try dir.copyContents(of: TestPaths.fixture("demo"))
        try run(["init", "--quiet", "--initial-branch=main"], in: dir.path)
        try run(["add", "-A"], in: dir.path)
        try run(["commit", "--quiet", "-m", "demo"], in: dir.path)
        return dir
    }
}

public struct GitCLIError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

import CGit2
import CGit2Shim
import Crypto
import DappCore
import Synchronization

/// Network settings of a remote repository.
public struct GitRemoteOptions: Sendable {
    public var credentials: GitCredentials
    /// Bound on one fetch or push, connect included.
    public var timeout: Duration

    public init(credentials: GitCredentials = .none, timeout: Duration = .seconds(60)) {
        self.credentials = credentials
        self.timeout = timeout
    }
}

/// A remote spec repository mirrored into a bare cache repository: branches as `refs/heads/*`,
/// tags as `refs/tags/*`, fetched on demand. Transports: file://, git://, http(s)://, ssh://.
public final class GitSource: Sendable {
    public let url: String
    public let cacheDirectory: String
    public let options: GitRemoteOptions

    /// `cacheRoot` holds one bare mirror per URL.
    public init(url: String, cacheRoot: String, options: GitRemoteOptions = GitRemoteOptions()) {
        self.url = url
        self.options = options
        self.cacheDirectory = "\(cacheRoot)/\(Self.cacheName(for: url))"
    }

    /// The URL as it may be shown in messages (user info such as a token replaced by `***`).
    public var displayURL: String { RedactedURL(url).description }

    /// A readable and unique folder name: `host-path-<8 hex of SHA-256(url)>`.
    static func cacheName(for url: String) -> String {
        let digest = SHA256.hash(data: Array(url.utf8)).prefix(4).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        var readable = RedactedURL(url).description
        if let scheme = readable.firstRange(of: "://") { readable = String(readable[scheme.upperBound...]) }
        let safe = String(readable.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" }.suffix(60))
        return "\(safe)-\(digest)"
    }

    /// Fetches every branch and tag into the cache and returns it. Removed branches are pruned.
    @discardableResult
    public func fetch() throws -> GitRepository {
        let repository = try GitRepository.openOrCreateBare(at: cacheDirectory)
        try withRemote(repository, operation: "fetch \(RedactedURL(url))") { remote, context in
            var fetchOptions = git_fetch_options()
            git_fetch_options_init(&fetchOptions, UInt32(GIT_FETCH_OPTIONS_VERSION))
            context.install(into: &fetchOptions.callbacks)
            fetchOptions.prune = GIT_FETCH_PRUNE
            fetchOptions.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL
            return try GitStrings.with(["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]) { refspecs in
                git_remote_fetch(remote, refspecs, &fetchOptions, "dappctl fetch")
            }
        }
        if repository.isShallow {
            throw DappError(
                .invalidArgument,
                "the cache of \(RedactedURL(url)) is a shallow clone; dappctl needs full history. Delete \(cacheDirectory) and fetch again",
                subject: cacheDirectory)
        }
        return repository
    }

    /// Pushes the local reference `source` to `destination` on the remote, never forcing.
    /// Returns nil when the push landed, or the server's reason for rejecting it.
    public func push(from repository: GitRepository, source: String, destination: String) throws -> String? {
        var rejection: String?
        do {
            try withRemote(repository, operation: "push to \(RedactedURL(url))") { remote, context in
                var pushOptions = git_push_options()
                git_push_options_init(&pushOptions, UInt32(GIT_PUSH_OPTIONS_VERSION))
                context.install(into: &pushOptions.callbacks)
                let status = try GitStrings.with(["\(source):\(destination)"]) { refspecs in
                    git_remote_push(remote, refspecs, &pushOptions)
                }
                if status == 0, let reason = context.rejectedReferences[destination] {
                    throw PushRejected(reason: reason)
                }
                return status
            }
        } catch let rejected as PushRejected {
            rejection = rejected.reason
        } catch let error as DappError {
            // libgit2 itself refuses a push it can tell is not a fast-forward.
            if let cause = error.cause as? GitLibraryError, cause.code == GIT_ENONFASTFORWARD.rawValue { return "non-fast-forward" }
            throw error
        }
        return rejection
    }

    private struct PushRejected: Error {
        var reason: String
    }

    /// Runs one network operation against an anonymous remote for `url`, with credentials, host
    /// key checks and the timeout, and turns failures into errors that name the cause.
    private func withRemote(
        _ repository: GitRepository, operation: String, _ body: @escaping @Sendable (OpaquePointer, RemoteCallbackContext) throws -> Int32
    ) throws {
        let knownHosts = try options.credentials.knownHosts.map { try KnownHosts(contentsOf: $0) }
        if let caFile = options.credentials.caFile, !FileBytes.exists(caFile) {
            throw DappError(.notFound, "CA bundle '\(caFile)' does not exist", subject: caFile)
        }
        let context = RemoteCallbackContext(url: url, credentials: options.credentials, knownHosts: knownHosts, timeout: options.timeout)
        let url = self.url
        let run = {
            try BlockingCall.run(timeout: self.options.timeout + .seconds(1), what: operation) {
                try repository.withHandle { repo in
                    var remote: OpaquePointer?
                    try LibGit2.check(
                        git_remote_create_anonymous(&remote, repo, url), "\(operation): invalid URL", subject: RedactedURL(url).description)
                    defer { git_remote_free(remote) }
                    let status = try body(remote!, context)
                    if status < 0 {
                        // The callbacks' own reason (timeout, host key, credentials) beats libgit2's.
                        if let failure = context.failure { throw failure }
                        throw GitFailure.last(code: status, what: operation, subject: RedactedURL(url).description)
                    }
                }
            }
        }
        if url.hasPrefix("https://") {
            try GitTLS.withCABundle(options.credentials.caFile ?? GitTLS.systemBundle, run)
        } else {
            try run()
        }
    }
}

/// The CA bundle libgit2's TLS backend trusts is process-wide (libgit2 1.5 has no per-remote
/// setting), so HTTPS operations take turns: each sets its remote's bundle and holds it until
/// done. Without this, one remote's private CA could vouch for another remote's server.
enum GitTLS {
    static let systemBundle = "/etc/ssl/certs/ca-certificates.crt"
    private static let current = Mutex<String?>(nil)

    static func withCABundle<R>(_ path: String, _ body: () throws -> R) throws -> R {
        try current.withLock { active in
            if active != path {
                try LibGit2.check(dapp_git_set_ssl_cert_file(path), "load the CA bundle '\(path)'", subject: path)
                active = path
            }
            return try body()
        }
    }
}

/// `git_strarray` arguments built from Swift strings for the duration of a call.
enum GitStrings {
    static func with<R>(_ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws -> R) rethrows -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        return try pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: strings.count)
            return try body(&array)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

#if canImport(Glibc)
    import Glibc
#endif

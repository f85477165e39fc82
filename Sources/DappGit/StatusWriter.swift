import CGit2
import DappCore

/// One file to commit to the status branch.
public struct StatusFile: Sendable, Hashable {
    /// Repo-relative path, `status/<domain>/<product>.yaml`.
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}

/// Who commits status.
public struct GitSignature: Sendable, Hashable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    public static let dappctl = GitSignature(name: "dappctl", email: "dappctl@dappmesh.io")
}

/// Commits status files to the status branch of a remote and pushes them, without a work tree.
///
/// Writers race: several replicas (or a CI job and the daemon) may push at once. A rejected push
/// is never forced: the writer fetches the new tip, rebuilds its commit on top of it (its files
/// replace theirs at the same paths, other paths are kept) and tries again with backoff.
public struct StatusWriter: Sendable {
    public let source: GitSource
    public let branch: String
    public let author: GitSignature
    public var maxAttempts = 8
    /// Called with the attempt number just before each push, after the commit was built on the
    /// fetched tip. Tests use it to let another writer move the branch in between.
    public var willPush: (@Sendable (Int) throws -> Void)?

    public init(source: GitSource, branch: String = "dappmesh/status", author: GitSignature = .dappctl) {
        self.source = source
        self.branch = branch
        self.author = author
    }

    public enum Outcome: Equatable, Sendable {
        /// A commit was pushed, after `attempts` tries.
        case pushed(GitOID, attempts: Int)
        /// The branch already held exactly these contents: nothing to commit.
        case unchanged(GitOID?)
    }

    public func write(_ files: [StatusFile], message: String) throws -> Outcome {
        var attempt = 0
        while true {
            attempt += 1
            let repository = try source.fetch()
            let branchRef = "refs/heads/\(branch)"
            let parent = repository.referenceTarget(branchRef)
            guard let commit = try StatusCommitBuilder.commit(files, onto: parent, in: repository, author: author, message: message) else {
                return .unchanged(parent)
            }
            let outgoing = "refs/dappmesh/outgoing/\(branch)"
            try repository.setReference(outgoing, to: commit, message: "dappctl status")
            try willPush?(attempt)
            guard let rejection = try source.push(from: repository, source: outgoing, destination: branchRef) else {
                return .pushed(commit, attempts: attempt)
            }
            if attempt >= maxAttempts {
                throw DappError(
                    .unavailable,
                    "could not push status to \(branch) after \(attempt) attempts (last rejection: \(rejection)); another writer keeps moving the branch",
                    subject: branch)
            }
            Backoff.sleep(attempt: attempt)
        }
    }
}

/// Exponential backoff with jitter: 25 ms, 50 ms, 100 ms … capped at 2 s.
enum Backoff {
    static func sleep(attempt: Int) {
        let base = min(2_000, 25 << min(attempt - 1, 7))
        let jittered = base / 2 + Int.random(in: 0...(base / 2))
        var request = timespec(tv_sec: jittered / 1_000, tv_nsec: (jittered % 1_000) * 1_000_000)
        _ = nanosleep(&request, nil)
    }
}

#if canImport(Glibc)
    import Glibc
#endif

import CGit2
import DappCore
import Synchronization

/// An open Git repository (usually bare: dappctl never checks out a work tree).
///
/// libgit2 repository handles are not safe to use from several threads at once, so every call
/// goes through one lock; reads are short (a blob lookup) next to the parsing they feed.
public final class GitRepository: Sendable {
    private let lock: Mutex<OpaquePointerBox>
    /// The object database: libgit2 locks it internally, so blob reads from many threads share
    /// it without taking the repository lock (libgit2's threading.md).
    private let odb: OpaquePointerBox
    public let path: String
    /// More handles on the same repository for reads that run at the same time (the batches of a
    /// parallel scan): each is used by one thread at a time, so parallel readers do not queue
    /// behind the one lock. Opened on first need, kept until the repository is closed.
    private let spareHandles = Mutex<[OpaquePointerBox]>([])

    private struct OpaquePointerBox: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private init(handle: OpaquePointer, path: String) throws {
        var odb: OpaquePointer?
        try LibGit2.check(git_repository_odb(&odb, handle), "open the object database of '\(path)'", subject: path)
        self.odb = OpaquePointerBox(pointer: odb!)
        self.lock = Mutex(OpaquePointerBox(pointer: handle))
        self.path = path
    }

    deinit {
        git_odb_free(odb.pointer)
        lock.withLock { git_repository_free($0.pointer) }
        spareHandles.withLock { for handle in $0 { git_repository_free(handle.pointer) } }
    }

    /// The content of a blob, read from the object database without the repository lock.
    func readBlob(_ oid: GitOID, path: String) throws -> [UInt8] {
        var raw = oid.raw
        var object: OpaquePointer?
        try LibGit2.check(git_odb_read(&object, odb.pointer, &raw), "read '\(path)'", subject: path)
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        guard size > 0, let data = git_odb_object_data(object) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: data, count: size))
    }

    /// Opens the repository at `path` (a bare repository or a work tree's `.git`).
    public static func open(at path: String) throws -> GitRepository {
        LibGit2.ensureInitialized()
        return try GitRepository(handle: openHandle(path), path: path)
    }

    /// A new libgit2 handle on the repository at `path` exactly (no search upwards).
    private static func openHandle(_ path: String) throws -> OpaquePointer {
        var handle: OpaquePointer?
        try LibGit2.check(
            git_repository_open_ext(&handle, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil), "open Git repository '\(path)'",
            subject: path)
        return handle!
    }

    /// Opens the bare repository at `path`, creating it when it does not exist.
    public static func openOrCreateBare(at path: String) throws -> GitRepository {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        if git_repository_open_bare(&handle, path) == 0, let handle {
            return try GitRepository(handle: handle, path: path)
        }
        try LibGit2.check(git_repository_init(&handle, path, 1), "create bare repository '\(path)'", subject: path)
        return try GitRepository(handle: handle!, path: path)
    }

    /// Runs `body` with exclusive use of the libgit2 handle.
    func withHandle<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try lock.withLock { try body($0.pointer) }
    }

    /// Runs a read-only `body` on a handle no other thread uses meanwhile, without waiting for the
    /// shared one: a spare handle if one is free, else a newly opened one (kept for next time).
    func withReadHandle<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        let handle: OpaquePointerBox
        if let spare = spareHandles.withLock({ $0.popLast() }) {
            handle = spare
        } else {
            handle = OpaquePointerBox(pointer: try Self.openHandle(path))
        }
        defer { spareHandles.withLock { $0.append(handle) } }
        return try body(handle.pointer)
    }

    public var isShallow: Bool { withHandle { git_repository_is_shallow($0) == 1 } }

    /// The commit a revision names: a branch, tag, full or short SHA, `origin/main`, `HEAD~2`.
    public func resolveCommit(_ revision: String) throws -> GitOID {
        try withHandle { repo in
            var candidates = [revision]
            // A cache clone mirrors branches as refs/heads/*, so `origin/x` means `x` there.
            if revision.hasPrefix("origin/") { candidates.append(String(revision.dropFirst("origin/".count))) }
            candidates.append("refs/remotes/origin/\(revision)")
            for candidate in candidates {
                var object: OpaquePointer?
                guard git_revparse_single(&object, repo, candidate) == 0, let object else { continue }
                defer { git_object_free(object) }
                var commit: OpaquePointer?
                guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else { continue }
                defer { git_object_free(commit) }
                return GitOID(git_object_id(commit).pointee)
            }
            throw DappError(.notFound, "revision '\(revision)' does not exist in \(path)", subject: revision)
        }
    }

    /// Sets (or creates) a reference to point at `target`, without any work tree.
    func setReference(_ name: String, to target: GitOID, message: String) throws {
        try withHandle { repo in
            var oid = target.raw
            var reference: OpaquePointer?
            try LibGit2.check(git_reference_create(&reference, repo, name, &oid, 1, message), "update reference \(name)")
            git_reference_free(reference)
        }
    }

    /// The commit a reference points at, or nil when the reference does not exist.
    func referenceTarget(_ name: String) -> GitOID? {
        withHandle { repo in
            var oid = git_oid()
            guard git_reference_name_to_id(&oid, repo, name) == 0 else { return nil }
            return GitOID(oid)
        }
    }
}

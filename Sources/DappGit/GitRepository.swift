import CGit2
import CGit2Shim
import DappCore
import Synchronization

/// An open Git repository (usually bare: dappctl never checks out a work tree).
///
/// libgit2 repository handles are not safe to use from several threads at once, so every call
/// goes through one lock; reads are short (a blob lookup) next to the parsing they feed.
public final class GitRepository: Sendable {
    private let lock: Mutex<OpaquePointerBox>
    public let path: String
    /// More handles on the same repository for reads that run at the same time (the batches of a
    /// parallel scan, the blob reads of a load): each is used by one thread at a time, so parallel
    /// readers do not queue behind the one lock. Each comes with its own object database, as
    /// libgit2 holds an object database's lock while it inflates an object: blob reads through
    /// one shared database ran one at a time. Opened on first need, kept until the repository is
    /// closed.
    private let spareHandles = Mutex<[ReadHandle]>([])
    /// The trees read so far, shared by every walk of every revision (`TreeListings`).
    let trees = TreeListings()

    private struct OpaquePointerBox: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// A repository handle and its object database, used by one thread at a time.
    private struct ReadHandle: @unchecked Sendable {
        let repository: OpaquePointer
        let odb: OpaquePointer
    }

    private init(handle: OpaquePointer, path: String) throws {
        self.lock = Mutex(OpaquePointerBox(pointer: handle))
        self.path = path
    }

    deinit {
        lock.withLock { git_repository_free($0.pointer) }
        spareHandles.withLock {
            for handle in $0 {
                git_odb_free(handle.odb)
                git_repository_free(handle.repository)
            }
        }
    }

    /// The content of a blob, checked against its id.
    ///
    /// Read from a spare handle's object database (in parallel with other reads), straight from
    /// its loose or packed storage: not through libgit2's object cache, which would keep every
    /// blob of a load a second time, and not through libgit2's own hash check, which hashed with
    /// the collision-detecting SHA-1 at a seventh of a check's instructions. The content is
    /// hashed here instead (`BlobID`), so a blob that was tampered with in the repository or the
    /// cache is still refused: a signed commit vouches for its files only through their ids.
    func readBlob(_ oid: GitOID, path: String) throws -> [UInt8] {
        var raw = oid.raw
        return try withReadODB { odb in
            var data: UnsafeMutableRawPointer?
            var length = 0
            var type = GIT_OBJECT_INVALID
            var backend: UnsafeMutablePointer<git_odb_backend>?
            let status = dapp_git_odb_read_raw(odb, &raw, &data, &length, &type, &backend)
            if status == GIT_ENOTFOUND.rawValue {
                // Not in the storage the handle knows: libgit2's read refreshes the list of packs
                // (a fetch may have added one) and says what is wrong.
                var object: OpaquePointer?
                try LibGit2.check(git_odb_read(&object, odb, &raw), "read '\(path)'", subject: path)
                defer { git_odb_object_free(object) }
                let size = git_odb_object_size(object)
                guard size > 0, let data = git_odb_object_data(object) else { return [] }
                return [UInt8](UnsafeRawBufferPointer(start: data, count: size))
            }
            try LibGit2.check(status, "read '\(path)'", subject: path)
            defer { dapp_git_odb_free_raw(backend, data) }
            guard type == GIT_OBJECT_BLOB else {
                throw DappError(.invalidArgument, "'\(path)' is not a file in the repository (object \(oid.short))", subject: path)
            }
            let bytes = UnsafeRawBufferPointer(start: data, count: length)
            guard BlobID.of(bytes) == oid else {
                throw DappError(
                    .invalidArgument,
                    "'\(path)' is corrupt in \(self.path): its content does not hash to its id \(oid.short); run 'git fsck' there",
                    subject: path)
            }
            return [UInt8](bytes)
        }
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
        try withSpareHandle { try body($0.repository) }
    }

    /// Runs `body` on the object database of a handle no other thread uses meanwhile.
    private func withReadODB<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        try withSpareHandle { try body($0.odb) }
    }

    private func withSpareHandle<R>(_ body: (ReadHandle) throws -> R) throws -> R {
        let handle: ReadHandle
        if let spare = spareHandles.withLock({ $0.popLast() }) {
            handle = spare
        } else {
            let repository = try Self.openHandle(path)
            var odb: OpaquePointer?
            do {
                try LibGit2.check(git_repository_odb(&odb, repository), "open the object database of '\(path)'", subject: path)
            } catch {
                git_repository_free(repository)
                throw error
            }
            handle = ReadHandle(repository: repository, odb: odb!)
        }
        defer { spareHandles.withLock { $0.append(handle) } }
        return try body(handle)
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
            var message = "revision '\(revision)' does not exist in \(path)"
            if git_repository_is_shallow(repo) == 1 {
                // A CI checkout is shallow by default: the base branch, or the parents of the
                // checked-out commit, were never fetched.
                message +=
                    "; it is a shallow clone, which may not have fetched it. Fetch the revision (for a branch, "
                    + "'git fetch --depth=1 origin <branch>') or the whole history ('git fetch --unshallow'; with "
                    + "actions/checkout, 'fetch-depth: 0')"
            }
            throw DappError(.notFound, message, subject: revision)
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

import CGit2
import DappCore

/// The spec repository as it is in one commit, read straight from the object database: no
/// checkout, no work tree. The loader reads it exactly like a local directory.
public struct GitSnapshot: RepoTree {
    public let repository: GitRepository
    public let commit: GitOID
    /// The revision as the user wrote it, for messages.
    public let revision: String
    public var displayName: String { "\(repository.path)@\(revision) (\(commit.short))" }

    struct Blob: Sendable {
        var oid: GitOID
        var isSymlink: Bool
    }

    /// Every file of the commit's tree, by repo-relative path.
    let blobs: [String: Blob]

    public init(repository: GitRepository, revision: String) throws {
        if repository.isShallow {
            throw DappError(
                .invalidArgument,
                "\(repository.path) is a shallow clone; dappctl needs the full history to compare revisions. Run 'git fetch --unshallow' there, or point dappctl at the remote URL",
                subject: repository.path)
        }
        self.repository = repository
        self.revision = revision
        self.commit = try repository.resolveCommit(revision)
        self.blobs = try Self.listTree(of: commit, in: repository)
    }

    public func entries() throws -> [RepoEntry] {
        var result: [RepoEntry] = []
        result.reserveCapacity(blobs.count)
        for (path, blob) in blobs {
            if blob.isSymlink {
                let target = String(decoding: try read(path, followingSymlink: false), as: UTF8.self)
                result.append(RepoEntry(path: path, kind: .symlink(RepoPath.symlinkTarget(at: path, linkText: target))))
            } else {
                result.append(RepoEntry(path: path, kind: .file))
            }
        }
        result.sort { $0.path < $1.path }
        return result
    }

    public func read(_ path: String) throws -> [UInt8] {
        try read(path, followingSymlink: true)
    }

    private func read(_ path: String, followingSymlink: Bool) throws -> [UInt8] {
        guard let blob = blobs[path] else {
            throw DappError(.notFound, "'\(path)' does not exist at \(revision) (\(commit.short))", subject: path)
        }
        return try repository.withHandle { repo in
            var oid = blob.oid.raw
            var handle: OpaquePointer?
            try LibGit2.check(git_blob_lookup(&handle, repo, &oid), "read '\(path)' at \(revision)", subject: path)
            defer { git_blob_free(handle) }
            let size = Int(git_blob_rawsize(handle))
            guard size > 0, let content = git_blob_rawcontent(handle) else { return [] }
            return [UInt8](UnsafeRawBufferPointer(start: content, count: size))
        }
    }

    /// Walks the commit's tree once. Hidden folders are skipped as the local tree skips them;
    /// submodules (commit entries) are not files of this repository.
    private static func listTree(of commit: GitOID, in repository: GitRepository) throws -> [String: Blob] {
        try repository.withHandle { repo in
            var oid = commit.raw
            var commitHandle: OpaquePointer?
            try LibGit2.check(git_commit_lookup(&commitHandle, repo, &oid), "read commit \(commit.short)")
            defer { git_commit_free(commitHandle) }
            var tree: OpaquePointer?
            try LibGit2.check(git_commit_tree(&tree, commitHandle), "read the tree of commit \(commit.short)")
            defer { git_tree_free(tree) }
            let collector = TreeCollector()
            let payload = Unmanaged.passUnretained(collector).toOpaque()
            let status = git_tree_walk(
                tree, GIT_TREEWALK_PRE,
                { root, entry, payload in
                    let collector = Unmanaged<TreeCollector>.fromOpaque(payload!).takeUnretainedValue()
                    let name = String(cString: git_tree_entry_name(entry))
                    let folder = String(cString: root!)
                    if name.hasPrefix(".") {
                        return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 1 : 0  // 1 skips the subtree
                    }
                    guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return 0 }
                    let mode = git_tree_entry_filemode(entry)
                    collector.blobs[folder + name] = Blob(
                        oid: GitOID(git_tree_entry_id(entry).pointee), isSymlink: mode == GIT_FILEMODE_LINK)
                    return 0
                }, payload)
            try LibGit2.check(status, "list the files of commit \(commit.short)")
            return collector.blobs
        }
    }
}

/// Accumulates tree entries during `git_tree_walk` (which only takes a C callback and a payload).
private final class TreeCollector {
    var blobs: [String: GitSnapshot.Blob] = [:]
}

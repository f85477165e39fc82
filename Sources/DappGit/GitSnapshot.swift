import CGit2
import DappCore
import Synchronization

/// The spec repository as it is in one commit, read straight from the object database: no
/// checkout, no work tree. The loader reads it exactly like a local directory.
///
/// Nothing is listed up front: a full load walks the whole tree once, while an incremental
/// reload lists and reads only the folders that changed.
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

    /// The whole tree's files once listed (shared by copies of the snapshot).
    private let listing = Listing()

    private final class Listing: Sendable {
        /// By path, for reads; and in tree order, which is already sorted.
        let blobs = Mutex<(byPath: [String: Blob], ordered: [(String, Blob)])?>(nil)
    }

    public init(repository: GitRepository, revision: String) throws {
        self.repository = repository
        self.revision = revision
        self.commit = try repository.resolveCommit(revision)
    }

    public func entries() throws -> [RepoEntry] {
        try repoEntries(try allBlobs().ordered)
    }

    public func entries(under folder: String) throws -> [RepoEntry] {
        try repoEntries(try walk(folder: folder))
    }

    public func read(_ path: String) throws -> [UInt8] {
        try read(path, followingSymlink: true)
    }

    public func read(existing paths: [String]) throws -> [[UInt8]?] {
        // One pass on a handle of its own finds every blob, each folder's tree looked up once (a
        // large folder's tree is otherwise inflated again for every file in it), while other
        // batches do the same on theirs; the blobs are then read from the shared object database.
        let oids: [GitOID?] = try repository.withReadHandle { repo in
            let root = try Self.rootTree(of: commit, repo: repo)
            var trees: [Substring: OpaquePointer] = ["": root!]
            defer { for tree in trees.values { git_tree_free(tree) } }
            func tree(_ folder: Substring) -> OpaquePointer? {
                if let known = trees[folder] { return known }
                let slash = folder.lastIndex(of: "/")
                let parentPath = slash.map { folder[..<$0] } ?? ""
                let name = String(slash.map { folder[folder.index(after: $0)...] } ?? folder)
                guard let parent = tree(parentPath), let entry = git_tree_entry_byname(parent, name),
                    git_tree_entry_type(entry) == GIT_OBJECT_TREE
                else { return nil }
                var found: OpaquePointer?
                guard git_tree_lookup(&found, repo, git_tree_entry_id(entry)) == 0, let found else { return nil }
                trees[folder] = found
                return found
            }
            return paths.map { path -> GitOID? in
                let slash = path.lastIndex(of: "/")
                let folder = slash.map { path[..<$0] } ?? ""
                let name = String(slash.map { path[path.index(after: $0)...] } ?? Substring(path))
                guard let parent = tree(folder), let entry = git_tree_entry_byname(parent, name),
                    git_tree_entry_type(entry) == GIT_OBJECT_BLOB, git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK
                else { return nil }
                return GitOID(git_tree_entry_id(entry).pointee)
            }
        }
        return try zip(paths, oids).map { path, oid in try oid.map { try repository.readBlob($0, path: path) } }
    }

    public func subfolders(of folder: String) throws -> [String] {
        try repository.withReadHandle { repo in
            guard let entries = try folderEntries(folder, repo: repo) else { return [] }
            return entries.filter { $0.kind == .folder && !$0.isHidden }.map(\.name).sorted()
        }
    }

    private func repoEntries(_ blobs: [(String, Blob)]) throws -> [RepoEntry] {
        var result: [RepoEntry] = []
        result.reserveCapacity(blobs.count)
        for (path, blob) in blobs {
            if blob.isSymlink {
                let target = String(decoding: try read(path, followingSymlink: false), as: UTF8.self)
                result.append(RepoEntry(path: path, kind: .symlink(RepoPath.symlinkTarget(at: path, linkText: target))))
            } else {
                result.append(RepoEntry(path: path, kind: .file, contentID: blob.oid.contentID))
            }
        }
        // A walk lists paths in Git's tree order, which is byte order: sorting is then one pass.
        if zip(result, result.dropFirst()).contains(where: { $0.path >= $1.path }) { result.sort { $0.path < $1.path } }
        return result
    }

    private func allBlobs() throws -> (byPath: [String: Blob], ordered: [(String, Blob)]) {
        if let blobs = listing.blobs.withLock({ $0 }) { return blobs }
        let ordered = try listAll()
        // Sized once and filled in order, the first of a repeated path kept (a hostile tree may
        // name an entry twice): `Dictionary(_:uniquingKeysWith:)` merged entry by entry and took
        // 40 ms for 50,000 files.
        var byPath: [String: Blob] = [:]
        byPath.reserveCapacity(ordered.count)
        for (path, blob) in ordered {
            if let first = byPath.updateValue(blob, forKey: path) { byPath[path] = first }
        }
        let blobs = (byPath: byPath, ordered: ordered)
        listing.blobs.withLock { $0 = blobs }
        return blobs
    }

    private func read(_ path: String, followingSymlink: Bool) throws -> [UInt8] {
        let oid: GitOID
        if let known = listing.blobs.withLock({ $0?.byPath[path] }) {
            oid = known.oid
        } else {
            let found = try repository.withReadHandle { repo in try lookUp(path, repo: repo) }
            guard let found else {
                throw DappError(.notFound, "'\(path)' does not exist at \(revision) (\(commit.short))", subject: path)
            }
            oid = found
        }
        return try repository.readBlob(oid, path: path)
    }

    /// The blob at `path` in the commit's tree, found by walking down the path (no listing).
    private func lookUp(_ path: String, repo: OpaquePointer) throws -> GitOID? {
        let slash = path.lastIndex(of: "/")
        let name = slash.map { path[path.index(after: $0)...] } ?? Substring(path)
        guard let parent = try folderEntries(slash.map { String(path[..<$0]) }, repo: repo),
            let entry = parent.first(where: { $0.name == name }), entry.isFile
        else { return nil }
        return entry.oid
    }

    /// The entries of the folder at `folder` (nil for the root), read through the repository's
    /// `TreeListings` one path component at a time; nil when no folder is there.
    private func folderEntries(_ folder: String?, repo: OpaquePointer) throws -> [TreeListings.Entry]? {
        let trees = repository.trees
        var entries = try trees.rootEntries(of: commit, repo: repo)
        guard let folder else { return entries }
        for component in folder.split(separator: "/", omittingEmptySubsequences: false) {
            guard let next = entries.first(where: { $0.name == component }), next.kind == .folder else { return nil }
            entries = try trees.entries(of: next.oid, repo: repo, reading: "folder \(folder)")
        }
        return entries
    }

    private static func rootTree(of commit: GitOID, repo: OpaquePointer) throws -> OpaquePointer? {
        var oid = commit.raw
        var commitHandle: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&commitHandle, repo, &oid), "read commit \(commit.short)")
        defer { git_commit_free(commitHandle) }
        var tree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&tree, commitHandle), "read the tree of commit \(commit.short)")
        return tree
    }

    /// Every file of the commit, in tree order. The folders two levels down (`products/<domain>`)
    /// are walked in parallel, each on a repository handle of its own; trees are read through the
    /// repository's `TreeListings`, so those the comparison with another revision read already
    /// are not read again.
    private func listAll() throws -> [(String, Blob)] {
        enum Part {
            case file(String, Blob)
            case folder(String, GitOID)
        }
        let trees = repository.trees
        let parts: [Part] = try repository.withReadHandle { repo in
            var parts: [Part] = []
            for entry in try trees.rootEntries(of: commit, repo: repo) where !entry.isHidden {
                switch entry.kind {
                case .file, .symlink:
                    parts.append(.file(entry.name, Blob(entry)))
                case .folder:
                    for child in try trees.entries(of: entry.oid, repo: repo, reading: "folder \(entry.name)") where !child.isHidden {
                        switch child.kind {
                        case .file, .symlink: parts.append(.file("\(entry.name)/\(child.name)", Blob(child)))
                        case .folder: parts.append(.folder("\(entry.name)/\(child.name)", child.oid))
                        case .other: break
                        }
                    }
                case .other:
                    break
                }
            }
            return parts
        }
        let folders = parts.compactMap { part -> (String, GitOID)? in
            if case .folder(let path, let oid) = part { return (path, oid) }
            return nil
        }
        var walked: [[(String, Blob)]] = Array(repeating: [], count: folders.count)
        try ParallelMap.run(count: folders.count, parallelism: System.coreCount) { index in
            let (path, oid) = folders[index]
            return try repository.withReadHandle { repo in
                try Self.files(
                    below: try trees.entries(of: oid, repo: repo, reading: "folder \(path)"), prefix: path + "/", trees: trees, repo: repo)
            }
        } store: { index, blobs in
            walked[index] = blobs
        }
        var listed: [(String, Blob)] = []
        listed.reserveCapacity(walked.reduce(parts.count) { $0 + $1.count })
        var next = 0
        for part in parts {
            switch part {
            case .file(let path, let blob): listed.append((path, blob))
            case .folder:
                listed += walked[next]
                next += 1
            }
        }
        return listed
    }

    /// Lists the files below `folder` (the whole tree when nil). Hidden folders are skipped as the
    /// local tree skips them; submodules (commit entries) are not files of this repository.
    private func walk(folder: String?) throws -> [(String, Blob)] {
        try repository.withReadHandle { repo in
            guard let entries = try folderEntries(folder, repo: repo) else { return [] }
            return try Self.files(below: entries, prefix: folder.map { $0 + "/" } ?? "", trees: repository.trees, repo: repo)
        }
    }

    /// The files of a tree and of its folders, depth first in tree order (as `git ls-tree -r`),
    /// with an explicit stack: a hostile repository may nest folders thousands deep.
    private static func files(below entries: [TreeListings.Entry], prefix: String, trees: TreeListings, repo: OpaquePointer) throws
        -> [(String, Blob)]
    {
        var files: [(String, Blob)] = []
        var stack: [(entries: [TreeListings.Entry], next: Int, prefix: String)] = [(entries, 0, prefix)]
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].entries.count else {
                stack.removeLast()
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            guard !entry.isHidden else { continue }
            switch entry.kind {
            case .file, .symlink:
                files.append((stack[top].prefix + entry.name, Blob(entry)))
            case .folder:
                let path = stack[top].prefix + entry.name
                stack.append((try trees.entries(of: entry.oid, repo: repo, reading: "folder \(path)"), 0, path + "/"))
            case .other:
                break
            }
        }
        return files
    }
}

extension GitSnapshot.Blob {
    init(_ entry: TreeListings.Entry) {
        self.init(oid: entry.oid, isSymlink: entry.kind == .symlink)
    }
}

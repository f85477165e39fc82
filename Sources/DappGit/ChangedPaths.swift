import CGit2
import DappCore

/// One file that differs between two revisions.
public struct PathChange: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case added, modified, deleted, renamed
    }

    public var kind: Kind
    /// The path in the older revision (nil when added).
    public var oldPath: String?
    /// The path in the newer revision (nil when deleted).
    public var newPath: String?

    public init(kind: Kind, oldPath: String?, newPath: String?) {
        self.kind = kind
        self.oldPath = oldPath
        self.newPath = newPath
    }

    /// Every path the change touches (both sides of a rename).
    public var paths: [String] {
        if let oldPath, let newPath, oldPath != newPath { return [oldPath, newPath] }
        return [newPath ?? oldPath].compactMap { $0 }
    }

    public var description: String {
        switch kind {
        case .added: "A \(newPath ?? "")"
        case .modified: "M \(newPath ?? "")"
        case .deleted: "D \(oldPath ?? "")"
        case .renamed: "R \(oldPath ?? "") -> \(newPath ?? "")"
        }
    }
}

extension GitRepository {
    /// The files that differ between two revisions, renames detected (50% similarity, as git).
    /// The engine reloads only the products these paths belong to.
    public func changedPaths(from base: String, to head: String) throws -> [PathChange] {
        let baseCommit = try resolveCommit(base)
        let headCommit = try resolveCommit(head)
        return try changedPaths(from: baseCommit, to: headCommit)
    }

    public func changedPaths(from base: GitOID, to head: GitOID) throws -> [PathChange] {
        if base == head { return [] }
        // Walk only the subtrees whose ids differ: a one-file push in a 10,000-product tree
        // touches a handful of trees, not all of them. The top two levels are compared here; the
        // folders below them that differ (`products/<domain>/…`) on every core, each on a handle
        // of its own, as a change to many products touches thousands of trees.
        var parts: [TreeComparison.Part] = try withTrees(base, head) { baseTree, headTree, repo in
            var parts: [TreeComparison.Part] = []
            try TreeComparison.compare(baseTree, headTree, prefix: "", repo: repo, deferBelow: 2, into: &parts)
            return parts
        }
        let pending = parts
        let folders = pending.indices.filter { if case .folder = pending[$0] { true } else { false } }
        try ParallelMap.run(count: folders.count, parallelism: System.coreCount) { index -> [PathChange]? in
            guard case .folder(let path, let old, let new) = pending[folders[index]] else { return nil }
            return try self.withReadHandle { repo in
                let oldTree = try old.map { try TreeComparison.lookUp($0, repo: repo) } ?? nil
                let newTree = try new.map { try TreeComparison.lookUp($0, repo: repo) } ?? nil
                defer {
                    git_tree_free(oldTree)
                    git_tree_free(newTree)
                }
                var below: [TreeComparison.Part] = []
                try TreeComparison.compare(oldTree, newTree, prefix: path + "/", repo: repo, deferBelow: nil, into: &below)
                return below.compactMap(\.change)
            }
        } store: { index, found in
            parts[folders[index]] = .changes(found)
        }
        let changes = parts.flatMap { part -> [PathChange] in
            switch part {
            case .change(let change): [change]
            case .changes(let changes): changes
            case .folder: []
            }
        }
        let added = changes.filter { $0.kind == .added }
        let deleted = changes.filter { $0.kind == .deleted }
        guard !added.isEmpty, !deleted.isEmpty else { return changes }
        // Both sides present: let libgit2 pair renames, limited to the changed paths.
        return try withTrees(base, head) { baseTree, headTree, repo in
            try Self.diffWithRenames(baseTree, headTree, paths: changes.flatMap(\.paths), repo: repo)
        }
    }

    /// Runs `body` with the root trees of two commits, on the shared handle.
    private func withTrees<R>(_ base: GitOID, _ head: GitOID, _ body: (OpaquePointer?, OpaquePointer?, OpaquePointer) throws -> R)
        throws -> R
    {
        try withHandle { repo in
            let baseTree = try Self.tree(of: base, repo: repo)
            defer { git_tree_free(baseTree) }
            let headTree = try Self.tree(of: head, repo: repo)
            defer { git_tree_free(headTree) }
            return try body(baseTree, headTree, repo)
        }
    }

    private static func diffWithRenames(_ baseTree: OpaquePointer?, _ headTree: OpaquePointer?, paths: [String], repo: OpaquePointer) throws
        -> [PathChange]
    {
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
        return try GitStrings.with(paths) { pathspec in
            options.pathspec = pathspec.pointee
            var diff: OpaquePointer?
            try LibGit2.check(git_diff_tree_to_tree(&diff, repo, baseTree, headTree, &options), "compare revisions")
            defer { git_diff_free(diff) }
            return try Self.changes(in: diff)
        }
    }

    /// The files of the working tree (tracked changes and untracked files, not ignored ones) that
    /// differ from `base`: what a pre-merge check of an uncommitted checkout compares.
    public func changedPathsToWorkdir(from base: String) throws -> [PathChange] {
        let baseCommit = try resolveCommit(base)
        return try withHandle { repo in
            let baseTree = try Self.tree(of: baseCommit, repo: repo)
            defer { git_tree_free(baseTree) }
            var options = git_diff_options()
            git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
            options.flags |= GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
            var diff: OpaquePointer?
            try LibGit2.check(
                git_diff_tree_to_workdir_with_index(&diff, repo, baseTree, &options), "compare \(baseCommit.short) with the working tree")
            defer { git_diff_free(diff) }
            return try Self.changes(in: diff)
        }
    }

    private static func changes(in diff: OpaquePointer?) throws -> [PathChange] {
        var find = git_diff_find_options()
        git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue | GIT_DIFF_FIND_FOR_UNTRACKED.rawValue
        try LibGit2.check(git_diff_find_similar(diff, &find), "detect renames")
        var changes: [PathChange] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let old = delta.old_file.path.map { String(cString: $0) }
            let new = delta.new_file.path.map { String(cString: $0) }
            switch delta.status {
            case GIT_DELTA_DELETED: changes.append(PathChange(kind: .deleted, oldPath: old, newPath: nil))
            case GIT_DELTA_RENAMED: changes.append(PathChange(kind: .renamed, oldPath: old, newPath: new))
            case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED: changes.append(PathChange(kind: .added, oldPath: nil, newPath: new))
            case GIT_DELTA_UNMODIFIED, GIT_DELTA_IGNORED: continue
            default: changes.append(PathChange(kind: .modified, oldPath: old, newPath: new))
            }
        }
        return changes
    }

    private static func tree(of commit: GitOID, repo: OpaquePointer) throws -> OpaquePointer? {
        var oid = commit.raw
        var handle: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&handle, repo, &oid), "read commit \(commit.short)")
        defer { git_commit_free(handle) }
        var tree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&tree, handle), "read the tree of \(commit.short)")
        return tree
    }
}

/// Compares two trees level by level, descending only where ids differ.
enum TreeComparison {
    struct Entry {
        var oid: GitOID
        var isTree: Bool
    }

    static func entries(of tree: OpaquePointer?) -> [String: Entry] {
        guard let tree else { return [:] }
        var result: [String: Entry] = [:]
        let count = git_tree_entrycount(tree)
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let type = git_tree_entry_type(entry)
            guard type == GIT_OBJECT_TREE || type == GIT_OBJECT_BLOB else { continue }  // submodules are not files here
            result[String(cString: git_tree_entry_name(entry))] = Entry(
                oid: GitOID(git_tree_entry_id(entry).pointee), isTree: type == GIT_OBJECT_TREE)
        }
        return result
    }

    /// What a comparison found, in path order: a changed file, or a differing folder left to be
    /// compared later (below `deferBelow` levels), then the changes found in it.
    enum Part: Sendable {
        case change(PathChange)
        case folder(String, old: GitOID?, new: GitOID?)
        case changes([PathChange])

        var change: PathChange? {
            if case .change(let change) = self { return change }
            return nil
        }
    }

    /// Compares two trees; a differing folder `deferBelow` levels down is listed as a `.folder`
    /// part instead of being compared (nil: every level is compared).
    static func compare(
        _ old: OpaquePointer?, _ new: OpaquePointer?, prefix: String, repo: OpaquePointer, deferBelow: Int?, into parts: inout [Part]
    ) throws {
        let oldEntries = entries(of: old)
        let newEntries = entries(of: new)
        for name in Set(oldEntries.keys).union(newEntries.keys).sorted() {
            let path = prefix + name
            let before = oldEntries[name]
            let after = newEntries[name]
            if let before, let after, before.oid == after.oid, before.isTree == after.isTree { continue }
            // A folder on either side is compared below; a file on either side is a change here.
            let oldFolder = before?.isTree == true ? before?.oid : nil
            let newFolder = after?.isTree == true ? after?.oid : nil
            if oldFolder != nil || newFolder != nil {
                if deferBelow == 1 {
                    parts.append(.folder(path, old: oldFolder, new: newFolder))
                } else {
                    let oldSub = try oldFolder.map { try lookUp($0, repo: repo) } ?? nil
                    let newSub = try newFolder.map { try lookUp($0, repo: repo) } ?? nil
                    defer {
                        git_tree_free(oldSub)
                        git_tree_free(newSub)
                    }
                    try compare(oldSub, newSub, prefix: path + "/", repo: repo, deferBelow: deferBelow.map { $0 - 1 }, into: &parts)
                }
            }
            let oldFile = before?.isTree == false
            let newFile = after?.isTree == false
            if oldFile && newFile {
                parts.append(.change(PathChange(kind: .modified, oldPath: path, newPath: path)))
            } else if oldFile {
                parts.append(.change(PathChange(kind: .deleted, oldPath: path, newPath: nil)))
            } else if newFile {
                parts.append(.change(PathChange(kind: .added, oldPath: nil, newPath: path)))
            }
        }
    }

    static func lookUp(_ oid: GitOID, repo: OpaquePointer) throws -> OpaquePointer? {
        var raw = oid.raw
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, repo, &raw), "read tree \(oid.short)")
        return tree
    }
}

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
        let trees = self.trees
        var parts: [TreeComparison.Part] = try withHandle { repo in
            var parts: [TreeComparison.Part] = []
            try TreeComparison.compare(
                try trees.rootEntries(of: base, repo: repo), try trees.rootEntries(of: head, repo: repo), prefix: "", repo: repo,
                trees: trees, deferBelow: 2, into: &parts)
            return parts
        }
        let pending = parts
        let folders = pending.indices.filter { if case .folder = pending[$0] { true } else { false } }
        try ParallelMap.run(count: folders.count, parallelism: System.coreCount) { index -> [PathChange]? in
            guard case .folder(let path, let old, let new) = pending[folders[index]] else { return nil }
            return try self.withReadHandle { repo in
                let oldEntries = try old.map { try trees.entries(of: $0, repo: repo, reading: "folder \(path)") }
                let newEntries = try new.map { try trees.entries(of: $0, repo: repo, reading: "folder \(path)") }
                var below: [TreeComparison.Part] = []
                try TreeComparison.compare(
                    oldEntries, newEntries, prefix: path + "/", repo: repo, trees: trees, deferBelow: nil, into: &below)
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
    /// An entry present at either revision, by name.
    struct Pair {
        var name: String
        var before: TreeListings.Entry?
        var after: TreeListings.Entry?
    }

    /// The files and folders of two trees (nil: absent), paired by name in name order.
    static func pairs(_ old: [TreeListings.Entry]?, _ new: [TreeListings.Entry]?) -> [Pair] {
        let old = (old ?? []).filter { $0.kind != .other }  // submodules are not files here
        let new = (new ?? []).filter { $0.kind != .other }
        // Mostly the same names on both sides, already in order (a product folder edited in
        // place): paired by position, without a table of either side.
        if old.count == new.count, zip(old, new).allSatisfy({ $0.name == $1.name }),
            zip(new, new.dropFirst()).allSatisfy({ $0.name < $1.name })
        {
            return zip(old, new).map { Pair(name: $1.name, before: $0, after: $1) }
        }
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return Set(before.keys).union(after.keys).sorted().map { Pair(name: $0, before: before[$0], after: after[$0]) }
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
        _ old: [TreeListings.Entry]?, _ new: [TreeListings.Entry]?, prefix: String, repo: OpaquePointer, trees: TreeListings,
        deferBelow: Int?, into parts: inout [Part]
    ) throws {
        for pair in pairs(old, new) {
            let before = pair.before
            let after = pair.after
            if let before, let after, before.oid == after.oid, (before.kind == .folder) == (after.kind == .folder) { continue }
            let path = prefix + pair.name
            // A folder on either side is compared below; a file on either side is a change here.
            let oldFolder = before?.kind == .folder ? before?.oid : nil
            let newFolder = after?.kind == .folder ? after?.oid : nil
            if oldFolder != nil || newFolder != nil {
                if deferBelow == 1 {
                    parts.append(.folder(path, old: oldFolder, new: newFolder))
                } else {
                    let oldSub = try oldFolder.map { try trees.entries(of: $0, repo: repo, reading: "folder \(path)") }
                    let newSub = try newFolder.map { try trees.entries(of: $0, repo: repo, reading: "folder \(path)") }
                    try compare(
                        oldSub, newSub, prefix: path + "/", repo: repo, trees: trees, deferBelow: deferBelow.map { $0 - 1 }, into: &parts)
                }
            }
            let oldFile = before?.isFile == true
            let newFile = after?.isFile == true
            if oldFile && newFile {
                parts.append(.change(PathChange(kind: .modified, oldPath: path, newPath: path)))
            } else if oldFile {
                parts.append(.change(PathChange(kind: .deleted, oldPath: path, newPath: nil)))
            } else if newFile {
                parts.append(.change(PathChange(kind: .added, oldPath: nil, newPath: path)))
            }
        }
    }
}

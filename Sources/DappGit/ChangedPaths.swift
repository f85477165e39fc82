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
    public var paths: [String] { [oldPath, newPath].compactMap { $0 }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

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
        return try withHandle { repo in
            let baseTree = try Self.tree(of: base, repo: repo)
            defer { git_tree_free(baseTree) }
            let headTree = try Self.tree(of: head, repo: repo)
            defer { git_tree_free(headTree) }
            var diff: OpaquePointer?
            try LibGit2.check(git_diff_tree_to_tree(&diff, repo, baseTree, headTree, nil), "compare \(base.short) with \(head.short)")
            defer { git_diff_free(diff) }
            var find = git_diff_find_options()
            git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
            find.flags = GIT_DIFF_FIND_RENAMES.rawValue
            try LibGit2.check(git_diff_find_similar(diff, &find), "detect renames")
            var changes: [PathChange] = []
            for index in 0..<git_diff_num_deltas(diff) {
                guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
                let old = delta.old_file.path.map { String(cString: $0) }
                let new = delta.new_file.path.map { String(cString: $0) }
                switch delta.status {
                case GIT_DELTA_ADDED: changes.append(PathChange(kind: .added, oldPath: nil, newPath: new))
                case GIT_DELTA_DELETED: changes.append(PathChange(kind: .deleted, oldPath: old, newPath: nil))
                case GIT_DELTA_RENAMED: changes.append(PathChange(kind: .renamed, oldPath: old, newPath: new))
                case GIT_DELTA_UNMODIFIED: continue
                default: changes.append(PathChange(kind: .modified, oldPath: old, newPath: new))
                }
            }
            return changes
        }
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

import CGit2
import DappCore

/// One version of a file in a branch's history.
public struct FileVersion: Sendable {
    /// The commit that introduced this content.
    public var commit: GitOID
    public var bytes: [UInt8]
}

extension GitRepository {
    /// The earlier contents of `path` along the first-parent history of `revision`, newest first,
    /// not counting the content at `revision` itself: what the `_TRANSITIVE` compatibility modes
    /// compare against. Stops at `maxVersions` versions or `maxCommits` commits, whichever first.
    public func fileHistory(_ path: String, before revision: String, maxVersions: Int = 50, maxCommits: Int = 5_000) throws -> [FileVersion]
    {
        let start = try resolveCommit(revision)
        let steps: [(commit: GitOID, blob: GitOID?)] = try withHandle { repo in
            var steps: [(GitOID, GitOID?)] = []
            var current: GitOID? = start
            while let commitID = current, steps.count < maxCommits {
                var raw = commitID.raw
                var commit: OpaquePointer?
                try LibGit2.check(git_commit_lookup(&commit, repo, &raw), "read commit \(commitID.short)")
                defer { git_commit_free(commit) }
                var tree: OpaquePointer?
                try LibGit2.check(git_commit_tree(&tree, commit), "read the tree of \(commitID.short)")
                defer { git_tree_free(tree) }
                var entry: OpaquePointer?
                var blob: GitOID?
                if git_tree_entry_bypath(&entry, tree, path) == 0, let entry {
                    if git_tree_entry_type(entry) == GIT_OBJECT_BLOB { blob = GitOID(git_tree_entry_id(entry).pointee) }
                    git_tree_entry_free(entry)
                }
                steps.append((commitID, blob))
                current = git_commit_parentcount(commit) > 0 ? git_commit_parent_id(commit, 0).map { GitOID($0.pointee) } : nil
            }
            return steps
        }
        // Newest to oldest: each distinct content once, credited to the oldest commit of the run
        // that carries it (the commit that introduced it).
        let headBlob = steps.first?.blob
        var versions: [(commit: GitOID, blob: GitOID)] = []
        var seen: Set<GitOID> = headBlob.map { [$0] } ?? []
        var newer: GitOID? = headBlob
        for step in steps.dropFirst() {
            defer { newer = step.blob }
            guard let blob = step.blob else { continue }
            if blob == newer, let last = versions.last, last.blob == blob {
                versions[versions.count - 1].commit = step.commit
            } else if seen.insert(blob).inserted {
                if versions.count == maxVersions { break }
                versions.append((step.commit, blob))
            }
        }
        return try versions.prefix(maxVersions).map { FileVersion(commit: $0.commit, bytes: try readBlob($0.blob, path: path)) }
    }
}

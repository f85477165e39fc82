import CGit2
import DappCore

/// One version of a file in a branch's history.
public struct FileVersion: Sendable {
    /// The commit that introduced this content.
    public var commit: GitOID
    public var bytes: [UInt8]
}

/// The earlier versions of a file, and whether they are all of them.
public struct FileHistory: Sendable {
    /// Newest first.
    public var versions: [FileVersion]
    /// Why older versions may exist that are not in `versions`; nil when the walk reached the
    /// commit that added the file (or the first commit).
    public var cut: Cut?

    public enum Cut: Sendable, Hashable {
        /// A shallow clone: the parents of this commit were not fetched, and the file was already there.
        case shallowClone(at: GitOID)
        /// The walk stopped after this many commits, the file still there.
        case commitLimit(Int)
        /// This many distinct versions were found, and the walk stopped there.
        case versionLimit(Int)
    }
}

extension GitRepository {
    /// The earlier contents of `path` along the first-parent history of `revision`, newest first,
    /// not counting the content at `revision` itself: what the `_TRANSITIVE` compatibility modes
    /// compare against. Stops at `maxVersions` versions or `maxCommits` commits, whichever first,
    /// and at the edge of a shallow clone; `FileHistory.cut` says when one of these hid older
    /// versions, so that a comparison is never silently weaker than asked. `shallowBoundary` is
    /// read from the repository when not given (a caller walking many files reads it once).
    public func fileHistory(
        _ path: String, before revision: String, maxVersions: Int = 50, maxCommits: Int = 5_000, shallowBoundary: Set<GitOID>? = nil
    ) throws -> FileHistory {
        let start = try resolveCommit(revision)
        let boundary = shallowBoundary ?? self.shallowBoundary
        var cut: FileHistory.Cut?
        let steps: [(commit: GitOID, blob: GitOID?)] = try withHandle { repo in
            var steps: [(GitOID, GitOID?)] = []
            var current: GitOID? = start
            while let commitID = current {
                guard steps.count < maxCommits else {
                    if steps.last?.1 != nil { cut = .commitLimit(maxCommits) }
                    break
                }
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
                // libgit2 (1.5) does not read `.git/shallow`: it would follow the commit's parent
                // into objects the clone does not have.
                if boundary.contains(commitID) {
                    if blob != nil { cut = .shallowClone(at: commitID) }
                    break
                }
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
                if versions.count == maxVersions {
                    cut = .versionLimit(maxVersions)
                    break
                }
                versions.append((step.commit, blob))
            }
        }
        return FileHistory(
            versions: try versions.map { FileVersion(commit: $0.commit, bytes: try readBlob($0.blob, path: path)) }, cut: cut)
    }

    /// The commits a shallow clone stops at (`shallow` in the Git directory, one id per line):
    /// their parents were not fetched. Empty for a complete clone.
    public var shallowBoundary: Set<GitOID> {
        guard isShallow else { return [] }
        let gitDirectory = withHandle { String(cString: git_repository_path($0)) }
        guard let bytes = try? FileBytes.read(gitDirectory + "shallow") else { return [] }
        return Set(bytes.split(separator: UInt8(ascii: "\n")).compactMap { GitOID(hex: String(decoding: $0, as: UTF8.self)) })
    }
}

import CGit2
import DappCore

/// Builds a commit that changes some files of a parent's tree, writing blobs and trees straight
/// into the object database.
enum StatusCommitBuilder {
    /// The new commit, or nil when the files already have these contents in `parent`.
    static func commit(_ files: [StatusFile], onto parent: GitOID?, in repository: GitRepository, author: GitSignature, message: String)
        throws -> GitOID?
    {
        try repository.withHandle { repo in
            var parentCommit: OpaquePointer?
            var baseTree: GitOID?
            if let parent {
                var oid = parent.raw
                try LibGit2.check(git_commit_lookup(&parentCommit, repo, &oid), "read the status branch tip \(parent.short)")
                baseTree = GitOID(git_commit_tree_id(parentCommit).pointee)
            }
            defer { git_commit_free(parentCommit) }

            var updates: [[Substring]: GitOID] = [:]
            for file in files {
                var blob = git_oid()
                _ = try file.contents.withUnsafeBytes { bytes in
                    try LibGit2.check(git_blob_create_from_buffer(&blob, repo, bytes.baseAddress, bytes.count), "write \(file.path)")
                }
                updates[file.path.split(separator: "/")] = GitOID(blob)
            }
            let newTree = try updateTree(baseTree, with: updates, repo: repo)
            if let baseTree, newTree == baseTree { return nil }

            var tree: OpaquePointer?
            var treeOID = newTree.raw
            try LibGit2.check(git_tree_lookup(&tree, repo, &treeOID), "read the new status tree")
            defer { git_tree_free(tree) }
            var signature: UnsafeMutablePointer<git_signature>?
            try LibGit2.check(git_signature_now(&signature, author.name, author.email), "make the commit signature")
            defer { git_signature_free(signature) }
            var commit = git_oid()
            var parents: [OpaquePointer?] = parentCommit.map { [$0] } ?? []
            _ = try parents.withUnsafeMutableBufferPointer { buffer in
                try LibGit2.check(
                    git_commit_create(&commit, repo, nil, signature, signature, "UTF-8", message, tree, buffer.count, buffer.baseAddress),
                    "create the status commit")
            }
            return GitOID(commit)
        }
    }

    /// Applies `updates` (path components → blob) to the tree `base`, recursively, and returns
    /// the new tree's id.
    private static func updateTree(_ base: GitOID?, with updates: [[Substring]: GitOID], repo: OpaquePointer) throws -> GitOID {
        var baseTree: OpaquePointer?
        if let base {
            var oid = base.raw
            try LibGit2.check(git_tree_lookup(&baseTree, repo, &oid), "read tree \(base.short)")
        }
        defer { git_tree_free(baseTree) }
        var builder: OpaquePointer?
        try LibGit2.check(git_treebuilder_new(&builder, repo, baseTree), "start a tree")
        defer { git_treebuilder_free(builder) }

        var subfolders: [Substring: [[Substring]: GitOID]] = [:]
        for (components, blob) in updates {
            if components.count == 1 {
                var oid = blob.raw
                try LibGit2.check(
                    git_treebuilder_insert(nil, builder, String(components[0]), &oid, GIT_FILEMODE_BLOB), "add \(components[0])")
            } else {
                subfolders[components[0], default: [:]][Array(components.dropFirst())] = blob
            }
        }
        for (folder, nested) in subfolders {
            var existing: GitOID?
            if let entry = git_treebuilder_get(builder, String(folder)), git_tree_entry_type(entry) == GIT_OBJECT_TREE {
                existing = GitOID(git_tree_entry_id(entry).pointee)
            }
            var subtree = try updateTree(existing, with: nested, repo: repo).raw
            try LibGit2.check(git_treebuilder_insert(nil, builder, String(folder), &subtree, GIT_FILEMODE_TREE), "add folder \(folder)")
        }
        var result = git_oid()
        try LibGit2.check(git_treebuilder_write(&result, builder), "write a tree")
        return GitOID(result)
    }
}

import CGit2
import Synchronization

/// The entries of Git trees by tree id, read once per repository.
///
/// A pre-merge check compares the trees of two revisions, then lists both revisions' files: each
/// of the three walks looked up every product folder's tree again (through its pack delta
/// chain, on a handle of its own), so a change to every product read each tree twice. Now the
/// walks share what was read. A tree's id names its content, so an entry never goes stale; the
/// table is emptied once it holds `limit` entries (a daemon that has read many revisions).
final class TreeListings: Sendable {
    /// One entry of a tree, as the walks need it.
    struct Entry: Sendable {
        enum Kind: Sendable {
            case file, symlink, folder
            /// A submodule (commit entry): not a file of this repository.
            case other
        }

        let name: String
        let oid: GitOID
        let kind: Kind

        /// Names starting with `.` are skipped as a local tree skips them.
        var isHidden: Bool { name.utf8.first == UInt8(ascii: ".") }
        /// A file or a symlink: what the comparison of two revisions counts as a file.
        var isFile: Bool { kind == .file || kind == .symlink }
    }

    private struct Table {
        var trees: [GitOID: [Entry]] = [:]
        var entryCount = 0
        /// Trees read from the object database (for tests).
        var reads = 0
    }

    private let table = Mutex(Table())
    let limit: Int

    /// Entries kept at most: ten times those of a 10,000-product repository at two revisions.
    static let defaultLimit = 1 << 20

    init(limit: Int = defaultLimit) {
        self.limit = limit
    }

    /// The entries of the tree `oid`, in tree order, read through `repo` when not known yet.
    func entries(of oid: GitOID, repo: OpaquePointer, reading what: @autoclosure () -> String) throws -> [Entry] {
        if let known = table.withLock({ $0.trees[oid] }) { return known }
        var raw = oid.raw
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, repo, &raw), "read \(what())")
        defer { git_tree_free(tree) }
        let entries = Self.entries(of: tree!)
        table.withLock { table in
            if table.entryCount + entries.count > limit {
                table.trees.removeAll()
                table.entryCount = 0
            }
            if table.trees.updateValue(entries, forKey: oid) == nil { table.entryCount += entries.count }
            table.reads += 1
        }
        return entries
    }

    /// The entries of the root tree of `commit`.
    func rootEntries(of commit: GitOID, repo: OpaquePointer) throws -> [Entry] {
        var raw = commit.raw
        var handle: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&handle, repo, &raw), "read commit \(commit.short)")
        defer { git_commit_free(handle) }
        return try entries(of: GitOID(git_commit_tree_id(handle).pointee), repo: repo, reading: "the tree of commit \(commit.short)")
    }

    /// How many trees are known, and how many times one was read from the object database.
    var counts: (trees: Int, reads: Int) { table.withLock { ($0.trees.count, $0.reads) } }

    private static func entries(of tree: OpaquePointer) -> [Entry] {
        let count = git_tree_entrycount(tree)
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let kind: Entry.Kind
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE: kind = .folder
            case GIT_OBJECT_BLOB: kind = git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK ? .symlink : .file
            default: kind = .other
            }
            entries.append(
                Entry(name: String(cString: git_tree_entry_name(entry)), oid: GitOID(git_tree_entry_id(entry).pointee), kind: kind))
        }
        return entries
    }
}

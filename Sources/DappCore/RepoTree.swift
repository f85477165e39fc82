/// A read-only view of a spec repository's files: a local directory today, a Git snapshot read
/// from the object database later. The loader sees nothing else, so both behave the same.
public protocol RepoTree: Sendable {
    /// How the tree is named in messages (a path, or `URL@revision`).
    var displayName: String { get }
    /// Every file and symlink below the root, paths relative to the root with '/', sorted.
    /// Hidden folders (`.git`, `.dappmesh`, `.github`) are not listed.
    func entries() throws -> [RepoEntry]
    /// The bytes of a regular file, or of the file an in-repo symlink resolves to.
    func read(_ path: String) throws -> [UInt8]
    /// The entries below one folder (`products/sales/orders`), sorted: what an incremental
    /// reload of one product reads. Trees that can list a folder alone override the default.
    func entries(under folder: String) throws -> [RepoEntry]
    /// The names of the folders directly inside `folder` (not hidden ones), sorted; empty when it
    /// does not exist. What finding every product folder takes without listing every file.
    func subfolders(of folder: String) throws -> [String]
    /// Many files at once, nil for each one that does not exist: trees that pay a fixed cost per
    /// lookup (a Git tree walk under a lock) do it once for the batch.
    func read(existing paths: [String]) throws -> [[UInt8]?]
}

extension RepoTree {
    public func entries(under folder: String) throws -> [RepoEntry] {
        let prefix = folder + "/"
        return try entries().filter { $0.path.hasPrefix(prefix) }
    }

    public func read(existing paths: [String]) throws -> [[UInt8]?] {
        paths.map { try? read($0) }
    }

    /// `read(existing:)` in batches on every core: each batch pays its fixed cost once.
    public func read(existing paths: [String], parallelism: Int) throws -> [[UInt8]?] {
        let batches = ParallelMap.ranges(count: paths.count, size: 512)
        var contents: [[UInt8]?] = []
        contents.reserveCapacity(paths.count)
        try ParallelMap.run(count: batches.count, parallelism: parallelism) { index in
            try read(existing: Array(paths[batches[index]]))
        } store: { _, batch in
            contents += batch
        }
        return contents
    }

    public func subfolders(of folder: String) throws -> [String] {
        let prefix = folder + "/"
        var names = Set<String>()
        for entry in try entries(under: folder) {
            let rest = entry.path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") { names.insert(String(rest[..<slash])) }
        }
        return names.sorted()
    }
}

public struct RepoEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file
        /// A symlink, with its target resolved against the repository root.
        case symlink(SymlinkTarget)
    }

    public enum SymlinkTarget: Sendable, Hashable {
        /// Points at this repo-relative path (which may itself not exist).
        case inside(String)
        /// Points outside the repository (absolute, or climbing above the root): never read.
        case outside(String)
    }

    public var path: String
    public var kind: Kind
    /// Size in bytes where cheaply known (regular files).
    public var size: Int?
    /// What the content hashes to, where the tree knows without reading it (a Git blob id): two
    /// entries with the same path and id hold the same bytes, so a file read once at one revision
    /// need not be read and parsed again at another.
    public var contentID: ContentID?

    public init(path: String, kind: Kind, size: Int? = nil, contentID: ContentID? = nil) {
        self.path = path
        self.kind = kind
        self.size = size
        self.contentID = contentID
    }
}

/// The identity of a file's bytes: a SHA-1 or the first 24 bytes of a longer hash, held inline
/// (no allocation, cheap to hash and compare).
public struct ContentID: Hashable, Sendable {
    private var a: UInt64
    private var b: UInt64
    private var c: UInt64

    /// From the hash's bytes (at least 20; bytes past the 24th are ignored).
    public init(digest: UnsafeRawBufferPointer) {
        precondition(digest.count >= 20, "a content id needs at least 20 bytes")
        a = digest.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        b = digest.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        c =
            digest.count >= 24
            ? digest.loadUnaligned(fromByteOffset: 16, as: UInt64.self) : UInt64(digest.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    }
}

/// Repo-relative path arithmetic: joining, normalising `.`/`..`, and noticing escapes.
public enum RepoPath {
    /// Resolves `relative` against the folder `base` (both repo-relative). Returns nil when the
    /// result would climb above the repository root.
    public static func resolve(_ relative: String, from base: String) -> String? {
        var parts: [Substring] = relative.hasPrefix("/") ? [] : base.splitting("/")
        for part in relative.splitting("/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The folder part of a path (`a/b/c.yaml` → `a/b`).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Where a symlink at `path` with the raw link text `target` points.
    public static func symlinkTarget(at path: String, linkText target: String) -> RepoEntry.SymlinkTarget {
        if target.hasPrefix("/") { return .outside(target) }
        guard let resolved = resolve(target, from: folder(of: path)) else { return .outside(target) }
        return .inside(resolved)
    }
}

import DappCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A spec repository in a local directory, walked with POSIX calls (fast on 50,000 files).
public struct LocalDirectoryTree: RepoTree {
    public let root: String
    public var displayName: String { root }

    /// Opens `path`; throws when it is not a readable directory.
    public init(path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DappError(.notFound, "repository '\(path)' does not exist", subject: path, cause: Self.lastError("stat"))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw DappError(
                .invalidArgument, "repository '\(path)' is not a directory; pass the folder that holds dappmesh.yaml", subject: path)
        }
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    public func entries() throws -> [RepoEntry] {
        var result: [RepoEntry] = []
        result.reserveCapacity(1024)
        var allASCII = true
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw DappError(.io, "cannot list '.' in the repository", subject: root, cause: Self.lastError("opendir"))
        }
        // The top levels are listed here; the folders below them (products/<domain>) are set
        // aside and listed on all cores, then spliced back in place.
        var deferred: [Deferred] = []
        try walk(fd: fd, relative: "", depth: 0, into: &result, allASCII: &allASCII, deferred: &deferred)
        if !deferred.isEmpty {
            let listings = try listDeferred(deferred)
            var spliced: [RepoEntry] = []
            spliced.reserveCapacity(result.count + listings.reduce(0) { $0 + $1.entries.count })
            var from = 0
            for (item, listing) in zip(deferred, listings) {
                spliced.append(contentsOf: result[from..<item.position])
                spliced.append(contentsOf: listing.entries)
                from = item.position
                if !listing.allASCII { allASCII = false }
            }
            spliced.append(contentsOf: result[from...])
            result = spliced
        }
        // Each folder's entries are visited sorted by name, with '/' after a folder's name, which
        // for ASCII names is exactly the order of the full paths; other names get a full sort.
        if !allASCII { result.sort { $0.path < $1.path } }
        return result
    }

    /// A folder listed later, and where its entries go in the listing.
    private struct Deferred: Sendable {
        var relative: String
        var position: Int
    }

    private struct Listing: Sendable {
        var entries: [RepoEntry] = []
        var allASCII = true
    }

    /// Folders at this depth are listed in parallel.
    private static let parallelDepth = 2

    private func listDeferred(_ deferred: [Deferred]) throws -> [Listing] {
        var listings = [Listing](repeating: Listing(), count: deferred.count)
        try ParallelMap.run(count: deferred.count, parallelism: System.coreCount) { index in
            let relative = deferred[index].relative
            let fd = open("\(root)/\(relative)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                throw DappError(
                    .io, "cannot list '\(relative)' in the repository", subject: "\(root)/\(relative)", cause: Self.lastError("opendir"))
            }
            var listing = Listing()
            var none: [Deferred]? = nil
            try walk(fd: fd, relative: relative, depth: -1, into: &listing.entries, allASCII: &listing.allASCII, deferred: &none)
            return listing
        } store: { index, listing in
            listings[index] = listing
        }
        return listings
    }

    /// Lists the folder open as `fd` (taking the descriptor over) and everything below it.
    func walkFolder(fd: Int32, relative: String, into result: inout [RepoEntry], allASCII: inout Bool) throws {
        var none: [Deferred]? = nil
        try walk(fd: fd, relative: relative, depth: -1, into: &result, allASCII: &allASCII, deferred: &none)
    }

    private func walk(
        fd: Int32, relative: String, depth: Int, into result: inout [RepoEntry], allASCII: inout Bool, deferred: inout [Deferred]
    ) throws {
        var optional: [Deferred]? = deferred
        deferred = []
        defer { deferred = optional ?? [] }
        try walk(fd: fd, relative: relative, depth: depth, into: &result, allASCII: &allASCII, deferred: &optional)
    }

    /// Lists the folder open as `fd` (taking the descriptor over) and, depth first, its folders;
    /// folders are opened relative to their parent, so the kernel never walks a full path.
    /// Folders below `parallelDepth` are not entered but added to `deferred` (when given).
    private func walk(
        fd: Int32, relative: String, depth: Int, into result: inout [RepoEntry], allASCII: inout Bool, deferred: inout [Deferred]?
    ) throws {
        guard let dir = fdopendir(fd) else {
            let error = Self.lastError("opendir")
            close(fd)
            throw DappError(
                .io, "cannot list '\(relative.isEmpty ? "." : relative)' in the repository",
                subject: relative.isEmpty ? root : "\(root)/\(relative)", cause: error)
        }
        defer { closedir(dir) }
        var children: [(key: String, name: String, type: UInt8)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.utf8.first == UInt8(ascii: ".") { continue }  // ., .., .git, .dappmesh, .github …
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFLNK: type = UInt8(DT_LNK)
                case S_IFREG: type = UInt8(DT_REG)
                default: continue
                }
            }
            switch type {
            case UInt8(DT_DIR), UInt8(DT_REG), UInt8(DT_LNK): break
            default: continue
            }
            if allASCII, !name.utf8.allSatisfy({ $0 < 0x80 }) { allASCII = false }
            children.append((type == UInt8(DT_DIR) ? name + "/" : name, name, type))
        }
        children.sort { $0.key < $1.key }
        for child in children {
            let path = relative.isEmpty ? child.name : "\(relative)/\(child.name)"
            switch child.type {
            case UInt8(DT_DIR) where deferred != nil && depth + 1 >= Self.parallelDepth:
                deferred!.append(Deferred(relative: path, position: result.count))
            case UInt8(DT_DIR):
                let sub = openat(fd, child.name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard sub >= 0 else {
                    throw DappError(
                        .io, "cannot list '\(path)' in the repository", subject: "\(root)/\(path)", cause: Self.lastError("opendir"))
                }
                try walk(fd: sub, relative: path, depth: depth + 1, into: &result, allASCII: &allASCII, deferred: &deferred)
            case UInt8(DT_REG): result.append(RepoEntry(path: path, kind: .file))
            default: result.append(RepoEntry(path: path, kind: .symlink(linkTarget(path))))
            }
        }
    }

    /// Resolves a symlink fully (following chains) and reports where it really lands, so a link
    /// to a link outside the repository is caught as well.
    private func linkTarget(_ path: String) -> RepoEntry.SymlinkTarget {
        guard let realRoot = Self.realPath(root) else { return .outside("?") }
        guard let real = Self.realPath("\(root)/\(path)") else {
            // Dangling: judge by the link text alone.
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink("\(root)/\(path)", &buffer, buffer.count - 1)
            guard count >= 0 else { return .outside("?") }
            let text = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return RepoPath.symlinkTarget(at: path, linkText: text)
        }
        if real == realRoot { return .inside("") }
        guard real.hasPrefix(realRoot + "/") else { return .outside(real) }
        return .inside(String(real.dropFirst(realRoot.count + 1)))
    }

    public func read(_ path: String) throws -> [UInt8] {
        let absolute = "\(root)/\(path)"
        let fd = open(absolute, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let error = Self.lastError("open")
            throw DappError(error.errno == ENOENT ? .notFound : .io, "cannot read '\(path)'", subject: absolute, cause: error)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DappError(.io, "cannot read '\(path)'", subject: absolute, cause: Self.lastError("fstat"))
        }
        let size = Int(info.st_size)
        // One read into an uninitialized buffer sized from fstat; no zero-filling first.
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            while offset < size {
                let n = Glibc.read(fd, buffer.baseAddress! + offset, size - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                offset += n
            }
            initialized = offset
        }
        if failure != 0 {
            errno = failure
            throw DappError(.io, "cannot read '\(path)'", subject: absolute, cause: Self.lastError("read"))
        }
        return bytes
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func lastError(_ call: String) -> SystemCallError {
        let code = errno
        return SystemCallError(call: call, errno: code, text: String(cString: strerror(code)))
    }
}

extension LocalDirectoryTree {
    public func subfolders(of folder: String) throws -> [String] {
        guard let dir = opendir("\(root)/\(folder)") else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            // Symlinked folders are not followed (lstat, like the full listing).
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): names.append(name)
            case Int32(DT_UNKNOWN):
                var info = stat()
                if lstat("\(root)/\(folder)/\(name)", &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { names.append(name) }
            default: continue
            }
        }
        return names.sorted()
    }
}

extension LocalDirectoryTree {
    /// One folder's files, without listing the rest of the repository (a pre-merge check reads a
    /// few product folders of a large repository).
    public func entries(under folder: String) throws -> [RepoEntry] {
        let fd = open("\(root)/\(folder)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        var result: [RepoEntry] = []
        var allASCII = true
        try walkFolder(fd: fd, relative: folder, into: &result, allASCII: &allASCII)
        if !allASCII { result.sort { $0.path < $1.path } }
        return result
    }
}

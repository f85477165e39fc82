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
            throw DappError(.invalidArgument, "repository '\(path)' is not a directory; pass the folder that holds dappmesh.yaml", subject: path)
        }
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    public func entries() throws -> [RepoEntry] {
        var result: [RepoEntry] = []
        try walk(relative: "", into: &result)
        result.sort { $0.path < $1.path }
        return result
    }

    private func walk(relative: String, into result: inout [RepoEntry]) throws {
        let absolute = relative.isEmpty ? root : "\(root)/\(relative)"
        guard let dir = opendir(absolute) else {
            throw DappError(.io, "cannot list '\(relative.isEmpty ? "." : relative)' in the repository", subject: absolute, cause: Self.lastError("opendir"))
        }
        defer { closedir(dir) }
        var folders: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }  // ., .., .git, .dappmesh, .github …
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat("\(root)/\(path)", &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFLNK: type = UInt8(DT_LNK)
                case S_IFREG: type = UInt8(DT_REG)
                default: continue
                }
            }
            switch type {
            case UInt8(DT_DIR): folders.append(path)
            case UInt8(DT_REG): result.append(RepoEntry(path: path, kind: .file))
            case UInt8(DT_LNK): result.append(RepoEntry(path: path, kind: .symlink(linkTarget(path))))
            default: continue
            }
        }
        for folder in folders {
            try walk(relative: folder, into: &result)
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
        guard fstat(fd, &info) == 0 else { throw DappError(.io, "cannot read '\(path)'", subject: absolute, cause: Self.lastError("fstat")) }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + offset, size - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw DappError(.io, "cannot read '\(path)'", subject: absolute, cause: Self.lastError("read"))
            }
            if n == 0 { break }
            offset += n
        }
        if offset < size { bytes.removeSubrange(offset...) }
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

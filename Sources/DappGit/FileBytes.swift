import DappCore

#if canImport(Glibc)
    import Glibc
#endif

/// Small whole-file reads and environment lookups for configuration files (keys, known_hosts,
/// allowed signers, credential files).
enum FileBytes {
    static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw DappError(.notFound, "cannot read '\(path)': \(String(cString: strerror(errno)))", subject: path)
        }
        defer { fclose(file) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            result.append(contentsOf: buffer[0..<n])
            if result.count > 16 << 20 { throw DappError(.limitExceeded, "'\(path)' is larger than 16 MiB", subject: path) }
        }
        return result
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

enum Environment {
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

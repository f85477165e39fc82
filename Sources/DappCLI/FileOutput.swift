import DappCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes report files so a crash or a full disk never leaves half a file: write a temporary file
/// beside the target, then rename it over.
enum FileOutput {
    static func writeAtomically(_ text: String, to path: String) throws {
        let temporary = "\(path).tmp-\(getpid())"
        guard let file = fopen(temporary, "w") else {
            throw DappError(.io, "cannot write '\(path)': \(String(cString: strerror(errno)))", subject: path)
        }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0
        fclose(file)
        guard written == text.utf8.count, flushed, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DappError(.io, "cannot write '\(path)': \(reason)", subject: path)
        }
    }
}

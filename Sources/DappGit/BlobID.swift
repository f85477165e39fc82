import CGit2
import Crypto

/// Git's id of a blob: the SHA-1 of `blob <size>\0` followed by the content, computed with
/// BoringSSL's SHA-1 (the CPU's SHA extensions where there are some) at a small fraction of the
/// instructions of libgit2's collision-detecting SHA-1.
///
/// What that gives up: a blob swapped in the local object store for a crafted SHA-1 collision of
/// itself. Crafting one needs the attacker's twin blob committed first and write access to the
/// store afterwards; objects that arrive by fetch are still hashed by libgit2's indexer, with
/// collision detection. Plain `git` does not hash objects it reads at all.
enum BlobID {
    static func of(_ content: UnsafeRawBufferPointer) -> GitOID {
        var hasher = Insecure.SHA1()
        // The header on the stack: it is hashed once per blob read.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { header in
            let length = writeHeader(size: content.count, into: header)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: header[..<length])))
        }
        hasher.update(bufferPointer: content)
        let digest = hasher.finalize()
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid) { target in
            digest.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(target.count))) }
        }
        return GitOID(oid)
    }

    /// Writes `blob <size>\0` at the start of `buffer` (at least 26 bytes); returns its length.
    static func writeHeader(size: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var at = 0
        for byte in "blob ".utf8 {
            buffer[at] = byte
            at += 1
        }
        var digits = 1
        var rest = size / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var value = size
        for position in stride(from: at + digits - 1, through: at, by: -1) {
            buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        at += digits
        buffer[at] = 0
        return at + 1
    }
}

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
        hasher.update(data: Array("blob \(content.count)\0".utf8))
        hasher.update(bufferPointer: content)
        let digest = hasher.finalize()
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid) { target in
            digest.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(target.count))) }
        }
        return GitOID(oid)
    }
}

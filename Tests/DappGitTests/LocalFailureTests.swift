import DappCore
import DappGit
import DappTesting
import Foundation
import Testing

/// Local repositories that cannot be trusted as a source of desired state.
@Suite struct LocalFailureTests {
    @Test func corruptObjectIsReported() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let blob = try GitCLI.run(["rev-parse", "HEAD:products/sales/orders/product.yaml"], in: work.path)
        let objectPath = "\(work.path)/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: objectPath)
        try Data("not a zlib stream".utf8).write(to: URL(fileURLWithPath: objectPath))
        let snapshot = try GitSnapshot(repository: GitRepository.open(at: work.path), revision: "main")
        let error = #expect(throws: DappError.self) { try snapshot.read("products/sales/orders/product.yaml") }
        #expect(error?.message.contains("products/sales/orders/product.yaml") == true, "\(String(describing: error))")
    }

    /// A loose object swapped for another valid object (a well-formed zlib stream whose content
    /// is not what its id says): only a hash check notices, and a signed commit vouches for its
    /// files through these ids alone.
    @Test func tamperedBlobIsRefused() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let path = "products/sales/orders/product.yaml"
        let blob = try GitCLI.run(["rev-parse", "HEAD:\(path)"], in: work.path)
        try "kind: Forged\n".write(toFile: "\(work.path)/forged.yaml", atomically: true, encoding: .utf8)
        let forged = try GitCLI.run(["hash-object", "-w", "forged.yaml"], in: work.path)
        let objects = "\(work.path)/.git/objects"
        let objectPath = "\(objects)/\(blob.prefix(2))/\(blob.dropFirst(2))"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: objectPath)
        try FileManager.default.removeItem(atPath: objectPath)
        try FileManager.default.copyItem(atPath: "\(objects)/\(forged.prefix(2))/\(forged.dropFirst(2))", toPath: objectPath)
        let snapshot = try GitSnapshot(repository: GitRepository.open(at: work.path), revision: "main")
        let error = #expect(throws: DappError.self) { try snapshot.read(path) }
        #expect(error?.message.contains("\(path)' is corrupt") == true, "\(String(describing: error))")
        #expect(error?.message.contains("git fsck") == true)
        // The other files still read.
        #expect(try snapshot.read("products/sales/orders/store.yaml").isEmpty == false)
    }

    @Test func notARepository() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let error = #expect(throws: DappError.self) { try GitRepository.open(at: dir.path) }
        #expect(error?.code == .notFound)
    }
}

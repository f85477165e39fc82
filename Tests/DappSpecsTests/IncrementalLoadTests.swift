import DappCore
import DappSpecs
import DappTesting
import Foundation
import Testing

/// An incremental reload must give exactly what a full load of the new state gives.
@Suite struct IncrementalLoadTests {
    func demoCopy() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "incremental")
        try dir.copyContents(of: TestPaths.fixture("demo"))
        return dir
    }

    func expectSameAsFullLoad(_ dir: TemporaryDirectory, after previous: LoadResult, changed: [String]) throws -> LoadResult {
        let tree = try LocalDirectoryTree(path: dir.path)
        var reloaded = previous
        try SpecLoader.reload(&reloaded, tree: tree, changedPaths: changed)
        let full = try SpecLoader.load(tree)
        #expect(reloaded.specs == full.specs)
        #expect(reloaded.diagnostics == full.diagnostics, "reload:\n\(reloaded.diagnostics)\nfull:\n\(full.diagnostics)")
        #expect(reloaded.fileCount == full.fileCount)
        return reloaded
    }

    @Test func renamingAnOutputPortBreaksItsConsumers() throws {
        let dir = try demoCopy()
        defer { dir.remove() }
        let previous = try SpecLoader.load(LocalDirectoryTree(path: dir.path))
        let path = "products/sales/orders/product.yaml"
        let text = try String(contentsOfFile: "\(dir.path)/\(path)", encoding: .utf8)
        try text.replacingOccurrences(of: "name: orders-v1", with: "name: orders-v2").write(
            toFile: "\(dir.path)/\(path)", atomically: true, encoding: .utf8)
        let reloaded = try expectSameAsFullLoad(dir, after: previous, changed: [path])
        // The consumers, in other folders, now report the missing port.
        #expect(reloaded.diagnostics.contains { $0.rule == .refUnknownPort && !$0.location.file.hasPrefix("products/sales/orders/") })
        // And fixing it clears them again.
        try text.write(toFile: "\(dir.path)/\(path)", atomically: true, encoding: .utf8)
        let fixed = try expectSameAsFullLoad(dir, after: reloaded, changed: [path])
        #expect(fixed.diagnostics.isEmpty)
    }

    @Test func addingAndDeletingProducts() throws {
        let dir = try demoCopy()
        defer { dir.remove() }
        let previous = try SpecLoader.load(LocalDirectoryTree(path: dir.path))
        try FileManager.default.copyItem(
            atPath: "\(dir.path)/products/logistics/carriers", toPath: "\(dir.path)/products/logistics/carriers-copy")
        let copied = try FileManager.default.subpathsOfDirectory(atPath: "\(dir.path)/products/logistics/carriers-copy").map {
            "products/logistics/carriers-copy/\($0)"
        }
        // A copied folder keeps the old names: duplicates and a name/folder mismatch, as a full load says.
        let added = try expectSameAsFullLoad(dir, after: previous, changed: copied)
        #expect(!added.diagnostics.isEmpty)
        try FileManager.default.removeItem(atPath: "\(dir.path)/products/logistics/carriers-copy")
        let removed = try expectSameAsFullLoad(dir, after: added, changed: copied)
        #expect(removed.diagnostics.isEmpty)
        // Deleting a product others depend on reports it at the consumers.
        let carrierFiles = try FileManager.default.subpathsOfDirectory(atPath: "\(dir.path)/products/logistics/carriers").map {
            "products/logistics/carriers/\($0)"
        }
        try FileManager.default.removeItem(atPath: "\(dir.path)/products/logistics/carriers")
        let gone = try expectSameAsFullLoad(dir, after: removed, changed: carrierFiles)
        #expect(gone.diagnostics.contains { $0.rule == .refUnknownProduct })
    }

    @Test func configChangesFallBackToAFullLoad() throws {
        let dir = try demoCopy()
        defer { dir.remove() }
        let previous = try SpecLoader.load(LocalDirectoryTree(path: dir.path))
        let path = "dappmesh.yaml"
        let text = try String(contentsOfFile: "\(dir.path)/\(path)", encoding: .utf8)
        try text.replacingOccurrences(of: "name: tidb-main", with: "name: tidb-primary").write(
            toFile: "\(dir.path)/\(path)", atomically: true, encoding: .utf8)
        let reloaded = try expectSameAsFullLoad(dir, after: previous, changed: [path])
        #expect(reloaded.diagnostics.contains { $0.rule == .refUnknownTarget })
    }

    @Test func unrelatedFilesChangeNothing() throws {
        let dir = try demoCopy()
        defer { dir.remove() }
        let previous = try SpecLoader.load(LocalDirectoryTree(path: dir.path))
        try dir.write("docs/notes.md", "hello\n")
        _ = try expectSameAsFullLoad(dir, after: previous, changed: ["docs/notes.md"])
    }
}

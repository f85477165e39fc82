import DappCore
import DappSpecs
import DappTesting
import Testing

/// A load that only supplies the other side of a comparison may leave out the reference checks.
@Suite struct LoadOptionsTests {
    @Test func referenceChecksCanBeLeftOut() throws {
        let tree = try LocalDirectoryTree(path: TestPaths.fixture("invalid/61-input-port-unknown-product"))
        let checked = try SpecLoader.load(tree)
        #expect(checked.diagnostics.contains { $0.rule == .refUnknownProduct })
        var options = LoadOptions()
        options.checkReferences = false
        let unchecked = try SpecLoader.load(tree, options: options)
        #expect(!unchecked.diagnostics.contains { $0.rule == .refUnknownProduct })
        #expect(unchecked.specs == checked.specs)
    }
}

import DappCore
import DappSpecs
import DappTesting
import Foundation
import Testing

@Suite struct DemoRepoTests {
    static let demo = TestPaths.fixture("demo")

    @Test func demoIsClean() throws {
        let result = try SpecLoader.load(LocalDirectoryTree(path: Self.demo))
        let problems = result.diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message) [\($0.rule)]" }
        #expect(result.diagnostics.isEmpty, "demo has diagnostics:\n\(problems.joined(separator: "\n"))")
    }

    @Test func demoCoversTheModel() throws {
        let specs = try SpecLoader.load(LocalDirectoryTree(path: Self.demo)).specs
        let products = specs.products.values.filter { $0.product != nil }
        #expect(products.count >= 6)
        #expect(Set(products.map(\.ref.domain)).count >= 3)
        let bundles = Array(specs.products.values)
        #expect(bundles.contains { !$0.contracts.isEmpty })
        #expect(Set(bundles.flatMap { $0.operationalStores.map(\.spec.engine) }).count >= 2)
        #expect(bundles.contains { !$0.analyticsTables.isEmpty })
        #expect(bundles.contains { !$0.objectBuckets.isEmpty })
        #expect(bundles.contains { !$0.pipelines.isEmpty })
        #expect(bundles.contains { !$0.workflows.isEmpty })
        #expect(bundles.contains { !$0.accessPolicies.isEmpty })
        #expect(!specs.policies.isEmpty)
        #expect(!specs.exceptions.isEmpty)
        #expect(products.contains { !($0.product?.spec.inputPorts.isEmpty ?? true) })
        #expect(specs.config != nil)
    }

    @Test func loadingIsTheSameOnOneThreadAndMany() throws {
        let tree = try LocalDirectoryTree(path: Self.demo)
        let one = try SpecLoader.load(tree, options: LoadOptions(parallelism: 1))
        let many = try SpecLoader.load(tree, options: LoadOptions(parallelism: 8))
        #expect(one.specs == many.specs)
        #expect(one.diagnostics == many.diagnostics)
    }
}

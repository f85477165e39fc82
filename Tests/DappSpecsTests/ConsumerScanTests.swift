import DappCore
import DappTesting
import Testing

@testable import DappSpecs

/// Who consumes a change, found from the product.yaml files without loading the repository.
@Suite struct ConsumerScanTests {
    /// A product.yaml consuming `inputs` (`domain/name`), with `extra` lines under spec.
    func manifest(_ domain: String, _ name: String, inputs: [String], extra: String = "") -> String {
        var text = """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappProduct
            metadata:
              name: \(name)
              namespace: \(domain)
            spec:
              owners: [team@example.com]
              outputPorts:
                - name: out
                  contract: out.odcs.yaml

            """
        if !inputs.isEmpty {
            text += "  inputPorts:\n"
            for (index, input) in inputs.enumerated() { text += "    - name: in\(index)\n      from: {product: \(input), port: out}\n" }
        }
        return text + extra
    }

    @Test func findsConsumersTransitivelyAndOnlyWholeReferences() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("products/sales/orders/product.yaml", manifest("sales", "orders", inputs: []))
        // Direct consumers, the reference written plainly, quoted, or in block style.
        _ = try dir.write("products/finance/revenue/product.yaml", manifest("finance", "revenue", inputs: ["sales/orders"]))
        _ = try dir.write("products/finance/quoted/product.yaml", manifest("finance", "quoted", inputs: ["\"sales/orders\""]))
        // Downstream of a consumer: depth 2.
        _ = try dir.write("products/finance/forecast/product.yaml", manifest("finance", "forecast", inputs: ["finance/revenue"]))
        // Mentions that are not references to sales/orders: a longer name, a path, prose.
        _ = try dir.write(
            "products/sales/orders-v2/product.yaml",
            manifest("sales", "orders-v2", inputs: [], extra: "  description: replaces sales/orders-legacy and reads xsales/orders\n"))
        _ = try dir.write("products/ops/audit/product.yaml", manifest("ops", "audit", inputs: ["sales/orders-v2"]))

        let result = try ConsumerScan.downstream(of: [ProductRef(domain: "sales", name: "orders")], in: LocalDirectoryTree(path: dir.path))
        #expect(result.productCount == 6)
        #expect(
            Set(result.downstream.products.keys.map(\.description)) == ["finance/revenue", "finance/quoted", "finance/forecast"])
    }

    /// The pre-filter: a reference is a whole word, wherever it stands in the file.
    @Test func aReferenceIsAWholeWord() {
        let names: Set<String> = ["sales/orders"]
        func mentions(_ text: String) -> Bool { ConsumerScan.mentions(Array(text.utf8), anyOf: names) }
        #expect(mentions("from: {product: sales/orders, port: orders-v1}"))
        #expect(mentions("dependsOn: [\"sales/orders\"]"))
        #expect(mentions("sales/orders"))
        #expect(mentions("x: a/b c/d\ny: sales/orders\n"))
        #expect(!mentions("from: {product: sales/orders-v2, port: x}"))
        #expect(!mentions("description: reads xsales/orders and sales/orders/archive"))
        #expect(!mentions("apiVersion: dappmesh.io/v1alpha1"))
        #expect(!mentions(""))
        #expect(!ConsumerScan.mentions(Array("sales/orders".utf8), anyOf: []))
    }

    /// Five hundred changed products at once, each with its own consumer (the speed of this is
    /// measured by Benchmarks/check.sh, "a tenth of the products changed").
    @Test func manyChangedProductsEachFindTheirConsumer() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var changed: Set<ProductRef> = []
        for index in 0..<1_000 {
            let name = "p\(index)"
            // Every odd product consumes the even one before it.
            let inputs = index % 2 == 1 ? ["bulk/p\(index - 1)"] : []
            _ = try dir.write("products/bulk/\(name)/product.yaml", manifest("bulk", name, inputs: inputs))
            if index % 2 == 0 { changed.insert(ProductRef(domain: "bulk", name: name)) }
        }
        let result = try ConsumerScan.downstream(of: changed, in: LocalDirectoryTree(path: dir.path))
        #expect(result.downstream.products.count == 500)
        #expect(result.downstream.products.keys.allSatisfy { Int($0.name.dropFirst())! % 2 == 1 })
    }
}

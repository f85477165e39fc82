import DappTesting
import Foundation
import Testing

/// What the `check --base` suites do to a work tree of the demo between commits.
protocol ChangeChecking {}

extension ChangeChecking {
    static var orders: String { "products/sales/orders/orders.odcs.yaml" }

    func edit(_ repo: TemporaryDirectory, _ path: String, _ change: (String) -> String) throws {
        let file = "\(repo.path)/\(path)"
        try change(try String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: true, encoding: .utf8)
    }

    func removeField(_ text: String, _ name: String, before next: String) -> String {
        let start = text.range(of: "      - name: \(name)\n")!.lowerBound
        let end = text.range(of: "      - name: \(next)\n")!.lowerBound
        return String(text[..<start] + text[end...])
    }

    /// orders-v1 made BACKWARD_TRANSITIVE and committed, then v2.0.0 committed, and v2.1.0 in the
    /// working tree.
    func transitiveHistory(_ repo: TemporaryDirectory) throws {
        try edit(repo, "products/sales/orders/product.yaml") {
            $0.replacingOccurrences(of: "      compatibility: BACKWARD", with: "      compatibility: BACKWARD_TRANSITIVE")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "transitive"], in: repo.path)
        // v2.0.0 drops currency (a major bump: fine against v1.3.0).
        try edit(repo, Self.orders) {
            removeField($0, "currency", before: "total_amount").replacingOccurrences(of: "version: 1.3.0", with: "version: 2.0.0")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "v2 drops currency"], in: repo.path)
        // v2.1.0 brings currency back as an integer: new to v2.0.0, incompatible with v1.3.0.
        try edit(repo, Self.orders) {
            $0.replacingOccurrences(of: "version: 2.0.0", with: "version: 2.1.0").replacingOccurrences(
                of: "      - name: total_amount\n",
                with: "      - name: currency\n        logicalType: integer\n        classification: internal\n      - name: total_amount\n"
            )
        }
    }
}

import DappCore
import Testing

@testable import DappPolicy

/// What a `_TRANSITIVE` comparison says when it did not see every earlier version.
@Suite struct HistoryGapTests {
    let contract = ContractFile(
        path: "products/sales/orders/orders.odcs.yaml", id: ResourceID(kind: .dataContract, domain: "sales", name: "orders.orders"),
        contract: DataContract(
            apiVersion: "v3.1.0", id: "orders", version: "1.0.0", status: "active",
            location: SourceLocation(file: "products/sales/orders/orders.odcs.yaml", line: 1, column: 1)),
        location: SourceLocation(file: "products/sales/orders/orders.odcs.yaml", line: 1, column: 1), importedFromDCS: false)

    @Test func aLimitOfTheWalkWarnsAndSaysWhichLimit() {
        let diagnostic = RevisionCompatibility.diagnostic(
            .limit("50 earlier versions"), mode: .backwardTransitive, contract: contract, port: "orders-v1")
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.rule == .compatHistoryIncomplete)
        #expect(diagnostic.message.contains("the history was read up to 50 earlier versions only"))
        #expect(diagnostic.hint?.contains("--strict") == true)
    }

    @Test func aShallowCloneOrAnUnreadableHistoryBlocks() {
        for gap in [RevisionCompatibility.HistoryGap.shallowClone(at: "abc1234"), .unreadable("object not found")] {
            #expect(RevisionCompatibility.diagnostic(gap, mode: .fullTransitive, contract: contract, port: "orders-v1").severity == .error)
        }
    }
}

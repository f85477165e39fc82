import DappCore
import DappYAML
import Testing

@testable import DappSpecs

/// How a contract document becomes a `DataContract`: checked for the revision under check, read
/// as far as it goes for the base side of a comparison.
@Suite struct ContractDocumentTests {
    typealias T = ContractTestSupport

    @Test func anODCSDocumentThatDoesNotValidateIsStillReadForTheBase() {
        let root = T.parse(
            """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders
            version: 1.0.0
            status: active
            tennant: webshop
            schema:
              - name: orders
                properties:
                  - name: id
                    logicalType: integer
                    required: "yes"
            """)
        let checked = ContractDocument.decode(root)
        #expect(checked.contract == nil)
        #expect(checked.diagnostics.contains { $0.rule == .specUnknownField }, "\(checked.diagnostics)")
        let unchecked = ContractDocument.decode(root, validating: false)
        #expect(unchecked.diagnostics.isEmpty)
        #expect(unchecked.contract?.schema.first?.properties.map(\.name) == ["id"])
        #expect(unchecked.contract?.version == "1.0.0")
    }

    @Test func aDataContractSpecificationDocumentWithErrorsIsStillImportedForTheBase() {
        let root = T.parse(T.dcsWithTypeErrors)
        let checked = ContractDocument.decode(root)
        #expect(checked.contract == nil)
        #expect(checked.diagnostics.hasErrors)
        let unchecked = ContractDocument.decode(root, validating: false)
        #expect(unchecked.importedFromDCS)
        #expect(unchecked.diagnostics.isEmpty)
        #expect(unchecked.contract?.schema.map(\.name) == ["orders", "broken"])
    }
}

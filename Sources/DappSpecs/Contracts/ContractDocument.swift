import DappCore
import DappYAML

/// The one way a contract document becomes a `DataContract`, for the repository loader and for
/// contracts read on their own (`ContractReader`): a Data Contract Specification document is
/// imported to ODCS (with its deprecation warning), anything else is validated and decoded as
/// ODCS v3.
enum ContractDocument {
    /// Whether `root` is a Data Contract Specification document rather than ODCS.
    static func isDCS(_ root: YAMLNode) -> Bool { root["dataContractSpecification"] != nil }

    /// The contract in `root` and what was said about it (no contract when anything is an
    /// error), and whether it was imported from the Data Contract Specification.
    ///
    /// Without `validating`, a document is read as far as it goes (the ODCS decoder is total; a
    /// Data Contract Specification document is imported despite its errors) and nothing is said
    /// about it: for the base side of a comparison, whose findings nobody reads, and where a
    /// contract that does not validate is still the version consumers use.
    static func decode(_ root: YAMLNode, validating: Bool = true) -> (
        contract: DataContract?, diagnostics: [Diagnostic], importedFromDCS: Bool
    ) {
        if isDCS(root) {
            let (contract, diagnostics) = DataContractSpecificationImporter.importDocument(root)
            guard validating else { return (contract, [], true) }
            return (diagnostics.hasErrors ? nil : contract, diagnostics, true)
        }
        guard validating else { return (DataContractDecoder.decode(root), [], false) }
        let diagnostics = DataContractSchema.validate(root)
        return (diagnostics.hasErrors ? nil : DataContractDecoder.decode(root), diagnostics, false)
    }
}

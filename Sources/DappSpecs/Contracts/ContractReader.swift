import DappCore
import DappYAML

/// Reads one data contract file on its own (ODCS v3, or the Data Contract Specification imported
/// to ODCS), for `dappctl contract diff` and for earlier versions read from Git history.
public enum ContractReader {
    public static func read(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> (DataContract?, [Diagnostic]) {
        let file = YAMLReader.read(bytes, file: path, limits: limits)
        if !file.errors.isEmpty { return (nil, file.errors.map(\.diagnostic)) }
        let documents = file.documents.filter { !$0.isNull }
        guard documents.count == 1, let root = documents.first, root.mapping != nil else {
            return (
                nil,
                [
                    .error(
                        .specType, "a data contract file holds exactly one document (a mapping), not \(documents.count)",
                        at: SourceLocation(file: path, line: 1, column: 1))
                ]
            )
        }
        guard ContractDocument.isDCS(root) || root.text("kind") == SpecKind.dataContract.rawValue else {
            return (
                nil,
                [
                    .error(
                        .specKind, "'\(path)' is not a data contract (kind: DataContract)", at: root["kind"]?.location ?? root.location,
                        hint: "pass an ODCS v3 contract or a Data Contract Specification 1.x file")
                ]
            )
        }
        let decoded = ContractDocument.decode(root)
        return (decoded.contract, decoded.diagnostics)
    }
}

import DappCore
import DappSpecs
import DappYAML
import Foundation

/// Reading contract YAML for the contract tests: inline documents and `fixtures/contracts/`.
enum ContractTestSupport {
    /// The repository root, three levels above this file (`Tests/DappSpecsTests/<file>`).
    static let repositoryRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func fixtureText(_ name: String) throws -> String {
        try String(contentsOfFile: "\(repositoryRoot)/fixtures/contracts/\(name)", encoding: .utf8)
    }

    static func parse(_ yaml: String, file: String = "products/sales/orders/orders.odcs.yaml") -> YAMLNode {
        let read = YAMLReader.read(Array(yaml.utf8), file: file)
        precondition(read.errors.isEmpty, "test YAML does not parse: \(read.errors)")
        return read.documents[0]
    }

    /// A Data Contract Specification document with a type error in every part (it still imports).
    static let dcsWithTypeErrors = """
        dataContractSpecification: 1.1.0
        id: orders
        info:
          title: [Orders]
          version: 1.0.0
        servers: [prod]
        models:
          orders:
            fields:
              id:
                type: integer
                required: "yes"
                maxLength: many
              nested:
                type: object
                fields: 7
          broken: 3
        """

    static func fixture(_ name: String) throws -> YAMLNode {
        parse(try fixtureText(name), file: "fixtures/contracts/\(name)")
    }

    /// Schema diagnostics alone, as the loader's SchemaValidator reports them.
    static func schemaDiagnostics(_ root: YAMLNode) -> [Diagnostic] {
        var validator = SchemaValidator(subject: "DataContract")
        validator.validate(root, against: DataContractSchema.schema, path: .root)
        return validator.diagnostics
    }

    /// 1-based number of the first line of `text` containing `needle`.
    static func line(of needle: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    /// A minimal valid ODCS document with `body` appended (indented by the caller).
    static func contract(_ body: String, apiVersion: String = "v3.1.0") -> YAMLNode {
        parse(
            """
            apiVersion: \(apiVersion)
            kind: DataContract
            id: orders
            version: 1.0.0
            status: active

            """ + body)
    }
}

import ArgumentParser
import DappCore
import DappSpecs

struct CRDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crd",
        abstract: "Print the CustomResourceDefinitions of every kind.",
        discussion: """
            The CRDs (apiextensions.k8s.io/v1, structural openAPIV3Schema) are generated from the \
            same schema 'validate' enforces. Without --output-dir they print as one multi-document \
            YAML stream, ready for 'kubectl apply -f -'.

            Examples:
              dappctl crd | kubectl apply --server-side -f -
              dappctl crd --output-dir config/crd
            """
    )

    @Option(name: .long, help: ArgumentHelp("Write one file per CRD into this folder instead of printing.", valueName: "dir"))
    var outputDir: String?

    func run() async throws {
        let output = Output()
        let status = output.guarding {
            let documents = CRDGenerator.all().map { (CRDGenerator.fileName(of: $0.kind), YAMLText.render($0.crd)) }
            if let outputDir {
                for (name, text) in documents {
                    try FileOutput.writeAtomically(text, to: "\(outputDir)/\(name)")
                }
                output.note("wrote \(documents.count) CRDs to \(outputDir)")
            } else {
                try output.emit(documents.map { "---\n" + $0.1 }.joined())
            }
            return .success
        }
        throw ExitCode(status.rawValue)
    }
}

import DappCore
import DappSpecs
import DappTesting
import DappYAML
import Foundation
import Testing

/// The CRDs committed under config/crd/ are exactly what `dappctl crd` generates, and they are
/// structural schemas Kubernetes accepts.
@Suite struct CRDTests {
    @Test(arguments: SpecKind.allCases)
    func committedCRDMatchesTheModel(_ kind: SpecKind) throws {
        let text = YAMLText.render(CRDGenerator.crd(for: kind))
        let path = "\(TestPaths.packageRoot)/config/crd/\(CRDGenerator.fileName(of: kind))"
        if let difference = Golden.compare(text, toFile: path) {
            Issue.record(Comment(rawValue: difference + "\nregenerate with: dappctl crd --output-dir config/crd"))
        }
    }

    @Test(arguments: SpecKind.allCases)
    func crdReadsBackAsStructuralSchema(_ kind: SpecKind) throws {
        let text = YAMLText.render(CRDGenerator.crd(for: kind))
        let file = YAMLReader.read(Array(text.utf8), file: "crd.yaml")
        #expect(file.errors.isEmpty, "\(file.errors)")
        let root = try #require(file.documents.first)
        #expect(root["kind"]?.string == "CustomResourceDefinition")
        #expect(root["spec"]?["names"]?["kind"]?.string == kind.rawValue)
        let schema = try #require(root["spec"]?["versions"]?.sequence?.first?["schema"]?["openAPIV3Schema"])
        // Structural: every schema node has a type or explicitly keeps unknown fields.
        var untyped: [String] = []
        func walk(_ node: YAMLNode, _ path: String) {
            let typed =
                node["type"] != nil || node["x-kubernetes-preserve-unknown-fields"] != nil || node["x-kubernetes-int-or-string"] != nil
            if !typed { untyped.append(path) }
            for pair in node["properties"]?.mapping ?? [] { walk(pair.value, "\(path).\(pair.key.scalar?.text ?? "?")") }
            if let items = node["items"] { walk(items, "\(path)[]") }
            if let values = node["additionalProperties"], values.mapping != nil { walk(values, "\(path){}") }
        }
        walk(schema, kind.rawValue)
        #expect(untyped.isEmpty, "untyped schema nodes: \(untyped)")
    }

    @Test func productCRDCarriesTheValidationRules() throws {
        let crd = CRDGenerator.crd(for: .dappProduct)
        let text = YAMLText.render(crd)
        #expect(text.contains("pattern: ^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?$"))
        #expect(text.contains("- BACKWARD_TRANSITIVE"))
        #expect(text.contains("name: dappproducts.dappmesh.io"))
    }

    @Test func commandPrintsEveryCRD() throws {
        let result = try CommandRunner.dappctl(["crd"])
        #expect(result.status == 0)
        let file = YAMLReader.read(Array(result.stdout.utf8), file: "stdout")
        #expect(file.errors.isEmpty)
        #expect(file.documents.count == SpecKind.allCases.count)
    }
}

import DappCore
import DappPolicy
import DappTesting
import Foundation
import Testing

/// A secret written into a spec by mistake is reported, and its value appears nowhere: not on
/// standard output or error, not in the JSON report.
@Suite struct SecretCanaryTests {
    static let canary = "CANARY-7f3e9a1c-hunter2-do-not-print"

    func repoWithLiteralSecrets() throws -> TemporaryDirectory {
        let repo = try TemporaryDirectory()
        try repo.write(
            "dappmesh.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappMeshConfig
            spec:
              targets:
                - name: main-db
                  type: postgres
                  endpoint: db:5432
                  credentials:
                    password: \(Self.canary)
            """)
        try repo.write(
            "products/sales/orders/product.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappProduct
            metadata: {name: orders, namespace: sales}
            spec:
              owners: [a@example.com]
              token: \(Self.canary)
            """)
        try repo.write(
            "products/sales/orders/access.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: AccessPolicy
            metadata: {name: orders-access, namespace: sales}
            spec:
              secrets:
                - name: db-password
                  value: \(Self.canary)
              principals:
                - name: reader
                  type: serviceAccount
                  credentials: "\(Self.canary)"
            """)
        return repo
    }

    @Test(arguments: ["text", "json"])
    func literalSecretsAreReportedButNeverPrinted(_ format: String) throws {
        let repo = try repoWithLiteralSecrets()
        defer { repo.remove() }
        let result = try CommandRunner.dappctl(["validate", "--repo", repo.path, "--format", format])
        #expect(result.status == 1)
        #expect(!result.stdout.contains(Self.canary), "the secret leaked to stdout:\n\(result.stdout)")
        #expect(!result.stderr.contains(Self.canary), "the secret leaked to stderr")
        #expect(!result.stdout.contains("hunter2"))
        let secretFindings = result.stdout.components(separatedBy: "security/literal-secret").count - 1
        #expect(secretFindings >= 3, "expected the three literal secrets to be reported:\n\(result.stdout)")
    }
}

/// The policy gate finds a credential pasted into a free-form field of a valid spec, and no report
/// format prints it.
@Suite struct PolicySecretCanaryTests {
    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func secretsFoundByPoliciesAreNeverPrinted(_ format: String) throws {
        let repo = try TemporaryDirectory()
        defer { repo.remove() }
        try repo.copyContents(of: TestPaths.fixture("demo"))
        let bucket = "\(repo.path)/products/logistics/shipments/bucket.yaml"
        let text = try String(contentsOfFile: bucket, encoding: .utf8)
        try (text + "    upload-token: \(SecretCanaryTests.canary)\n").write(toFile: bucket, atomically: true, encoding: .utf8)
        let result = try CommandRunner.dappctl(["check", "--repo", repo.path, "--today", "2026-11-26", "--format", format])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains(SecretCanaryTests.canary), "the secret leaked to stdout:\n\(result.stdout)")
        #expect(!result.stderr.contains(SecretCanaryTests.canary), "the secret leaked to stderr")
        #expect(result.stdout.contains("security/no-literal-secrets"))
        #expect(result.stdout.contains("spec.tags.upload-token"))
    }
}

@Suite struct RulesDocumentationTests {
    @Test func everyRuleIsDocumented() throws {
        let doc = try String(contentsOfFile: "\(TestPaths.packageRoot)/docs/rules.md", encoding: .utf8)
        for rule in RuleID.all {
            #expect(doc.contains("`\(rule.rawValue)`"), "docs/rules.md does not describe \(rule)")
        }
    }

    @Test func everyCompatibilityRuleIsDocumented() throws {
        let doc = try String(contentsOfFile: "\(TestPaths.packageRoot)/docs/compatibility.md", encoding: .utf8)
        for rule in CompatibilityRules.all + CompatibilityRules.portRules {
            #expect(doc.contains("| `\(rule.id)` | \(rule.name) |"), "docs/compatibility.md does not describe \(rule.id)")
        }
    }
}

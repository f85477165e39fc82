import DappTesting
import Foundation
import Testing

/// `dappctl validate` as a user runs it: the real binary, its output and exit status.
@Suite struct ValidateCommandTests {
    @Test func cleanRepoExitsZeroWithSummary() throws {
        let result = try CommandRunner.dappctl(["validate", "--repo", TestPaths.fixture("demo")])
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        #expect(result.stdout.hasPrefix("validate: ok ("))
    }

    @Test func errorsExitOneWithCompilerStyleLines() throws {
        let repo = try TemporaryDirectory()
        defer { repo.remove() }
        try repo.write("dappmesh.yaml", "apiVersion: dappmesh.io/v1alpha1\nkind: DappMeshConfig\nspec: {}\n")
        try repo.write(
            "products/sales/orders/product.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappProduct
            metadata:
              name: orders
              namespace: sales
            spec:
              ownrs: [team@example.com]
            """)
        let result = try CommandRunner.dappctl(["validate", "--repo", repo.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "products/sales/orders/product.yaml:7:3: error: unknown field 'ownrs' in spec [spec/unknown-field]")
        #expect(lines.dropFirst().first == "    hint: did you mean 'owners'?")
        #expect(lines.last == "validate: failed with 1 error (2 files, 0 products)")
    }

    @Test func jsonReportFollowsTheDocumentedSchema() throws {
        let repo = try TemporaryDirectory()
        defer { repo.remove() }
        try repo.write("dappmesh.yaml", "apiVersion: dappmesh.io/v1alpha1\nkind: DappMeshConfig\nspec:\n  statusBranch: 7\n")
        let result = try CommandRunner.dappctl(["validate", "--repo", repo.path, "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["command"] as? String == "validate")
        #expect(object["passed"] as? Bool == false)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["rule"] as? String == "spec/type")
        #expect(first["file"] as? String == "dappmesh.yaml")
        #expect(first["line"] as? Int == 4)
        #expect(first["column"] as? Int == 17)
        #expect(first["fieldPath"] as? String == "spec.statusBranch")
        #expect(Set(first.keys) == ["severity", "rule", "message", "file", "line", "column", "fieldPath", "hint"])
    }

    /// GitHub code scanning rejects a SARIF run of more than 25,000 results: the report keeps that
    /// many, and the run says so where a CI log shows it, as `check` does.
    @Test func aSARIFReportThatLeavesFindingsOutSaysSo() throws {
        let repo = try TemporaryDirectory()
        defer { repo.remove() }
        try repo.write("dappmesh.yaml", "apiVersion: dappmesh.io/v1alpha1\nkind: DappMeshConfig\nspec: {}\n")
        // 25,001 owners that are numbers, not strings: one error each.
        let owners = [String](repeating: "1", count: 25_001).joined(separator: ", ")
        try repo.write(
            "products/sales/orders/product.yaml",
            "apiVersion: dappmesh.io/v1alpha1\nkind: DappProduct\nmetadata:\n  name: orders\n  namespace: sales\nspec:\n  owners: [\(owners)]\n"
        )
        let sarif = "\(repo.path)/out.sarif"
        let result = try CommandRunner.dappctl(["validate", "--repo", repo.path, "--report", "sarif=\(sarif)"])
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("validate: failed with 25001 errors (2 files, 0 products)\n"))
        #expect(
            result.stderr.contains(
                "the SARIF report holds 25000 of 25001 findings, blocking ones first (GitHub code scanning rejects more)"),
            "stderr: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any])
        let results = (json["runs"] as? [[String: Any]])?.first?["results"] as? [Any]
        #expect(results?.count == 25_000)

        // Under the cap, nothing is said.
        let few = try CommandRunner.dappctl(["validate", "--repo", TestPaths.fixture("demo"), "--report", "sarif=\(sarif)"])
        #expect(!few.stderr.contains("SARIF"))
    }

    @Test func outputFileReceivesTheReport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let target = "\(dir.path)/report.json"
        let result = try CommandRunner.dappctl(["validate", "--repo", TestPaths.fixture("demo"), "--format", "json", "--output", target])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.contains("\"passed\": true"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.json"])
    }

    @Test func usageErrorsExitSixtyFour() throws {
        let badFormat = try CommandRunner.dappctl(["validate", "--format", "xml"])
        #expect(badFormat.status == 64)
        #expect(badFormat.stderr.contains("--format"))
        let unknownFlag = try CommandRunner.dappctl(["validate", "--frobnicate"])
        #expect(unknownFlag.status == 64)
        let badJobs = try CommandRunner.dappctl(["validate", "--jobs", "0"])
        #expect(badJobs.status == 64)
    }

    @Test func missingRepositoryIsAnOperationalErrorThatSaysWhatToDo() throws {
        let result = try CommandRunner.dappctl(["validate", "--repo", "/nonexistent/spec-repo"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("repository '/nonexistent/spec-repo' does not exist"))
        #expect(result.stdout.isEmpty)
    }

    @Test func helpTeachesWithExamples() throws {
        let result = try CommandRunner.dappctl(["validate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("dappctl validate --repo fixtures/demo"))
        #expect(result.stdout.contains("path:line:col: error: message [rule-id]"))
        let root = try CommandRunner.dappctl(["--help"])
        #expect(root.stdout.contains("validate"))
        #expect(root.stdout.contains("crd"))
    }
}

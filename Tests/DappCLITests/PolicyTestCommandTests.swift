import DappTesting
import Foundation
import Testing

/// `dappctl policy test`: the built-in bundles' tests, a repository's own tests, failures located.
@Suite struct PolicyTestCommandTests {
    @Test func builtinBundlesPassTheirTests() throws {
        let result = try CommandRunner.dappctl(["policy", "test", "--builtin"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("policy test: ok, "))
        #expect(result.stdout.contains(" 0 failed "))
    }

    @Test func repositoryTestsRunAgainstItsPoliciesAndFailuresAreLocated() throws {
        let repo = try TemporaryDirectory()
        defer { repo.remove() }
        try repo.copyContents(of: TestPaths.fixture("demo"))
        try repo.write(
            "policies/tests/team-owners.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata: {name: team-owners}
            spec:
              policies: [products-need-two-owners]
              cases:
                - name: two owners pass
                  object: {apiVersion: dappmesh.io/v1alpha1, kind: DappProduct, metadata: {name: p, namespace: d}, spec: {owners: [a, b]}}
                  expect: []
                - name: one owner is flagged
                  object: {apiVersion: dappmesh.io/v1alpha1, kind: DappProduct, metadata: {name: p, namespace: d}, spec: {owners: [a]}}
                  expect: [owners/min-two]
                - name: a wrong expectation fails
                  object: {apiVersion: dappmesh.io/v1alpha1, kind: DappProduct, metadata: {name: p, namespace: d}, spec: {owners: [a]}}
                  expect: []
            """)
        let result = try CommandRunner.dappctl(["policy", "test", "--repo", repo.path, "--verbose"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("PASS team-owners/two owners pass\n"))
        #expect(result.stdout.contains("PASS team-owners/one owner is flagged\n"))
        #expect(result.stdout.contains("FAIL team-owners/a wrong expectation fails\n"))
        #expect(
            result.stdout.contains(
                "  policies/tests/team-owners.yaml:15:15: error: case 'team-owners/a wrong expectation fails': unexpected owners/min-two"))
        #expect(result.stdout.contains("policy test: failed, 9 passed, 1 failed (10 cases, "))
    }

    @Test func aMalformedTestFileIsALocatedError() throws {
        let repo = try TemporaryDirectory()
        defer { repo.remove() }
        try repo.copyContents(of: TestPaths.fixture("demo"))
        try repo.write(
            "policies/tests/broken.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicyTest
            metadata: {name: broken}
            spec:
              cases:
                - name: no expectation
                  objekt: {kind: DappProduct}
            """)
        let result = try CommandRunner.dappctl(["policy", "test", "--repo", repo.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("policies/tests/broken.yaml:7:7: error: unknown field 'objekt'"))
        #expect(result.stdout.contains("policies/tests/broken.yaml:6:7: error: missing required field"))
    }
}

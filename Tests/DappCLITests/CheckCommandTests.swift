import DappTesting
import Foundation
import Testing

/// `dappctl check`: validation plus every policy over every resource, waivers honoured and
/// reported, exit status 1 only when something blocks.
@Suite struct CheckCommandTests {
    static let violations = TestPaths.fixture("policy-violations")

    @Test func demoPassesWithItsWaiverReported() throws {
        let result = try CommandRunner.dappctl(["check", "--repo", TestPaths.fixture("demo"), "--today", "2026-11-26"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("note: waived: product customer/customer-segments has 1 owner(s)"))
        #expect(result.stdout.contains("exception 'customer-segments-single-owner', owner team-crm@example.com, until 2027-02-15"))
        #expect(result.stdout.hasSuffix("check: ok with 1 waived (45 files, 8 products, 18 policies, 174 evaluations)\n"))
    }

    @Test func timingNamesEachPhaseOnStandardErrorOnly() throws {
        let plain = try CommandRunner.dappctl(["check", "--repo", TestPaths.fixture("demo"), "--today", "2026-11-26"])
        let timed = try CommandRunner.dappctl(["check", "--repo", TestPaths.fixture("demo"), "--today", "2026-11-26", "--timing"])
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(timed.stdout == plain.stdout)
        let line = try #require(timed.stderr.split(separator: "\n").first { $0.hasPrefix("dappctl: timing: ") })
        for phase in ["revision ", ", load ", ", subjects ", ", policies ", ", report ", ", output ", "; load: list ", ", parse "] {
            #expect(line.contains(phase), "\(phase) in \(line)")
        }
    }

    @Test func demoFailsOnceItsWaiverExpires() throws {
        let result = try CommandRunner.dappctl(["check", "--repo", TestPaths.fixture("demo"), "--today", "2027-02-16"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "policies/customer-segments-single-owner.yaml:16:12: warning: exception 'customer-segments-single-owner' "
                    + "(owner team-crm@example.com) expired on 2027-02-15; it waives nothing [policy/exception-expired]"))
        #expect(
            result.stdout.contains(
                "products/customer/customer-segments/product.yaml:1:1: error: DappProduct/customer/customer-segments: product "
                    + "customer/customer-segments has 1 owner(s); at least 2 are required [owners/min-two]"))
    }

    @Test func everyViolationOfTheFixtureIsReportedWhereItIs() throws {
        let result = try CommandRunner.dappctl(["check", "--repo", Self.violations, "--today", "2026-11-26"])
        #expect(result.status == 1)
        #expect(result.stderr == "")
        if let difference = Golden.compare(result.stdout, toFile: "\(Self.violations)/expected.txt") {
            Issue.record("\(difference)")
        }
        // Every built-in rule a valid repository can break is in it.
        for rule in [
            "security/owners-required", "security/sensitive-fields-protected", "security/bucket-not-public", "security/bucket-encrypted",
            "security/server-tls", "security/no-literal-secrets", "security/no-grant-all", "security/no-public-principal",
            "security/network-default-deny", "security/certificate-lifetime", "security/certificate-renewal",
            "security/retired-no-grants", "contract/sla-freshness", "contract/sla-availability", "contract/semantic-version",
            "contract/key-fields-have-quality", "contract/deprecated-has-sunset", "contract/fields-classified",
        ] {
            #expect(result.stdout.contains("[\(rule)]"), "\(rule) not reported")
        }
        // The token pasted into a tag is reported by path, never printed.
        #expect(!result.stdout.contains("ghp_R8x2KqV7mN4pL9sT1wYb6Zc3Hd5Jf0Ua8Qe"))
        #expect(result.stdout.contains("values at spec.tags.upload-token look like secrets"))
    }

    @Test func jsonReportListsFindingsWithTheirWaivers() throws {
        let result = try CommandRunner.dappctl(["check", "--repo", Self.violations, "--today", "2026-11-26", "--format", "json"])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("ghp_R8x2KqV7mN4pL9sT1wYb6Zc3Hd5Jf0Ua8Qe"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["command"] as? String == "check")
        #expect(json["passed"] as? Bool == false)
        #expect(json["base"] is NSNull)
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 17)
        #expect(summary["warnings"] as? Int == 2)
        #expect(summary["waived"] as? Int == 1)
        #expect(summary["blocking"] as? Int == 17)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let waived = try #require(findings.first { $0["waiver"] is [String: Any] })
        #expect(waived["rule"] as? String == "security/certificate-lifetime")
        #expect(waived["blocking"] as? Bool == false)
        #expect(waived["policy"] as? String == "security-certificates")
        #expect((waived["waiver"] as? [String: Any])?["exception"] as? String == "legacy-certificate")
        #expect(waived["resource"] as? String == "AccessPolicy/shop/legacy-access")
        let bucket = try #require(findings.first { $0["rule"] as? String == "security/bucket-not-public" })
        #expect(bucket["category"] as? String == "policy")
        #expect(bucket["file"] as? String == "products/shop/leaky/bucket.yaml")
        #expect(bucket["line"] as? Int == 12)
        #expect(bucket["fieldPath"] as? String == "spec.publicAccess")
        #expect(bucket["reason"] as? String == "PublicBucket")
        #expect(findings.contains { $0["rule"] as? String == "policy/exception-too-long" && $0["blocking"] as? Bool == true })
    }

    @Test func ciFormatsRenderTheSameFindings() throws {
        let base = ["check", "--repo", Self.violations, "--today", "2026-11-26"]
        let sarif = try CommandRunner.dappctl(base + ["--format", "sarif"])
        #expect(sarif.status == 1)
        #expect(try SARIFSchema.problems(sarif.stdout) == nil)
        #expect(!sarif.stdout.contains("ghp_R8x2KqV7mN4pL9sT1wYb6Zc3Hd5Jf0Ua8Qe"))
        let github = try CommandRunner.dappctl(base + ["--format", "github"])
        #expect(github.status == 1)
        #expect(
            github.stdout.contains(
                "::error file=products/shop/leaky/bucket.yaml,line=12,col=3,title=security/bucket-not-public::the bucket allows anonymous reads"
            ))
        let junit = try CommandRunner.dappctl(base + ["--format", "junit"])
        #expect(junit.stdout.hasPrefix("<?xml"))
        #expect(junit.stdout.contains("failures=\"17\""))
        let markdown = try CommandRunner.dappctl(base + ["--format", "markdown"])
        #expect(markdown.stdout.contains("dappctl check failed"))
        let refused = try CommandRunner.dappctl(["policy", "test", "--builtin", "--format", "sarif"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--format sarif is for 'check' and 'validate'"))
    }

    @Test func strictFailsOnWarnings() throws {
        let repo = try TemporaryDirectory()
        defer { repo.remove() }
        try repo.copyContents(of: TestPaths.fixture("demo"))
        try repo.write(
            "policies/description-wanted.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata: {name: description-wanted}
            spec:
              matchKinds: [ObjectBucket]
              validations:
                - expression: "has(object.spec.description)"
                  message: describe the bucket
                  severity: warning
            """)
        let relaxed = try CommandRunner.dappctl(["check", "--repo", repo.path, "--today", "2026-11-26"])
        #expect(relaxed.status == 0, "\(relaxed.stdout)")
        #expect(relaxed.stdout.contains("warning: ObjectBucket/finance/revenue-exports: describe the bucket [description-wanted]"))
        let strict = try CommandRunner.dappctl(["check", "--repo", repo.path, "--today", "2026-11-26", "--strict"])
        #expect(strict.status == 1)
    }

    @Test func aBrokenExpressionIsLocatedInThePolicyFileAndBlocks() throws {
        let repo = try TemporaryDirectory()
        defer { repo.remove() }
        try repo.copyContents(of: TestPaths.fixture("demo"))
        try repo.write(
            "policies/typo.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata: {name: typo}
            spec:
              matchKinds: [DappProduct]
              validations:
                - expression: "size(objet.spec.owners) > 0"
                - expression: >-
                    object.spec.owners.all(o,
                      o.endsWith('@example.com') &&)
            """)
        let before = try FileManager.default.contentsOfDirectory(atPath: repo.path)
        let result = try CommandRunner.dappctl(["check", "--repo", repo.path, "--today", "2026-11-26"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "policies/typo.yaml:7:25: error: validation 'typo[0]' of policy 'typo' uses 'objet', which is not an input "
                    + "[policy/invalid-expression]"))
        #expect(result.stdout.contains("    hint: did you mean 'object'?"))
        #expect(result.stdout.contains("policies/typo.yaml:10:40: error: validation 'typo[1]' of policy 'typo' does not parse"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.path) == before)
    }

    @Test func badTodayIsAUsageError() throws {
        let result = try CommandRunner.dappctl(["check", "--repo", TestPaths.fixture("demo"), "--today", "26.11.2026"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--today must be a date as YYYY-MM-DD"))
    }
}

import DappTesting
import Foundation
import Testing

/// `check --base` and the rules a change could loosen for itself: the port's compatibility mode,
/// the policies, the built-in bundles, the waivers; and a port the change removes.
@Suite struct CheckBaseOwnRulesTests: ChangeChecking {
    /// A pull request that weakens its port's mode and makes the change the weaker mode allows
    /// is still judged by the mode it weakens: the gate cannot be relaxed by the change it gates.
    @Test func weakeningTheModeInTheSameChangeDoesNotLetABreakThrough() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, "products/sales/orders/product.yaml") {
            $0.replacingOccurrences(of: "      compatibility: BACKWARD\n", with: "      compatibility: NONE\n")
        }
        try edit(repo, Self.orders) { removeField($0, "currency", before: "total_amount") }
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "products/sales/orders/orders.odcs.yaml:28:5: error: field orders.currency was removed; consumers that read it break "
                    + "(breaking for consumers under BACKWARD) [FLD001]"), "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "products/sales/orders/product.yaml:25:7: warning: output port orders-v1's compatibility mode went from BACKWARD to "
                    + "NONE; this change is checked under BACKWARD [MOD001]"))
        #expect(result.stdout.contains("hint: a weaker mode applies from the next change on: weaken it in a pull request of its own"))

        // Merged on its own, the weaker mode then applies to the next change.
        try GitCLI.run(["checkout", "--quiet", "--", Self.orders], in: repo.path)
        try GitCLI.run(["commit", "--quiet", "-am", "orders: no compatibility promise"], in: repo.path)
        try edit(repo, Self.orders) { removeField($0, "currency", before: "total_amount") }
        let next = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(next.status == 0, "\(next.stdout)")
        #expect(next.stdout.contains("note: field orders.currency was removed; consumers that read it break [FLD001]"))
        #expect(!next.stdout.contains("MOD00"))
    }

    /// A stronger mode applies to the change that brings it: FULL makes a new required field an error.
    @Test func strengtheningTheModeChecksTheChangeUnderTheStrongerMode() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, "products/sales/orders/product.yaml") {
            $0.replacingOccurrences(of: "      compatibility: BACKWARD\n", with: "      compatibility: FULL\n")
        }
        try edit(repo, Self.orders) {
            $0.replacingOccurrences(of: "version: 1.3.0", with: "version: 2.0.0").replacingOccurrences(
                of: "      - name: currency\n",
                with: "      - name: channel\n        logicalType: string\n        required: true\n        classification: internal\n"
                    + "      - name: currency\n")
        }
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("(breaking for producers under FULL) [FLD003]"), "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "note: output port orders-v1's compatibility mode went from BACKWARD to FULL; this change is checked under FULL [MOD002]"))
    }

    /// An output port that goes away, alone or with its product, breaks whoever reads it, also
    /// outside the repository: it is a finding of its own, not only the consumers' broken references.
    @Test func aRemovedOutputPortBreaksItsConsumers() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, "products/logistics/carriers/product.yaml") { String($0[..<$0.range(of: "  outputPorts:")!.lowerBound]) }
        let port = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26", "--format", "json"], in: repo.path)
        #expect(port.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(port.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let removed = try #require(findings.first { $0["rule"] as? String == "PRT001" }, "\(port.stdout)")
        #expect(
            removed["message"] as? String
                == "output port carriers-v1 was removed; its consumers break (breaking for consumers under FULL_TRANSITIVE)")
        #expect(removed["file"] as? String == "products/logistics/carriers/product.yaml")
        #expect(removed["category"] as? String == "compatibility")
        #expect(removed["fieldPath"] as? String == "outputPorts.carriers-v1")
        #expect(
            removed["consumers"] as? [String] == ["logistics/shipments (input port carriers)", "finance/revenue (input port shipments)"])

        try GitCLI.run(["checkout", "--quiet", "--", "."], in: repo.path)
        try GitCLI.run(["rm", "-r", "--quiet", "products/sales/orders"], in: repo.path)
        let product = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(product.status == 1)
        #expect(
            product.stdout.contains(
                "products/sales/orders/product.yaml:25:7: error: output port orders-v1 was removed with product sales/orders; its "
                    + "consumers break (breaking for consumers under BACKWARD) [PRT001]"), "\(product.stdout)")
    }

    /// A change that edits or removes a policy is still checked, on the resources it touches,
    /// under the policy as it was: relaxing a rule and breaking it take two pull requests.
    @Test func editingAPolicyDoesNotLetTheSameChangeBreakIt() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        let arguments = ["check", "--base", "main", "--today", "2026-11-26"]
        let policy = "policies/products-need-two-owners.yaml"
        try edit(repo, policy) { $0.replacingOccurrences(of: "size(variables.owners) >= 2\"", with: "size(variables.owners) >= 1\"") }
        let relaxed = try CommandRunner.dappctl(arguments, in: repo.path)
        #expect(relaxed.status == 0, "a policy change alone touches no resource: \(relaxed.stdout)")

        try edit(repo, "products/logistics/carriers/product.yaml") {
            $0.replacingOccurrences(of: "    - logistics-data@example.com\n", with: "")
        }
        let broken = try CommandRunner.dappctl(arguments, in: repo.path)
        #expect(broken.status == 1, "\(broken.stdout)")
        #expect(
            broken.stdout.contains(
                "products/logistics/carriers/product.yaml:1:1: error: DappProduct/logistics/carriers: product logistics/carriers has "
                    + "1 owner(s); at least 2 are required (policy 'products-need-two-owners' as at the base, which this change edits: "
                    + "the resources a change touches are checked under the policy before and after it) [owners/min-two]"),
            "\(broken.stdout)")

        try GitCLI.run(["checkout", "--quiet", "--", policy], in: repo.path)
        try GitCLI.run(["rm", "--quiet", policy], in: repo.path)
        let removed = try CommandRunner.dappctl(arguments, in: repo.path)
        #expect(removed.status == 1)
        #expect(
            removed.stdout.contains("(policy 'products-need-two-owners' as at the base, which this change removes:"), "\(removed.stdout)")
    }

    /// Leaving a built-in bundle out in dappmesh.yaml is a policy change like any other.
    @Test func leavingOutABuiltinBundleDoesNotLetTheSameChangeBreakIt() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, "dappmesh.yaml") {
            $0.replacingOccurrences(
                of: "  statusBranch: dappmesh/status\n", with: "  statusBranch: dappmesh/status\n  policies:\n    bundles: [contract]\n")
        }
        try edit(repo, "products/sales/order-events/bucket.yaml") {
            $0.replacingOccurrences(of: "publicAccess: false", with: "publicAccess: true")
        }
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "the bucket allows anonymous reads; set publicAccess to false and publish files through a CDN or signed URLs (policy "
                    + "'security-buckets' as at the base, which this change removes: "), "\(result.stdout)")
        #expect(result.stdout.contains("[security/bucket-not-public]"))
    }

    /// A waiver the change writes for its own findings waives them, and says it is new, for the
    /// reviewers: a passing check must not hide that the pull request excused itself.
    @Test func aWaiverTheChangeWritesSaysSo() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, "products/logistics/carriers/product.yaml") {
            $0.replacingOccurrences(of: "    - logistics-data@example.com\n", with: "")
        }
        let existing = try String(contentsOfFile: "\(repo.path)/policies/customer-segments-single-owner.yaml", encoding: .utf8)
        try existing.replacingOccurrences(of: "customer-segments-single-owner", with: "carriers-single-owner")
            .replacingOccurrences(of: "domain: customer", with: "domain: logistics")
            .replacingOccurrences(of: "name: customer-segments", with: "name: carriers")
            .write(toFile: "\(repo.path)/policies/carriers-single-owner.yaml", atomically: true, encoding: .utf8)
        let arguments = ["check", "--base", "main", "--today", "2026-11-26"]
        let added = try CommandRunner.dappctl(arguments, in: repo.path)
        #expect(added.status == 0, "\(added.stdout)")
        #expect(
            added.stdout.contains(
                "products/logistics/carriers/product.yaml:1:1: note: waived: product logistics/carriers has 1 owner(s); at least 2 are "
                    + "required (exception 'carriers-single-owner' added by this change, owner team-crm@example.com, until 2027-02-15)"),
            "\(added.stdout)")
        #expect(added.stdout.contains("(exception 'customer-segments-single-owner', owner"), "an untouched waiver is not marked")
        let markdown = try CommandRunner.dappctl(arguments + ["--format", "markdown"], in: repo.path)
        #expect(markdown.stdout.contains("⚠️ 1 finding waived by exceptions this change adds or edits"))

        try GitCLI.run(["add", "-A"], in: repo.path)
        try GitCLI.run(["commit", "--quiet", "-m", "carriers: one owner, waived"], in: repo.path)
        try edit(repo, "policies/carriers-single-owner.yaml") {
            $0.replacingOccurrences(of: "expires: 2027-02-15", with: "expires: 2027-02-10")
        }
        let edited = try CommandRunner.dappctl(arguments, in: repo.path)
        #expect(edited.stdout.contains("(exception 'carriers-single-owner' edited by this change, owner"), "\(edited.stdout)")
    }
}

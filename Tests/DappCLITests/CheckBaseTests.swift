import DappTesting
import Foundation
import Testing

/// `dappctl check --base`: only what a change touches, compared with the base revision.
@Suite struct CheckBaseTests {
    static let orders = "products/sales/orders/orders.odcs.yaml"

    func edit(_ repo: TemporaryDirectory, _ path: String, _ change: (String) -> String) throws {
        let file = "\(repo.path)/\(path)"
        try change(try String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: true, encoding: .utf8)
    }

    func removeField(_ text: String, _ name: String, before next: String) -> String {
        let start = text.range(of: "      - name: \(name)\n")!.lowerBound
        let end = text.range(of: "      - name: \(next)\n")!.lowerBound
        return String(text[..<start] + text[end...])
    }

    @Test func aRemovedFieldBreaksAndNamesWhoBreaks() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, Self.orders) { removeField($0, "currency", before: "total_amount") }
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "products/sales/orders/orders.odcs.yaml:28:5: error: field orders.currency was removed; consumers that read it break "
                    + "(breaking for consumers under BACKWARD) [FLD001]"))
        #expect(
            result.stdout.contains(
                "    breaks: customer/customer-segments (input port orders), finance/payments (input port orders), finance/revenue "
                    + "(input port orders), logistics/shipments (input port orders), sales/order-events (input port orders)"))
        #expect(
            result.stdout.contains(
                "products/sales/orders/orders.odcs.yaml:5:10: error: the contract has breaking changes (FLD001) but its version went "
                    + "from 1.3.0 to 1.3.0; bump the major version to 2.0.0 [VER001]"))
        #expect(result.stdout.contains("check: failed with 2 errors, 1 waived (main ("))
        #expect(result.stdout.contains(" → working tree: 1 product changed, 6 checked, 1 contract compared, "))
    }

    /// The base revision's contracts are compared as far as they read, valid or not: a contract
    /// that does not validate at the base is still what its consumers use, and leaving it out
    /// would let the commit that fixes it also drop a field unnoticed.
    @Test func aBaseContractThatDoesNotValidateIsStillComparedWith() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, Self.orders) { $0.replacingOccurrences(of: "tenant: webshop\n", with: "tenant: webshop\ntennant: webshop\n") }
        try GitCLI.run(["commit", "--quiet", "-am", "a typo the schema rejects"], in: repo.path)
        let broken = try CommandRunner.dappctl(["validate"], in: repo.path)
        #expect(broken.stdout.contains("unknown field 'tennant'"), "the base contract does not validate: \(broken.stdout)")
        try edit(repo, Self.orders) { text in
            removeField(text.replacingOccurrences(of: "tennant: webshop\n", with: ""), "currency", before: "total_amount")
        }
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("error: field orders.currency was removed; consumers that read it break"), "\(result.stdout)")
        #expect(!result.stdout.contains("tennant"), "the base's own findings are not reported: \(result.stdout)")
    }

    @Test func anAdditiveCommitPassesWithItsFindingsAsNotes() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, Self.orders) { text in
            text.replacingOccurrences(of: "version: 1.3.0", with: "version: 1.4.0").replacingOccurrences(
                of: "      - name: currency\n",
                with: "      - name: coupon_code\n        logicalType: string\n        classification: internal\n      - name: currency\n")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "add coupon_code"], in: repo.path)
        let result = try CommandRunner.dappctl(
            ["check", "--base", "main~1", "--head", "main", "--today", "2026-11-26", "--format", "json"], in: repo.path)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == true)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let added = try #require(findings.first { $0["rule"] as? String == "FLD002" })
        #expect(added["severity"] as? String == "note")
        #expect(added["fieldPath"] as? String == "orders.coupon_code")
        #expect(added["category"] as? String == "compatibility")

        // One product changed: only its folder (and the policies) are read at both revisions, and
        // the base takes every file the commit did not touch from the head's reading: the
        // policies and the product's other three files, not its contract.
        let timed = try CommandRunner.dappctl(
            ["check", "--base", "main~1", "--head", "main", "--today", "2026-11-26", "--timing"], in: repo.path)
        #expect(timed.status == 0, "\(timed.stdout)\(timed.stderr)")
        #expect(timed.stderr.contains(" consumers "), "the partial path: \(timed.stderr)")
        #expect(timed.stderr.contains(", report ") && timed.stderr.contains(", output "), "rendering is timed too: \(timed.stderr)")
        // The policies and the contract comparison run side by side, each timed on its own.
        #expect(timed.stderr.contains(", policies and compatibility "), "\(timed.stderr)")
        #expect(
            timed.stderr.contains("; side by side: subjects ") && timed.stderr.contains(" ms, policies ")
                && timed.stderr.contains(" ms, compatibility "), "\(timed.stderr)")
        #expect(timed.stderr.contains("(7 of "), "\(timed.stderr)")
        #expect(!findings.contains { $0["rule"] as? String == "VER003" })
    }

    @Test func preExistingProblemsElsewhereAreNotThisChangesProblem() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        // The base already has a broken product that the change does not touch.
        try edit(repo, "products/logistics/carriers/product.yaml") { $0.replacingOccurrences(of: "  owners:", with: "  ownerz:") }
        try GitCLI.run(["commit", "--quiet", "-am", "break carriers"], in: repo.path)
        try edit(repo, "products/finance/revenue/product.yaml") { $0 + "  tags: [finance]\n" }
        let whole = try CommandRunner.dappctl(["check", "--today", "2026-11-26"], in: repo.path)
        #expect(whole.stdout.contains("products/logistics/carriers/product.yaml"))
        let change = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(!change.stdout.contains("products/logistics/carriers/"), "\(change.stdout)")
    }

    /// A change to over a third of the products is read whole, the repository in parallel
    /// rather than folder by folder after a scan for consumers, and reports the same: only what
    /// the change touches and who consumes it.
    @Test func aLargeChangeReadsTheRepositoryWholeAndReportsTheSame() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        // The base already has a broken product that the change does not touch.
        try edit(repo, "products/logistics/carriers/product.yaml") { $0.replacingOccurrences(of: "  owners:", with: "  ownerz:") }
        try GitCLI.run(["commit", "--quiet", "-am", "break carriers"], in: repo.path)
        let products = ["finance/revenue", "finance/payments", "customer/customers"]
        // Deprecated without a sunset date: a policy error in each.
        for product in products {
            try edit(repo, "products/\(product)/product.yaml") {
                $0.replacingOccurrences(of: "  lifecycle: active\n", with: "  lifecycle: deprecated\n")
            }
        }
        let large = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26", "--timing"], in: repo.path)
        #expect(!large.stderr.contains(" consumers "), "3 of 8 products: read whole. \(large.stderr)")
        #expect(large.stdout.contains(" → working tree: 3 products changed, "), "\(large.stdout)")
        #expect(!large.stdout.contains("products/logistics/carriers/"), "\(large.stdout)")

        // Two of them: folder by folder, and the same findings for what both touch.
        try GitCLI.run(["checkout", "--quiet", "--", "products/customer/customers/product.yaml"], in: repo.path)
        let small = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26", "--timing"], in: repo.path)
        #expect(small.stderr.contains(" consumers "), "2 of 8 products: the partial path. \(small.stderr)")
        #expect(small.stdout.contains(" → working tree: 2 products changed, "), "\(small.stdout)")
        #expect(!small.stdout.contains("products/logistics/carriers/"), "\(small.stdout)")
        func lines(_ text: String, under folder: String) -> [Substring] {
            text.split(separator: "\n").filter { $0.hasPrefix("products/\(folder)/") }
        }
        for folder in ["finance/revenue", "finance/payments"] {
            #expect(lines(small.stdout, under: folder).contains { $0.contains("error:") }, "\(small.stdout)")
            #expect(lines(large.stdout, under: folder) == lines(small.stdout, under: folder), "\(folder)")
        }
    }

    /// Consumers checked with a change did not change: their `oldObject` is the resource as it
    /// is, not null (which would make every consumer look new).
    @Test func consumersOfAChangeAreTheSameAtTheBase() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try repo.write(
            "policies/new-products.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata: {name: new-products}
            spec:
              matchKinds: [DappProduct]
              validations:
                - id: products/new
                  expression: "oldObject != null"
                  message: "a new product"
                  severity: warning
            """)
        try GitCLI.run(["add", "-A"], in: repo.path)
        try GitCLI.run(["commit", "--quiet", "-m", "flag new products"], in: repo.path)
        try edit(repo, Self.orders) { $0.replacingOccurrences(of: "version: 1.3.0", with: "version: 1.3.1") }
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26", "--timing"], in: repo.path)
        #expect(result.stderr.contains(" consumers "), "the partial path: \(result.stderr)")
        #expect(result.stdout.contains(" → working tree: 1 product changed, 6 checked, "), "\(result.stdout)")
        #expect(!result.stdout.contains("[products/new]"), "\(result.stdout)")
    }

    @Test func aPolicyChangeChecksEveryProductAndPoliciesSeeOldObject() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try repo.write(
            "policies/owners-only-grow.yaml",
            """
            apiVersion: dappmesh.io/v1alpha1
            kind: DappPolicy
            metadata: {name: owners-only-grow}
            spec:
              matchKinds: [DappProduct]
              validations:
                - id: owners/not-removed
                  expression: "oldObject == null || oldObject.spec.owners.all(o, o in object.spec.owners)"
                  messageExpression: "'owners ' + oldObject.spec.owners.filter(o, !(o in object.spec.owners)).join(', ') + ' were removed'"
                  fieldPath: spec.owners
            """)
        try edit(repo, "products/sales/orders/product.yaml") { $0.replacingOccurrences(of: "    - sales-data@example.com\n", with: "") }
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "products/sales/orders/product.yaml:11:5: error: DappProduct/sales/orders: owners sales-data@example.com were removed "
                    + "[owners/not-removed]"))
        #expect(result.stdout.contains("8 products changed") == false)
        #expect(result.stdout.contains(", 8 checked, "))

        // Committed, both sides are Git trees: the base reuses the head's reading of every file
        // the commit did not touch, and policies still see the base's product.yaml as oldObject.
        try GitCLI.run(["add", "-A"], in: repo.path)
        try GitCLI.run(["commit", "--quiet", "-m", "drop an owner"], in: repo.path)
        let committed = try CommandRunner.dappctl(
            ["check", "--base", "main~1", "--head", "main", "--today", "2026-11-26", "--timing"], in: repo.path)
        #expect(committed.status == 1)
        #expect(
            committed.stdout.contains(
                "products/sales/orders/product.yaml:11:5: error: DappProduct/sales/orders: owners sales-data@example.com were removed "
                    + "[owners/not-removed]"))
        #expect(committed.stdout.components(separatedBy: "[owners/not-removed]").count == 2, "only the changed product")
        // 45 files at the base: all but the changed product.yaml and dappmesh.yaml (read first, alone).
        #expect(committed.stderr.contains("(43 of 45 files unchanged, not read again)"), "\(committed.stderr)")
    }

    /// orders-v1 made BACKWARD_TRANSITIVE and committed, then v2.0.0 committed, and v2.1.0 in the
    /// working tree.
    func transitiveHistory(_ repo: TemporaryDirectory) throws {
        try edit(repo, "products/sales/orders/product.yaml") {
            $0.replacingOccurrences(of: "      compatibility: BACKWARD", with: "      compatibility: BACKWARD_TRANSITIVE")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "transitive"], in: repo.path)
        // v2.0.0 drops currency (a major bump: fine against v1.3.0).
        try edit(repo, Self.orders) {
            removeField($0, "currency", before: "total_amount").replacingOccurrences(of: "version: 1.3.0", with: "version: 2.0.0")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "v2 drops currency"], in: repo.path)
        // v2.1.0 brings currency back as an integer: new to v2.0.0, incompatible with v1.3.0.
        try edit(repo, Self.orders) {
            $0.replacingOccurrences(of: "version: 2.0.0", with: "version: 2.1.0").replacingOccurrences(
                of: "      - name: total_amount\n",
                with: "      - name: currency\n        logicalType: integer\n        classification: internal\n      - name: total_amount\n"
            )
        }
    }

    @Test func transitiveModesCompareWithEveryEarlierVersion() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try transitiveHistory(repo)
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("[FLD002]"))
        #expect(result.stdout.contains("orders.currency.logicalType changed type from string to integer"))
        #expect(result.stdout.contains("(against the version of "))
        #expect(result.stdout.contains("[TYP001]"))
    }

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

    /// A branch that the base has moved on from is compared with where it left the base (as a
    /// pull request's diff is), not charged with undoing what landed on the base since.
    @Test func aBranchIsComparedWithWhereItLeftTheBase() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try GitCLI.run(["checkout", "--quiet", "-b", "feature"], in: repo.path)
        try edit(repo, "products/logistics/carriers/product.yaml") {
            $0.replacingOccurrences(of: "  tags: [reference-data, logistics]", with: "  tags: [reference-data, logistics, carriers]")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "feature: a tag"], in: repo.path)
        try GitCLI.run(["checkout", "--quiet", "main"], in: repo.path)
        try edit(repo, Self.orders) {
            $0.replacingOccurrences(of: "version: 1.3.0", with: "version: 1.4.0").replacingOccurrences(
                of: "      - name: currency\n",
                with: "      - name: coupon_code\n        logicalType: string\n        classification: internal\n      - name: currency\n")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "main: coupon_code"], in: repo.path)
        let fork = try GitCLI.run(["merge-base", "main", "feature"], in: repo.path)
        try GitCLI.run(["checkout", "--quiet", "feature"], in: repo.path)

        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.stderr.contains("has moved on since the head left it: comparing with where it left, their merge base \(fork.prefix(7))"))
        #expect(result.stdout.contains("check: ok (main (merge base \(fork.prefix(7))) → working tree: 1 product changed, 2 checked"))
        #expect(!result.stdout.contains("coupon_code"))

        let exact = try CommandRunner.dappctl(["check", "--base", "main", "--no-merge-base", "--today", "2026-11-26"], in: repo.path)
        #expect(exact.status == 1)
        #expect(exact.stdout.contains("field orders.coupon_code was removed; consumers that read it break"), "\(exact.stdout)")

        // A head that contains the base (a pull request's merge commit) is compared with the base itself.
        try GitCLI.run(["checkout", "--quiet", "main"], in: repo.path)
        try GitCLI.run(["merge", "--quiet", "--no-ff", "-m", "merge feature", "feature"], in: repo.path)
        let merged = try CommandRunner.dappctl(["check", "--base", "main~1", "--head", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(merged.status == 0, "\(merged.stdout)")
        #expect(merged.stdout.contains("check: ok (main~1 ("))
        #expect(!merged.stderr.contains("merge base"))
    }

    /// A product change that leaves a _TRANSITIVE contract as it was needs no history: a shallow
    /// clone checks it.
    @Test func anUnchangedTransitiveContractNeedsNoHistory() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try edit(repo, "products/sales/orders/product.yaml") {
            $0.replacingOccurrences(of: "      compatibility: BACKWARD", with: "      compatibility: BACKWARD_TRANSITIVE")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "transitive"], in: repo.path)
        try edit(repo, "products/sales/orders/product.yaml") { $0.replacingOccurrences(of: "  tags: [", with: "  tags: [orders, ") }
        try GitCLI.run(["commit", "--quiet", "-am", "a tag"], in: repo.path)
        let clones = try TemporaryDirectory(prefix: "shallow")
        defer { clones.remove() }
        try GitCLI.run(["clone", "--quiet", "--depth", "2", "file://\(repo.path)", "\(clones.path)/clone"])
        let result = try CommandRunner.dappctl(
            ["check", "--base", "origin/main~1", "--head", "origin/main", "--today", "2026-11-26"], in: "\(clones.path)/clone")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("1 contract compared"))
        #expect(!result.stdout.contains("compat/history-incomplete"))
    }

    /// A CI checkout is shallow: a clone that has both revisions is compared as a full one is,
    /// and a _TRANSITIVE port whose earlier versions it lacks blocks and says how to fetch them,
    /// instead of passing on the versions it happens to have.
    @Test func aShallowCloneIsComparedAndATransitiveGapBlocks() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        try transitiveHistory(repo)
        try GitCLI.run(["commit", "--quiet", "-am", "v2.1 brings currency back as an integer"], in: repo.path)
        let clones = try TemporaryDirectory(prefix: "shallow")
        defer { clones.remove() }
        let arguments = ["check", "--base", "origin/main~1", "--head", "origin/main", "--today", "2026-11-26"]

        // Two commits: the base has v2.0.0 and the clone stops there, where the contract existed.
        try GitCLI.run(["clone", "--quiet", "--depth", "2", "file://\(repo.path)", "\(clones.path)/two"])
        let shallow = try CommandRunner.dappctl(arguments, in: "\(clones.path)/two")
        #expect(shallow.status == 1, "\(shallow.stdout)\(shallow.stderr)")
        #expect(
            shallow.stdout.contains(
                "error: BACKWARD_TRANSITIVE on port orders-v1 compares products/sales/orders/orders.odcs.yaml with every earlier "
                    + "version, but this clone is shallow: its history stops at "), "\(shallow.stdout)")
        #expect(shallow.stdout.contains("[compat/history-incomplete]"))
        #expect(shallow.stdout.contains("hint: fetch the whole history ('git fetch --unshallow'; with actions/checkout, 'fetch-depth: 0')"))
        #expect(shallow.stdout.contains("optional field orders.currency was added [FLD002]"), "the base itself is compared")
        #expect(!shallow.stdout.contains("[TYP001]"))

        // The whole history: v1.3.0 had currency as a string, and the gap is gone.
        try GitCLI.run(["fetch", "--quiet", "--unshallow"], in: "\(clones.path)/two")
        let complete = try CommandRunner.dappctl(arguments, in: "\(clones.path)/two")
        #expect(complete.status == 1)
        #expect(complete.stdout.contains("orders.currency.logicalType changed type from string to integer"), "\(complete.stdout)")
        #expect(!complete.stdout.contains("compat/history-incomplete"))

        // One commit: the base was never fetched, and the error says how to fetch it.
        try GitCLI.run(["clone", "--quiet", "--depth", "1", "file://\(repo.path)", "\(clones.path)/one"])
        let missing = try CommandRunner.dappctl(arguments, in: "\(clones.path)/one")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("revision 'origin/main~1' does not exist"), "\(missing.stderr)")
        #expect(missing.stderr.contains("it is a shallow clone, which may not have fetched it"))
        #expect(missing.stdout.isEmpty)
    }

    /// A history that cannot be read is not taken as no history.
    @Test func anUnreadableHistoryBlocksATransitivePort() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        let first = try GitCLI.run(["rev-parse", "HEAD"], in: repo.path)
        try edit(repo, "products/sales/orders/product.yaml") {
            $0.replacingOccurrences(of: "      compatibility: BACKWARD", with: "      compatibility: BACKWARD_TRANSITIVE")
        }
        try GitCLI.run(["commit", "--quiet", "-am", "transitive"], in: repo.path)
        try edit(repo, Self.orders) { $0.replacingOccurrences(of: "version: 1.3.0", with: "version: 1.4.0") }
        // The first commit's object, a well-formed zlib stream that is not a commit.
        let object = "\(repo.path)/.git/objects/\(first.prefix(2))/\(first.dropFirst(2))"
        try FileManager.default.removeItem(atPath: object)
        let blob = try GitCLI.run(["rev-parse", "HEAD:dappmesh.yaml"], in: repo.path)
        try FileManager.default.copyItem(atPath: "\(repo.path)/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))", toPath: object)
        let result = try CommandRunner.dappctl(["check", "--base", "main", "--today", "2026-11-26"], in: repo.path)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.contains(
                "error: BACKWARD_TRANSITIVE on port orders-v1 compares products/sales/orders/orders.odcs.yaml with every earlier "
                    + "version, but its history could not be read: "), "\(result.stdout)")
        #expect(result.stdout.contains("hint: run 'git fsck' in the repository"))
    }

    @Test func badRevisionsAndFoldersSayWhatToDo() throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        let missing = try CommandRunner.dappctl(["check", "--base", "no-such-branch"], in: repo.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no-such-branch"))
        let plain = try TemporaryDirectory()
        defer { plain.remove() }
        try plain.copyContents(of: TestPaths.fixture("demo"))
        let notGit = try CommandRunner.dappctl(["check", "--base", "main", "--repo", plain.path])
        #expect(notGit.status == 1)
        #expect(notGit.stderr.contains("--base needs a Git repository"))
        let headWithoutBase = try CommandRunner.dappctl(["check", "--head", "main"], in: repo.path)
        #expect(headWithoutBase.status == 64)
    }
}

import DappTesting
import Foundation
import Testing

/// `dappctl check --base`: only what a change touches, compared with the base revision.
@Suite struct CheckBaseTests: ChangeChecking {
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

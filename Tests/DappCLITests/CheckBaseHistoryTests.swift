import DappTesting
import Foundation
import Testing

/// `check --base` and Git history: the _TRANSITIVE modes' earlier versions, merge bases, shallow
/// clones and histories that cannot be read.
@Suite struct CheckBaseHistoryTests: ChangeChecking {
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
}

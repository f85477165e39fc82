import DappCore
import Testing

@testable import DappSpecs

@Suite struct SuggestionTests {
    @Test func suggestsTheClosestKnownWord() {
        #expect(Suggestion.closest(to: "ownrs", in: ["owners", "description", "lifecycle"]) == "owners")
        #expect(Suggestion.closest(to: "compatability", in: ["name", "contract", "compatibility"]) == "compatibility")
        #expect(Suggestion.closest(to: "Lifecycle", in: ["lifecycle"]) == "lifecycle")
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggestion.closest(to: "zzz", in: ["owners", "description"]) == nil)
        #expect(Suggestion.closest(to: "x", in: []) == nil)
    }

    @Test func aSwappedPairCostsOne() {
        #expect(Suggestion.editDistance(Array("ab".utf8), Array("ba".utf8)) == 1)
        #expect(Suggestion.editDistance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
    }
}

@Suite struct FormatCheckTests {
    @Test(arguments: ["orders", "a", "orders-v1", "0abc", String(repeating: "a", count: 63)])
    func acceptsDNSLabels(_ name: String) {
        #expect(FormatCheck.dnsLabelProblem(name) == nil)
    }

    @Test(arguments: ["", "Orders", "orders_db", "-orders", "orders-", "or.ders", String(repeating: "a", count: 64)])
    func rejectsWhatIsNotADNSLabel(_ name: String) {
        #expect(FormatCheck.dnsLabelProblem(name) != nil)
    }

    @Test func semanticVersions() {
        for good in ["1.0.0", "0.1.2", "10.20.30", "1.0.0-rc.1", "1.0.0+build.7"] {
            #expect(FormatCheck.isSemver(good), "\(good)")
        }
        for bad in ["1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.a.0", ""] {
            #expect(!FormatCheck.isSemver(bad), "\(bad)")
        }
    }

    @Test func datesAndDurations() {
        #expect(FormatCheck.isDate("2027-01-31"))
        #expect(FormatCheck.isDate("2027-01-31T10:00:00Z"))
        #expect(!FormatCheck.isDate("2027-13-01"))
        #expect(!FormatCheck.isDate("31.01.2027"))
        #expect(DurationText.seconds("90d") == 90 * 86_400)
        #expect(DurationText.seconds("P30D") == 30 * 86_400)
        #expect(DurationText.seconds("15m") == 900)
        #expect(DurationText.seconds("ten days") == nil)
    }
}

@Suite struct RepoPathTests {
    @Test func resolvesRelativeToTheFolder() {
        #expect(RepoPath.resolve("orders.odcs.yaml", from: "products/sales/orders") == "products/sales/orders/orders.odcs.yaml")
        #expect(RepoPath.resolve("./sql/../sql/x.sql", from: "products/sales/orders") == "products/sales/orders/sql/x.sql")
        #expect(RepoPath.resolve("../shared/c.yaml", from: "products/sales/orders") == "products/sales/shared/c.yaml")
    }

    @Test func refusesToClimbAboveTheRoot() {
        // Three levels up is the repository root itself: still inside.
        #expect(RepoPath.resolve("../../../etc/passwd", from: "products/sales/orders") == "etc/passwd")
        #expect(RepoPath.resolve("../../../../etc/passwd", from: "products/sales/orders") == nil)
    }

    @Test func symlinkTargets() {
        #expect(RepoPath.symlinkTarget(at: "products/a/b/c.yaml", linkText: "/etc/hostname") == .outside("/etc/hostname"))
        #expect(RepoPath.symlinkTarget(at: "products/a/b/c.yaml", linkText: "../../../../x") == .outside("../../../../x"))
        #expect(RepoPath.symlinkTarget(at: "products/a/b/c.yaml", linkText: "d.yaml") == .inside("products/a/b/d.yaml"))
    }

    @Test func classifiesTheLayout() {
        #expect(RepoLayout.place(of: "dappmesh.yaml") == .config)
        #expect(
            RepoLayout.place(of: "products/sales/orders/sub/x.yaml")
                == .product(ProductRef(domain: "sales", name: "orders"), folder: "products/sales/orders"))
        #expect(RepoLayout.place(of: "policies/p.yaml") == .policies)
        #expect(RepoLayout.place(of: "policies/tests/t.yaml") == nil)
        #expect(RepoLayout.place(of: "products/sales/x.yaml") == nil)
        #expect(RepoLayout.place(of: "products//orders/x.yaml") == nil)
        #expect(RepoLayout.place(of: "docs/x.yaml") == nil)
    }
}

@Suite struct CycleFinderTests {
    @Test func findsEachCycleOnceFromItsSmallestNode() {
        var graph = CycleFinder<String>()
        graph.addNode("c", edges: ["a"])
        graph.addNode("a", edges: ["b"])
        graph.addNode("b", edges: ["c", "d"])
        graph.addNode("d", edges: [])
        graph.addNode("x", edges: ["y"])
        graph.addNode("y", edges: ["x"])
        #expect(graph.cycles() == [["a", "b", "c"], ["x", "y"]])
    }

    @Test func anAcyclicGraphHasNone() {
        var graph = CycleFinder<Int>()
        for i in 0..<1_000 { graph.addNode(i, edges: i > 0 ? [i - 1] : []) }
        #expect(graph.cycles().isEmpty)
    }

    @Test func edgesToUnknownNodesAreIgnored() {
        var graph = CycleFinder<String>()
        graph.addNode("a", edges: ["missing"])
        #expect(graph.cycles().isEmpty)
    }
}

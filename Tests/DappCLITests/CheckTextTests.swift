import DappCore
import Testing

@testable import DappCLI

/// The compiler-style text report: a check of many products renders its findings on every core,
/// and must still print them once each, in the report's order, with the summary last.
@Suite struct CheckTextTests {
    @Test func manyFindingsPrintInOrderWithTheSummaryLast() {
        let count = 5_000
        let report = CheckReport(
            command: "check", repository: "/srv/specs",
            items: (1...count).map { n in
                CheckReport.Item(
                    category: .policy, severity: n.isMultiple(of: 3) ? .warning : .error, rule: "contract/fields-classified",
                    message: "field f\(n) has no classification",
                    location: SourceLocation(file: "products/p/contracts/c.yaml", line: n, column: 7),
                    hint: n.isMultiple(of: 1_000) ? "classify it" : nil, blocking: !n.isMultiple(of: 3))
            }, passed: false, strict: false, counts: .init(files: 1, products: 1, policies: 1, evaluations: count))
        let lines = CheckText.render(report).split(separator: "\n").map(String.init)
        let findings = lines.filter { $0.hasPrefix("products/") }
        #expect(findings.map { Int($0.split(separator: ":")[1]) } == (1...count).map { $0 })
        #expect(lines.count { $0 == "    hint: classify it" } == 5)
        #expect(
            lines.firstIndex(of: "    hint: classify it") == lines.firstIndex { $0.hasPrefix("products/p/contracts/c.yaml:1000:") }! + 1)
        #expect(lines.last == CheckText.summary(report))
        #expect(lines.last?.contains("3334 errors") == true, "\(lines.last ?? "")")
    }

    /// Whether `a`'s line comes before `b`'s, compared whole: the order of `Diagnostic`, on the
    /// lines as shown. What the report's keyed sort must give.
    static func precedes(_ a: CheckReport.Item, _ b: CheckReport.Item) -> Bool {
        if a.location != b.location { return a.location < b.location }
        let (severityA, severityB) = (CheckText.severity(of: a), CheckText.severity(of: b))
        if severityA != severityB { return severityA < severityB }
        if a.rule != b.rule { return a.rule < b.rule }
        return CheckText.message(of: a) < CheckText.message(of: b)
    }

    /// The report's order, sorted by a key made once per item, is the order of `precedes`.
    @Test func sortingByKeysKeepsTheOrderOfTheLines() {
        var generator = SystemRandomNumberGenerator()
        let files = ["b.yaml", "a.yaml", "products/x/y/contract.odcs.yaml", "products/x/y/access.yaml", "z"]
        let severities: [Diagnostic.Severity] = [.error, .warning, .note]
        let items = (0..<600).map { _ in
            let waived = Int.random(in: 0..<5, using: &generator) == 0
            return CheckReport.Item(
                category: .policy, severity: severities.randomElement(using: &generator)!,
                rule: ["r/a", "r/b", "r/c"].randomElement(using: &generator)!, message: ["one", "two"].randomElement(using: &generator)!,
                location: SourceLocation(
                    file: files.randomElement(using: &generator)!, line: Int.random(in: 0...4, using: &generator),
                    column: Int.random(in: 1...3, using: &generator)),
                hint: nil, resource: ["R/1", "R/2"].randomElement(using: &generator)!, blocking: !waived,
                waiver: waived ? CheckReport.Waiver(exception: "e", owner: "o", expires: "2099-01-01") : nil)
        }
        let expected = items.indices.sorted { Self.precedes(items[$0], items[$1]) }
        let order = CheckReportBuilder.order(of: items)
        #expect(order.map { CheckText.lines(items[$0]) } == expected.map { CheckText.lines(items[$0]) })
    }

    /// Items are put in order by swaps along the permutation's cycles: the same as picking them.
    @Test func permutingMovesEachItemToItsPlace() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 7, 100, 1_000] {
            let items = (0..<count).map { index in
                CheckReport.Item(
                    category: .validation, severity: .error, rule: "r\(index)", message: "m", location: SourceLocation(file: "f"),
                    hint: nil,
                    blocking: true)
            }
            let order = Array(items.indices).shuffled(using: &generator)
            var permuted = items
            CheckReportBuilder.permute(&permuted, into: order)
            #expect(permuted.map(\.rule) == order.map { items[$0].rule }, "\(count) items")
        }
    }

    /// Findings sort as their lines read: by place, then the severity shown (a waived error is a
    /// note), then rule, then the message shown (which names a policy finding's resource).
    @Test func findingsAtOnePlaceSortAsTheirLinesRead() {
        let place = SourceLocation(file: "products/sales/orders/access.yaml", line: 4, column: 3)
        func item(_ rule: String, _ resource: String, _ severity: Diagnostic.Severity = .error, waived: Bool = false) -> CheckReport.Item {
            CheckReport.Item(
                category: .policy, severity: severity, rule: rule, message: "is wrong", location: place, hint: nil, resource: resource,
                blocking: !waived, waiver: waived ? CheckReport.Waiver(exception: "ok", owner: "me", expires: "2099-01-01") : nil)
        }
        var builder = CheckReportBuilder(command: "check", repository: ".", strict: false)
        builder.items = [
            item("security/b", "AccessPolicy/sales/orders.z", waived: true),
            item("security/b", "AccessPolicy/sales/orders.b"),
            item("security/a", "AccessPolicy/sales/orders.y", .warning),
            item("security/b", "AccessPolicy/sales/orders.a"),
            item("security/c", "AccessPolicy/sales/orders.c"),
        ]
        let lines = CheckText.render(builder.report()).split(separator: "\n").filter { $0.hasPrefix("products/") }
        #expect(
            lines.map { String($0.dropFirst("products/sales/orders/access.yaml:4:3: ".count)) } == [
                "error: AccessPolicy/sales/orders.a: is wrong [security/b]",
                "error: AccessPolicy/sales/orders.b: is wrong [security/b]",
                "error: AccessPolicy/sales/orders.c: is wrong [security/c]",
                "warning: AccessPolicy/sales/orders.y: is wrong [security/a]",
                "note: waived: is wrong (exception 'ok', owner me, until 2099-01-01) [security/b]",
            ])
    }
}

import DappCore
import Testing

@testable import DappPolicy

@Suite struct CalendarDateTests {
    @Test func parsesOnlyRealDays() {
        #expect(CalendarDate(parsing: "2026-11-26")?.description == "2026-11-26")
        #expect(CalendarDate(parsing: "2028-02-29") != nil)
        #expect(CalendarDate(parsing: "2027-02-29") == nil)
        #expect(CalendarDate(parsing: "2026-13-01") == nil)
        #expect(CalendarDate(parsing: "26-11-2026") == nil)
        #expect(CalendarDate(parsing: "2026-1-5") == nil)
    }

    @Test func dayArithmetic() {
        let day = CalendarDate(year: 2026, month: 11, day: 1)!
        #expect(day.adding(days: 90).description == "2027-01-30")
        #expect(day.days(until: CalendarDate(year: 2027, month: 11, day: 1)!) == 365)
        #expect(CalendarDate(unixSeconds: 0).description == "1970-01-01")
        #expect(CalendarDate(unixSeconds: 1_795_651_200).description == "2026-11-26")
        #expect(CalendarDate(unixSeconds: -1).description == "1969-12-31")
    }
}

@Suite struct EmbeddedSourceTests {
    let start = SourceLocation(file: "policies/p.yaml", line: 10, column: 19)

    @Test func plainAndQuotedScalarsMapColumns() {
        #expect(
            EmbeddedSource("a", at: start, style: .inline(offset: 0)).location(line: 1, column: 5).description == "policies/p.yaml:10:23")
        #expect(
            EmbeddedSource("a", at: start, style: .inline(offset: 1)).location(line: 1, column: 5).description == "policies/p.yaml:10:24")
    }

    @Test func blockScalarsStartOnTheNextLine() {
        let block = EmbeddedSource("a\nb", at: start, style: .block(indent: 8))
        #expect(block.location(line: 1, column: 1).description == "policies/p.yaml:11:9")
        #expect(block.location(line: 2, column: 4).description == "policies/p.yaml:12:12")
    }
}

@Suite struct GlobTests {
    @Test func starMatchesAnyRun() {
        #expect(Glob.matches("orders", "orders"))
        #expect(!Glob.matches("orders", "orders-v2"))
        #expect(Glob.matches("orders*", "orders-v2"))
        #expect(Glob.matches("*", "anything"))
        #expect(Glob.matches("*-v*", "orders-v2"))
        #expect(!Glob.matches("*-v*", "orders"))
        #expect(Glob.matches("a*b*c", "abc"))
        #expect(!Glob.matches("a*b*c", "acb"))
        #expect(Glob.matches("leaky.*", "leaky.exports"))
    }
}

@Suite struct DocumentPathTests {
    @Test func parsesKubernetesStyleFieldPaths() {
        #expect(DocumentPath(parsing: ".spec.roles[0].grants")?.description == "spec.roles[0].grants")
        #expect(DocumentPath(parsing: "spec.publicAccess")?.components == [.key("spec"), .key("publicAccess")])
        #expect(DocumentPath(parsing: "spec..x") == nil)
        #expect(DocumentPath(parsing: "spec[x]") == nil)
        #expect(DocumentPath(parsing: "") == nil)
    }
}

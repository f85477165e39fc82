import DappCore
import DappTesting
import Testing

@testable import DappCLI

@Suite struct GitHubAnnotationsTests {
    @Test func representativeReportMatchesGolden() {
        ReportFiles.compare(GitHubAnnotations.render(ReportSamples.representative), "check.github.txt")
    }

    @Test func emptyReportMatchesGolden() {
        ReportFiles.compare(GitHubAnnotations.render(ReportSamples.empty), "check-empty.github.txt")
    }

    @Test func oneCommandPerFindingAndASummary() {
        let lines = GitHubAnnotations.render(ReportSamples.representative).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == ReportSamples.representative.items.count + 2)  // the summary, then the final newline
        #expect(lines.last == "")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("::") })
        #expect(
            lines.map { $0.prefix { $0 != " " } }.dropLast() == [
                "::error", "::error", "::notice", "::error", "::warning", "::notice", "::error", "::notice",
            ])
        #expect(
            lines[0]
                == "::error file=products/sales/orders/product.yaml,line=7,col=3,title=spec/unknown-field::unknown field 'ownr' "
                + "in DappProduct (did you mean 'owner'?)%0Ahint: remove the field or fix its spelling")
        // A finding whose line is unknown has no line or col.
        #expect(lines[5].hasPrefix("::notice file=products/sales/orders/contracts/orders.odcs.yaml,title=FLD002 (field-added)::"))
        // A known line without a column has no col.
        #expect(lines[6].hasPrefix("::error file=products/sales/orders/store tables/o|rders <v2> 100%25%2Ca%3Ab.yaml,line=3,title="))
        #expect(lines[6].contains("100%25 of 'x & y'"))
        #expect(lines[6].contains(",%0Asee *docs*"))
        #expect(lines[2].hasSuffix("%0Awaived by exception customer-segments-single-owner (owner team-crm@example.com) until 2027-02-15"))
        #expect(
            lines[7]
                == "::notice title=dappctl check::check: failed with 4 errors, 1 warning, 1 waived "
                + "(45 files, 8 products, 18 policies, 174 evaluations, 3 contracts compared)")
    }

    @Test func escapesDataAndProperties() {
        #expect(GitHubAnnotations.escapeData("100%\r\na:b,c") == "100%25%0D%0Aa:b,c")
        #expect(GitHubAnnotations.escapeProperty("100%\r\na:b,c") == "100%25%0D%0Aa%3Ab%2Cc")
    }
}

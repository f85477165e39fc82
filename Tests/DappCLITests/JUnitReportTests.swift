import DappCore
import DappTesting
import Foundation
import Testing

@testable import DappCLI

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What an XML parser makes of a JUnit report: the elements in document order with their attributes
/// and text, or the parser's error.
final class JUnitDocument: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    struct NotWellFormed: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    static func parse(_ xml: String) throws -> JUnitDocument {
        let document = JUnitDocument()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = document
        guard parser.parse() else {
            throw NotWellFormed(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        return document
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        open.removeLast()
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
}

@Suite struct JUnitReportTests {
    @Test func representativeReportMatchesGolden() {
        ReportFiles.compare(JUnitReport.render(ReportSamples.representative), "check.junit.xml")
    }

    @Test func emptyReportMatchesGolden() {
        ReportFiles.compare(JUnitReport.render(ReportSamples.empty), "check-empty.junit.xml")
    }

    @Test func wellFormedWithCountsThatAddUp() throws {
        let document = try JUnitDocument.parse(JUnitReport.render(ReportSamples.representative))
        let root = try #require(document.all("testsuites").first)
        #expect(root.attributes["tests"] == "7")
        #expect(root.attributes["failures"] == "4")
        #expect(root.attributes["skipped"] == "1")
        let suites = document.all("testsuite")
        #expect(
            suites.map { $0.attributes["name"] } == ["dappctl check: validation", "dappctl check: policy", "dappctl check: compatibility"])
        #expect(suites.map { $0.attributes["tests"] } == ["2", "3", "2"])
        #expect(suites.map { $0.attributes["failures"] } == ["2", "1", "1"])
        #expect(suites.map { $0.attributes["skipped"] } == ["0", "1", "0"])
        #expect(document.all("testcase").count == 7)
        #expect(document.all("failure").count == 4)
        #expect(document.all("skipped").count == 1)

        let cases = document.all("testcase")
        #expect(cases[0].attributes["classname"] == "DappProduct/sales/orders")
        #expect(cases[0].attributes["name"] == "spec/unknown-field products/sales/orders/product.yaml:7")
        // A finding without a resource is classed by its file.
        #expect(cases[1].attributes["classname"] == "products/sales/orders/store tables/o|rders <v2> 100%,a:b.yaml")

        // Attribute values come back exactly, newlines included; the control character is shown, not emitted.
        let tricky = try #require(document.all("failure").first { $0.attributes["type"] == "spec/invalid-value" })
        #expect(tricky.attributes["message"] == ReportSamples.trickyMessage.replacingOccurrences(of: "\u{7}", with: "\\u{7}"))
        #expect(tricky.text.contains("hint: quote it: \"a|b\" & <done>"))

        let skipped = try #require(document.all("skipped").first)
        #expect(
            skipped.attributes["message"]
                == "waived by exception customer-segments-single-owner (owner team-crm@example.com) until 2027-02-15")
    }

    @Test func emptyReportHasOnePassingCasePerCategory() throws {
        let document = try JUnitDocument.parse(JUnitReport.render(ReportSamples.empty))
        #expect(document.all("testsuites").first?.attributes["tests"] == "2")
        #expect(document.all("testsuite").map { $0.attributes["name"] } == ["dappctl check: validation", "dappctl check: policy"])
        #expect(document.all("testcase").map { $0.attributes["name"] } == ["no findings", "no findings"])
        #expect(document.all("failure").isEmpty)
    }

    @Test func escapesEverythingXMLCannotCarryAsIs() {
        #expect(JUnitReport.attribute("a&b<c>\"d'e\nf\tg\rh\u{1}i") == "a&amp;b&lt;c&gt;&quot;d&apos;e&#10;f&#9;g&#13;h\\u{1}i")
        #expect(JUnitReport.text("a&b<c>]]>\nd\u{FFFE}") == "a&amp;b&lt;c&gt;]]&gt;\nd\\u{FFFE}")
        // Other characters whose first byte is 0xEF, as U+FFFE's is, pass unchanged.
        #expect(JUnitReport.text("\u{FFFD}\u{F000}x\u{FFFF}'") == "\u{FFFD}\u{F000}x\\u{FFFF}&apos;")
        #expect(JUnitReport.attribute("日本 — ok") == "日本 — ok")
    }
}

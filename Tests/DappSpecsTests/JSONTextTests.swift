import Foundation
import Testing

@testable import DappCore

/// JSON text: what each value and escape looks like, and a long list rendered a slice per core
/// gives the same bytes as one written element by element.
@Suite struct JSONTextTests {
    @Test func rendersValuesInTheGivenKeyOrder() {
        let value = SpecValue.map([
            .init(key: "z", value: .int(-3)), .init(key: "a", value: .list([.bool(true), .null, .double(2.5), .double(4)])),
            .init(key: "empty", value: .map([])), .init(key: "none", value: .list([])), .init(key: "nan", value: .double(.nan)),
        ])
        #expect(
            JSONText.render(value) == """
                {
                  "z": -3,
                  "a": [
                    true,
                    null,
                    2.5,
                    4
                  ],
                  "empty": {},
                  "none": [],
                  "nan": null
                }
                """)
        #expect(JSONText.render(value, pretty: false) == #"{"z":-3,"a":[true,null,2.5,4],"empty":{},"none":[],"nan":null}"#)
    }

    @Test func escapesQuotesBackslashesAndControlCharactersOnly() {
        #expect(JSONText.render(.string("a\"b\\c\nd\re\tf\u{1}g\u{1F}")) == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
        // Everything else, multi-byte characters and U+2028 included, is copied as it is.
        #expect(JSONText.render(.string("é—日本😀\u{2028}/")) == "\"é—日本😀\u{2028}/\"")
        #expect(JSONText.render(.string("\"")) == #""\"""#)
        #expect(JSONText.render(.string("")) == #""""#)
    }

    @Test(arguments: [false, true])
    func longListsRenderTheSameInSlices(pretty: Bool) throws {
        let elements = (0..<(3 * JSONText.sliceSize + 7)).map { n -> SpecValue in
            .map([
                .init(key: "n", value: .int(n)), .init(key: "text", value: .string("item \"\(n)\"\n")),
                .init(key: "nested", value: .list((0..<(n % 3)).map { .list([.int($0)]) })),
            ])
        }
        let value = SpecValue.map([.init(key: "items", value: .list(elements)), .init(key: "after", value: .bool(false))])
        var serial = JSONText.Writer(pretty: pretty, parallel: false)
        serial.write(value, indent: 0)
        let rendered = JSONText.render(value, pretty: pretty)
        #expect(rendered == serial.text)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        let items = try #require(parsed["items"] as? [[String: Any]])
        #expect(items.map { $0["n"] as? Int } == elements.indices.map { $0 })
        #expect(items.last?["text"] as? String == "item \"\(elements.count - 1)\"\n")
    }
}

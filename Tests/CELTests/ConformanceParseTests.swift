import CEL
import Foundation
import Testing

/// Parses every `expr` of the core cel-spec conformance files (/work/shared/cel-spec/json).
/// None of the tests in these files expects a parse error, so every expression must parse, except
/// those listed with a reason in `parse_known_failures.txt` (`file/section/test: reason`).
@Suite struct ConformanceParseTests {
    static let files = [
        "basic", "comparisons", "conversions", "fields", "lists", "logic", "macros", "integer_math", "fp_math",
        "string", "parse",
    ]

    static var testsDirectory: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent() }

    static var specDirectory: URL { CELSpecLocation.root.appendingPathComponent("json") }

    static func knownFailures() throws -> [String: String] {
        let text = try String(
            contentsOf: testsDirectory.appendingPathComponent("parse_known_failures.txt"), encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let id = line[..<colon].trimmingCharacters(in: .whitespaces)
            result[id] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    @Test(arguments: files)
    func everyExpressionParses(file: String) throws {
        let url = Self.specDirectory.appendingPathComponent("\(file).json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing conformance file \(url.path)")
            return
        }
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let known = try Self.knownFailures()
        var total = 0
        var parsed = 0
        for section in json["section"] as? [[String: Any]] ?? [] {
            for test in section["test"] as? [[String: Any]] ?? [] {
                guard let expr = test["expr"] as? String else { continue }
                let id = "\(file)/\(section["name"] as? String ?? "")/\(test["name"] as? String ?? "")"
                let macros = !(test["disable_macros"] as? Bool ?? false)
                total += 1
                do {
                    _ = try CELParser.parse(expr, options: CELParseOptions(macros: macros))
                    parsed += 1
                    if known[id] != nil { Issue.record("\(id) parses now: remove it from parse_known_failures.txt") }
                } catch let error as CELParseError {
                    if known[id] == nil {
                        Issue.record("\(id): \(error)\n\(error.snippet(in: expr))")
                    }
                }
            }
        }
        print("conformance parse \(file): \(parsed)/\(total)")
        #expect(total > 0)
    }

    /// The string and bytes literal tests of parse.json: the parsed literal equals the expected value.
    ///
    /// Two bytes tests are skipped: their textproto value `" \? ..."` means `?` (text-format escape),
    /// but the JSON conversion kept the backslash, so json/parse.json expects the wrong bytes.
    @Test func literalValuesMatch() throws {
        let url = Self.specDirectory.appendingPathComponent("parse.json")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var checked = 0
        for section in json["section"] as? [[String: Any]] ?? [] {
            for test in section["test"] as? [[String: Any]] ?? [] {
                guard let expr = test["expr"] as? String, let value = test["value"] as? [String: Any] else { continue }
                if section["name"] as? String == "bytes_literals", (test["name"] as? String)?.hasSuffix("_unescaped_punctuation") == true {
                    continue
                }
                let expected: CELLiteral
                if let string = value["string_value"] as? String {
                    expected = .string(string)
                } else if let base64 = value["bytes_value"] as? String, let data = Data(base64Encoded: base64) {
                    expected = .bytes(Array(data))
                } else {
                    continue
                }
                let root = try CELParser.parse(expr).root
                guard case .literal(let actual) = root.kind else { continue }
                #expect(actual == expected, "\(test["name"] ?? ""): \(expr)")
                checked += 1
            }
        }
        #expect(checked >= 140)
    }
}

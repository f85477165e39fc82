import CEL
import Foundation
import Testing

/// Evaluates the cel-spec conformance tests that need no protobuf messages and no type checker.
/// Tests listed in `eval_known_failures.txt` (`file/section/test — reason`) must still fail, so
/// the list stays honest; every other applicable test must pass.
@Suite struct ConformanceEvalTests {
    static let files = [
        "basic", "comparisons", "conversions", "integer_math", "fp_math", "logic", "lists", "macros", "string",
        "timestamps", "string_ext", "math_ext", "optionals", "bindings_ext", "fields", "namespace", "plumbing", "parse",
    ]

    static var testsDirectory: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent() }

    static var specRoot: URL { CELSpecLocation.root }

    static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func knownFailures() throws -> [String: String] {
        var result: [String: String] = [:]
        for line in try lines(testsDirectory.appendingPathComponent("eval_known_failures.txt")) where !line.hasPrefix("#") {
            let parts = line.components(separatedBy: " — ")
            result[parts[0].trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    enum Expectation {
        case value(CELValue)
        case error
    }

    enum Unsupported: Error {
        case value(String)
    }

    /// A `cel.expr.Value` in protobuf JSON.
    static func value(_ json: [String: Any]) throws -> CELValue {
        if let s = json["int64_value"] as? String, let v = Int64(s) { return .int(v) }
        if let s = json["uint64_value"] as? String, let v = UInt64(s) { return .uint(v) }
        if let d = json["double_value"] {
            if let s = d as? String {
                switch s {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default: throw Unsupported.value(s)
                }
            }
            if let n = d as? NSNumber { return .double(n.doubleValue) }
        }
        if let s = json["string_value"] as? String { return .string(s) }
        if let s = json["bytes_value"] as? String, let data = Data(base64Encoded: s) { return .bytes(Array(data)) }
        if let b = json["bool_value"] as? Bool { return .bool(b) }
        if json["null_value"] != nil { return .null }
        if let s = json["type_value"] as? String { return .type(CELType(name: s)) }
        if let object = json["object_value"] as? [String: Any], let text = object["value"] as? String {
            switch object["@type"] as? String {
            case "type.googleapis.com/google.protobuf.Duration":
                if let d = CELDuration(parsing: text) { return .duration(d) }
            case "type.googleapis.com/google.protobuf.Timestamp":
                if let t = CELTimestamp(rfc3339: text) { return .timestamp(t) }
            default:
                break
            }
        }
        if let list = json["list_value"] as? [String: Any] {
            return .list(try (list["values"] as? [[String: Any]] ?? []).map { try value($0) })
        }
        if let map = json["map_value"] as? [String: Any] {
            var result = CELMap()
            for entry in map["entries"] as? [[String: Any]] ?? [] {
                let key = try value(entry["key"] as? [String: Any] ?? [:])
                result.insert(try value(entry["value"] as? [String: Any] ?? [:]), forKey: key)
            }
            return .map(result)
        }
        throw Unsupported.value("\(json.keys.sorted())")
    }

    /// Structural equality where NaN equals NaN and the numeric kind must match.
    static func same(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || x == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            return x.count == y.count
                && x.entries.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
        default: return a == b
        }
    }

    struct Outcome {
        var applicable = 0
        var passed = 0
        var failures: [String: String] = [:]
    }

    static func run(file: String) throws -> Outcome {
        let needsProto = Set(try lines(specRoot.appendingPathComponent("_needs_proto.txt")))
        let url = specRoot.appendingPathComponent("json/\(file).json")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var outcome = Outcome()
        for section in json["section"] as? [[String: Any]] ?? [] {
            for test in section["test"] as? [[String: Any]] ?? [] {
                guard let expr = test["expr"] as? String else { continue }
                let id = "\(file)/\(section["name"] as? String ?? "")/\(test["name"] as? String ?? "")"
                if needsProto.contains(id) || test["check_only"] as? Bool == true { continue }
                if test["typed_result"] != nil || test["unknown"] != nil || test["any_unknowns"] != nil { continue }
                let expectation: Expectation
                var variables: [String: CELValue] = [:]
                do {
                    if let v = test["value"] as? [String: Any] {
                        expectation = .value(try value(v))
                    } else if test["eval_error"] != nil || test["any_eval_errors"] != nil {
                        expectation = .error
                    } else {
                        expectation = .value(.bool(true))
                    }
                    for (name, binding) in test["bindings"] as? [String: [String: Any]] ?? [:] {
                        guard let v = binding["value"] as? [String: Any] else { throw Unsupported.value(name) }
                        variables[name] = try value(v)
                    }
                } catch {
                    continue
                }
                outcome.applicable += 1
                let macros = !(test["disable_macros"] as? Bool ?? false)
                let result: Result<CELValue, any Error>
                do {
                    let options = CELProgram.Options(container: test["container"] as? String ?? "")
                    let program = CELProgram(
                        try CELParser.parse(expr, options: CELParseOptions(macros: macros)), options: options)
                    result = .success(try program.evaluate(CELActivation(variables)))
                } catch {
                    result = .failure(error)
                }
                switch (expectation, result) {
                case (.value(let expected), .success(let actual)) where same(expected, actual):
                    outcome.passed += 1
                case (.error, .failure):
                    outcome.passed += 1
                case (.value(let expected), .success(let actual)):
                    outcome.failures[id] = "\(expr): expected \(expected), got \(actual)"
                case (.value(let expected), .failure(let error)):
                    outcome.failures[id] = "\(expr): expected \(expected), got error \(error)"
                case (.error, .success(let actual)):
                    outcome.failures[id] = "\(expr): expected an error, got \(actual)"
                }
            }
        }
        return outcome
    }

    @Test(arguments: files)
    func conformance(file: String) throws {
        let outcome = try Self.run(file: file)
        let known = try Self.knownFailures().filter { $0.key.hasPrefix(file + "/") }
        print("conformance eval \(file): \(outcome.passed)/\(outcome.applicable)")
        for (id, message) in outcome.failures.sorted(by: { $0.key < $1.key }) where known[id] == nil {
            Issue.record("\(id): \(message)")
        }
        for id in known.keys.sorted() where outcome.failures[id] == nil {
            Issue.record("\(id) passes now (or is not applicable): remove it from eval_known_failures.txt")
        }
        #expect(outcome.applicable > 0)
    }
}

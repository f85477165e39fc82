import DappCore
import DappYAML

/// Checks one YAML node tree against a `Schema`, collecting every problem with its location.
public struct SchemaValidator {
    public private(set) var diagnostics: [Diagnostic] = []
    /// What the document is, for messages (`DappProduct`, `dappmesh.yaml`).
    let subject: String

    public init(subject: String) {
        self.subject = subject
    }

    public mutating func validate(_ node: YAMLNode, against schema: Schema, path: FieldPath) {
        switch schema {
        case .described(let inner, _):
            validate(node, against: inner, path: path)
        case .any:
            return
        case .scalar:
            if node.scalar == nil || node.isNull { typeError(node, expected: "a scalar value", path: path) }
        case .string(let rules):
            validateString(node, rules, path: path)
        case .integer(let min, let max):
            guard let scalar = node.scalar, scalar.kind == .int else {
                return typeError(node, expected: "an integer", path: path)
            }
            guard let value = scalar.int else {
                return report(.specValue, "\(path) is out of range", at: node, path: path)
            }
            if let min, value < min {
                report(.specValue, "\(path) must be at least \(min), got \(value)", at: node, path: path)
            }
            if let max, value > max {
                report(.specValue, "\(path) must be at most \(max), got \(value)", at: node, path: path)
            }
        case .number:
            guard let scalar = node.scalar, scalar.kind == .int || scalar.kind == .float else {
                return typeError(node, expected: "a number", path: path)
            }
        case .boolean:
            guard let scalar = node.scalar, scalar.kind == .bool else {
                var hint: String?
                if let text = node.string, ["yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off"].contains(text) {
                    hint = "YAML 1.2 reads '\(text)' as a string; write true or false"
                }
                return typeError(node, expected: "a boolean (true or false)", path: path, hint: hint)
            }
        case .secretRef:
            if node.scalar != nil, !node.isNull {
                report(
                    .secLiteralSecret, "\(path) holds a literal value; secrets may only be given as a reference", at: node, path: path,
                    hint:
                        "write '\(path.last): {secretRef: {name: SECRET, key: KEY}}' and keep the value in the environment, a file or a Kubernetes Secret"
                )
                return
            }
            validate(node, against: SecretRefSchema.schema, path: path)
        case .array(let items, let minItems):
            guard let elements = node.sequence else { return typeError(node, expected: "a list", path: path) }
            if let minItems, elements.count < minItems {
                report(.specRequired, "\(path) needs at least \(minItems) item\(minItems == 1 ? "" : "s")", at: node, path: path)
            }
            let base = path.sealed
            for index in elements.indices {
                validate(elements[index], against: items, path: base.index(index))
            }
        case .map(let values):
            guard let pairs = node.mapping else { return typeError(node, expected: "a mapping", path: path) }
            let base = path.sealed
            for i in pairs.indices {
                validate(pairs[i].value, against: values, path: base.key(pairs[i].key.scalar?.text ?? "?"))
            }
        case .object(let object):
            validateObject(node, object, path: path)
        case .oneOf(let options):
            validateOneOf(node, options, path: path)
        }
    }

    private mutating func validateObject(_ node: YAMLNode, _ object: ObjectSchema, path: FieldPath) {
        guard let pairs = node.mapping else { return typeError(node, expected: "a mapping", path: path) }
        // Which properties are present, as bits: no set of strings per visited mapping.
        var present = PresenceBits(count: object.properties.count)
        let base = path.sealed
        for i in pairs.indices {
            guard case .scalar(let keyScalar) = pairs[i].key.value else { continue }
            let key = keyScalar.text
            if let index = object.index(of: key) {
                present.insert(index)
                validate(pairs[i].value, against: object.baseSchema(at: index), path: base.key(key))
            } else if !object.additionalProperties {
                let known = object.properties.map(\.name)
                let hint =
                    Suggestion.hint(for: key, in: known)
                    ?? "allowed fields here: \(known.joined(separator: ", "))"
                report(
                    .specUnknownField, "unknown field '\(key)' in \(path.isRoot ? subject : path.description)", at: pairs[i].key,
                    path: path.key(key), hint: hint)
            }
        }
        for index in object.requiredIndexes where !present.contains(index) {
            report(
                .specRequired, "missing required field '\(path.key(object.properties[index].name))'", at: node,
                path: path.key(object.properties[index].name))
        }
    }

    private mutating func validateOneOf(_ node: YAMLNode, _ options: [Schema], path: FieldPath) {
        // Take the first option whose outer shape fits, so the errors shown are about that shape.
        for option in options where Self.shapeMatches(node, option) {
            validate(node, against: option, path: path)
            return
        }
        let names = options.map(Self.shapeName).joined(separator: " or ")
        typeError(node, expected: names, path: path)
    }

    static func shapeMatches(_ node: YAMLNode, _ schema: Schema) -> Bool {
        switch schema.base {
        case .object, .map: return node.mapping != nil
        case .array: return node.sequence != nil
        case .string: return node.string != nil
        case .integer: return node.scalar?.kind == .int
        case .number: return node.scalar?.kind == .int || node.scalar?.kind == .float
        case .boolean: return node.scalar?.kind == .bool
        case .scalar: return node.scalar != nil
        case .secretRef: return node.mapping != nil
        case .any: return true
        case .oneOf(let inner): return inner.contains { shapeMatches(node, $0) }
        case .described: return false
        }
    }

    static func shapeName(_ schema: Schema) -> String {
        switch schema.base {
        case .object, .map, .secretRef: return "a mapping"
        case .array: return "a list"
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "a boolean"
        case .scalar: return "a scalar value"
        case .any: return "any value"
        case .oneOf(let inner): return inner.map(shapeName).joined(separator: " or ")
        case .described: return "a value"
        }
    }

    private mutating func validateString(_ node: YAMLNode, _ rules: StringRules, path: FieldPath) {
        guard let text = node.string else {
            var hint: String?
            if let scalar = node.scalar, scalar.kind != .string, scalar.kind != .null {
                hint = "quote it: '\(scalar.text)'"
                if rules.allowed != nil || rules.format == .semver { hint = "quote it: \"\(scalar.text)\"" }
            }
            return typeError(node, expected: "a string", path: path, hint: hint)
        }
        // `count` walks the text; for the usual minLength of 1 emptiness says the same.
        if let minLength = rules.minLength, text.utf8.count < minLength || (minLength > 1 && text.count < minLength) {
            report(.specValue, "\(path) must not be empty", at: node, path: path)
        }
        if let allowed = rules.allowed, !Self.contains(allowed, text) {
            report(
                .specEnum, "\(path) must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", ")); got '\(text)'", at: node,
                path: path, hint: Suggestion.hint(for: text, in: allowed))
        }
        if let format = rules.format, let problem = FormatCheck.problem(with: text, format: format) {
            report(
                format == .dnsLabel ? .specName : .specValue, "\(path) '\(text)' \(problem)", at: node, path: path,
                hint: FormatCheck.hint(for: format, text: text))
        }
    }

    /// `allowed.contains(text)`, comparing lengths before text.
    @inline(__always)
    static func contains(_ allowed: [String], _ text: String) -> Bool {
        let length = text.utf8.count
        for value in allowed where value.utf8.count == length && value == text { return true }
        return false
    }

    private mutating func typeError(_ node: YAMLNode, expected: String, path: FieldPath, hint: String? = nil) {
        report(
            .specType, "\(path.isRoot ? subject : path.description) must be \(expected), not \(node.kindDescription)", at: node, path: path,
            hint: hint)
    }

    mutating func report(
        _ rule: RuleID, _ message: String, at node: YAMLNode, path: FieldPath, hint: String? = nil, severity: Diagnostic.Severity = .error
    ) {
        diagnostics.append(
            Diagnostic(severity, rule, message, at: node.location, hint: hint, fieldPath: path.isRoot ? nil : path.description))
    }
}

extension YAMLNode {
    public var location: SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}

/// Secret references: the only shape a secret may take in a spec.
enum SecretRefSchema {
    static let schema: Schema = .object([
        .required(
            "secretRef",
            .object([
                .required(
                    "name",
                    .string(StringRules(minLength: 1)).describe(
                        "Name of the secret (environment variable prefix, file or Kubernetes Secret).")),
                .required("key", .string(StringRules(minLength: 1)).describe("Key inside the secret.")),
            ]))
    ])
}

/// A small bit set of property indexes; spills to an array past 64 properties.
struct PresenceBits {
    private var bits: UInt64 = 0
    private var overflow: [Bool]

    init(count: Int) {
        overflow = count > 64 ? [Bool](repeating: false, count: count) : []
    }

    mutating func insert(_ index: Int) {
        if overflow.isEmpty { bits |= 1 << UInt64(index) } else { overflow[index] = true }
    }

    func contains(_ index: Int) -> Bool {
        overflow.isEmpty ? bits & (1 << UInt64(index)) != 0 : overflow[index]
    }
}

/// An arbitrary value from a spec document, for the places where a standard allows "any value":
/// ODCS examples, custom property values, quality thresholds, raw option maps.
///
/// It is a plain value (no YAML node behind it) so that typed specs stay `Sendable` and `Hashable`
/// and can be compared across revisions. Mappings keep their document order: two maps with the same
/// entries in a different order are different values, as they print differently.
public enum SpecValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([SpecValue])
    case map([Entry])

    /// One key/value pair of a `map`, in document order.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: SpecValue

        public init(key: String, value: SpecValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value under `key` when this is a map (first match).
    public subscript(key: String) -> SpecValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The integer value; a double with no fractional part counts (YAML `10.0`).
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int(d)
        default: return nil
        }
    }

    /// The numeric value of an int or a double.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var listValue: [SpecValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var mapEntries: [Entry]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    public var isNull: Bool { self == .null }
}

extension SpecValue: CustomStringConvertible {
    /// A compact, YAML-flow-like rendering for messages (`[1, 2]`, `{a: true}`).
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "\($0.key): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }
}

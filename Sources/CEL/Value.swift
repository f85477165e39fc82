/// A CEL runtime value (cel-spec langdef "values"). Errors are not values: evaluation reports them
/// by throwing `CELEvaluationError`.
public enum CELValue: Sendable, Hashable {
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case bool(Bool)
    case null
    case list([CELValue])
    case map(CELMap)
    case type(CELType)
    /// `google.protobuf.Timestamp`: an instant between 0001-01-01 and 9999-12-31 UTC.
    case timestamp(CELTimestamp)
    /// `google.protobuf.Duration`: a signed span of nanoseconds.
    case duration(CELDuration)
    /// `optional_type`: `optional.of(x)` (`.some`) or `optional.none()` (`nil`).
    indirect case optional(CELValue?)

    /// The CEL type of this value (`type(x)`).
    public var celType: CELType {
        switch self {
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .bool: return .bool
        case .null: return .nullType
        case .list: return .list
        case .map: return .map
        case .type: return .type
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .optional: return .optional
        }
    }
}

/// A CEL type value, identified by its name (`int`, `list`, `google.protobuf.Timestamp`, ...).
public struct CELType: Sendable, Hashable, CustomStringConvertible {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    public var description: String { name }

    public static let int = CELType(name: "int")
    public static let uint = CELType(name: "uint")
    public static let double = CELType(name: "double")
    public static let bool = CELType(name: "bool")
    public static let string = CELType(name: "string")
    public static let bytes = CELType(name: "bytes")
    public static let list = CELType(name: "list")
    public static let map = CELType(name: "map")
    public static let nullType = CELType(name: "null_type")
    public static let type = CELType(name: "type")
    public static let timestamp = CELType(name: "google.protobuf.Timestamp")
    public static let duration = CELType(name: "google.protobuf.Duration")
    public static let optional = CELType(name: "optional_type")

    /// The type denotations that resolve as identifiers.
    static let denotations: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string, "bytes": .bytes,
        "list": .list, "map": .map, "null_type": .nullType, "type": .type, "optional_type": .optional,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    ]
}

extension CELValue: CustomStringConvertible {
    /// A CEL-like rendering for messages and debugging.
    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .uint(let v): return "\(v)u"
        case .double(let v): return String(v)
        case .string(let s): return "\"\(s)\""
        case .bytes(let b): return "b\"" + b.map { "\\x" + String($0, radix: 16) }.joined() + "\""
        case .bool(let b): return String(b)
        case .null: return "null"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.entries.map { "\($0): \($1)" }.joined(separator: ", ") + "}"
        case .type(let t): return t.name
        case .timestamp(let t): return "timestamp(\"\(t)\")"
        case .duration(let d): return "duration(\"\(d)\")"
        case .optional(let v): return v.map { "optional.of(\($0))" } ?? "optional.none()"
        }
    }
}

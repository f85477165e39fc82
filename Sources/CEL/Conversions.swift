/// CEL's type conversion functions: `int`, `uint`, `double`, `string`, `bytes` and `bool`.
enum Conversions {
    static func toInt(_ value: CELValue) throws(Failure) -> CELValue {
        switch value {
        case .int: return value
        case .uint(let u):
            guard u <= UInt64(Int64.max) else { throw Failure("range error converting \(u) to int") }
            return .int(Int64(u))
        case .double(let d):
            guard d > -9_223_372_036_854_775_808.0 && d < 9_223_372_036_854_775_808.0 else {
                throw Failure("range error converting \(d) to int")
            }
            return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
            guard let i = Int64(s) else { throw Failure("cannot convert '\(s)' to int") }
            return .int(i)
        case .timestamp(let t):
            return .int(t.seconds)
        case .duration(let d):
            return .int(d.nanoseconds)
        default:
            throw Failure("no such overload: int(\(value.celType))")
        }
    }

    static func toUint(_ value: CELValue) throws(Failure) -> CELValue {
        switch value {
        case .uint: return value
        case .int(let i):
            guard i >= 0 else { throw Failure("range error converting \(i) to uint") }
            return .uint(UInt64(i))
        case .double(let d):
            guard d > -1 && d < 18_446_744_073_709_551_616.0 else {
                throw Failure("range error converting \(d) to uint")
            }
            return .uint(UInt64(d.rounded(.towardZero)))
        case .string(let s):
            guard let u = UInt64(s) else { throw Failure("cannot convert '\(s)' to uint") }
            return .uint(u)
        default:
            throw Failure("no such overload: uint(\(value.celType))")
        }
    }

    static func toDouble(_ value: CELValue) throws(Failure) -> CELValue {
        switch value {
        case .double: return value
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = Double(s) else { throw Failure("cannot convert '\(s)' to double") }
            return .double(d)
        default:
            throw Failure("no such overload: double(\(value.celType))")
        }
    }

    static func toString(_ value: CELValue) throws(Failure) -> CELValue {
        switch value {
        case .string: return value
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(format(d))
        case .bool(let b): return .string(String(b))
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { throw Failure("invalid UTF-8 in bytes") }
            return .string(s)
        case .timestamp(let t): return .string(t.description)
        case .duration(let d): return .string(d.description)
        default:
            throw Failure("no such overload: string(\(value.celType))")
        }
    }

    /// Go's `strconv.FormatFloat(d, 'g', -1, 64)` for the common cases: `1` not `1.0`.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        let text = String(d)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func toBytes(_ value: CELValue) throws(Failure) -> CELValue {
        switch value {
        case .bytes: return value
        case .string(let s): return .bytes(Array(s.utf8))
        default: throw Failure("no such overload: bytes(\(value.celType))")
        }
    }

    static func toBool(_ value: CELValue) throws(Failure) -> CELValue {
        switch value {
        case .bool: return value
        case .string(let s):
            switch s {
            case "1", "t", "T", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "F", "false", "FALSE", "False": return .bool(false)
            default: throw Failure("Type conversion error: cannot convert '\(s)' to bool")
            }
        default:
            throw Failure("no such overload: bool(\(value.celType))")
        }
    }
}

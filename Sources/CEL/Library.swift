/// Functions beyond the core builtins: timestamps and durations, and cel-go's extension libraries
/// (strings, math, lists, optionals). Compiled to `LibraryNode`, so the core builtins keep their
/// own dispatch.
enum LibraryFunction: Sendable {
    // Time.
    case timestamp, duration
    case getFullYear, getMonth, getDate, getDayOfMonth, getDayOfWeek, getDayOfYear
    case getHours, getMinutes, getSeconds, getMilliseconds
    // Strings.
    case charAt, indexOf, lastIndexOf, lowerAscii, upperAscii, replace, split, substring, trim, join, quote
    case reverse, format
    // Math.
    case greatest, least, ceil, floor, round, trunc, abs, sign, isInf, isNaN, isFinite
    case bitAnd, bitOr, bitXor, bitNot, bitShiftLeft, bitShiftRight
    // Lists.
    case isSorted, sum, min, max, distinct, flatten, slice, sort, range
    // Optionals.
    case optionalOf, optionalNone, optionalOfNonZeroValue, hasValue, value, orValue, or, optionalSelect, optionalIndex
}

/// How a library function is called: as `target.name(...)` or `name(...)` (possibly namespaced,
/// like `math.abs`), and how many operands it takes (the target counts as one).
struct LibraryEntry: Sendable {
    let function: LibraryFunction
    let receiver: Bool
    let counts: ClosedRange<Int>
}

enum Library {
    static let globals: [String: LibraryEntry] = {
        var table: [String: LibraryEntry] = [:]
        func add(_ name: String, _ function: LibraryFunction, _ counts: ClosedRange<Int>) {
            table[name] = LibraryEntry(function: function, receiver: false, counts: counts)
        }
        add("timestamp", .timestamp, 1...1)
        add("duration", .duration, 1...1)
        add("strings.quote", .quote, 1...1)
        add("math.greatest", .greatest, 1...Int.max)
        add("math.least", .least, 1...Int.max)
        add("math.ceil", .ceil, 1...1)
        add("math.floor", .floor, 1...1)
        add("math.round", .round, 1...1)
        add("math.trunc", .trunc, 1...1)
        add("math.abs", .abs, 1...1)
        add("math.sign", .sign, 1...1)
        add("math.isInf", .isInf, 1...1)
        add("math.isNaN", .isNaN, 1...1)
        add("math.isFinite", .isFinite, 1...1)
        add("math.bitAnd", .bitAnd, 2...2)
        add("math.bitOr", .bitOr, 2...2)
        add("math.bitXor", .bitXor, 2...2)
        add("math.bitNot", .bitNot, 1...1)
        add("math.bitShiftLeft", .bitShiftLeft, 2...2)
        add("math.bitShiftRight", .bitShiftRight, 2...2)
        add("lists.range", .range, 1...1)
        add("optional.of", .optionalOf, 1...1)
        add("optional.none", .optionalNone, 0...0)
        add("optional.ofNonZeroValue", .optionalOfNonZeroValue, 1...1)
        add(CELOperator.optionalSelect, .optionalSelect, 2...2)
        add(CELOperator.optionalIndex, .optionalIndex, 2...2)
        return table
    }()

    static let receivers: [String: LibraryEntry] = {
        var table: [String: LibraryEntry] = [:]
        func add(_ name: String, _ function: LibraryFunction, _ counts: ClosedRange<Int>) {
            table[name] = LibraryEntry(function: function, receiver: true, counts: counts)
        }
        add("getFullYear", .getFullYear, 1...2)
        add("getMonth", .getMonth, 1...2)
        add("getDate", .getDate, 1...2)
        add("getDayOfMonth", .getDayOfMonth, 1...2)
        add("getDayOfWeek", .getDayOfWeek, 1...2)
        add("getDayOfYear", .getDayOfYear, 1...2)
        add("getHours", .getHours, 1...2)
        add("getMinutes", .getMinutes, 1...2)
        add("getSeconds", .getSeconds, 1...2)
        add("getMilliseconds", .getMilliseconds, 1...2)
        add("charAt", .charAt, 2...2)
        add("indexOf", .indexOf, 2...3)
        add("lastIndexOf", .lastIndexOf, 2...3)
        add("lowerAscii", .lowerAscii, 1...1)
        add("upperAscii", .upperAscii, 1...1)
        add("replace", .replace, 3...4)
        add("split", .split, 2...3)
        add("substring", .substring, 2...3)
        add("trim", .trim, 1...1)
        add("join", .join, 1...2)
        add("reverse", .reverse, 1...1)
        add("format", .format, 2...2)
        add("isSorted", .isSorted, 1...1)
        add("sum", .sum, 1...1)
        add("min", .min, 1...1)
        add("max", .max, 1...1)
        add("distinct", .distinct, 1...1)
        add("flatten", .flatten, 1...2)
        add("slice", .slice, 3...3)
        add("sort", .sort, 1...1)
        add("hasValue", .hasValue, 1...1)
        add("value", .value, 1...1)
        add("orValue", .orValue, 2...2)
        add("or", .or, 2...2)
        return table
    }()

    static func noOverload(_ function: LibraryFunction, _ args: [CELValue]) -> Failure {
        Failure("no such overload: \(function)(\(args.map { $0.celType.name }.joined(separator: ", ")))")
    }

    /// Calls a library function; `budget` is the evaluation's remaining cost, charged for work
    /// proportional to the operands' sizes.
    static func call(_ function: LibraryFunction, _ args: [CELValue], budget: inout Int) throws(Failure) -> CELValue {
        switch function {
        case .timestamp, .duration, .getFullYear, .getMonth, .getDate, .getDayOfMonth, .getDayOfWeek, .getDayOfYear,
            .getHours, .getMinutes, .getSeconds, .getMilliseconds:
            return try TimeFunctions.call(function, args)
        case .charAt, .indexOf, .lastIndexOf, .lowerAscii, .upperAscii, .replace, .split, .substring, .trim, .join,
            .quote, .reverse, .format:
            if case .list = args[0], function == .indexOf || function == .lastIndexOf || function == .reverse {
                return try ListFunctions.call(function, args, budget: &budget)
            }
            return try StringFunctions.call(function, args, budget: &budget)
        case .greatest, .least, .ceil, .floor, .round, .trunc, .abs, .sign, .isInf, .isNaN, .isFinite, .bitAnd, .bitOr,
            .bitXor, .bitNot, .bitShiftLeft, .bitShiftRight:
            return try MathFunctions.call(function, args, budget: &budget)
        case .isSorted, .sum, .min, .max, .distinct, .flatten, .slice, .sort, .range:
            return try ListFunctions.call(function, args, budget: &budget)
        case .optionalOf, .optionalNone, .optionalOfNonZeroValue, .hasValue, .value, .orValue, .or, .optionalSelect,
            .optionalIndex:
            return try OptionalFunctions.call(function, args)
        }
    }

    /// Spends `amount` of the cost budget.
    static func charge(_ amount: Int, _ budget: inout Int) throws(Failure) {
        budget -= amount
        if budget < 0 { throw Failure.costBudgetExceeded }
    }
}

enum TimeFunctions {
    static func call(_ function: LibraryFunction, _ args: [CELValue]) throws(Failure) -> CELValue {
        let value = args[0]
        switch function {
        case .timestamp:
            switch value {
            case .timestamp: return value
            case .string(let s): return .timestamp(try CELTime.parseTimestamp(s))
            case .int(let seconds):
                guard let t = CELTimestamp(seconds: seconds) else { throw Failure("timestamp out of range: \(seconds)") }
                return .timestamp(t)
            default: throw Library.noOverload(function, args)
            }
        case .duration:
            switch value {
            case .duration: return value
            case .string(let s): return .duration(try CELTime.parseDuration(s))
            case .int(let seconds):
                guard let d = CELDuration(seconds: seconds) else { throw Failure("duration out of range: \(seconds)s") }
                return .duration(d)
            default: throw Library.noOverload(function, args)
            }
        default:
            break
        }
        if case .duration(let d) = value, args.count == 1 {
            let n = d.nanoseconds
            switch function {
            case .getHours: return .int(n / 3_600_000_000_000)
            case .getMinutes: return .int(n / 60_000_000_000)
            case .getSeconds: return .int(n / 1_000_000_000)
            case .getMilliseconds: return .int(n / 1_000_000 % 1000)
            default: throw Library.noOverload(function, args)
            }
        }
        guard case .timestamp(let t) = value else { throw Library.noOverload(function, args) }
        var zone = CELTimeZone.utc
        if args.count == 2 {
            guard case .string(let name) = args[1] else { throw Library.noOverload(function, args) }
            zone = try CELTimeZone.named(name)
        }
        let fields = CELTime.Fields(localSeconds: t.seconds + zone.offset(at: t.seconds))
        switch function {
        case .getFullYear: return .int(fields.year)
        case .getMonth: return .int(fields.month - 1)
        case .getDate: return .int(fields.day)
        case .getDayOfMonth: return .int(fields.day - 1)
        case .getDayOfWeek: return .int(fields.dayOfWeek)
        case .getDayOfYear: return .int(fields.dayOfYear)
        case .getHours: return .int(fields.hour)
        case .getMinutes: return .int(fields.minute)
        case .getSeconds: return .int(fields.second)
        default: return .int(Int64(t.nanos / 1_000_000))
        }
    }

    static func add(_ lhs: CELValue, _ rhs: CELValue) throws(Failure) -> CELValue {
        switch (lhs, rhs) {
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            guard let r = t.adding(d) else { throw Failure("timestamp out of range") }
            return .timestamp(r)
        case (.duration(let a), .duration(let b)):
            let (r, o) = a.nanoseconds.addingReportingOverflow(b.nanoseconds)
            if o { throw Failure("duration out of range") }
            return .duration(CELDuration(nanoseconds: r))
        default:
            throw Functions.noOverload("+", lhs, rhs)
        }
    }

    static func subtract(_ lhs: CELValue, _ rhs: CELValue) throws(Failure) -> CELValue {
        switch (lhs, rhs) {
        case (.timestamp(let t), .duration(let d)):
            guard d.nanoseconds != .min else { throw Failure("timestamp out of range") }
            guard let r = t.adding(CELDuration(nanoseconds: -d.nanoseconds)) else {
                throw Failure("timestamp out of range")
            }
            return .timestamp(r)
        case (.timestamp(let a), .timestamp(let b)):
            let seconds = a.seconds - b.seconds
            guard let d = CELDuration(seconds: seconds, nanos: 0) else { throw Failure("duration out of range") }
            let (r, o) = d.nanoseconds.addingReportingOverflow(Int64(a.nanos) - Int64(b.nanos))
            if o { throw Failure("duration out of range") }
            return .duration(CELDuration(nanoseconds: r))
        case (.duration(let a), .duration(let b)):
            let (r, o) = a.nanoseconds.subtractingReportingOverflow(b.nanoseconds)
            if o { throw Failure("duration out of range") }
            return .duration(CELDuration(nanoseconds: r))
        default:
            throw Functions.noOverload("-", lhs, rhs)
        }
    }
}

enum OptionalFunctions {
    static func call(_ function: LibraryFunction, _ args: [CELValue]) throws(Failure) -> CELValue {
        switch function {
        case .optionalOf: return .optional(args[0])
        case .optionalNone: return .optional(nil)
        case .optionalOfNonZeroValue: return .optional(isZero(args[0]) ? nil : args[0])
        case .optionalSelect:
            guard case .string(let field) = args[1] else { throw Library.noOverload(function, args) }
            return try select(args[0], field)
        case .optionalIndex:
            return try index(args[0], args[1])
        default:
            break
        }
        guard case .optional(let wrapped) = args[0] else { throw Library.noOverload(function, args) }
        switch function {
        case .hasValue: return .bool(wrapped != nil)
        case .value:
            guard let wrapped else { throw Failure("optional.none() dereference") }
            return wrapped
        case .orValue: return wrapped ?? args[1]
        default:
            guard case .optional = args[1] else { throw Library.noOverload(function, args) }
            return wrapped == nil ? args[1] : args[0]
        }
    }

    /// `base.?field`: an optional of the entry; `none` when absent.
    static func select(_ base: CELValue, _ field: String) throws(Failure) -> CELValue {
        switch base {
        case .map(let map): return .optional(map[field])
        case .optional(nil): return base
        case .optional(let wrapped?): return try select(wrapped, field)
        default: throw Failure("no such field '\(field)' on \(base.celType)")
        }
    }

    /// `base[?key]`: an optional of the element; `none` when absent or out of range.
    static func index(_ base: CELValue, _ key: CELValue) throws(Failure) -> CELValue {
        switch base {
        case .map(let map):
            switch key {
            case .bool, .int, .uint, .string, .double: return .optional(map[key])
            default: throw Failure("unsupported map key type: \(key.celType)")
            }
        case .list(let list):
            let i: Int64
            switch key {
            case .int(let v): i = v
            case .uint(let v): i = v > UInt64(Int64.max) ? -1 : Int64(v)
            case .double(let d):
                guard d == d.rounded(.towardZero), d > -9.3e18, d < 9.2e18 else { return .optional(nil) }
                i = Int64(d)
            default: throw Functions.noOverload("[?]", base, key)
            }
            return .optional(i >= 0 && i < list.count ? list[Int(i)] : nil)
        case .optional(nil): return base
        case .optional(let wrapped?): return try index(wrapped, key)
        default: throw Functions.noOverload("[?]", base, key)
        }
    }

    /// The zero value of its type (`optional.ofNonZeroValue`).
    static func isZero(_ value: CELValue) -> Bool {
        switch value {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.isEmpty
        case .duration(let d): return d.nanoseconds == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        case .optional(let o): return o == nil
        case .type: return false
        }
    }
}

/// The standard operators and functions over `CELValue`s (cel-spec langdef).
enum Functions {
    static func binary(_ op: BinaryOp, _ lhs: CELValue, _ rhs: CELValue) throws(Failure) -> CELValue {
        switch op {
        case .add: return try add(lhs, rhs)
        case .subtract: return try subtract(lhs, rhs)
        case .multiply: return try multiply(lhs, rhs)
        case .divide: return try divide(lhs, rhs)
        case .modulo: return try modulo(lhs, rhs)
        case .equals: return .bool(equals(lhs, rhs))
        case .notEquals: return .bool(!equals(lhs, rhs))
        case .less: return .bool(try compare(lhs, rhs, "<") == -1)
        case .lessEquals: return .bool((try compare(lhs, rhs, "<=")).map { $0 <= 0 } ?? false)
        case .greater: return .bool(try compare(lhs, rhs, ">") == 1)
        case .greaterEquals: return .bool((try compare(lhs, rhs, ">=")).map { $0 >= 0 } ?? false)
        case .in: return try contained(lhs, in: rhs)
        case .index: return try index(lhs, rhs)
        }
    }

    /// `binary` for the common operand kinds that cannot fail (int with int, string equality); nil
    /// for everything else.
    @inline(__always)
    static func fastBinary(_ op: BinaryOp, _ lhs: CELValue, _ rhs: CELValue) -> CELValue? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            switch op {
            case .less: return .bool(a < b)
            case .lessEquals: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEquals: return .bool(a >= b)
            case .equals: return .bool(a == b)
            case .notEquals: return .bool(a != b)
            default: return nil
            }
        case (.string(let a), .string(let b)):
            switch op {
            case .equals: return .bool(Strings.bytesEqual(a, b))
            case .notEquals: return .bool(!Strings.bytesEqual(a, b))
            default: return nil
            }
        default:
            return nil
        }
    }

    static func noOverload(_ op: String, _ lhs: CELValue, _ rhs: CELValue) -> Failure {
        Failure("no such overload: \(lhs.celType) \(op) \(rhs.celType)")
    }

    static let overflow = Failure("return error for overflow")

    static func add(_ lhs: CELValue, _ rhs: CELValue) throws(Failure) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (r, o) = a.addingReportingOverflow(b)
            if o { throw overflow }
            return .int(r)
        case (.uint(let a), .uint(let b)):
            let (r, o) = a.addingReportingOverflow(b)
            if o { throw overflow }
            return .uint(r)
        case (.double(let a), .double(let b)): return .double(a + b)
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.bytes(let a), .bytes(let b)): return .bytes(a + b)
        case (.list(let a), .list(let b)): return .list(a + b)
        case (.timestamp, _), (.duration, _): return try TimeFunctions.add(lhs, rhs)
        default: throw noOverload("+", lhs, rhs)
        }
    }

    static func subtract(_ lhs: CELValue, _ rhs: CELValue) throws(Failure) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (r, o) = a.subtractingReportingOverflow(b)
            if o { throw overflow }
            return .int(r)
        case (.uint(let a), .uint(let b)):
            let (r, o) = a.subtractingReportingOverflow(b)
            if o { throw overflow }
            return .uint(r)
        case (.double(let a), .double(let b)): return .double(a - b)
        case (.timestamp, _), (.duration, _): return try TimeFunctions.subtract(lhs, rhs)
        default: throw noOverload("-", lhs, rhs)
        }
    }

    static func multiply(_ lhs: CELValue, _ rhs: CELValue) throws(Failure) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (r, o) = a.multipliedReportingOverflow(by: b)
            if o { throw overflow }
            return .int(r)
        case (.uint(let a), .uint(let b)):
            let (r, o) = a.multipliedReportingOverflow(by: b)
            if o { throw overflow }
            return .uint(r)
        case (.double(let a), .double(let b)): return .double(a * b)
        default: throw noOverload("*", lhs, rhs)
        }
    }

    static func divide(_ lhs: CELValue, _ rhs: CELValue) throws(Failure) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            if b == 0 { throw Failure("division by zero") }
            let (r, o) = a.dividedReportingOverflow(by: b)
            if o { throw overflow }
            return .int(r)
        case (.uint(let a), .uint(let b)):
            if b == 0 { throw Failure("division by zero") }
            return .uint(a / b)
        case (.double(let a), .double(let b)): return .double(a / b)
        default: throw noOverload("/", lhs, rhs)
        }
    }

    static func modulo(_ lhs: CELValue, _ rhs: CELValue) throws(Failure) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            if b == 0 { throw Failure("modulus by zero") }
            let (r, o) = a.remainderReportingOverflow(dividingBy: b)
            if o { throw overflow }
            return .int(r)
        case (.uint(let a), .uint(let b)):
            if b == 0 { throw Failure("modulus by zero") }
            return .uint(a % b)
        default: throw noOverload("%", lhs, rhs)
        }
    }

    // MARK: Equality and ordering

    /// Heterogeneous equality: numbers compare by value across int, uint and double; values of
    /// different kinds are unequal; lists and maps compare element-wise.
    static func equals(_ lhs: CELValue, _ rhs: CELValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.int, .uint), (.int, .double), (.uint, .int), (.uint, .double), (.double, .int), (.double, .uint):
            return numericCompare(lhs, rhs) == 0
        case (.string(let a), .string(let b)): return Strings.bytesEqual(a, b)
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.type(let a), .type(let b)): return a == b
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.duration(let a), .duration(let b)): return a == b
        case (.optional(let a), .optional(let b)):
            switch (a, b) {
            case (nil, nil): return true
            case (let x?, let y?): return equals(x, y)
            default: return false
            }
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for i in a.indices where !equals(a[i], b[i]) { return false }
            return true
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b[key], equals(value, other) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// -1, 0 or 1; nil when unordered (a NaN operand).
    static func compare(_ lhs: CELValue, _ rhs: CELValue, _ op: String) throws(Failure) -> Int? {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)):
            return sign(a.utf8.lexicographicallyPrecedes(b.utf8), b.utf8.lexicographicallyPrecedes(a.utf8))
        case (.bytes(let a), .bytes(let b)):
            return sign(a.lexicographicallyPrecedes(b), b.lexicographicallyPrecedes(a))
        case (.bool(let a), .bool(let b)):
            return sign(!a && b, a && !b)
        case (.timestamp(let a), .timestamp(let b)):
            return sign(a < b, b < a)
        case (.duration(let a), .duration(let b)):
            return sign(a < b, b < a)
        default:
            if let result = numericCompare(lhs, rhs) { return result }
            switch (lhs, rhs) {
            case (.int, .double), (.uint, .double), (.double, .int), (.double, .uint), (.double, .double): return nil
            default: throw noOverload(op, lhs, rhs)
            }
        }
    }

    static func sign(_ less: Bool, _ greater: Bool) -> Int {
        less ? -1 : (greater ? 1 : 0)
    }

    /// Compares two numbers of any numeric kinds (int and uint exactly, against a double as doubles,
    /// like cel-go); nil for NaN or non-numbers.
    static func numericCompare(_ lhs: CELValue, _ rhs: CELValue) -> Int? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return sign(a < b, a > b)
        case (.uint(let a), .uint(let b)): return sign(a < b, a > b)
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return nil }
            return sign(a < b, a > b)
        case (.int(let a), .uint(let b)):
            return a < 0 ? -1 : sign(UInt64(a) < b, UInt64(a) > b)
        case (.uint, .int):
            return numericCompare(rhs, lhs).map { -$0 }
        case (.int(let a), .double(let b)):
            if b.isNaN { return nil }
            return sign(Double(a) < b, Double(a) > b)
        case (.uint(let a), .double(let b)):
            if b.isNaN { return nil }
            return sign(Double(a) < b, Double(a) > b)
        case (.double, .int), (.double, .uint):
            return numericCompare(rhs, lhs).map { -$0 }
        default:
            return nil
        }
    }

    // MARK: Containers

    static func contained(_ element: CELValue, in container: CELValue) throws(Failure) -> CELValue {
        switch container {
        case .list(let list):
            for item in list where equals(item, element) { return .bool(true) }
            return .bool(false)
        case .map(let map):
            return .bool(map[element] != nil)
        default:
            throw noOverload("in", element, container)
        }
    }

    static func index(_ container: CELValue, _ key: CELValue) throws(Failure) -> CELValue {
        switch container {
        case .list(let list):
            let i: Int64
            switch key {
            case .int(let v): i = v
            case .uint(let v):
                guard v <= UInt64(Int64.max) else { throw Failure("index out of bounds: \(v)") }
                i = Int64(v)
            case .double(let d):
                guard d == d.rounded(.towardZero), d > -9.3e18, d < 9.2e18 else {
                    throw Failure("unsupported index value: \(d)")
                }
                i = Int64(d)
            default:
                throw noOverload("[]", container, key)
            }
            guard i >= 0, i < list.count else { throw Failure("index out of bounds: \(i)") }
            return list[Int(i)]
        case .map(let map):
            switch key {
            case .bool, .int, .uint, .string, .double:
                guard let value = map[key] else { throw Failure("no such key: \(key)") }
                return value
            default:
                throw Failure("unsupported map key type: \(key.celType)")
            }
        case .optional:
            return try OptionalFunctions.index(container, key)
        default:
            throw noOverload("[]", container, key)
        }
    }

    // MARK: Functions

    /// A builtin of one operand.
    static func call(_ builtin: Builtin, _ value: CELValue) throws(Failure) -> CELValue {
        switch builtin {
        case .size:
            switch value {
            case .string(let s): return .int(Int64(Strings.scalarCount(s)))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw Failure("no such overload: size(\(value.celType))")
            }
        case .contains, .startsWith, .endsWith, .matches:
            throw Failure("no such overload: \(builtin)/1")
        case .dyn:
            return value
        case .type:
            return .type(value.celType)
        case .toInt: return try Conversions.toInt(value)
        case .toUint: return try Conversions.toUint(value)
        case .toDouble: return try Conversions.toDouble(value)
        case .toString: return try Conversions.toString(value)
        case .toBytes: return try Conversions.toBytes(value)
        case .toBool: return try Conversions.toBool(value)
        }
    }

    /// A builtin of two operands (`contains`, `startsWith`, `endsWith`, `matches`).
    static func call(_ builtin: Builtin, _ value: CELValue, _ argument: CELValue) throws(Failure) -> CELValue {
        guard case .string(let s) = value, case .string(let t) = argument else {
            throw Failure("no such overload: \(value.celType).\(builtin)(\(argument.celType))")
        }
        switch builtin {
        case .contains: return .bool(Strings.contains(s, t))
        case .startsWith: return .bool(Strings.hasPrefix(s, t))
        case .endsWith: return .bool(Strings.hasSuffix(s, t))
        case .matches: return .bool(try Strings.regexMatches(s, t))
        default: throw Failure("no such overload: \(builtin)/2")
        }
    }
}

enum Strings {
    static func contains(_ string: String, _ part: String) -> Bool {
        let haystack = Array(string.utf8)
        let needle = Array(part.utf8)
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}

/// How a column type changed: the same, wider (every old value still fits, consumers may see
/// values they cannot hold), narrower (the reverse), or incompatible.
public enum TypeChange: Sendable, Hashable {
    case same, widened, narrowed, incompatible
}

/// The SQL engines whose type systems decide promotions (the server type of a contract, or the
/// target of the store that backs it).
public enum TypeEngine: String, Sendable, Hashable {
    case mysql, postgres, sqlite, doris, generic

    /// The engine of an ODCS server type (`mysql`, `postgres`, `sqlite`, …).
    public init(serverType: String?) {
        switch serverType?.lowercased() {
        case "mysql", "tidb", "mariadb": self = .mysql
        case "postgres", "postgresql", "redshift": self = .postgres
        case "sqlite": self = .sqlite
        case "doris", "starrocks": self = .doris
        default: self = .generic
        }
    }
}

/// A physical column type reduced to what promotion depends on: its family and its size.
struct PhysicalType: Hashable {
    enum Family: Hashable {
        case integer(bytes: Int, unsigned: Bool)
        case decimal(precision: Int, scale: Int)
        case float(bytes: Int)
        /// Character data; nil length is unbounded (TEXT).
        case string(length: Int?)
        case binary(length: Int?)
        case date
        /// DATETIME/TIMESTAMP with fractional-second digits.
        case timestamp(fraction: Int)
        case time
        case boolean
        case other(String)
    }

    var family: Family
    /// `NOT NULL` was part of the declared type.
    var notNull: Bool

    /// Parses `DECIMAL(12,2)`, `VARCHAR(16) NOT NULL`, `INT UNSIGNED`, `character varying(20)`,
    /// `double precision`, `DATETIME(3)` as `engine` understands them.
    init(_ text: String, engine: TypeEngine) {
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        notNull = false
        if let index = words.firstIndex(of: "not"), index + 1 < words.count, words[index + 1] == "null" {
            notNull = true
            words.removeSubrange(index...index + 1)
        }
        words.removeAll { $0 == "null" }
        let unsigned = words.contains("unsigned")
        words.removeAll { $0 == "unsigned" || $0 == "signed" || $0 == "zerofill" }
        var head = words.joined(separator: " ")
        var arguments: [Int] = []
        if let open = head.firstIndex(of: "("), let close = head.lastIndex(of: ")"), open < close {
            arguments = head[head.index(after: open)..<close].split(separator: ",").compactMap {
                Int($0.trimmingCharacters(in: " "))
            }
            head = String(head[..<open]).trimmingCharacters(in: " ") + String(head[head.index(after: close)...])
            head = head.trimmingCharacters(in: " ")
        }
        family = Self.family(head, arguments: arguments, unsigned: unsigned, engine: engine)
    }

    static func family(_ name: String, arguments: [Int], unsigned: Bool, engine: TypeEngine) -> Family {
        // SQLite stores every integer in up to 8 bytes and does not enforce declared lengths.
        if engine == .sqlite {
            if name.contains("int") { return .integer(bytes: 8, unsigned: false) }
            if name.contains("char") || name.contains("clob") || name.contains("text") { return .string(length: nil) }
        }
        switch name {
        case "tinyint", "int1": return arguments.first == 1 && engine == .mysql ? .boolean : .integer(bytes: 1, unsigned: unsigned)
        case "smallint", "int2", "smallserial": return .integer(bytes: 2, unsigned: unsigned)
        case "mediumint", "int3": return .integer(bytes: 3, unsigned: unsigned)
        case "int", "integer", "int4", "serial": return .integer(bytes: 4, unsigned: unsigned)
        case "bigint", "int8", "bigserial": return .integer(bytes: 8, unsigned: unsigned)
        case "largeint", "hugeint": return .integer(bytes: 16, unsigned: unsigned)
        case "decimal", "numeric", "dec", "fixed", "decimalv3", "number":
            return .decimal(precision: arguments.first ?? (engine == .postgres ? 1000 : 10), scale: arguments.count > 1 ? arguments[1] : 0)
        case "real", "float4": return .float(bytes: engine == .mysql ? 8 : 4)
        case "float": return .float(bytes: engine == .postgres || (arguments.first ?? 0) > 24 ? 8 : 4)
        case "double", "double precision", "float8": return .float(bytes: 8)
        case "char", "character", "nchar", "bpchar": return .string(length: arguments.first ?? 1)
        case "varchar", "character varying", "nvarchar", "varchar2", "string":
            return .string(length: arguments.first)
        case "tinytext": return .string(length: 255)
        case "text", "mediumtext", "longtext", "clob": return .string(length: nil)
        case "binary", "varbinary": return .binary(length: arguments.first)
        case "blob", "bytea", "longblob", "mediumblob": return .binary(length: nil)
        case "date": return .date
        case "datetime", "timestamp", "timestamptz", "timestamp with time zone", "timestamp without time zone", "datetimev2":
            return .timestamp(fraction: arguments.first ?? (engine == .postgres ? 6 : 0))
        case "time", "timetz": return .time
        case "bool", "boolean": return .boolean
        default: return .other(name)
        }
    }

    /// How `new` relates to `old`.
    static func change(from old: PhysicalType, to new: PhysicalType) -> TypeChange {
        switch (old.family, new.family) {
        case (let a, let b) where a == b: return .same
        case (.integer(let a, let ua), .integer(let b, let ub)):
            if ua == ub { return a < b ? .widened : a > b ? .narrowed : .same }
            // Signedness flips change the range on both ends unless the new type has room for both.
            if !ua && ub { return .incompatible }
            return b > a ? .widened : .incompatible
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            return order(digits: (p1 - s1, s1), (p2 - s2, s2))
        case (.integer(let bytes, _), .decimal(let p, let s)):
            return p - s >= integerDigits(bytes) ? .widened : .incompatible
        case (.decimal(let p, let s), .integer(let bytes, _)):
            return s == 0 && p <= integerDigits(bytes) ? .narrowed : .incompatible
        case (.integer, .float): return .widened
        case (.float, .integer): return .narrowed
        case (.float(let a), .float(let b)): return a < b ? .widened : a > b ? .narrowed : .same
        case (.string(let a), .string(let b)), (.binary(let a), .binary(let b)):
            return compareLengths(a, b)
        case (.date, .timestamp): return .widened
        case (.timestamp, .date): return .narrowed
        case (.timestamp(let a), .timestamp(let b)): return a < b ? .widened : a > b ? .narrowed : .same
        case (.boolean, .integer): return .widened
        case (.integer(1, _), .boolean): return .narrowed
        default: return .incompatible
        }
    }

    static func integerDigits(_ bytes: Int) -> Int {
        switch bytes {
        case 1: 3
        case 2: 5
        case 3: 8
        case 4: 10
        case 8: 19
        default: 39
        }
    }

    /// Decimals widen when neither the integer digits nor the scale shrink.
    static func order(digits old: (Int, Int), _ new: (Int, Int)) -> TypeChange {
        if old == new { return .same }
        if new.0 >= old.0 && new.1 >= old.1 { return .widened }
        if new.0 <= old.0 && new.1 <= old.1 { return .narrowed }
        return .incompatible
    }

    static func compareLengths(_ old: Int?, _ new: Int?) -> TypeChange {
        switch (old, new) {
        case (nil, nil): return .same
        case (nil, .some): return .narrowed
        case (.some, nil): return .widened
        case (let a?, let b?): return a < b ? .widened : a > b ? .narrowed : .same
        }
    }
}

/// Logical types (ODCS `logicalType`): integer widens to number, date to timestamp.
enum LogicalTypePromotion {
    static func change(from old: String, to new: String) -> TypeChange {
        if old == new { return .same }
        switch (old, new) {
        case ("integer", "number"), ("date", "timestamp"): return .widened
        case ("number", "integer"), ("timestamp", "date"): return .narrowed
        default: return .incompatible
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String { String(self).trimmingCharacters(in: character) }
}

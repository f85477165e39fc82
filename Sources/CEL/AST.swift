/// A literal constant.
public enum CELLiteral: Sendable, Hashable {
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case bool(Bool)
    case null
}

/// One node of a parsed expression. Every node has a unique id (unique within its
/// `CELExpression`) and the source position of the token that introduced it.
///
/// Operators are calls with cel-spec's internal function names (`CELOperator`).
public struct CELExpr: Sendable, Hashable {
    public let id: Int64
    public let position: SourcePosition
    public let kind: Kind
    /// Height of the tree rooted here (a leaf is 1); bounds later recursive walks.
    public let height: Int

    public indirect enum Kind: Sendable, Hashable {
        case literal(CELLiteral)
        /// A name. A leading `.` (root-scope name) is kept in the string, as in cel-go: `.a`.
        case identifier(String)
        /// `operand.field`; `testOnly` is the `has(operand.field)` presence test.
        case select(operand: CELExpr, field: String, testOnly: Bool)
        /// A global call (`target == nil`) or a receiver call `target.function(args)`.
        /// Global names with a leading `.` keep it: `.f(x)`.
        case call(function: String, target: CELExpr?, args: [CELExpr])
        /// A list literal; `optionalIndices` are the `?x` elements, included only when the optional has a value.
        case list([CELExpr], optionalIndices: [Int] = [])
        case map([MapEntry])
        /// Message construction `TypeName{field: value, ...}`; the type name keeps a leading `.`.
        case message(typeName: String, fields: [FieldInit])
        /// The expansion of a macro (`all`, `exists`, `exists_one`, `map`, `filter`).
        case comprehension(CELComprehension)
    }

    public struct MapEntry: Sendable, Hashable {
        public let id: Int64
        public let position: SourcePosition
        public let key: CELExpr
        public let value: CELExpr
        /// `{?key: value}`: the entry is present only when the optional `value` has a value.
        public let isOptional: Bool

        init(id: Int64, position: SourcePosition, key: CELExpr, value: CELExpr, isOptional: Bool = false) {
            self.id = id
            self.position = position
            self.key = key
            self.value = value
            self.isOptional = isOptional
        }
    }

    public struct FieldInit: Sendable, Hashable {
        public let id: Int64
        public let position: SourcePosition
        public let field: String
        public let value: CELExpr
    }

    init(id: Int64, position: SourcePosition, kind: Kind) {
        self.id = id
        self.position = position
        self.kind = kind
        var childHeight = 0
        switch kind {
        case .literal, .identifier:
            break
        case .select(let operand, _, _):
            childHeight = operand.height
        case .call(_, let target, let args):
            childHeight = max(target?.height ?? 0, args.map(\.height).max() ?? 0)
        case .list(let elements, _):
            childHeight = elements.map(\.height).max() ?? 0
        case .map(let entries):
            childHeight = entries.map { max($0.key.height, $0.value.height) }.max() ?? 0
        case .message(_, let fields):
            childHeight = fields.map(\.value.height).max() ?? 0
        case .comprehension(let c):
            childHeight = [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].map(\.height).max() ?? 0
        }
        height = childHeight + 1
    }
}

/// A fold over a list or map, as produced by macro expansion (cel-spec's `Comprehension`):
///
/// ```
/// accuVar = accuInit
/// for iterVar in iterRange {
///     if !loopCondition { break }
///     accuVar = loopStep
/// }
/// return result
/// ```
public struct CELComprehension: Sendable, Hashable {
    public let iterVar: String
    public let iterRange: CELExpr
    public let accuVar: String
    public let accuInit: CELExpr
    public let loopCondition: CELExpr
    public let loopStep: CELExpr
    public let result: CELExpr
}

/// cel-spec's internal function names for operators and macro helpers.
public enum CELOperator {
    public static let add = "_+_"
    public static let subtract = "_-_"
    public static let multiply = "_*_"
    public static let divide = "_/_"
    public static let modulo = "_%_"
    public static let equals = "_==_"
    public static let notEquals = "_!=_"
    public static let less = "_<_"
    public static let lessEquals = "_<=_"
    public static let greater = "_>_"
    public static let greaterEquals = "_>=_"
    public static let logicalAnd = "_&&_"
    public static let logicalOr = "_||_"
    public static let logicalNot = "!_"
    public static let negate = "-_"
    public static let conditional = "_?_:_"
    public static let index = "_[_]"
    public static let `in` = "@in"
    /// `a.?b`: an optional of field `b` (`optional.none()` when absent).
    public static let optionalSelect = "_?._"
    /// `a[?k]`: an optional of element `k` (`optional.none()` when absent).
    public static let optionalIndex = "_[?_]"
    /// `@not_strictly_false(b)`: true unless `b` is `false` (errors and unknowns count as true);
    /// the loop condition of `all` and `exists`.
    public static let notStrictlyFalse = "@not_strictly_false"
    /// The accumulator variable of macro comprehensions.
    public static let accumulatorName = "@result"
}

/// A parsed expression: the root node and the source it came from.
public struct CELExpression: Sendable {
    public let root: CELExpr
    public let source: String

    /// The caret snippet for a position in this expression's source.
    public func snippet(at position: SourcePosition) -> String {
        CELParseError.snippet(source: source, line: position.line, column: position.column)
    }
}

extension CELExpr: CustomStringConvertible {
    /// A compact rendering of the tree for tests and debugging: calls as `f(a, b)`, receiver calls
    /// as `t.f(a)`, selects as `a.b` (`has(a.b)` for test-only), comprehensions as
    /// `__comprehension__(iterVar, range, accuVar, init, condition, step, result)`.
    public var description: String {
        switch kind {
        case .literal(let literal):
            switch literal {
            case .int(let v): return String(v)
            case .uint(let v): return "\(v)u"
            case .double(let v): return "\(v)"
            case .string(let s): return "\"\(s)\""
            case .bytes(let b): return "b\"\(b.map { String($0) }.joined(separator: ","))\""
            case .bool(let b): return String(b)
            case .null: return "null"
            }
        case .identifier(let name):
            return name
        case .select(let operand, let field, let testOnly):
            return testOnly ? "has(\(operand).\(field))" : "\(operand).\(field)"
        case .call(let function, let target, let args):
            let list = args.map(\.description).joined(separator: ", ")
            if let target { return "\(target).\(function)(\(list))" }
            return "\(function)(\(list))"
        case .list(let elements, let optionalIndices):
            let items = elements.enumerated().map { (optionalIndices.contains($0) ? "?" : "") + $1.description }
            return "[" + items.joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "\($0.isOptional ? "?" : "")\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .message(let typeName, let fields):
            return typeName + "{" + fields.map { "\($0.field): \($0.value)" }.joined(separator: ", ") + "}"
        case .comprehension(let c):
            let parts = [
                c.iterVar, c.iterRange.description, c.accuVar, c.accuInit.description,
                c.loopCondition.description, c.loopStep.description, c.result.description,
            ]
            return "__comprehension__(" + parts.joined(separator: ", ") + ")"
        }
    }
}

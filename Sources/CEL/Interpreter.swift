/// An error raised by a runtime function, before it is located at a node.
struct Failure: Error {
    let message: String
    var isCostBudgetExceeded = false

    init(_ message: String) {
        self.message = message
    }

    static let costBudgetExceeded: Failure = {
        var failure = Failure("cost budget exceeded")
        failure.isCostBudgetExceeded = true
        return failure
    }()
}

/// The state of one evaluation, passed `inout` down the compiled `Node` tree. Recursion depth is
/// bounded by the parser's tree-height limit.
struct Interpreter {
    let activation: CELActivation
    /// Comprehension accumulators, by slot (`Compiler` numbers them); owned by `CELProgram.evaluate`.
    let locals: UnsafeMutablePointer<CELValue>
    /// Comprehension iteration variables, by slot: the element of the range the loop is at, read in
    /// place in the range the comprehension holds.
    let iterators: UnsafeMutablePointer<UnsafePointer<CELValue>>
    /// The position a select of an iteration variable last found its field at in a map, by
    /// `SelectLocalNode.hint`: per evaluation, so a program is shared across threads unchanged.
    let hints: UnsafeMutablePointer<Int>
    /// The error an accumulator holds instead of a value (`&&`/`||` can still absorb it), by slot;
    /// empty until the first such error.
    var localErrors: [CELEvaluationError?] = []
    let localCount: Int
    var remaining: Int

    init(
        activation: CELActivation, locals: UnsafeMutablePointer<CELValue>,
        iterators: UnsafeMutablePointer<UnsafePointer<CELValue>>, hints: UnsafeMutablePointer<Int>, localCount: Int,
        remaining: Int
    ) {
        self.activation = activation
        self.locals = locals
        self.iterators = iterators
        self.hints = hints
        self.localCount = localCount
        self.remaining = remaining
    }

    func error(_ message: String, _ site: Site) -> CELEvaluationError {
        CELEvaluationError(message: message, position: site.position, exprID: site.id)
    }

    mutating func spend(_ site: Site?) throws(CELEvaluationError) {
        remaining -= 1
        if remaining < 0 {
            throw CELEvaluationError(
                message: "cost budget exceeded", position: site?.position ?? SourcePosition(offset: 0, line: 1, column: 1),
                exprID: site?.id ?? 0, isCostBudgetExceeded: true)
        }
    }

    /// Charges the visit of one node.
    @inline(__always)
    mutating func visit() throws(CELEvaluationError) {
        remaining -= 1
        if remaining < 0 { try spend(nil) }
    }

    /// Sets an accumulator to a value.
    @inline(__always)
    mutating func setAccumulator(_ slot: Int, _ value: CELValue) {
        locals[slot] = value
        if !localErrors.isEmpty { localErrors[slot] = nil }
    }

    /// Sets an accumulator to an error.
    mutating func setAccumulator(_ slot: Int, failure: CELEvaluationError) {
        if localErrors.isEmpty { localErrors = Array(repeating: nil, count: localCount) }
        localErrors[slot] = failure
        locals[slot] = .null
    }
}

/// A compiled expression node: operators and functions resolved, comprehension variables turned
/// into slots. Every node charges one unit of cost when visited (fused nodes charge for each node
/// they stand for, in the same order). Nodes are immutable once built.
class Node: @unchecked Sendable {
    func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        fatalError("Node.eval is abstract")
    }

    /// The bool `eval` would return, charged the same, when it is one reached without any error and
    /// within the budget; else nil, with `ip` as it was (`eval` then runs). A shortcut for the
    /// predicates of `all` and `exists`.
    func test(_ ip: inout Interpreter) -> Bool? { nil }
}

final class ConstantNode: Node, @unchecked Sendable {
    let value: CELValue

    init(_ value: CELValue) { self.value = value }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        return value
    }
}

/// A comprehension's iteration variable, which always holds a value.
final class LocalNode: Node, @unchecked Sendable {
    let slot: Int

    init(_ slot: Int) { self.slot = slot }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        return ip.iterators[slot].pointee
    }
}

/// A comprehension's accumulator, which may hold an error.
final class AccumulatorNode: Node, @unchecked Sendable {
    let slot: Int

    init(_ slot: Int) { self.slot = slot }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        if !ip.localErrors.isEmpty, let error = ip.localErrors[slot] { throw error }
        return ip.locals[slot]
    }
}

/// An activation variable; `fallback` is the type denotation of the same name, if any.
final class VariableNode: Node, @unchecked Sendable {
    let name: String
    let fallback: CELValue?
    let site: Site

    init(_ name: String, fallback: CELValue?, _ site: Site) {
        self.name = name
        self.fallback = fallback
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        if let value = ip.activation[name] ?? fallback { return value }
        throw ip.error("undeclared reference to '\(name)'", site)
    }
}

/// A name inside a container: the candidate names, most qualified first.
final class ContainerVariableNode: Node, @unchecked Sendable {
    let names: [String]
    let fallback: CELValue?
    let site: Site

    init(_ names: [String], fallback: CELValue?, _ site: Site) {
        self.names = names
        self.fallback = fallback
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        for name in names { if let value = ip.activation[name] { return value } }
        if let fallback { return fallback }
        throw ip.error("undeclared reference to '\(names.last ?? "")'", site)
    }
}

/// Field selection `base.field` on an evaluated operand.
@inline(__always)
func selectField(_ base: CELValue, _ field: String, _ site: Site, _ ip: Interpreter) throws(CELEvaluationError)
    -> CELValue
{
    guard case .map(let map) = base else {
        if case .optional = base {
            do {
                return try OptionalFunctions.select(base, field)
            } catch {
                throw ip.error(error.message, site)
            }
        }
        throw ip.error("no such field '\(field)' on \(base.celType)", site)
    }
    guard let value = map[field] else { throw ip.error("no such key: \(field)", site) }
    return value
}

/// `operand.field`; `qualifiedName` is the whole chain as a dotted name when it is one.
final class SelectNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    let qualifiedName: String?
    let site: Site

    init(_ operand: Node, field: String, qualifiedName: String?, _ site: Site) {
        self.operand = operand
        self.field = field
        self.qualifiedName = qualifiedName
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        if ip.activation.hasQualifiedNames, let qualifiedName, let value = ip.activation[qualifiedName] {
            return value
        }
        let base = try operand.eval(&ip)
        return try selectField(base, field, site, ip)
    }
}

/// `x.a.b...` on an activation variable `x`: the selects and the variable in one node, each map
/// read in place down the path (the variable's value holds them all) and only the last value
/// copied. Charges the same as the nodes it stands for (they all charge before any can fail);
/// `general`, those nodes, runs instead when the activation has qualified names.
final class SelectPathNode: Node, @unchecked Sendable {
    let variable: VariableNode
    /// The fields, innermost first, and the sites of their selects.
    let fields: [String]
    let sites: [Site]
    let general: Node

    init(_ variable: VariableNode, fields: [String], sites: [Site], general: Node) {
        self.variable = variable
        self.fields = fields
        self.sites = sites
        self.general = general
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        if ip.activation.hasQualifiedNames { return try general.eval(&ip) }
        ip.remaining -= fields.count + 1  // the selects and the variable
        if ip.remaining < 0 { try ip.spend(nil) }
        // The activation holds the variable's value, which holds the maps below it: their values
        // stay in place.
        if let root = ip.activation.scannedValue(variable.name) { return try walk(&ip, from: root) }
        guard let root = ip.activation[variable.name] ?? variable.fallback else {
            throw ip.error("undeclared reference to '\(variable.name)'", variable.site)
        }
        return try withUnsafePointer(to: root) { (root) throws(CELEvaluationError) -> CELValue in
            try walk(&ip, from: root)
        }
    }

    /// The selects down from `root`, reading each map in place.
    @inline(__always)
    func walk(_ ip: inout Interpreter, from root: UnsafePointer<CELValue>) throws(CELEvaluationError) -> CELValue {
        var current = root
        var i = 0
        while i < fields.count {
            guard case .map(let map) = current.pointee else { return try rest(&ip, from: i, current.pointee) }
            if let at = map.identicalIndex(forStringKey: fields[i]) {
                current = map.valuePointer(at: at)
            } else if let at = map.index(forStringKey: fields[i], hint: -1) {
                current = map.valuePointer(at: at)
            } else {
                return try rest(&ip, from: i, current.pointee)
            }
            i += 1
        }
        return current.pointee
    }

    /// The selects from `fields[start]` on, one after the other, on `value`.
    func rest(_ ip: inout Interpreter, from start: Int, _ value: CELValue) throws(CELEvaluationError) -> CELValue {
        var value = value
        for i in start..<fields.count { value = try selectField(value, fields[i], sites[i], ip) }
        return value
    }
}

/// The value of `field` in place in the map `item` holds (nil when it holds no map with that key):
/// the key at the hinted position when it has the same representation (no call out, so that the map
/// is read where it is), else `findField`.
@inline(__always)
func fieldPointer(_ item: UnsafePointer<CELValue>, _ field: String, _ hint: inout Int) -> UnsafePointer<CELValue>? {
    guard case .map(let map) = item.pointee else { return nil }
    if let value = map.valuePointer(forStringKey: field, at: hint) { return value }
    return findField(item, field, &hint)
}

/// A key of the same representation as `field`, else any equal key; its position becomes the hint.
@inline(never)
func findField(_ item: UnsafePointer<CELValue>, _ field: String, _ hint: inout Int) -> UnsafePointer<CELValue>? {
    guard case .map(let map) = item.pointee,
        let at = map.identicalIndex(forStringKey: field) ?? map.index(forStringKey: field, hint: hint)
    else { return nil }
    hint = at
    return map.valuePointer(at: at)
}

/// `v.field` where `v` is an iteration variable: the select and the variable in one node.
final class SelectLocalNode: Node, @unchecked Sendable {
    let slot: Int
    let field: String
    /// This node's entry in `Interpreter.hints`.
    let hint: Int
    let site: Site

    init(slot: Int, field: String, hint: Int, _ site: Site) {
        self.slot = slot
        self.field = field
        self.hint = hint
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        ip.remaining -= 2  // the select and the variable
        if ip.remaining < 0 { try ip.spend(nil) }
        let item = ip.iterators[slot]
        if let value = fieldPointer(item, field, &ip.hints[hint]) { return value.pointee }
        return try selectField(item.pointee, field, site, ip)
    }
}

/// `v.field OP constant` and `size(v.field) OP constant` (`sizeSite` set), `v` an iteration
/// variable: the operator, `size`, the select, the variable and the constant in one node, charged
/// the same at the same points. Strings and ints are compared in place in the map.
final class SelectLocalConstantNode: Node, @unchecked Sendable {
    let op: BinaryOp
    let slot: Int
    let field: String
    let hint: Int
    let constant: CELValue
    let constantString: String?
    let constantIsEmptyString: Bool
    let constantInt: Int64?
    let selectSite: Site
    let sizeSite: Site?
    let site: Site
    /// The nodes charged before the lookup: the operator, `size`, the select and the variable.
    let charge: Int

    init(_ op: BinaryOp, _ select: SelectLocalNode, sizeSite: Site?, _ constant: CELValue, _ site: Site) {
        self.op = op
        slot = select.slot
        field = select.field
        hint = select.hint
        self.constant = constant
        if case .string(let s) = constant { constantString = s } else { constantString = nil }
        constantIsEmptyString = constantString?.isEmpty ?? false
        if case .int(let i) = constant { constantInt = i } else { constantInt = nil }
        selectSite = select.site
        self.sizeSite = sizeSite
        self.site = site
        charge = sizeSite == nil ? 3 : 4
    }

    /// `value OP constant` when both are strings or both ints (as `Functions.fastBinary`), else nil.
    @inline(__always)
    func compare(_ value: UnsafePointer<CELValue>) -> Bool? {
        if let constantString {
            guard case .string(let s) = value.pointee else { return nil }
            let equal = constantIsEmptyString ? s.isEmpty : Strings.bytesEqual(s, constantString)
            switch op {
            case .equals: return equal
            case .notEquals: return !equal
            default: return nil
            }
        }
        guard let constantInt, case .int(let i) = value.pointee else { return nil }
        return compare(i, constantInt)
    }

    /// `size(value) OP constant` for a string value and an int constant, else nil.
    @inline(__always)
    func compareSize(_ value: UnsafePointer<CELValue>) -> Bool? {
        guard let constantInt, case .string(let s) = value.pointee else { return nil }
        return compare(Int64(Strings.scalarCount(s)), constantInt)
    }

    @inline(__always)
    func compare(_ a: Int64, _ b: Int64) -> Bool? {
        switch op {
        case .less: return a < b
        case .lessEquals: return a <= b
        case .greater: return a > b
        case .greaterEquals: return a >= b
        case .equals: return a == b
        case .notEquals: return a != b
        default: return nil
        }
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        ip.remaining -= charge
        if ip.remaining < 0 { try ip.spend(nil) }
        let item = ip.iterators[slot]
        let value = fieldPointer(item, field, &ip.hints[hint])
        // The range holds the item, which holds the map: the value stays in place.
        if let value, let result = sizeSite == nil ? compare(value) : compareSize(value) {
            try ip.visit()  // the constant's node
            return .bool(result)
        }
        return try general(&ip, item.pointee)
    }

    override func test(_ ip: inout Interpreter) -> Bool? {
        guard ip.remaining > charge else { return nil }  // the constant's node included
        guard let value = fieldPointer(ip.iterators[slot], field, &ip.hints[hint]),
            let result = sizeSite == nil ? compare(value) : compareSize(value)
        else { return nil }
        ip.remaining -= charge + 1
        return result
    }

    /// The nodes this one stands for, one after the other.
    func general(_ ip: inout Interpreter, _ item: CELValue) throws(CELEvaluationError) -> CELValue {
        var lhs = try selectField(item, field, selectSite, ip)
        if let sizeSite {
            if case .string(let s) = lhs {
                lhs = .int(Int64(Strings.scalarCount(s)))
            } else {
                do {
                    lhs = try Functions.call(.size, lhs)
                } catch {
                    throw ip.error(error.message, sizeSite)
                }
            }
        }
        try ip.visit()  // the constant's node
        if let value = Functions.fastBinary(op, lhs, constant) { return value }
        do {
            return try Functions.binary(op, lhs, constant)
        } catch {
            throw ip.error(error.message, site)
        }
    }
}

final class PresenceNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    let site: Site

    init(_ operand: Node, field: String, _ site: Site) {
        self.operand = operand
        self.field = field
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        var base = try operand.eval(&ip)
        if case .optional(let wrapped) = base {
            guard let wrapped else { return .bool(false) }
            base = wrapped
        }
        guard case .map(let map) = base else {
            throw ip.error("invalid type for field selection: \(base.celType)", site)
        }
        return .bool(map[field] != nil)
    }
}

/// `&&` (`absorbing` false) and `||` (`absorbing` true): the absorbing value on either side wins
/// over an error on the other; otherwise the first error is reported.
final class LogicalNode: Node, @unchecked Sendable {
    let left: Node
    let right: Node
    let absorbing: Bool
    let site: Site

    init(_ left: Node, _ right: Node, absorbing: Bool, _ site: Site) {
        self.left = left
        self.right = right
        self.absorbing = absorbing
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let leftValue: CELValue
        do {
            leftValue = try left.eval(&ip)
        } catch {
            if error.isCostBudgetExceeded { throw error }
            return try rest(&ip, error)
        }
        guard case .bool(let b) = leftValue else {
            return try rest(&ip, ip.error("no such overload: \(leftValue.celType) \(absorbing ? "||" : "&&") _", site))
        }
        if b == absorbing { return leftValue }
        // The left side is the neutral value: the right side decides.
        let value = try right.eval(&ip)
        guard case .bool = value else {
            throw ip.error("no such overload: _ \(absorbing ? "||" : "&&") \(value.celType)", site)
        }
        return value
    }

    override func test(_ ip: inout Interpreter) -> Bool? {
        let remaining = ip.remaining
        guard remaining >= 1 else { return nil }
        ip.remaining -= 1
        guard let l = left.test(&ip) else {
            ip.remaining = remaining
            return nil
        }
        if l == absorbing { return l }
        guard let r = right.test(&ip) else {
            ip.remaining = remaining
            return nil
        }
        return r
    }

    /// The right side after the left one failed: only the absorbing value overrides the failure.
    func rest(_ ip: inout Interpreter, _ firstError: CELEvaluationError) throws(CELEvaluationError) -> CELValue {
        let value: CELValue
        do {
            value = try right.eval(&ip)
        } catch {
            if error.isCostBudgetExceeded { throw error }
            throw firstError
        }
        if case .bool(let b) = value, b == absorbing { return value }
        throw firstError
    }
}

final class NotNode: Node, @unchecked Sendable {
    let operand: Node
    let site: Site

    init(_ operand: Node, _ site: Site) {
        self.operand = operand
        self.site = site
    }

    override func test(_ ip: inout Interpreter) -> Bool? {
        guard ip.remaining >= 1 else { return nil }
        ip.remaining -= 1
        guard let b = operand.test(&ip) else {
            ip.remaining += 1
            return nil
        }
        return !b
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let value = try operand.eval(&ip)
        guard case .bool(let b) = value else { throw ip.error("no such overload: !\(value.celType)", site) }
        return .bool(!b)
    }
}

final class NegateNode: Node, @unchecked Sendable {
    let operand: Node
    let site: Site

    init(_ operand: Node, _ site: Site) {
        self.operand = operand
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        switch try operand.eval(&ip) {
        case .int(let i):
            guard i != .min else { throw ip.error("return error for overflow", site) }
            return .int(-i)
        case .double(let d):
            return .double(-d)
        case .duration(let d):
            guard d.nanoseconds != .min else { throw ip.error("duration out of range", site) }
            return .duration(CELDuration(nanoseconds: -d.nanoseconds))
        case let value:
            throw ip.error("no such overload: -\(value.celType)", site)
        }
    }
}

/// `@not_strictly_false(b)`: true unless `b` is `false`.
final class NotStrictlyFalseNode: Node, @unchecked Sendable {
    let operand: Node

    init(_ operand: Node) { self.operand = operand }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        do {
            if case .bool(false) = try operand.eval(&ip) { return .bool(false) }
        } catch {
            if error.isCostBudgetExceeded { throw error }
        }
        return .bool(true)
    }
}

final class ConditionalNode: Node, @unchecked Sendable {
    let condition: Node
    let ifTrue: Node
    let ifFalse: Node
    let site: Site

    init(_ condition: Node, _ ifTrue: Node, _ ifFalse: Node, _ site: Site) {
        self.condition = condition
        self.ifTrue = ifTrue
        self.ifFalse = ifFalse
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        switch try condition.eval(&ip) {
        case .bool(true): return try ifTrue.eval(&ip)
        case .bool(false): return try ifFalse.eval(&ip)
        case let value: throw ip.error("no such overload: \(value.celType) ? _ : _", site)
        }
    }
}

final class BinaryNode: Node, @unchecked Sendable {
    let op: BinaryOp
    let left: Node
    let right: Node
    let site: Site

    init(_ op: BinaryOp, _ left: Node, _ right: Node, _ site: Site) {
        self.op = op
        self.left = left
        self.right = right
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let lhs = try left.eval(&ip)
        let rhs = try right.eval(&ip)
        if let value = Functions.fastBinary(op, lhs, rhs) { return value }
        do {
            return try Functions.binary(op, lhs, rhs)
        } catch {
            throw ip.error(error.message, site)
        }
    }
}

/// A binary operator whose right operand is a constant (`x < 64`, `s != ''`): the constant is
/// compared in place instead of being copied out of a node.
final class BinaryConstantNode: Node, @unchecked Sendable {
    let op: BinaryOp
    let left: Node
    let constant: CELValue
    let site: Site

    init(_ op: BinaryOp, _ left: Node, _ constant: CELValue, _ site: Site) {
        self.op = op
        self.left = left
        self.constant = constant
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let lhs = try left.eval(&ip)
        try ip.visit()  // the constant's node
        if let value = Functions.fastBinary(op, lhs, constant) { return value }
        do {
            return try Functions.binary(op, lhs, constant)
        } catch {
            throw ip.error(error.message, site)
        }
    }
}

/// A core builtin of one operand (`size(x)`, `x.size()`, conversions).
final class UnaryCallNode: Node, @unchecked Sendable {
    let builtin: Builtin
    let operand: Node
    let site: Site

    init(_ builtin: Builtin, _ operand: Node, _ site: Site) {
        self.builtin = builtin
        self.operand = operand
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let value = try operand.eval(&ip)
        if builtin == .size, case .string(let s) = value { return .int(Int64(Strings.scalarCount(s))) }
        do {
            return try Functions.call(builtin, value)
        } catch {
            throw ip.error(error.message, site)
        }
    }
}

/// A core builtin of two operands (`contains`, `startsWith`, `endsWith`, `matches`).
final class BinaryCallNode: Node, @unchecked Sendable {
    let builtin: Builtin
    let first: Node
    let second: Node
    let site: Site

    init(_ builtin: Builtin, _ first: Node, _ second: Node, _ site: Site) {
        self.builtin = builtin
        self.first = first
        self.second = second
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let a = try first.eval(&ip)
        let b = try second.eval(&ip)
        if builtin == .matches { try ip.chargeRegex(a, b, site) }
        do {
            return try Functions.call(builtin, a, b)
        } catch {
            throw ip.error(error.message, site)
        }
    }
}

/// Evaluates `nodes` in order.
@inline(__always)
func evalAll(_ nodes: [Node], _ ip: inout Interpreter) throws(CELEvaluationError) -> [CELValue] {
    var values: [CELValue] = []
    values.reserveCapacity(nodes.count)
    for node in nodes { values.append(try node.eval(&ip)) }
    return values
}

final class LibraryNode: Node, @unchecked Sendable {
    let function: LibraryFunction
    let args: [Node]
    let site: Site

    init(_ function: LibraryFunction, _ args: [Node], _ site: Site) {
        self.function = function
        self.args = args
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let values = try evalAll(args, &ip)
        do {
            return try Library.call(function, values, budget: &ip.remaining)
        } catch {
            if error.isCostBudgetExceeded {
                throw CELEvaluationError(
                    message: error.message, position: site.position, exprID: site.id, isCostBudgetExceeded: true)
            }
            throw ip.error(error.message, site)
        }
    }
}

final class HostNode: Node, @unchecked Sendable {
    let function: CELFunction
    let args: [Node]
    let site: Site

    init(_ function: CELFunction, _ args: [Node], _ site: Site) {
        self.function = function
        self.args = args
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let values = try evalAll(args, &ip)
        ip.remaining -= function.cost(values)
        if ip.remaining < 0 { try ip.spend(site) }
        do {
            return try function.body(values)
        } catch let failure as CELFunction.Failure {
            throw ip.error(failure.message, site)
        } catch {
            throw ip.error("\(function.name): \(error)", site)
        }
    }
}

final class ListNode: Node, @unchecked Sendable {
    let elements: [Node]

    init(_ elements: [Node]) { self.elements = elements }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        return .list(try evalAll(elements, &ip))
    }
}

/// A list literal with `?x` elements (flagged true).
final class OptionalListNode: Node, @unchecked Sendable {
    let elements: [Node]
    let optional: [Bool]
    let site: Site

    init(_ elements: [Node], _ optional: [Bool], _ site: Site) {
        self.elements = elements
        self.optional = optional
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        var values: [CELValue] = []
        values.reserveCapacity(elements.count)
        for (element, isOptional) in zip(elements, optional) {
            let value = try element.eval(&ip)
            guard isOptional else {
                values.append(value)
                continue
            }
            guard case .optional(let wrapped) = value else {
                throw ip.error("optional list element is \(value.celType), not optional_type", site)
            }
            if let wrapped { values.append(wrapped) }
        }
        return .list(values)
    }
}

struct MapEntryNode: Sendable {
    let key: Node
    let value: Node
    let site: Site
    let isOptional: Bool
}

final class MapNode: Node, @unchecked Sendable {
    let entries: [MapEntryNode]

    init(_ entries: [MapEntryNode]) { self.entries = entries }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        var map = CELMap()
        for entry in entries {
            let key = try entry.key.eval(&ip)
            var value = try entry.value.eval(&ip)
            if entry.isOptional {
                guard case .optional(let wrapped) = value else {
                    throw ip.error("optional map entry is \(value.celType), not optional_type", entry.site)
                }
                guard let wrapped else { continue }
                value = wrapped
            }
            guard map.insert(value, forKey: key) else {
                switch key {
                case .bool, .int, .uint, .string: throw ip.error("Failed with repeated key: \(key)", entry.site)
                default: throw ip.error("unsupported map key type: \(key.celType)", entry.site)
                }
            }
        }
        return .map(map)
    }
}

/// A fold over a list or map, as produced by macro expansion (see `CELComprehension`).
final class ComprehensionNode: Node, @unchecked Sendable {
    let iterSlot: Int
    let accuSlot: Int
    let range: Node
    let accuInit: Node
    let condition: Node
    let step: Node
    let result: Node
    let site: Site

    init(
        iterSlot: Int, accuSlot: Int, range: Node, accuInit: Node, condition: Node, step: Node, result: Node,
        _ site: Site
    ) {
        self.iterSlot = iterSlot
        self.accuSlot = accuSlot
        self.range = range
        self.accuInit = accuInit
        self.condition = condition
        self.step = step
        self.result = result
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let range = try self.range.eval(&ip)
        let items: [CELValue]
        switch range {
        case .list(let list): items = list
        case .map(let map): items = map.keys
        default: throw ip.error("expression of type \(range.celType) cannot be range of a comprehension", site)
        }
        ip.setAccumulator(accuSlot, try accuInit.eval(&ip))
        return try items.withUnsafeBufferPointer { (items) throws(CELEvaluationError) -> CELValue in
            guard let base = items.baseAddress else { return try result.eval(&ip) }
            for i in 0..<items.count {
                try ip.spend(site)
                ip.iterators[iterSlot] = base + i
                switch try condition.eval(&ip) {
                case .bool(true): break
                case .bool(false): return try result.eval(&ip)
                case let value: throw ip.error("loop condition is \(value.celType), not bool", site)
                }
                do throws(CELEvaluationError) {
                    ip.setAccumulator(accuSlot, try step.eval(&ip))
                } catch {
                    if error.isCostBudgetExceeded { throw error }
                    ip.setAccumulator(accuSlot, failure: error)
                }
            }
            return try result.eval(&ip)
        }
    }
}

/// The `all` (`absorbing` false) and `exists` (`absorbing` true) macros: the comprehension
/// `ComprehensionNode` would run for them, with the accumulator kept in locals of the loop. Charges
/// the same cost at the same points as the general comprehension (the condition's and step's nodes
/// included), so budgets and errors come out the same.
final class QuantifierNode: Node, @unchecked Sendable {
    let iterSlot: Int
    let range: Node
    let predicate: Node
    let absorbing: Bool
    /// The comprehension's site, and the site of the step's `&&`/`||`.
    let site: Site
    let stepSite: Site

    init(iterSlot: Int, range: Node, predicate: Node, absorbing: Bool, _ site: Site, stepSite: Site) {
        self.iterSlot = iterSlot
        self.range = range
        self.predicate = predicate
        self.absorbing = absorbing
        self.site = site
        self.stepSite = stepSite
    }

    /// Matches the expansion of `all` and `exists` (see `CELParser`): init `!absorbing`, condition
    /// `@not_strictly_false(@result)` (`all`) or `@not_strictly_false(!@result)` (`exists`), step
    /// `@result && p` or `@result || p`, result `@result`.
    static func match(
        iterSlot: Int, accuSlot: Int, range: Node, accuInit: Node, condition: Node, step: Node, result: Node,
        _ site: Site
    ) -> QuantifierNode? {
        guard let initial = accuInit as? ConstantNode, case .bool(let start) = initial.value,
            let logical = step as? LogicalNode, logical.absorbing == !start,
            let accumulator = logical.left as? AccumulatorNode, accumulator.slot == accuSlot,
            let final = result as? AccumulatorNode, final.slot == accuSlot,
            let notStrictlyFalse = condition as? NotStrictlyFalseNode
        else { return nil }
        if logical.absorbing {
            guard let not = notStrictlyFalse.operand as? NotNode, let tested = not.operand as? AccumulatorNode,
                tested.slot == accuSlot
            else { return nil }
        } else {
            guard let tested = notStrictlyFalse.operand as? AccumulatorNode, tested.slot == accuSlot else { return nil }
        }
        return QuantifierNode(
            iterSlot: iterSlot, range: range, predicate: logical.right, absorbing: logical.absorbing, site,
            stepSite: logical.site)
    }

    /// The loop condition's nodes: `@not_strictly_false`, `!` for `exists`, `@result`.
    @inline(__always)
    func chargeCondition(_ ip: inout Interpreter) throws(CELEvaluationError) {
        try ip.visit()
        if absorbing { try ip.visit() }
        try ip.visit()
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        let range = try self.range.eval(&ip)
        let items: [CELValue]
        switch range {
        case .list(let list): items = list
        case .map(let map): items = map.keys
        default: throw ip.error("expression of type \(range.celType) cannot be range of a comprehension", site)
        }
        try ip.visit()  // the accumulator's initial constant
        return try items.withUnsafeBufferPointer { (items) throws(CELEvaluationError) -> CELValue in
            try loop(&ip, items)
        }
    }

    func loop(_ ip: inout Interpreter, _ items: UnsafeBufferPointer<CELValue>) throws(CELEvaluationError) -> CELValue {
        // The accumulator is `!absorbing` while `failure` is nil, else that error.
        var failure: CELEvaluationError?
        let count = items.count
        // Per element: the iteration, the condition's nodes, the step's operator and its left operand.
        let perElement = absorbing ? 6 : 5
        var i = 0
        while i < count {
            if ip.remaining >= perElement {
                ip.remaining -= perElement
            } else {
                try ip.spend(site)
                try chargeCondition(&ip)
                try ip.visit()
                try ip.visit()
            }
            ip.iterators[iterSlot] = items.baseAddress! + i
            i += 1
            // The condition passes: the accumulator is not the absorbing value.
            let b: Bool
            if let tested = predicate.test(&ip) {
                b = tested
            } else {
                let value: CELValue
                do {
                    value = try predicate.eval(&ip)
                } catch {
                    if error.isCostBudgetExceeded { throw error }
                    if failure == nil { failure = error }
                    continue
                }
                guard case .bool(let evaluated) = value else {
                    if failure == nil {
                        failure = ip.error("no such overload: _ \(absorbing ? "||" : "&&") \(value.celType)", stepSite)
                    }
                    continue
                }
                b = evaluated
            }
            if b == absorbing {
                // The accumulator becomes the absorbing value: the next condition fails.
                if i < count {
                    try ip.spend(site)
                    try chargeCondition(&ip)
                }
                try ip.visit()  // the result, `@result`
                return .bool(b)
            }
        }
        try ip.visit()  // the result, `@result`
        if let failure { throw failure }
        return .bool(!absorbing)
    }
}

/// A node that always fails (an unsupported construct or an unknown function).
final class FailureNode: Node, @unchecked Sendable {
    let message: String
    let site: Site

    init(_ message: String, _ site: Site) {
        self.message = message
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        throw ip.error(message, site)
    }
}

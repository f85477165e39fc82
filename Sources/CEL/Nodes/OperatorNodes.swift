/// Logical, unary, conditional and binary operators.

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

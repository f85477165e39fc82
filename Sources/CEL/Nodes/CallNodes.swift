/// Calls: core builtins of one and two operands, library functions and host functions.

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
        do {
            switch function.implementation {
            case .priced(let cost, let body):
                ip.remaining -= cost(values)
                if ip.remaining < 0 { try ip.spend(site) }
                return try body(values)
            case .measured(let body):
                let (value, cost) = try body(values)
                ip.remaining -= cost
                if ip.remaining < 0 { try ip.spend(site) }
                return value
            }
        } catch let error as CELEvaluationError {
            throw error
        } catch let failure as CELFunction.Failure {
            throw ip.error(failure.message, site)
        } catch {
            throw ip.error("\(function.name): \(error)", site)
        }
    }
}

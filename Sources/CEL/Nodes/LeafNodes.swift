/// Nodes that read a value without evaluating operands: constants, comprehension slots,
/// activation variables, and the node that always fails.

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

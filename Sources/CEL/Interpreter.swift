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

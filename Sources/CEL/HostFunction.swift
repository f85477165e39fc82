/// A function the embedding program adds to CEL, global (`f(x)`) or namespaced (`secrets.literals(x)`).
///
/// Host functions are resolved when a program is compiled (pass them in `CELProgram.Options`),
/// are called with evaluated arguments, and charge the cost their `cost` closure gives, so a
/// host function cannot escape the evaluation's budget.
public struct CELFunction: Sendable {
    /// The name as written in expressions, with its namespace: `secrets.literals`.
    public let name: String
    public let arity: Int
    let implementation: Implementation

    /// How a call is charged and run.
    enum Implementation: Sendable {
        /// `cost` is charged before `body` runs.
        case priced(cost: @Sendable ([CELValue]) -> Int, body: @Sendable ([CELValue]) throws -> CELValue)
        /// The body gives its cost with its value, charged as it returns.
        case measured(@Sendable ([CELValue]) throws -> (value: CELValue, cost: Int))
    }

    /// An error a host function throws to fail the evaluation with its message.
    public struct Failure: Error, Sendable {
        public let message: String
        public init(_ message: String) { self.message = message }
    }

    /// - Parameters:
    ///   - cost: evaluation steps a call takes, from its arguments (1 by default).
    ///   - body: the function; throw `CELFunction.Failure` for an evaluation error.
    public init(
        _ name: String, arity: Int, cost: @escaping @Sendable ([CELValue]) -> Int = { _ in 1 },
        body: @escaping @Sendable ([CELValue]) throws -> CELValue
    ) {
        self.name = name
        self.arity = arity
        self.implementation = .priced(cost: cost, body: body)
    }

    /// A function that works out its own cost while it runs: one whose cost is the size of an
    /// argument it walks anyway, which would otherwise be walked twice (`secrets.literals` over a
    /// whole document spent as much on pricing the call as on the call). The cost is charged when
    /// the body returns, so a call over the budget still fails the evaluation; its arguments are
    /// already evaluated, so its work is bounded by their size.
    /// - Parameter measuredBody: the function's value and its cost; throw `CELFunction.Failure`
    ///   for an evaluation error.
    public init(
        _ name: String, arity: Int, measuredBody: @escaping @Sendable ([CELValue]) throws -> (value: CELValue, cost: Int)
    ) {
        self.name = name
        self.arity = arity
        self.implementation = .measured(measuredBody)
    }

    /// A cost proportional to the size of a value tree: one step per list element and map entry.
    public static func size(of value: CELValue) -> Int {
        switch value {
        case .list(let items):
            var total = 1
            for index in items.indices { total += size(of: items[index]) }
            return total
        case .map(let map):
            return map.withEntries { entries in
                var total = 1
                for index in entries.indices { total += size(of: entries[index].value) }
                return total
            }
        case .string(let s): return 1 + s.utf8.count / 64
        default: return 1
        }
    }
}

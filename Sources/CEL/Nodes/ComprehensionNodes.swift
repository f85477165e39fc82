/// Comprehensions: the general fold of macro expansion, and `all`/`exists` in a loop of their own.

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

/// `accu + [x]`, the step of `map` and `filter`: appends to the accumulator in place. As a plain
/// `+` it built a one-element list and copied the whole accumulator into a new one at every step,
/// which made a `map` over n elements take n² copies. Charges the `+`, the accumulator and the list
/// as the three nodes would, and fails the same way.
final class AppendNode: Node, @unchecked Sendable {
    let slot: Int
    let element: Node
    let site: Site

    init(slot: Int, element: Node, _ site: Site) {
        self.slot = slot
        self.element = element
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()  // the `+`
        try ip.visit()  // the accumulator
        if !ip.localErrors.isEmpty, let error = ip.localErrors[slot] { throw error }
        try ip.visit()  // the one-element list
        let value = try element.eval(&ip)
        // Moved out of its slot (the comprehension stores the result back), so the list is
        // referenced once and grows in place.
        var accumulator = CELValue.null
        swap(&accumulator, &ip.locals[slot])
        guard case .list(var items) = accumulator else {
            do {
                return try Functions.binary(.add, accumulator, .list([value]))
            } catch {
                throw ip.error(error.message, site)
            }
        }
        accumulator = .null
        items.append(value)
        return .list(items)
    }
}

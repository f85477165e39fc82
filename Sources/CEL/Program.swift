/// An evaluation error: the message and the source position of the node that failed.
public struct CELEvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public let position: SourcePosition
    /// The id of the failing node in its `CELExpression`.
    public let exprID: Int64
    /// True when the cost budget ran out; such an error is never absorbed by `&&`, `||` or `all`/`exists`.
    public let isCostBudgetExceeded: Bool

    public init(message: String, position: SourcePosition, exprID: Int64, isCostBudgetExceeded: Bool = false) {
        self.message = message
        self.position = position
        self.exprID = exprID
        self.isCostBudgetExceeded = isCostBudgetExceeded
    }

    /// `line:column: error: message`.
    public var description: String { "\(position.line):\(position.column): error: \(message)" }
}

/// The variables of one evaluation, by name. Build once and reuse across evaluations.
///
/// A name may be qualified (`a.b.c`): the select chain `a.b.c` then resolves to it before `a`.
public struct CELActivation: Sendable {
    /// The variables in the order they were first bound. An embedder rebinds a few of them
    /// between programs (a policy's `params`, its `variables`), so a rebinding replaces the value
    /// in place: no second copy to keep in step, no hashing of the name.
    private var entries: [Entry] = []
    /// Positions by name, only once there are more than `scanLimit` variables: a program's names
    /// are usually the very strings bound here (short names are stored inline), found by
    /// comparing representations before anything else.
    private var index: [String: Int] = [:]
    private(set) var hasQualifiedNames = false
    private static let scanLimit = 8

    private struct Entry {
        let name: String
        var value: CELValue
    }

    public init(_ variables: [String: CELValue] = [:]) {
        entries.reserveCapacity(variables.count)
        for (name, value) in variables { self[name] = value }
    }

    /// The value of a variable in place, when the scan finds it: valid while this activation lives
    /// unchanged.
    func scannedValue(_ name: String) -> UnsafePointer<CELValue>? {
        guard entries.count <= Self.scanLimit else { return nil }
        return entries.withUnsafeBufferPointer { entries -> UnsafePointer<CELValue>? in
            guard let base = entries.baseAddress else { return nil }
            for i in 0..<entries.count where Strings.identical(entries[i].name, name) {
                return UnsafeRawPointer(base + i).advanced(by: MemoryLayout<Entry>.offset(of: \.value)!)
                    .assumingMemoryBound(to: CELValue.self)
            }
            return nil
        }
    }

    private func position(of name: String) -> Int? {
        guard entries.count <= Self.scanLimit else { return index[name] }
        for i in entries.indices where Strings.identical(entries[i].name, name) { return i }
        for i in entries.indices where entries[i].name == name { return i }
        return nil
    }

    public subscript(name: String) -> CELValue? {
        get {
            if let value = scannedValue(name) { return value.pointee }
            return position(of: name).map { entries[$0].value }
        }
        set {
            if let at = position(of: name) {
                if let newValue {
                    entries[at].value = newValue
                } else {
                    entries.remove(at: at)
                    reindex()
                }
            } else if let newValue {
                entries.append(Entry(name: name, value: newValue))
                if name.utf8.contains(UInt8(ascii: ".")) { hasQualifiedNames = true }
                if entries.count > Self.scanLimit { index[name] = entries.count - 1 }
                if entries.count == Self.scanLimit + 1 { reindex() }
            }
        }
    }

    /// Rebuilds what depends on the whole set of names, after one is unbound or the scan limit
    /// is passed.
    private mutating func reindex() {
        hasQualifiedNames = entries.contains { $0.name.utf8.contains(UInt8(ascii: ".")) }
        index = [:]
        guard entries.count > Self.scanLimit else { return }
        for (at, entry) in entries.enumerated() { index[entry.name] = at }
    }
}

/// A compiled expression, ready to evaluate many times (and from many threads).
public struct CELProgram: Sendable {
    public struct Options: Sendable {
        /// The most evaluation steps (nodes visited plus comprehension iterations) of one evaluation.
        public var costLimit: Int
        /// The expression's namespace (cel-spec "container"), e.g. `com.example`: a name `y` then
        /// resolves to the first bound of `com.example.y`, `com.y`, `y`; `.y` is always the root `y`.
        public var container: String
        /// Functions of the embedding program, by the name expressions call them with.
        public var functions: [CELFunction]

        public init(costLimit: Int = 1_000_000, container: String = "", functions: [CELFunction] = []) {
            self.costLimit = costLimit
            self.container = container
            self.functions = functions
        }
    }

    let root: Node
    let localCount: Int
    let hintCount: Int
    public let options: Options

    public init(_ expression: CELExpression, options: Options = Options()) {
        var compiler = Compiler(container: options.container)
        for function in options.functions { compiler.hostFunctions[function.name] = function }
        root = compiler.compile(expression.root)
        localCount = compiler.maxLocals
        hintCount = compiler.hintCount
        self.options = options
    }

    /// Parses and compiles in one step.
    public init(source: String, options: Options = Options()) throws {
        self.init(try CELParser.parse(source), options: options)
    }

    /// The slots of programs without comprehensions, which use none (never written).
    private nonisolated(unsafe) static let noSlots = (
        locals: UnsafeMutablePointer<CELValue>.allocate(capacity: 1),
        iterators: UnsafeMutablePointer<UnsafePointer<CELValue>>.allocate(capacity: 1),
        hints: UnsafeMutablePointer<Int>.allocate(capacity: 1)
    )

    public func evaluate(_ activation: CELActivation = CELActivation()) throws(CELEvaluationError) -> CELValue {
        if localCount == 0 {
            // No comprehension: no slot is read or written.
            var interpreter = Interpreter(
                activation: activation, locals: Self.noSlots.locals, iterators: Self.noSlots.iterators,
                hints: Self.noSlots.hints, localCount: 0, remaining: options.costLimit)
            return try root.eval(&interpreter)
        }
        let count = Swift.max(localCount, 1)
        let hintCount = Swift.max(self.hintCount, 1)
        // One allocation for the accumulators, the iteration variables and the hints.
        let valueBytes = count * MemoryLayout<CELValue>.stride
        let pointerBytes = count * MemoryLayout<UnsafePointer<CELValue>>.stride
        let bytes = valueBytes + pointerBytes + hintCount * MemoryLayout<Int>.stride
        let alignment = Swift.max(
            MemoryLayout<CELValue>.alignment, MemoryLayout<UnsafePointer<CELValue>>.alignment,
            MemoryLayout<Int>.alignment)
        return try withUnsafeTemporaryAllocation(byteCount: bytes, alignment: alignment) {
            (buffer) throws(CELEvaluationError) -> CELValue in
            let base = buffer.baseAddress!
            let locals = base.bindMemory(to: CELValue.self, capacity: count)
            locals.initialize(repeating: .null, count: count)
            defer { locals.deinitialize(count: count) }
            // Iteration variables point at an element while their loop runs, at `.null` until then.
            let iterators = (base + valueBytes).bindMemory(to: UnsafePointer<CELValue>.self, capacity: count)
            iterators.initialize(repeating: UnsafePointer(locals), count: count)
            let hints = (base + valueBytes + pointerBytes).bindMemory(to: Int.self, capacity: hintCount)
            hints.initialize(repeating: 0, count: hintCount)
            var interpreter = Interpreter(
                activation: activation, locals: locals, iterators: iterators, hints: hints, localCount: count,
                remaining: options.costLimit)
            return try root.eval(&interpreter)
        }
    }
}

/// Where a node came from, for error messages.
struct Site: Sendable {
    let position: SourcePosition
    let id: Int64

    init(_ expr: CELExpr) {
        position = expr.position
        id = expr.id
    }
}

enum BinaryOp: Sendable {
    case add, subtract, multiply, divide, modulo
    case equals, notEquals, less, lessEquals, greater, greaterEquals
    case `in`, index
}

enum Builtin: Sendable {
    case size, contains, startsWith, endsWith, matches
    case toInt, toUint, toDouble, toString, toBytes, toBool, dyn, type
}

struct Compiler {
    /// Comprehension variables in scope, innermost last.
    var scope: [(name: String, slot: Int, isAccumulator: Bool)] = []
    var maxLocals = 0
    /// The entries of `Interpreter.hints` numbered so far.
    var hintCount = 0
    var container = ""
    var hostFunctions: [String: CELFunction] = [:]

    mutating func compile(_ expr: CELExpr) -> Node {
        let site = Site(expr)
        switch expr.kind {
        case .literal(let literal):
            return ConstantNode(Self.value(of: literal))
        case .identifier(let name):
            if let local = scope.last(where: { $0.name == name }) {
                return local.isAccumulator ? AccumulatorNode(local.slot) : LocalNode(local.slot)
            }
            let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
            let fallback = CELType.denotations[bare].map(CELValue.type)
            if !container.isEmpty && !name.hasPrefix(".") {
                var candidates: [String] = []
                var prefix = Substring(container)
                while !prefix.isEmpty {
                    candidates.append(prefix + "." + bare)
                    prefix = prefix[..<(prefix.lastIndex(of: ".") ?? prefix.startIndex)]
                }
                candidates.append(bare)
                return ContainerVariableNode(candidates, fallback: fallback, site)
            }
            return VariableNode(bare, fallback: fallback, site)
        case .select(let operand, let field, let testOnly):
            if testOnly { return PresenceNode(compile(operand), field: field, site) }
            let qualified = qualifiedName(operand).map { $0 + "." + field }
            if let qualified, let type = CELType.denotations[qualified] {
                return VariableNode(qualified, fallback: .type(type), site)
            }
            let base = compile(operand)
            if let local = base as? LocalNode {
                hintCount += 1
                return SelectLocalNode(slot: local.slot, field: field, hint: hintCount - 1, site)
            }
            let select = SelectNode(base, field: field, qualifiedName: qualified, site)
            if let variable = base as? VariableNode {
                return SelectPathNode(variable, fields: [field], sites: [site], general: select)
            }
            if let path = base as? SelectPathNode {
                return SelectPathNode(
                    path.variable, fields: path.fields + [field], sites: path.sites + [site], general: select)
            }
            return select
        case .call(let function, let target, let args):
            return compileCall(function, target: target, args: args, site: site)
        case .list(let elements, let optionalIndices):
            if optionalIndices.isEmpty { return ListNode(elements.map { compile($0) }) }
            return OptionalListNode(elements.map { compile($0) }, elements.indices.map(optionalIndices.contains), site)
        case .map(let entries):
            return MapNode(
                entries.map {
                    MapEntryNode(
                        key: compile($0.key), value: compile($0.value), site: Site($0.key), isOptional: $0.isOptional)
                })
        case .message(let typeName, _):
            return FailureNode("message construction is not supported: \(typeName)", site)
        case .comprehension(let c):
            let range = compile(c.iterRange)
            let accuInit = compile(c.accuInit)
            let accuSlot = scope.count
            let iterSlot = accuSlot + 1
            maxLocals = max(maxLocals, iterSlot + 1)
            scope.append((c.accuVar, accuSlot, true))
            scope.append((c.iterVar, iterSlot, false))
            let condition = compile(c.loopCondition)
            let step = compile(c.loopStep)
            scope.removeLast()
            let result = compile(c.result)
            scope.removeLast()
            if let quantifier = QuantifierNode.match(
                iterSlot: iterSlot, accuSlot: accuSlot, range: range, accuInit: accuInit, condition: condition,
                step: step, result: result, site)
            {
                return quantifier
            }
            return ComprehensionNode(
                iterSlot: iterSlot, accuSlot: accuSlot, range: range, accuInit: accuInit, condition: condition,
                step: step, result: result, site)
        }
    }

    /// `a.b.c` as a dotted name when the chain is made of plain (non-local) identifiers.
    func qualifiedName(_ expr: CELExpr) -> String? {
        switch expr.kind {
        case .identifier(let name):
            if scope.contains(where: { $0.name == name }) { return nil }
            return name.hasPrefix(".") ? String(name.dropFirst()) : name
        case .select(let operand, let field, false):
            return qualifiedName(operand).map { $0 + "." + field }
        default:
            return nil
        }
    }

    mutating func compileCall(_ function: String, target: CELExpr?, args: [CELExpr], site: Site) -> Node {
        // A namespaced function such as `math.abs(x)` or `optional.of(x)`.
        if let target, let namespace = qualifiedName(target), let entry = Library.globals[namespace + "." + function],
            entry.counts.contains(args.count)
        {
            return LibraryNode(entry.function, args.map { compile($0) }, site)
        }
        // The embedding program's functions come after the standard ones, which they cannot shadow.
        if !hostFunctions.isEmpty {
            let qualified = target.flatMap(qualifiedName).map { $0 + "." + function } ?? function
            if let host = hostFunctions[qualified], host.arity == args.count, Library.globals[qualified] == nil {
                return HostNode(host, args.map { compile($0) }, site)
            }
        }
        var operands = args.map { compile($0) }
        if let target { operands.insert(compile(target), at: 0) }
        if target == nil {
            if operands.count == 2, let op = Self.binaryOperators[function] {
                if let constant = operands[1] as? ConstantNode {
                    if let select = operands[0] as? SelectLocalNode {
                        return SelectLocalConstantNode(op, select, sizeSite: nil, constant.value, site)
                    }
                    if let size = operands[0] as? UnaryCallNode, size.builtin == .size,
                        let select = size.operand as? SelectLocalNode
                    {
                        return SelectLocalConstantNode(op, select, sizeSite: size.site, constant.value, site)
                    }
                    return BinaryConstantNode(op, operands[0], constant.value, site)
                }
                if op == .add, let accumulator = operands[0] as? AccumulatorNode, let list = operands[1] as? ListNode,
                    list.elements.count == 1
                {
                    return AppendNode(slot: accumulator.slot, element: list.elements[0], site)
                }
                return BinaryNode(op, operands[0], operands[1], site)
            }
            switch (function, operands.count) {
            case (CELOperator.logicalAnd, 2): return LogicalNode(operands[0], operands[1], absorbing: false, site)
            case (CELOperator.logicalOr, 2): return LogicalNode(operands[0], operands[1], absorbing: true, site)
            case (CELOperator.logicalNot, 1): return NotNode(operands[0], site)
            case (CELOperator.negate, 1): return NegateNode(operands[0], site)
            case (CELOperator.notStrictlyFalse, 1): return NotStrictlyFalseNode(operands[0])
            case (CELOperator.conditional, 3): return ConditionalNode(operands[0], operands[1], operands[2], site)
            default: break
            }
        }
        let name = function.hasPrefix(".") ? String(function.dropFirst()) : function
        if let builtin = Self.builtins[name], Self.accepts(builtin, receiver: target != nil, count: operands.count) {
            return operands.count == 1
                ? UnaryCallNode(builtin, operands[0], site) : BinaryCallNode(builtin, operands[0], operands[1], site)
        }
        if let entry = target == nil ? Library.globals[name] : Library.receivers[name],
            entry.counts.contains(operands.count)
        {
            return LibraryNode(entry.function, operands, site)
        }
        return FailureNode("no such overload: \(function)/\(operands.count)", site)
    }

    static func accepts(_ builtin: Builtin, receiver: Bool, count: Int) -> Bool {
        switch builtin {
        case .size: return count == 1
        case .contains, .startsWith, .endsWith: return receiver && count == 2
        case .matches: return count == 2
        default: return !receiver && count == 1
        }
    }

    static let binaryOperators: [String: BinaryOp] = [
        CELOperator.add: .add, CELOperator.subtract: .subtract, CELOperator.multiply: .multiply,
        CELOperator.divide: .divide, CELOperator.modulo: .modulo, CELOperator.equals: .equals,
        CELOperator.notEquals: .notEquals, CELOperator.less: .less, CELOperator.lessEquals: .lessEquals,
        CELOperator.greater: .greater, CELOperator.greaterEquals: .greaterEquals, CELOperator.in: .in,
        CELOperator.index: .index,
    ]

    static let builtins: [String: Builtin] = [
        "size": .size, "contains": .contains, "startsWith": .startsWith, "endsWith": .endsWith, "matches": .matches,
        "int": .toInt, "uint": .toUint, "double": .toDouble, "string": .toString, "bytes": .toBytes, "bool": .toBool,
        "dyn": .dyn, "type": .type,
    ]

    static func value(of literal: CELLiteral) -> CELValue {
        switch literal {
        case .int(let v): return .int(v)
        case .uint(let v): return .uint(v)
        case .double(let v): return .double(v)
        case .string(let v): return .string(v)
        case .bytes(let v): return .bytes(v)
        case .bool(let v): return .bool(v)
        case .null: return .null
        }
    }
}

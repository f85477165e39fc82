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

/// Walks a compiled `Node` tree. Recursion depth is bounded by the parser's tree-height limit.
struct Interpreter {
    let activation: CELActivation
    /// Comprehension variables; the accumulator may hold an error, which `&&`/`||` can still absorb.
    var locals: [Result<CELValue, CELEvaluationError>]
    var remaining: Int

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

    mutating func eval(_ node: Node) throws(CELEvaluationError) -> CELValue {
        remaining -= 1
        if remaining < 0 { try spend(nil) }
        switch node {
        case .constant(let value):
            return value
        case .local(let slot):
            return try locals[slot].get()
        case .variable(let name, let fallback, let site):
            if let value = activation.variables[name] ?? fallback { return value }
            throw error("undeclared reference to '\(name)'", site)
        case .containerVariable(let names, let fallback, let site):
            for name in names { if let value = activation.variables[name] { return value } }
            if let fallback { return fallback }
            throw error("undeclared reference to '\(names.last ?? "")'", site)
        case .select(let operand, let field, let qualifiedName, let site):
            if activation.hasQualifiedNames, let qualifiedName, let value = activation.variables[qualifiedName] {
                return value
            }
            let base = try eval(operand)
            guard case .map(let map) = base else {
                if case .optional = base {
                    do {
                        return try OptionalFunctions.select(base, field)
                    } catch {
                        throw self.error(error.message, site)
                    }
                }
                throw error("no such field '\(field)' on \(base.celType)", site)
            }
            guard let value = map[field] else { throw error("no such key: \(field)", site) }
            return value
        case .presence(let operand, let field, let site):
            var base = try eval(operand)
            if case .optional(let wrapped) = base {
                guard let wrapped else { return .bool(false) }
                base = wrapped
            }
            guard case .map(let map) = base else {
                throw error("invalid type for field selection: \(base.celType)", site)
            }
            return .bool(map[field] != nil)
        case .and(let left, let right, let site):
            return try logical(left, right, absorbing: false, site)
        case .or(let left, let right, let site):
            return try logical(left, right, absorbing: true, site)
        case .not(let operand, let site):
            let value = try eval(operand)
            guard case .bool(let b) = value else { throw error("no such overload: !\(value.celType)", site) }
            return .bool(!b)
        case .negate(let operand, let site):
            switch try eval(operand) {
            case .int(let i):
                guard i != .min else { throw error("return error for overflow", site) }
                return .int(-i)
            case .double(let d):
                return .double(-d)
            case .duration(let d):
                guard d.nanoseconds != .min else { throw error("duration out of range", site) }
                return .duration(CELDuration(nanoseconds: -d.nanoseconds))
            case let value:
                throw error("no such overload: -\(value.celType)", site)
            }
        case .notStrictlyFalse(let operand):
            do {
                if case .bool(false) = try eval(operand) { return .bool(false) }
            } catch  where error.isCostBudgetExceeded {
                throw error
            } catch {}
            return .bool(true)
        case .conditional(let condition, let ifTrue, let ifFalse, let site):
            switch try eval(condition) {
            case .bool(true): return try eval(ifTrue)
            case .bool(false): return try eval(ifFalse)
            case let value: throw error("no such overload: \(value.celType) ? _ : _", site)
            }
        case .binary(let op, let left, let right, let site):
            let lhs = try eval(left)
            let rhs = try eval(right)
            do {
                return try Functions.binary(op, lhs, rhs)
            } catch {
                throw self.error(error.message, site)
            }
        case .call(let builtin, let args, let site):
            var values: [CELValue] = []
            values.reserveCapacity(args.count)
            for arg in args { values.append(try eval(arg)) }
            if builtin == .matches { try chargeRegex(values, site) }
            do {
                return try Functions.call(builtin, values)
            } catch {
                throw self.error(error.message, site)
            }
        case .library(let function, let args, let site):
            var values: [CELValue] = []
            values.reserveCapacity(args.count)
            for arg in args { values.append(try eval(arg)) }
            do {
                return try Library.call(function, values, budget: &remaining)
            } catch {
                if error.isCostBudgetExceeded {
                    throw CELEvaluationError(
                        message: error.message, position: site.position, exprID: site.id, isCostBudgetExceeded: true)
                }
                throw self.error(error.message, site)
            }
        case .host(let function, let args, let site):
            var values: [CELValue] = []
            values.reserveCapacity(args.count)
            for arg in args { values.append(try eval(arg)) }
            remaining -= function.cost(values)
            if remaining < 0 { try spend(site) }
            do {
                return try function.body(values)
            } catch let failure as CELFunction.Failure {
                throw self.error(failure.message, site)
            } catch {
                throw self.error("\(function.name): \(error)", site)
            }
        case .list(let elements, _):
            var values: [CELValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try eval(element)) }
            return .list(values)
        case .optionalList(let elements, let optional, let site):
            var values: [CELValue] = []
            values.reserveCapacity(elements.count)
            for (element, isOptional) in zip(elements, optional) {
                let value = try eval(element)
                guard isOptional else {
                    values.append(value)
                    continue
                }
                guard case .optional(let wrapped) = value else {
                    throw error("optional list element is \(value.celType), not optional_type", site)
                }
                if let wrapped { values.append(wrapped) }
            }
            return .list(values)
        case .map(let entries, _):
            var map = CELMap()
            for entry in entries {
                let key = try eval(entry.key)
                var value = try eval(entry.value)
                if entry.isOptional {
                    guard case .optional(let wrapped) = value else {
                        throw error("optional map entry is \(value.celType), not optional_type", entry.site)
                    }
                    guard let wrapped else { continue }
                    value = wrapped
                }
                guard map.insert(value, forKey: key) else {
                    switch key {
                    case .bool, .int, .uint, .string: throw error("Failed with repeated key: \(key)", entry.site)
                    default: throw error("unsupported map key type: \(key.celType)", entry.site)
                    }
                }
            }
            return .map(map)
        case .comprehension(let c, let site):
            return try comprehension(c, site)
        case .failure(let message, let site):
            throw error(message, site)
        }
    }

    /// `&&` (`absorbing` false) and `||` (`absorbing` true): the absorbing value on either side wins
    /// over an error on the other; otherwise the first error is reported.
    mutating func logical(_ left: Node, _ right: Node, absorbing: Bool, _ site: Site) throws(CELEvaluationError)
        -> CELValue
    {
        var firstError: CELEvaluationError?
        do {
            let value = try eval(left)
            switch value {
            case .bool(absorbing): return value
            case .bool: break
            default: firstError = error("no such overload: \(value.celType) \(absorbing ? "||" : "&&") _", site)
            }
        } catch  where error.isCostBudgetExceeded {
            throw error
        } catch {
            firstError = error
        }
        let value: CELValue
        do {
            value = try eval(right)
        } catch  where error.isCostBudgetExceeded {
            throw error
        } catch {
            throw firstError ?? error
        }
        switch value {
        case .bool(absorbing): return value
        case .bool:
            if let firstError { throw firstError }
            return value
        default:
            throw firstError ?? error("no such overload: _ \(absorbing ? "||" : "&&") \(value.celType)", site)
        }
    }

    mutating func comprehension(_ c: ComprehensionNode, _ site: Site) throws(CELEvaluationError) -> CELValue {
        let range = try eval(c.range)
        let items: [CELValue]
        switch range {
        case .list(let list): items = list
        case .map(let map): items = map.keys
        default: throw error("expression of type \(range.celType) cannot be range of a comprehension", site)
        }
        locals[c.accuSlot] = .success(try eval(c.accuInit))
        for item in items {
            try spend(site)
            locals[c.iterSlot] = .success(item)
            switch try eval(c.condition) {
            case .bool(true): break
            case .bool(false): return try eval(c.result)
            case let value: throw error("loop condition is \(value.celType), not bool", site)
            }
            do {
                locals[c.accuSlot] = .success(try eval(c.step))
            } catch  where error.isCostBudgetExceeded {
                throw error
            } catch {
                locals[c.accuSlot] = .failure(error)
            }
        }
        return try eval(c.result)
    }
}

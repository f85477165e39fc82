/// cel-go's `ext.Math`.
enum MathFunctions {
    static func call(_ function: LibraryFunction, _ args: [CELValue], budget: inout Int) throws(Failure) -> CELValue {
        switch function {
        case .greatest, .least:
            var candidates = args
            if args.count == 1, case .list(let items) = args[0] { candidates = items }
            try Library.charge(candidates.count / 8, &budget)
            guard var best = candidates.first else { throw Failure("math.\(function)(): the list is empty") }
            for candidate in candidates {
                switch candidate {
                case .int, .uint, .double: break
                default: throw Failure("no such overload: math.\(function)(\(candidate.celType))")
                }
                guard let order = Functions.numericCompare(candidate, best) else { continue }
                if function == .greatest ? order > 0 : order < 0 { best = candidate }
            }
            return best
        case .bitAnd, .bitOr, .bitXor:
            switch (args[0], args[1]) {
            case (.int(let a), .int(let b)):
                return .int(function == .bitAnd ? a & b : function == .bitOr ? a | b : a ^ b)
            case (.uint(let a), .uint(let b)):
                return .uint(function == .bitAnd ? a & b : function == .bitOr ? a | b : a ^ b)
            default:
                throw Library.noOverload(function, args)
            }
        case .bitShiftLeft, .bitShiftRight:
            guard case .int(let shift) = args[1] else { throw Library.noOverload(function, args) }
            guard shift >= 0 else { throw Failure("math.\(function)() negative offset: \(shift)") }
            let left = function == .bitShiftLeft
            switch args[0] {
            case .int(let a):
                if shift >= 64 { return .int(0) }
                let bits = UInt64(bitPattern: a)
                return .int(Int64(bitPattern: left ? bits << UInt64(shift) : bits >> UInt64(shift)))
            case .uint(let a):
                if shift >= 64 { return .uint(0) }
                return .uint(left ? a << UInt64(shift) : a >> UInt64(shift))
            default:
                throw Library.noOverload(function, args)
            }
        default:
            break
        }
        let value = args[0]
        switch (function, value) {
        case (.ceil, .double(let d)): return .double(d.rounded(.up))
        case (.floor, .double(let d)): return .double(d.rounded(.down))
        case (.round, .double(let d)): return .double(d.rounded(.toNearestOrAwayFromZero))
        case (.trunc, .double(let d)): return .double(d.rounded(.towardZero))
        case (.isInf, .double(let d)): return .bool(d.isInfinite)
        case (.isNaN, .double(let d)): return .bool(d.isNaN)
        case (.isFinite, .double(let d)): return .bool(d.isFinite)
        case (.abs, .int(let i)):
            guard i != .min else { throw Functions.overflow }
            return .int(Swift.abs(i))
        case (.abs, .uint): return value
        case (.abs, .double(let d)): return .double(Swift.abs(d))
        case (.sign, .int(let i)): return .int(i.signum())
        case (.sign, .uint(let u)): return .uint(u == 0 ? 0 : 1)
        case (.sign, .double(let d)): return .double(d.isNaN ? d : (d > 0 ? 1 : (d < 0 ? -1 : 0)))
        case (.bitNot, .int(let i)): return .int(~i)
        case (.bitNot, .uint(let u)): return .uint(~u)
        default: throw Library.noOverload(function, args)
        }
    }
}

/// cel-go's `ext.Lists` plus `indexOf`, `lastIndexOf`, `sum`, `min`, `max`, `isSorted` on lists.
enum ListFunctions {
    static func call(_ function: LibraryFunction, _ args: [CELValue], budget: inout Int) throws(Failure) -> CELValue {
        if function == .range {
            guard case .int(let n) = args[0] else { throw Library.noOverload(function, args) }
            guard n >= 0 else { throw Failure("lists.range(): negative length \(n)") }
            try Library.charge(Int(clamping: n), &budget)
            return .list((0..<n).map(CELValue.int))
        }
        guard case .list(let list) = args[0] else { throw Library.noOverload(function, args) }
        try Library.charge(list.count / 4 + 1, &budget)
        switch function {
        case .indexOf, .lastIndexOf:
            guard args.count == 2 else { throw Library.noOverload(function, args) }
            let indices = function == .indexOf ? Array(list.indices) : list.indices.reversed()
            for i in indices where Functions.equals(list[i], args[1]) { return .int(Int64(i)) }
            return .int(-1)
        case .reverse:
            return .list(list.reversed())
        case .distinct:
            var out: [CELValue] = []
            for item in list where !out.contains(where: { Functions.equals($0, item) }) {
                try Library.charge(out.count / 8, &budget)
                out.append(item)
            }
            return .list(out)
        case .flatten:
            var depth: Int64 = 1
            if args.count == 2 {
                guard case .int(let d) = args[1] else { throw Library.noOverload(function, args) }
                guard d >= 0 else { throw Failure("flatten(): level must be non-negative") }
                depth = d
            }
            return .list(try flatten(list, depth: depth, budget: &budget))
        case .slice:
            guard case .int(let start) = args[1], case .int(let end) = args[2] else {
                throw Library.noOverload(function, args)
            }
            guard start >= 0, end >= 0 else { throw Failure("cannot slice(\(start), \(end)), negative indexes not supported") }
            guard start <= end else { throw Failure("cannot slice(\(start), \(end)), start index must be less than or equal to end index") }
            guard end <= list.count else { throw Failure("cannot slice(\(start), \(end)), list is length \(list.count)") }
            return .list(Array(list[Int(start)..<Int(end)]))
        case .sort, .isSorted, .min, .max:
            try checkOrderable(list)
            let cost = list.count < 2 ? 0 : list.count * (Int.bitWidth - list.count.leadingZeroBitCount) / 8
            try Library.charge(cost, &budget)
            switch function {
            case .sort:
                return .list(list.sorted { less($0, $1) })
            case .isSorted:
                for i in list.indices.dropFirst() where less(list[i], list[i - 1]) { return .bool(false) }
                return .bool(true)
            default:
                guard var best = list.first else { throw Failure("\(function)(): the list is empty") }
                for item in list.dropFirst() where function == .min ? less(item, best) : less(best, item) { best = item }
                return best
            }
        case .sum:
            guard var total = list.first else { return .int(0) }
            for item in list.dropFirst() {
                switch (total, item) {
                case (.int, .int), (.uint, .uint), (.double, .double): total = try Functions.add(total, item)
                case (.duration, .duration): total = try TimeFunctions.add(total, item)
                default:
                    throw Failure(
                        "sum(): list elements must be numbers or durations of one type, found \(total.celType) and \(item.celType)")
                }
            }
            switch total {
            case .int, .uint, .double, .duration: return total
            default: throw Failure("sum(): list elements must be numbers or durations, found \(total.celType)")
            }
        default:
            throw Library.noOverload(function, args)
        }
    }

    static func flatten(_ list: [CELValue], depth: Int64, budget: inout Int) throws(Failure) -> [CELValue] {
        var out: [CELValue] = []
        for item in list {
            if depth > 0, case .list(let inner) = item {
                try Library.charge(inner.count / 4 + 1, &budget)
                out.append(contentsOf: try flatten(inner, depth: depth - 1, budget: &budget))
            } else {
                out.append(item)
            }
        }
        return out
    }

    /// Sorting needs elements of one orderable type (numbers of mixed kinds count as one type).
    static func checkOrderable(_ list: [CELValue]) throws(Failure) {
        guard let first = list.first else { return }
        func kind(_ v: CELValue) -> Int? {
            switch v {
            case .int, .uint, .double: return 0
            case .string: return 1
            case .bytes: return 2
            case .bool: return 3
            case .timestamp: return 4
            case .duration: return 5
            default: return nil
            }
        }
        guard let expected = kind(first) else { throw Failure("list elements of type \(first.celType) are not comparable") }
        for item in list where kind(item) != expected {
            throw Failure("list elements must have the same type: found \(first.celType) and \(item.celType)")
        }
    }

    static func less(_ a: CELValue, _ b: CELValue) -> Bool {
        ((try? Functions.compare(a, b, "<")) ?? nil) == -1
    }
}

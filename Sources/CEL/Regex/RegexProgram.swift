/// One instruction of a compiled regular expression (a Thompson NFA laid out as a program).
enum RegexInst: Sendable {
    case scalar(UInt32)
    /// Matches a scalar whose case fold is the payload.
    case scalarFold(UInt32)
    /// Matches a scalar in `sets[index]`.
    case set(Int32)
    case any
    case anyButNewline
    /// Try both; the order records preference, which a yes/no search does not need.
    case split(Int32, Int32)
    case jump(Int32)
    case assert(RegexAssertion)
    case match
}

/// Compiles a `RegexNode` into a flat program, refusing programs over `limit` instructions.
struct RegexCompiler {
    var insts: [RegexInst] = []
    var sets: [RegexCharSet] = []
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    mutating func emit(_ inst: RegexInst) throws(CELRegexError) -> Int {
        if insts.count >= limit {
            throw CELRegexError(
                "pattern too large: its compiled program exceeds \(limit) instructions", offset: 0)
        }
        insts.append(inst)
        return insts.count - 1
    }

    var next: Int32 { Int32(insts.count) }

    mutating func compile(_ node: RegexNode) throws(CELRegexError) {
        switch node {
        case .empty:
            break
        case .literal(let c, let foldCase):
            _ = try emit(foldCase ? .scalarFold(c) : .scalar(c))
        case .set(let set):
            sets.append(set)
            _ = try emit(.set(Int32(sets.count - 1)))
        case .any(let matchesNewline):
            _ = try emit(matchesNewline ? .any : .anyButNewline)
        case .assertion(let kind):
            _ = try emit(.assert(kind))
        case .concat(let items):
            for item in items { try compile(item) }
        case .alternate(let branches):
            // split L1, next; L1: a; jmp end; next: split L2, ...; last branch falls through.
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index == branches.count - 1 {
                    try compile(branch)
                } else {
                    let split = try emit(.split(0, 0))
                    try compile(branch)
                    jumps.append(try emit(.jump(0)))
                    insts[split] = .split(Int32(split + 1), next)
                }
            }
            for jump in jumps { insts[jump] = .jump(next) }
        case .repeat(let body, let min, let max, _):
            let mandatory = max == nil && min > 0 ? min - 1 : min
            for _ in 0..<mandatory { try compile(body) }
            if let max {
                // (x(x(x)?)?)?: each optional copy may skip to the end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(try emit(.split(0, 0)))
                    try compile(body)
                }
                for split in splits { insts[split] = .split(Int32(split + 1), next) }
            } else if min > 0 {
                // x{n,} = x{n-1} x+, where x+ is x followed by a split back to its start.
                let start = next
                try compile(body)
                _ = try emit(.split(start, next + 1))
            } else {
                try star(body)
            }
        }
    }

    /// L: split L1, end; L1: x; jmp L; end:
    mutating func star(_ body: RegexNode) throws(CELRegexError) {
        let split = try emit(.split(0, 0))
        try compile(body)
        _ = try emit(.jump(Int32(split)))
        insts[split] = .split(Int32(split + 1), next)
    }
}

/// The compiled form run by `RegexVM`.
struct RegexProgram: Sendable {
    let insts: [RegexInst]
    let sets: [RegexCharSet]
    /// True when every match must start at the beginning of the text (a leading `\A` or `^`).
    let anchoredStart: Bool
}

/// A Pike VM without captures: simulates every NFA thread in lockstep over the input's Unicode
/// scalars, so the time is O(input length × program size) whatever the pattern.
struct RegexVM {
    /// A set of program counters with O(1) insert, membership and clear (Briggs & Torczon).
    struct SparseSet {
        var dense: [Int32]
        var sparse: [Int32]
        var count = 0

        init(capacity: Int) {
            dense = Array(repeating: 0, count: capacity)
            sparse = Array(repeating: 0, count: capacity)
        }

        @inline(__always)
        func contains(_ pc: Int32) -> Bool {
            let at = Int(sparse[Int(pc)])
            return at < count && dense[at] == pc
        }

        @inline(__always)
        mutating func insert(_ pc: Int32) {
            dense[count] = pc
            sparse[Int(pc)] = Int32(count)
            count += 1
        }
    }

    static let none: UInt32 = .max

    @inline(__always)
    static func isWord(_ c: UInt32) -> Bool {
        c < 128 && RegexCharSet.word.contains(c)
    }

    @inline(__always)
    static func holds(_ kind: RegexAssertion, previous: UInt32, next: UInt32) -> Bool {
        switch kind {
        case .beginText: return previous == none
        case .endText: return next == none
        case .beginLine: return previous == none || previous == 0x0A
        case .endLine: return next == none || next == 0x0A
        case .wordBoundary: return isWord(previous) != isWord(next)
        case .notWordBoundary: return isWord(previous) == isWord(next)
        }
    }

    /// Adds `pc` and everything reachable from it without consuming input; true on reaching `match`.
    @inline(__always)
    static func add(
        _ pc: Int32, to set: inout SparseSet, stack: inout [Int32], _ insts: [RegexInst], previous: UInt32,
        next: UInt32
    ) -> Bool {
        stack.append(pc)
        while let pc = stack.popLast() {
            if set.contains(pc) { continue }
            set.insert(pc)
            switch insts[Int(pc)] {
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assert(let kind):
                if holds(kind, previous: previous, next: next) { stack.append(pc + 1) }
            case .match:
                stack.removeAll(keepingCapacity: true)
                return true
            default:
                break
            }
        }
        return false
    }

    /// True when some substring of `input` matches (RE2's PartialMatch).
    static func search(_ program: RegexProgram, in input: String) -> Bool {
        let insts = program.insts
        let sets = program.sets
        var current = SparseSet(capacity: insts.count)
        var following = SparseSet(capacity: insts.count)
        var stack: [Int32] = []
        stack.reserveCapacity(insts.count)
        var iterator = input.unicodeScalars.makeIterator()
        var previous = none
        var scalar = iterator.next()?.value ?? none
        var atStart = true
        while true {
            if atStart || !program.anchoredStart {
                if add(0, to: &current, stack: &stack, insts, previous: previous, next: scalar) { return true }
            }
            atStart = false
            if scalar == none || (current.count == 0 && program.anchoredStart) { return false }
            let nextScalar = iterator.next()?.value ?? none
            following.count = 0
            for index in 0..<current.count {
                let pc = current.dense[index]
                let accepted: Bool
                switch insts[Int(pc)] {
                case .scalar(let c): accepted = scalar == c
                case .scalarFold(let c): accepted = RegexCaseFold.fold(scalar) == c
                case .set(let at): accepted = sets[Int(at)].contains(scalar)
                case .any: accepted = true
                case .anyButNewline: accepted = scalar != 0x0A
                default: accepted = false
                }
                if accepted
                    && add(pc + 1, to: &following, stack: &stack, insts, previous: scalar, next: nextScalar)
                {
                    return true
                }
            }
            swap(&current, &following)
            previous = scalar
            scalar = nextScalar
        }
    }
}

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A compiled RE2-syntax regular expression, matched in linear time (a Pike VM over Unicode
/// scalars, no backtracking). Immutable and `Sendable`: compile once, match from any thread.
///
/// Backreferences and lookaround are rejected, as RE2 rejects them.
public struct CELRegex: Sendable {
    /// The most instructions a compiled pattern may have.
    public static let maxProgramSize = 50_000

    public let pattern: String
    let program: RegexProgram

    public init(_ pattern: String) throws(CELRegexError) {
        self.pattern = pattern
        let node = try RegexParser.parse(pattern)
        var compiler = RegexCompiler(limit: Self.maxProgramSize)
        try compiler.compile(node)
        _ = try compiler.emit(.match)
        program = RegexProgram(insts: compiler.insts, sets: compiler.sets, anchoredStart: Self.startsAnchored(node))
    }

    /// The number of instructions of the compiled program.
    public var programSize: Int { program.insts.count }

    /// True when some substring of `string` matches (CEL's `matches`, RE2's PartialMatch).
    public func matches(_ string: String) -> Bool {
        RegexVM.search(program, in: string)
    }

    /// The evaluation cost of matching against `string`, proportional to its length times the
    /// program size (the Pike VM's worst case), in the units of `CELProgram.Options.costLimit`.
    public func cost(matching string: String) -> Int {
        let (product, overflow) = (string.utf8.count + 1).multipliedReportingOverflow(by: programSize)
        return overflow ? Int.max : 1 + product / Self.costDivisor
    }

    /// Pike-VM instruction steps per unit of cost (one unit is about one node visit).
    static let costDivisor = 16

    static func startsAnchored(_ node: RegexNode) -> Bool {
        switch node {
        case .assertion(.beginText): return true
        case .concat(let items): return items.first.map(startsAnchored) ?? false
        case .alternate(let branches): return branches.allSatisfy(startsAnchored)
        case .repeat(let body, let min, _, _): return min > 0 && startsAnchored(body)
        default: return false
        }
    }

    // MARK: Cache

    /// Compiles `pattern`, or returns the copy compiled earlier; safe from any thread.
    public static func cached(_ pattern: String) throws(CELRegexError) -> CELRegex {
        if let hit = cache.lookup(pattern) { return try hit.get() }
        let result: Result<CELRegex, CELRegexError>
        do {
            result = .success(try CELRegex(pattern))
        } catch {
            result = .failure(error)
        }
        cache.store(pattern, result)
        return try result.get()
    }

    static let cache = RegexCache(capacity: 512)
}

/// A small pattern → compiled-regex cache behind a mutex; it empties itself when full.
final class RegexCache: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var entries: [String: Result<CELRegex, CELRegexError>] = [:]
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lookup(_ pattern: String) -> Result<CELRegex, CELRegexError>? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return entries[pattern]
    }

    func store(_ pattern: String, _ result: Result<CELRegex, CELRegexError>) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[pattern] = result
    }
}

// MARK: CEL's matches()

extension Strings {
    /// `string.matches(pattern)`: RE2 partial match; an invalid pattern is an evaluation error.
    static func regexMatches(_ string: String, _ pattern: String) throws(Failure) -> Bool {
        do {
            return try CELRegex.cached(pattern).matches(string)
        } catch {
            throw Failure("invalid regex '\(pattern)': \(error)")
        }
    }
}

extension Interpreter {
    /// Charges the cost of `matches(string, pattern)` before it runs: input length × program size.
    mutating func chargeRegex(_ value: CELValue, _ argument: CELValue, _ site: Site) throws(CELEvaluationError) {
        guard case .string(let string) = value, case .string(let pattern) = argument,
            let regex = try? CELRegex.cached(pattern)
        else { return }
        let cost = regex.cost(matching: string)
        remaining = remaining > cost ? remaining - cost : -1
        if remaining < 0 { try spend(site) }
    }
}

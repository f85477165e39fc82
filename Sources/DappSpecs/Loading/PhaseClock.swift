#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall time and process CPU time of consecutive phases (`--timing`, benchmarks).
///
/// The CPU time says how parallel a phase was: on 2 cores a phase that uses 1.0 core of its wall
/// time ran serially, and is where more cores do not help.
public struct PhaseClock {
    public struct Phase: Sendable {
        public let name: String
        public let duration: Duration
        /// User and system time of the whole process during the phase.
        public let cpu: Duration

        /// `12.3 ms`, with the cores used when the phase took long enough to tell: `812.0 ms on 1.6 cores`.
        public var text: String {
            let wall = Self.milliseconds(duration)
            guard wall >= 20 else { return "\(name) \(Self.rounded(wall)) ms" }
            let cores = (Self.milliseconds(cpu) / wall * 10).rounded() / 10
            return "\(name) \(Self.rounded(wall)) ms on \(cores) cores"
        }

        /// `12.3 ms`: for a phase that ran alongside another, whose share of the process's CPU
        /// time cannot be told apart.
        public var wallText: String { "\(name) \(Self.rounded(Self.milliseconds(duration))) ms" }

        static func milliseconds(_ duration: Duration) -> Double {
            let (seconds, attoseconds) = duration.components
            return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        }

        static func rounded(_ ms: Double) -> Double { (ms * 10).rounded() / 10 }
    }

    private let clock = ContinuousClock()
    private var mark: ContinuousClock.Instant
    private var cpuMark: Duration
    public private(set) var phases: [Phase] = []

    public init() {
        mark = clock.now
        cpuMark = Self.processCPUTime()
    }

    /// Ends the phase running since the last call (or since the start).
    public mutating func end(_ name: String) {
        let now = clock.now
        let cpu = Self.processCPUTime()
        phases.append(Phase(name: name, duration: now - mark, cpu: cpu - cpuMark))
        mark = now
        cpuMark = cpu
    }

    #if canImport(Glibc)
        // Glibc imports `RUSAGE_SELF` as an enum case, while `getrusage` takes its raw value.
        private static let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
        private static let rusageSelf = RUSAGE_SELF
    #endif

    /// User plus system time of every thread of the process so far.
    static func processCPUTime() -> Duration {
        var usage = rusage()
        guard getrusage(rusageSelf, &usage) == 0 else { return .zero }
        func duration(_ time: timeval) -> Duration { .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec)) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}

extension [PhaseClock.Phase] {
    /// The phases as `--timing` prints them: `list 12.3 ms, parse 812.0 ms on 1.6 cores`.
    public var text: String { map(\.text).joined(separator: ", ") }

    /// The phases with their wall time only, for work that ran alongside other work.
    public var wallText: String { map(\.wallText).joined(separator: ", ") }
}

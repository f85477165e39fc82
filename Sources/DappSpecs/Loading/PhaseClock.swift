/// Wall time of consecutive phases of a load (`--timing`, benchmarks).
public struct PhaseClock {
    private let clock = ContinuousClock()
    private var mark: ContinuousClock.Instant
    public private(set) var phases: [(name: String, duration: Duration)] = []

    public init() { mark = clock.now }

    /// Ends the phase running since the last call (or since the start).
    public mutating func end(_ name: String) {
        let now = clock.now
        phases.append((name, now - mark))
        mark = now
    }
}

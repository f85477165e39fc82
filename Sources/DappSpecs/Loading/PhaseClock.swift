/// Wall time of consecutive phases of a load (`--timing`, benchmarks).
struct PhaseClock {
    private let clock = ContinuousClock()
    private var mark: ContinuousClock.Instant
    private(set) var phases: [(name: String, duration: Duration)] = []

    init() { mark = clock.now }

    /// Ends the phase running since the last call (or since the start).
    mutating func end(_ name: String) {
        let now = clock.now
        phases.append((name, now - mark))
        mark = now
    }
}

import Testing

@testable import DappSpecs

/// `--timing` tells how long each phase took and how many cores it kept busy: a phase that runs
/// serially shows about one core, which is where a 2-core machine waits.
struct PhaseClockTests {
    @Test func aBusyPhaseCountsItsCPUTime() {
        var clock = PhaseClock()
        let start = ContinuousClock.now
        var spin: UInt64 = 1
        while ContinuousClock.now - start < .milliseconds(60) { spin = spin &* 6_364_136_223_846_793_005 &+ 1 }
        clock.end("spin")
        try? #require(spin != 0)
        let phase = clock.phases[0]
        #expect(phase.name == "spin")
        #expect(phase.duration >= .milliseconds(60))
        // One thread spinning: at least most of one core. (Process time: tests running beside
        // this one add theirs, so only a lower bound holds.)
        #expect(phase.cpu >= .milliseconds(40), "\(phase.cpu)")
        #expect(phase.text.hasPrefix("spin "), "\(phase.text)")
        #expect(phase.text.contains(" ms on "), "\(phase.text)")
        #expect(phase.text.hasSuffix(" cores"), "\(phase.text)")
    }

    @Test func aShortPhaseGivesOnlyItsTime() {
        var clock = PhaseClock()
        clock.end("assemble")
        clock.end("references")
        #expect(clock.phases.map(\.name) == ["assemble", "references"])
        // Under 20 ms the CPU clock's resolution says nothing about cores.
        #expect(!clock.phases[0].text.contains("cores"), "\(clock.phases[0].text)")
        #expect(clock.phases[0].text.hasSuffix(" ms"), "\(clock.phases[0].text)")
    }
}

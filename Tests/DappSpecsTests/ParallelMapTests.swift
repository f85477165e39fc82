import DappCore
import Testing

/// The parallel helpers every load, the policy gate and the reports stand on: every piece of work
/// is done once, and results come back to the right caller.
@Suite struct ParallelMapTests {
    @Test(arguments: [1, 2, 8])
    func runStoresEveryResultInOrder(parallelism: Int) throws {
        var stored: [Int] = []
        try ParallelMap.run(count: 1_000, parallelism: parallelism) { index -> Int? in
            index.isMultiple(of: 7) ? nil : index * 2
        } store: { index, value in
            #expect(value == index * 2)
            stored.append(index)
        }
        #expect(stored == (0..<1_000).filter { !$0.isMultiple(of: 7) })
    }

    @Test func rangesCoverEveryIndexOnce() {
        let ranges = ParallelMap.ranges(count: 1_000, size: 64)
        #expect(ranges.count == 16)
        #expect(ranges.flatMap { Array($0) } == Array(0..<1_000))
        #expect(ParallelMap.ranges(count: 0, size: 64).isEmpty)
    }

    @Test func bothReturnsEachResultAndRethrows() throws {
        let (a, b) = try ParallelMap.both({ (1...1_000).reduce(0, +) }, { "second" })
        #expect(a == 500_500)
        #expect(b == "second")
        struct Failure: Error {}
        #expect(throws: Failure.self) { try ParallelMap.both({ 1 }, { () throws -> Int in throw Failure() }) }
    }
}

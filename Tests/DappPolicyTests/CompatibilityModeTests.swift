import DappCore
import DappPolicy
import Testing

/// How two modes of one port combine when a change moves it from one to the other.
@Suite struct CompatibilityModeTests {
    @Test func theUnionKeepsEveryPromiseOfBoth() {
        #expect(CompatibilityMode.union(.backward, .none) == .backward)
        #expect(CompatibilityMode.union(.none, .forward) == .forward)
        #expect(CompatibilityMode.union(.backward, .forward) == .full)
        #expect(CompatibilityMode.union(.backwardTransitive, .forward) == .fullTransitive)
        #expect(CompatibilityMode.union(.fullTransitive, .backward) == .fullTransitive)
        #expect(CompatibilityMode.union(.none, .none) == .none)
        for a in CompatibilityMode.allCases {
            #expect(CompatibilityMode.union(a, a) == a)
            for b in CompatibilityMode.allCases {
                let union = CompatibilityMode.union(a, b)
                #expect(union == CompatibilityMode.union(b, a))
                #expect(!union.isWeaker(than: a) && !union.isWeaker(than: b), "\(a) ∪ \(b) = \(union)")
            }
        }
    }

    @Test func weakerMeansAPromiseIsDropped() {
        #expect(CompatibilityMode.none.isWeaker(than: .backward))
        #expect(CompatibilityMode.backward.isWeaker(than: .full))
        #expect(CompatibilityMode.backward.isWeaker(than: .backwardTransitive))
        #expect(CompatibilityMode.forward.isWeaker(than: .backward), "consumers lose their promise")
        #expect(!CompatibilityMode.full.isWeaker(than: .backward))
        #expect(!CompatibilityMode.backwardTransitive.isWeaker(than: .backward))
        #expect(!CompatibilityMode.backward.isWeaker(than: .none))
    }
}

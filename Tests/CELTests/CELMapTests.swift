import Testing

@testable import CEL

/// `CELMap`'s storage: entries in insertion order in one buffer, copied on write, indexed once it
/// outgrows scanning, numeric keys equal by value.
@Suite struct CELMapTests {
    @Test func keepsInsertionOrderAndRejectsRepeatedKeys() {
        var map = CELMap()
        #expect(map.isEmpty)
        let inserted = [
            map.insert(.int(1), forStringKey: "b"), map.insert(.int(2), forStringKey: "a"),
            map.insert(.int(3), forStringKey: "b"), map.insert(.int(4), forKey: .string("a")),
        ]
        #expect(inserted == [true, true, false, false], "a repeated key is refused")
        #expect(map.count == 2)
        #expect(map.keys == [.string("b"), .string("a")])
        #expect(map.values == [.int(1), .int(2)])
        #expect(map.key(at: 1) == .string("a") && map.value(at: 0) == .int(1))
        #expect(map.entries.map { $0.0 } == map.keys)
        #expect(map.withEntries { $0.map(\.value) } == [.int(1), .int(2)])
    }

    @Test func copiesOnWrite() {
        var original = CELMap(capacity: 8)
        original.insert(.bool(true), forStringKey: "kept")
        var copy = original
        copy.insert(.bool(false), forStringKey: "added")
        #expect(original.count == 1 && original["added"] == nil)
        #expect(copy.count == 2 && copy["kept"] == .bool(true) && copy["added"] == .bool(false))
        // Empty maps share one storage; adding to one leaves the others empty.
        var first = CELMap()
        let second = CELMap()
        first.insert(.null, forStringKey: "x")
        #expect(second.isEmpty && CELMap().isEmpty && first.count == 1)
    }

    @Test(arguments: [0, 1, 3, CELMap.scanLimit, CELMap.scanLimit + 1, 100])
    func growsAndFindsEveryKeyPastTheScanLimit(count: Int) {
        var map = CELMap(capacity: count / 3)
        for n in 0..<count {
            let byName = map.insert(.int(Int64(n)), forStringKey: "key\(n)")
            let byNumber = map.insert(.string("\(n)"), forKey: .uint(UInt64(1_000 + n)))
            #expect(byName && byNumber)
        }
        #expect(map.count == 2 * count)
        for n in 0..<count {
            #expect(map["key\(n)"] == .int(Int64(n)))
            #expect(map[.string("key\(n)")] == .int(Int64(n)))
            // Numeric keys compare by value: 1000u, 1000 and 1000.0 find the same entry.
            #expect(map[.int(Int64(1_000 + n))] == .string("\(n)"))
            #expect(map[.double(Double(1_000 + n))] == .string("\(n)"))
            let again = map.insert(.null, forKey: .int(Int64(1_000 + n)))
            #expect(!again, "1000 is the key 1000u already holds")
        }
        #expect(map["missing"] == nil && map[.double(0.5)] == nil)
        #expect(map.keys.count == 2 * count)
    }

    @Test func equalityIgnoresOrder() {
        let ab = CELMap(["a": .int(1), "b": .int(2)])
        let ba = CELMap(["b": .int(2), "a": .int(1)])
        #expect(ab == ba)
        #expect(ab != CELMap(["a": .int(1), "b": .int(3)]))
        #expect(ab != CELMap(["a": .int(1)]))
        #expect(CELMap(["a": .int(1), "a": .int(2)])["a"] == .int(2), "a repeated key keeps the last value")
    }
}

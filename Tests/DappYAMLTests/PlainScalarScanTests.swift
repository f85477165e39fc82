import Testing

@testable import DappYAML

/// Plain scalars are scanned eight bytes at a time until a byte that may end them.
@Suite struct PlainScalarScanTests {
    /// The eight-byte test finds the first line feed, space or colon at any position, whatever
    /// follows it, and nothing else.
    @Test func theFirstByteThatMayEndAPlainScalarIsFound() {
        let letters = UInt64(0x6161_6161_6161_6161)
        for position in 0..<8 {
            for byte in UInt8.min...UInt8.max {
                let shift = UInt64(position * 8)
                let word = (letters & ~(UInt64(0xFF) << shift)) | (UInt64(byte) << shift)
                let stops = byte == 0x0A || byte == 0x20 || byte == 0x3A
                let found = SubsetParser.plainStops(word)
                #expect((found != 0) == stops, "byte \(byte) at \(position)")
                if stops { #expect(found.trailingZeroBitCount >> 3 == position, "byte \(byte) at \(position)") }
                // Followed by every kind of byte, the first one is still the one found.
                for after in [UInt8(0x00), 0x0A, 0x20, 0x3A, 0x01, 0xFF] where stops && position < 7 {
                    let later = word & ~(UInt64(0xFF) << (shift + 8)) | (UInt64(after) << (shift + 8))
                    #expect(SubsetParser.plainStops(later).trailingZeroBitCount >> 3 == position, "\(byte) at \(position), then \(after)")
                }
            }
        }
    }

    /// Long plain scalars, with spaces, ` #` comments and colons at every offset of an eight-byte
    /// word, read as libyaml reads them.
    @Test func longPlainScalarsReadAsLibyamlReadsThem() throws {
        for offset in 0..<17 {
            let pad = String(repeating: "x", count: offset)
            for text in ["\(pad)abcdefghijklmnopqrstuvwxyz", "\(pad)a b  c:d # comment", "\(pad)urn:a:b: c", "\(pad)ünïcödé wörds ok"] {
                let source = "key\(pad): \(text)\nother: \(pad)v\n"
                let subset = YAMLReader.read(Array(source.utf8), file: "t.yaml", engine: .automatic)
                let libyaml = YAMLReader.read(Array(source.utf8), file: "t.yaml", engine: .libyaml)
                #expect(subset.errors.map(\.description) == libyaml.errors.map(\.description), "\(source)")
                func pairs(_ file: YAMLFile) -> String {
                    String(
                        describing: file.documents.first?.mapping?.map {
                            ($0.key.string, $0.value.scalar?.text, $0.value.line, $0.value.column)
                        })
                }
                #expect(pairs(subset) == pairs(libyaml), "\(source)")
            }
        }
    }
}

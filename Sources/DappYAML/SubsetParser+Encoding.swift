/// Which inputs the subset parser reads at all: printable ASCII, or UTF-8 text without the
/// characters libyaml treats specially.
extension SubsetParser {
    /// Printable ASCII and line feeds only: no tabs, no carriage returns, no control characters,
    /// nothing that libyaml would have to decode or could reject.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // One pass without early exits, which the compiler vectorises: the high bit of b marks
        // bytes from 0x80 up, that of b + 1 marks DEL (0x7F), and a byte below 0x20 other than
        // the line feed counts as a control character.
        var high: UInt8 = 0
        var controls = 0
        for b in bytes {
            high |= b | (b &+ 1)
            controls &+= (b < 0x20 && b != 0x0A) ? 1 : 0
        }
        return high & 0x80 == 0 && controls == 0
    }

    /// Valid UTF-8 of characters that are plain text to libyaml: printable ASCII, line feeds,
    /// and code points from U+00A0 up, without surrogates, U+FFFE/U+FFFF, the two Unicode line
    /// and paragraph separators (line breaks to libyaml, as is NEL, U+0085, below U+00A0) and
    /// the byte order mark (which libyaml skips at the start of a line).
    static func isPlainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if (b < 0x20 && b != 0x0A) || b == 0x7F { return false }
                i += 1
                continue
            }
            let width: Int
            var value: UInt32
            if b & 0xE0 == 0xC0 {
                width = 2
                value = UInt32(b & 0x1F)
            } else if b & 0xF0 == 0xE0 {
                width = 3
                value = UInt32(b & 0x0F)
            } else if b & 0xF8 == 0xF0 {
                width = 4
                value = UInt32(b & 0x07)
            } else {
                return false
            }
            guard i + width <= n else { return false }
            for k in 1..<width {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                value = value << 6 | UInt32(c & 0x3F)
            }
            // Overlong forms are invalid; so is anything libyaml calls a control character.
            let shortest: UInt32 = width == 2 ? 0x80 : width == 3 ? 0x800 : 0x10000
            guard value >= shortest, value >= 0xA0, value <= 0x10FFFF else { return false }
            switch value {
            case 0xD800...0xDFFF, 0xFFFE, 0xFFFF, 0x2028, 0x2029, 0xFEFF: return false
            default: break
            }
            i += width
        }
        return true
    }
}

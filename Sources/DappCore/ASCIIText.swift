/// Byte-level fast paths for text that is all ASCII, where a `Character` is one byte (or the
/// pair CR LF) and `split`, `hasSuffix` and friends give the same answers on bytes as on
/// characters, at a small fraction of the cost of grapheme breaking. Callers fall back to the
/// `Character` versions for any other text, so results never differ.
extension StringProtocol {
    /// Whether every byte of the text is ASCII.
    @inlinable
    public var isASCIIText: Bool {
        // On the contiguous bytes when there are (native and small strings): a plain loop.
        if let ascii = utf8.withContiguousStorageIfAvailable({ bytes in
            var high: UInt8 = 0
            for byte in bytes { high |= byte }
            return high < 0x80
        }) {
            return ascii
        }
        var ascii = true
        for byte in utf8 where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii
    }
}

extension String {
    /// `split(separator:omittingEmptySubsequences:)` on an ASCII separator: on bytes for ASCII
    /// text (the same pieces), on characters otherwise.
    public func splitting(_ separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [Substring] {
        guard separator.isASCII, isASCIIText else {
            return split(separator: Character(separator), omittingEmptySubsequences: omittingEmptySubsequences)
        }
        let byte = UInt8(separator.value)
        let bytes = utf8
        var parts: [Substring] = []
        // The separators are found on the contiguous bytes when there are (native and small
        // strings); pieces are cut by byte offset (constant time on UTF-8 storage).
        func piece(_ start: Int, _ end: Int) {
            if omittingEmptySubsequences && start == end { return }
            parts.append(self[bytes.index(bytes.startIndex, offsetBy: start)..<bytes.index(bytes.startIndex, offsetBy: end)])
        }
        func scan(_ buffer: some Collection<UInt8>) {
            var start = 0
            var offset = 0
            for b in buffer {
                if b == byte {
                    piece(start, offset)
                    start = offset + 1
                }
                offset += 1
            }
            piece(start, offset)
        }
        if bytes.withContiguousStorageIfAvailable(scan) == nil { scan(bytes) }
        return parts
    }
}

extension String {
    /// The text with every byte that `replacement` gives text for replaced by that text, and the
    /// runs of bytes between copied whole: the escaping renderers' loop, which rebuilt reports of
    /// tens of thousands of findings scalar by scalar before. `replacement` must return nil for
    /// every byte of 0x80 and above, so that multi-byte characters are copied intact.
    public func replacingBytes(_ replacement: (UInt8) -> String?) -> String {
        var text = self
        return text.withUTF8 { bytes in
            // Text with nothing to replace is handed back as it is, not copied.
            guard let first = bytes.firstIndex(where: { replacement($0) != nil }) else { return self }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            Self.appendBytes(UnsafeBufferPointer(rebasing: bytes[first...]), to: &out, replacing: replacement)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends the text's UTF-8 to `out`, each byte that `replacement` gives text for replaced by
    /// that text (as `replacingBytes` does, into a buffer being written).
    public func appendUTF8(to out: inout [UInt8], replacing replacement: (UInt8) -> String?) {
        var text = self
        text.withUTF8 { Self.appendBytes($0, to: &out, replacing: replacement) }
    }

    /// The escaping loop: the runs of bytes between replaced ones are copied whole.
    static func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], replacing replacement: (UInt8) -> String?) {
        var run = 0
        for i in bytes.indices {
            guard let replaced = replacement(bytes[i]) else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            out.append(contentsOf: replaced.utf8)
            run = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }
}

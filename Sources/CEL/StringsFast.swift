/// Byte-level string helpers over contiguous UTF-8, for the hot string functions.
extension Strings {
    /// The number of Unicode scalars (CEL's `size` of a string): the UTF-8 bytes that are not
    /// continuation bytes.
    static func scalarCount(_ s: String) -> Int {
        if let count = s.utf8.withContiguousStorageIfAvailable({ bytes in
            // Eight bytes at a time: a continuation byte has its top bits 10.
            var count = bytes.count
            var i = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= bytes.count {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let high = word & 0x8080_8080_8080_8080
                    if high != 0 { count -= (high & ~(word << 1)).nonzeroBitCount }  // not all ASCII
                    i += 8
                }
            }
            while i < bytes.count {
                if bytes[i] & 0xC0 == 0x80 { count -= 1 }
                i += 1
            }
            return count
        }) {
            return count
        }
        return s.unicodeScalars.count
    }

    /// `s` starts with the bytes of `prefix` (no Unicode normalization, as in cel-go).
    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        let result = s.utf8.withContiguousStorageIfAvailable { sb in
            prefix.utf8.withContiguousStorageIfAvailable { pb in
                pb.count <= sb.count && bytesEqual(sb, from: 0, pb)
            }
        }
        return (result ?? nil) ?? s.utf8.starts(with: prefix.utf8)
    }

    /// `s` ends with the bytes of `suffix`.
    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        let result = s.utf8.withContiguousStorageIfAvailable { sb in
            suffix.utf8.withContiguousStorageIfAvailable { pb in
                pb.count <= sb.count && bytesEqual(sb, from: sb.count - pb.count, pb)
            }
        }
        return (result ?? nil) ?? s.utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    /// The two strings have the same representation (the same inline bytes, or the same storage
    /// and length): a fast test that implies equality, not one that rules it out.
    @inline(__always)
    static func identical(_ a: String, _ b: String) -> Bool {
        guard MemoryLayout<String>.size == 16 else { return false }
        let x = unsafeBitCast(a, to: (UInt64, UInt64).self)
        let y = unsafeBitCast(b, to: (UInt64, UInt64).self)
        return x.0 == y.0 && x.1 == y.1
    }

    /// The two strings have the same UTF-8 bytes (CEL string equality: no Unicode normalization).
    static func bytesEqual(_ a: String, _ b: String) -> Bool {
        if identical(a, b) { return true }
        let count = a.utf8.count
        guard count == b.utf8.count else { return false }
        if count == 0 { return true }
        let result = a.utf8.withContiguousStorageIfAvailable { ab in
            b.utf8.withContiguousStorageIfAvailable { bb in bytesEqual(ab, from: 0, bb) }
        }
        return (result ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// `haystack[start..<start + needle.count] == needle`; the caller checks the bounds.
    @inline(__always)
    static func bytesEqual(_ haystack: UnsafeBufferPointer<UInt8>, from start: Int, _ needle: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        var i = 0
        while i < needle.count {
            if haystack[start + i] != needle[i] { return false }
            i += 1
        }
        return true
    }
}

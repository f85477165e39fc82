/// Encoding problems libyaml would either accept silently (UTF-16, which specs never use) or
/// report only as a byte offset: caught up front and located to line and column.
enum EncodingCheck {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> YAMLError? {
        let start = YAMLMark(line: 1, column: 1)
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            return YAMLError(
                .encoding, "file is UTF-16 (it starts with a UTF-16 byte order mark)", file: file, mark: start,
                hint: "save the file as UTF-8")
        }
        if bytes.count >= 2, bytes[0] == 0 || bytes[1] == 0 {
            return YAMLError(
                .encoding, "file starts with NUL bytes; it is UTF-16/32 or binary", file: file, mark: start, hint: "save the file as UTF-8")
        }
        return nil
    }

    /// Line and column (in characters) of a byte offset.
    static func mark(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line: Int32 = 1
        var column: Int32 = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return YAMLMark(line: line, column: column)
    }

    /// The first byte of the character at a line and column (in characters, as libyaml counts
    /// them), or nil past the end of that line or of the input.
    static func byte(atLine line: Int32, column: Int32, in bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var i = 0
        var currentLine: Int32 = 1
        while currentLine < line {
            guard let newline = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            i = newline + 1
            currentLine += 1
        }
        var currentColumn: Int32 = 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") { return nil }
            if b & 0xC0 != 0x80 {
                if currentColumn == column { return b }
                currentColumn += 1
            }
            i += 1
        }
        return nil
    }
}

/// A lexical or syntax error, located in the source.
public struct CELParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    /// 1-based line.
    public let line: Int
    /// 1-based column, in Unicode scalars.
    public let column: Int
    /// UTF-8 byte offset, 0-based.
    public let offset: Int

    public init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    init(message: String, position: SourcePosition) {
        self.init(message: message, line: position.line, column: position.column, offset: position.offset)
    }

    public var position: SourcePosition { SourcePosition(offset: offset, line: line, column: column) }

    /// `line:column: error: message`.
    public var description: String { "\(line):\(column): error: \(message)" }

    /// The offending source line and a `^` under the error column:
    ///
    /// ```
    ///  | a + * b
    ///  | ....^
    /// ```
    public func snippet(in source: String) -> String {
        Self.snippet(source: source, line: line, column: column)
    }

    static func snippet(source: String, line: Int, column: Int) -> String {
        var lines: [Substring] = []
        var scalars = source.unicodeScalars[...]
        var text = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", scalars.first == "\n" { scalars.removeFirst() }
                lines.append(Substring(String(text)))
                text = String.UnicodeScalarView()
            } else {
                text.append(scalar)
            }
        }
        lines.append(Substring(String(text)))
        let current = line >= 1 && line <= lines.count ? lines[line - 1] : ""
        var caret = ""
        for (i, scalar) in current.unicodeScalars.enumerated() where i < column - 1 {
            caret.append(scalar == "\t" ? "\t" : ".")
        }
        if column - 1 > current.unicodeScalars.count {
            caret += String(repeating: ".", count: column - 1 - current.unicodeScalars.count)
        }
        return " | \(current)\n | \(caret)^"
    }
}

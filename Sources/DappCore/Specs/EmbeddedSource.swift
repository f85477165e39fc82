/// Source text embedded in a YAML scalar (a CEL expression in a DappPolicy), with what it takes to
/// map a position inside the text back to the file: where the scalar starts and how it was written.
public struct EmbeddedSource: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        /// Plain or quoted on the scalar's own line: text column 1 is `location.column + offset`.
        case inline(offset: Int)
        /// A block scalar (`|` or `>`): text line 1 is the line after the indicator, indented by
        /// `indent` columns (the usual two under the key; YAML allows more, so this is an estimate).
        case block(indent: Int)
    }

    public var text: String
    /// Where the scalar starts (its first quote or block indicator).
    public var location: SourceLocation
    public var style: Style

    public init(_ text: String, at location: SourceLocation, style: Style = .inline(offset: 0)) {
        self.text = text
        self.location = location
        self.style = style
    }

    /// The file position of line `line`, column `column` (both 1-based) of the text.
    public func location(line: Int, column: Int) -> SourceLocation {
        guard location.line > 0 else { return location }
        switch style {
        case .inline(let offset):
            // A multi-line plain or quoted scalar folds its lines; later lines keep their own column.
            if line <= 1 { return SourceLocation(file: location.file, line: location.line, column: location.column + offset + column - 1) }
            return SourceLocation(file: location.file, line: location.line + line - 1, column: column)
        case .block(let indent):
            return SourceLocation(file: location.file, line: location.line + max(line, 1), column: indent + column)
        }
    }
}

/// A place in a file of the spec repository, 1-based like every editor and compiler.
///
/// `file` is the path relative to the repository root (`products/sales/orders/product.yaml`), so a
/// diagnostic reads the same on a laptop, in CI and in the daemon.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:col`, or just `path` when the place in the file is unknown (line 0).
    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

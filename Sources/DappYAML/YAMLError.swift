/// A problem with a YAML file as YAML (before any schema is applied), located to line and column.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case syntax
        case duplicateKey
        case aliasLimit
        case nodeLimit
        case depthLimit
        case fileTooLarge
        case encoding
        case tabIndentation
        case unsupportedTag
        case mergeKey
        case complexKey
        case unknownAnchor
    }

    public var code: Code
    public var message: String
    public var file: String
    public var mark: YAMLMark
    public var hint: String?

    public init(_ code: Code, _ message: String, file: String, mark: YAMLMark, hint: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.mark = mark
        self.hint = hint
    }

    /// Whether reading can go on after this error (the rest of the file is still worth reporting).
    public var isRecoverable: Bool {
        switch code {
        case .duplicateKey, .unsupportedTag, .mergeKey, .complexKey: true
        default: false
        }
    }

    public var description: String { "\(file):\(mark.line):\(mark.column): \(message)" }
}

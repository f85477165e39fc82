/// Where a value sits inside a document, `spec.outputPorts[0].contract`, for messages.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public private(set) var description: String
    public private(set) var last: String

    public static let root = FieldPath(description: "", last: "")

    public var isRoot: Bool { description.isEmpty }

    public func key(_ name: String) -> FieldPath {
        FieldPath(description: isRoot ? name : "\(description).\(name)", last: name)
    }

    public func index(_ i: Int) -> FieldPath {
        FieldPath(description: "\(description)[\(i)]", last: last)
    }
}

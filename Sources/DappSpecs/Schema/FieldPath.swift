/// Where a value sits inside a document, `spec.outputPorts[0].contract`, for messages.
///
/// Validation visits every node of every file but reports on few, so the path is kept as a chain
/// of links and only spelled out when a diagnostic needs it.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    private enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private final class Link: Sendable {
        let parent: Link?
        let component: Component
        init(parent: Link?, component: Component) {
            self.parent = parent
            self.component = component
        }
    }

    private let link: Link?
    /// The last key on the path (an index keeps the key before it): the field's own name.
    public let last: String

    public static let root = FieldPath(link: nil, last: "")

    private init(link: Link?, last: String) {
        self.link = link
        self.last = last
    }

    public var isRoot: Bool { link == nil }

    public func key(_ name: String) -> FieldPath {
        FieldPath(link: Link(parent: link, component: .key(name)), last: name)
    }

    public func index(_ i: Int) -> FieldPath {
        FieldPath(link: Link(parent: link, component: .index(i)), last: last)
    }

    public var description: String {
        var components: [Component] = []
        var cursor = link
        while let current = cursor {
            components.append(current.component)
            cursor = current.parent
        }
        var text = ""
        for component in components.reversed() {
            switch component {
            case .key(let name): text += text.isEmpty ? name : ".\(name)"
            case .index(let i): text += "[\(i)]"
            }
        }
        return text
    }

    public static func == (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

/// Where a value sits inside a document, `spec.outputPorts[0].contract`, for messages.
///
/// Validation visits every node of every file but reports on few, so the path is kept as a chain
/// of links and only spelled out when a diagnostic needs it. The last component stays unboxed in
/// the value itself: `key(_:)`/`index(_:)` on a path whose last component is already boxed (see
/// `sealed`) allocate nothing, so a loop over a container's children boxes the container's path
/// once instead of once per child.
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

    /// Every component but `tail`.
    private let link: Link?
    /// The last component, when it is not boxed in `link` yet.
    private let tail: Component?
    /// The last key on the path (an index keeps the key before it): the field's own name.
    public let last: String

    public static let root = FieldPath(link: nil, tail: nil, last: "")

    private init(link: Link?, tail: Component?, last: String) {
        self.link = link
        self.tail = tail
        self.last = last
    }

    public var isRoot: Bool { link == nil && tail == nil }

    /// The same path with its last component boxed, so that extending it allocates nothing.
    @inline(__always)
    public var sealed: FieldPath {
        guard let tail else { return self }
        return FieldPath(link: Link(parent: link, component: tail), tail: nil, last: last)
    }

    @inline(__always)
    private var boxed: Link? {
        guard let tail else { return link }
        return Link(parent: link, component: tail)
    }

    public func key(_ name: String) -> FieldPath {
        FieldPath(link: boxed, tail: .key(name), last: name)
    }

    public func index(_ i: Int) -> FieldPath {
        FieldPath(link: boxed, tail: .index(i), last: last)
    }

    public var description: String {
        var components: [Component] = []
        if let tail { components.append(tail) }
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

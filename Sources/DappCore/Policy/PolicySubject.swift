import CEL

/// One document a policy looks at: a resource as written in the repository (the `object` of a
/// DappPolicy expression), with where it is and the product it belongs to.
public struct PolicySubject: Sendable {
    public var id: ResourceID
    /// The product folder it lives in; nil for repo-wide documents.
    public var product: ProductRef?
    /// Where the document starts.
    public var location: SourceLocation
    /// The document as written: `apiVersion`, `kind`, `metadata`, `spec` (ODCS fields for contracts),
    /// as the CEL value policies see. Built once, when the document is read: a check's policies
    /// read every resource of every product in scope, and converting each from another form per
    /// check cost as much again as building it.
    public var object: CELValue
    /// Finds the line of a field inside the document, for violations that name a `fieldPath`.
    public var locator: (any FieldLocator)?
    /// What the resource was at the base revision (the policies' `oldObject`); nil when there is
    /// no base revision, as for `check` without `--base`. A pre-merge check works it out while
    /// building its subjects, on every core; a policy test case gives it as `oldObject`.
    public var base: BaseVersion?

    /// A resource at the base revision: the policies' `oldObject`.
    public enum BaseVersion: Sendable {
        /// Its file is byte for byte the same: `oldObject` is `object`.
        case same
        /// It was this.
        case changed(CELValue)
        /// It did not exist: `oldObject` is null.
        case new
    }

    public init(id: ResourceID, product: ProductRef?, location: SourceLocation, object: CELValue, locator: (any FieldLocator)? = nil) {
        self.id = id
        self.product = product
        self.location = location
        self.object = object
        self.locator = locator
    }
}

/// Resolves a field path (`spec.roles[0].grants`) to its place in the source document.
public protocol FieldLocator: Sendable {
    func location(of path: DocumentPath) -> SourceLocation?
}

/// A parsed field path: `spec.outputPorts[0].contract` is `spec`, `outputPorts`, `0`, `contract`.
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component]) {
        self.components = components
    }

    /// Parses `a.b[2].c` (an optional leading `.` is allowed, as in Kubernetes' `fieldPath`);
    /// nil when the text is not a path.
    public init?(parsing text: String) {
        var components: [Component] = []
        var rest = Substring(text)
        if rest.hasPrefix(".") { rest = rest.dropFirst() }
        while !rest.isEmpty {
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0
                else { return nil }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
                if rest.hasPrefix(".") { rest = rest.dropFirst() }
                continue
            }
            let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
            guard end > rest.startIndex else { return nil }
            components.append(.key(String(rest[..<end])))
            rest = rest[end...]
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                if rest.isEmpty { return nil }
            }
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

import DappCore
import DappYAML

/// Builds the policy gate's input: every valid resource of the chosen products, as written.
///
/// Policies see documents as the user wrote them (like Kubernetes admission sees the submitted
/// object), not dappctl's typed model, so a rule can test any field, including ones the typed
/// model normalises. The loader keeps them when asked (`LoadOptions.retainObjects`).
public enum PolicySubjects {
    /// The subjects of `products` (every product when nil) from a load that retained its objects
    /// (`LoadOptions.retainObjects`): no file is read again. A finding's field is located by
    /// reading its file then, which only violations with a `fieldPath` need.
    public static func subjects(
        from result: LoadResult, tree: any RepoTree, products: Set<ProductRef>? = nil, limits: YAMLLimits = .default
    ) -> [PolicySubject] {
        var subjects: [PolicySubject] = []
        for bundle in result.specs.sortedProducts where products?.contains(bundle.ref) ?? true {
            for (id, _) in bundle.resourceIDs {
                guard let retained = result.objects[id] else { continue }
                subjects.append(
                    PolicySubject(
                        id: id, product: bundle.ref, location: retained.location, object: retained.object,
                        locator: RetainedLocator(
                            places: retained.fieldPlaces, file: FileLocator(tree: tree, documentStart: retained.location, limits: limits))))
            }
        }
        return subjects
    }
}

/// Locates a field from the places kept with the object, else by reading the file.
struct RetainedLocator: FieldLocator {
    let places: FieldPlaces?
    let file: FileLocator

    func location(of path: DocumentPath) -> SourceLocation? {
        places?.location(of: path) ?? file.location(of: path)
    }
}

/// Locates a field by reading the document's file when asked.
struct FileLocator: FieldLocator {
    let tree: any RepoTree
    let documentStart: SourceLocation
    let limits: YAMLLimits

    func location(of path: DocumentPath) -> SourceLocation? {
        guard let bytes = try? tree.read(documentStart.file) else { return nil }
        let read = YAMLReader.read(bytes, file: documentStart.file, limits: limits)
        guard let document = read.documents.first(where: { $0.location == documentStart }) else { return nil }
        return NodeLocator(root: document).location(of: path)
    }
}

/// Finds a field's line in the document it was read from.
struct NodeLocator: FieldLocator {
    let root: YAMLNode

    func location(of path: DocumentPath) -> SourceLocation? {
        var node = root
        var best = root.location
        for component in path.components {
            switch component {
            case .key(let key):
                guard let pair = node.mapping?.first(where: { $0.key.scalar?.text == key }) else { return best }
                node = pair.value
                best = Self.place(of: pair).location
            case .index(let index):
                guard let items = node.sequence, items.indices.contains(index) else { return best }
                node = items[index]
                best = node.location
            }
        }
        return best
    }

    /// Where a field is shown: a scalar value at its key (that is where the eye looks for
    /// `publicAccess: true`), anything else where the value starts.
    static func place(of pair: YAMLPair) -> YAMLNode {
        pair.value.scalar != nil ? pair.key : pair.value
    }
}

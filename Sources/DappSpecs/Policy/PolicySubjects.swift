import DappCore
import DappYAML

/// Builds the policy gate's input: every valid resource of the chosen products, as written.
///
/// Policies see documents as the user wrote them (like Kubernetes admission sees the submitted
/// object), not dappctl's typed model, so a rule can test any field, including ones the typed
/// model normalises. The loader keeps them when asked (`LoadOptions.retention`).
public enum PolicySubjects {
    /// The subjects of `products` (every product when nil) from a load that retained its objects
    /// (`LoadOptions.retention` `.placed`): no file is read again. A finding's field is located by
    /// reading its file then, which only violations with a `fieldPath` need.
    ///
    /// With `base`, each subject also carries what it was at the base revision
    /// (`PolicySubject.base`): the same file, another object, or none. The products are worked
    /// through on every core.
    public static func subjects(
        from result: LoadResult, base: BaseRevision? = nil, tree: any RepoTree, products: Set<ProductRef>? = nil,
        limits: YAMLLimits = .default, parallelism: Int = System.coreCount
    ) -> [PolicySubject] {
        let refs = result.specs.products.keys.filter { products?.contains($0) ?? true }.sorted()
        let reader = FileLocator.Reader(tree: tree, limits: limits)
        let parts = ParallelMap.slices(of: refs, size: 256, parallelism: parallelism) { chunk in
            var part: [PolicySubject] = []
            for ref in chunk {
                guard let bundle = result.specs.products[ref] else { continue }
                for (id, _) in bundle.resourceIDs {
                    guard let retained = result.objects[id] else { continue }
                    var subject = PolicySubject(
                        id: id, product: ref, location: retained.location, object: retained.object,
                        locator: RetainedLocator(
                            places: retained.fieldPlaces, file: FileLocator(reader: reader, documentStart: retained.location)))
                    if let base { subject.base = base.version(of: retained, in: ref) }
                    part.append(subject)
                }
            }
            return part
        }
        return Array(parts.joined())
    }

    /// The base revision a pre-merge check compares with: a load of it that retained its objects
    /// (possibly of the changed products only), and which products changed.
    public struct BaseRevision: Sendable {
        public var load: LoadResult
        /// The products whose files differ from the base; every other product is the same there,
        /// whether or not `load` read it.
        public var changedProducts: Set<ProductRef>

        public init(load: LoadResult, changedProducts: Set<ProductRef>) {
            self.load = load
            self.changedProducts = changedProducts
        }

        /// What `object` of `product` was at the base: the same file (an unchanged product, or
        /// the same content id), another object, or nothing.
        func version(of object: RetainedObject, in product: ProductRef) -> PolicySubject.BaseVersion {
            guard changedProducts.contains(product) else { return .same }
            guard let old = load.objects[object.id] else { return .new }
            if let id = old.contentID, id == object.contentID { return .same }
            return .changed(old.object)
        }
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
    /// The tree to read from, shared by every subject of a check (one object, not a copy of the
    /// tree in each subject).
    final class Reader: Sendable {
        let tree: any RepoTree
        let limits: YAMLLimits

        init(tree: any RepoTree, limits: YAMLLimits) {
            self.tree = tree
            self.limits = limits
        }
    }

    let reader: Reader
    let documentStart: SourceLocation

    init(reader: Reader, documentStart: SourceLocation) {
        self.reader = reader
        self.documentStart = documentStart
    }

    func location(of path: DocumentPath) -> SourceLocation? {
        guard let bytes = try? reader.tree.read(documentStart.file) else { return nil }
        let read = YAMLReader.read(bytes, file: documentStart.file, limits: reader.limits)
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

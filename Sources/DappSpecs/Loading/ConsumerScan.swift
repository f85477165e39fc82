import DappCore
import DappYAML

/// Finds who consumes a set of products without loading the repository: every product.yaml is
/// read as bytes, candidates are the files that mention a product (`domain/name`), and only the
/// candidates are decoded to confirm their input ports. Downstream levels repeat the search for
/// the consumers found, so the lineage of a change is known from a few decoded files.
public enum ConsumerScan {
    public struct Result: Sendable {
        /// The product documents of everything downstream (bundles hold only the DappProduct).
        public var downstream: SpecSet
        /// Product folders in the repository.
        public var productCount: Int
    }

    /// Everything downstream of `products`: the consumers of their ports, transitively.
    /// `folders`: the repository's product folders when the caller has listed them already
    /// (`productFolders(in:)`).
    public static func downstream(
        of products: Set<ProductRef>, in tree: some RepoTree, folders: [ProductRef]? = nil, options: LoadOptions = LoadOptions()
    ) throws -> Result {
        let refs = try folders ?? productFolders(in: tree)
        let manifests = try tree.read(existing: refs.map { SpecLoader.folder(of: $0) + "/product.yaml" }, parallelism: options.parallelism)

        var result = SpecSet()
        var visited = products
        var frontier = products
        while !frontier.isEmpty {
            // The files that mention a product of this level, then (on every core) which of them
            // really consume one of its ports.
            let names = Set(frontier.map { "\($0.domain)/\($0.name)" })
            let candidates = refs.indices.filter { index in
                !visited.contains(refs[index]) && manifests[index].map { mentions($0, anyOf: names) } ?? false
            }
            let level = frontier
            let limits = options.limits
            var next = Set<ProductRef>()
            try ParallelMap.run(count: candidates.count, parallelism: options.parallelism) { at -> SpecDocument<ProductSpec>? in
                let ref = refs[candidates[at]]
                let folder = SpecLoader.folder(of: ref)
                let outcome = DocumentDecoder.decode(
                    path: "\(folder)/product.yaml", place: .product(ref, folder: folder), bytes: manifests[candidates[at]] ?? [],
                    reading: FileReading(limits: limits))
                for case .product(let document) in outcome.documents
                where document.spec.inputPorts.contains(where: { level.contains($0.product.value) }) {
                    return document
                }
                return nil
            } store: { at, document in
                let ref = refs[candidates[at]]
                var bundle = ProductBundle(ref: ref, folder: SpecLoader.folder(of: ref))
                bundle.product = document
                result.products[ref] = bundle
                next.insert(ref)
            }
            visited.formUnion(next)
            frontier = next
        }
        return Result(downstream: result, productCount: refs.count)
    }

    /// Every product folder (`products/<domain>/<name>`), from the tree's folders alone.
    public static func productFolders(in tree: some RepoTree) throws -> [ProductRef] {
        var found: [ProductRef] = []
        for domain in try tree.subfolders(of: "products") {
            for name in try tree.subfolders(of: "products/\(domain)") { found.append(ProductRef(domain: domain, name: name)) }
        }
        return found
    }

    /// Whether the text holds one of `names` (`domain/name`) as a whole word: a run of the bytes a
    /// product reference is made of, bounded by anything else (space, quote, comma, bracket, colon,
    /// line end). One pass over the text, whatever the number of names: a search for each name
    /// in turn made a change to 1,000 products scan 10,000 files 1,000 times (18 s).
    static func mentions(_ bytes: [UInt8], anyOf names: Set<String>) -> Bool {
        guard !names.isEmpty else { return false }
        return bytes.withUnsafeBufferPointer { text in
            // Only words with a slash can be references: find the slashes (a few per file) and
            // widen each to its word.
            var index = 0
            while index < text.count {
                guard text[index] == UInt8(ascii: "/") else {
                    index += 1
                    continue
                }
                var start = index
                while start > 0, isReferenceByte(text[start - 1]) { start -= 1 }
                var end = index + 1
                while end < text.count, isReferenceByte(text[end]) { end += 1 }
                if names.contains(String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)) { return true }
                index = end
            }
            return false
        }
    }

    /// Letters, digits, `.`, `_`, `-` and `/`: what `domain/name` may hold.
    private static func isReferenceByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"): true
        default: false
        }
    }
}

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
    public static func downstream(of products: Set<ProductRef>, in tree: some RepoTree, options: LoadOptions = LoadOptions()) throws
        -> Result
    {
        var refs: [ProductRef] = []
        for domain in try tree.subfolders(of: "products") {
            for name in try tree.subfolders(of: "products/\(domain)") { refs.append(ProductRef(domain: domain, name: name)) }
        }
        let paths = refs.map { "products/\($0.domain)/\($0.name)/product.yaml" }
        // Read in a few batches on every core: each batch pays one tree walk.
        let batches = ParallelMap.ranges(count: paths.count, size: 512).map { Array(paths[$0]) }
        var manifests: [[UInt8]?] = []
        manifests.reserveCapacity(paths.count)
        var batchResults = [[[UInt8]?]](repeating: [], count: batches.count)
        try ParallelMap.run(count: batches.count, parallelism: options.parallelism) { index in
            try tree.read(existing: batches[index])
        } store: { index, contents in
            batchResults[index] = contents
        }
        for batch in batchResults { manifests += batch }

        var result = SpecSet()
        var visited = products
        var frontier = products
        while !frontier.isEmpty {
            let needles = frontier.map { Array("\($0.domain)/\($0.name)".utf8) }
            var next = Set<ProductRef>()
            for (index, ref) in refs.enumerated() where !visited.contains(ref) {
                guard let bytes = manifests[index], needles.contains(where: { contains(bytes, $0) }) else { continue }
                let path = "products/\(ref.domain)/\(ref.name)/product.yaml"
                let outcome = DocumentDecoder.decode(
                    path: path, place: .product(ref, folder: "products/\(ref.domain)/\(ref.name)"), bytes: bytes, limits: options.limits)
                for case .product(let document) in outcome.documents
                where document.spec.inputPorts.contains(where: { frontier.contains($0.product.value) }) {
                    var bundle = ProductBundle(ref: ref, folder: "products/\(ref.domain)/\(ref.name)")
                    bundle.product = document
                    result.products[ref] = bundle
                    next.insert(ref)
                }
            }
            visited.formUnion(next)
            frontier = next
        }
        return Result(downstream: result, productCount: refs.count)
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count, let first = needle.first else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var start = 0
                let last = hay.count - pin.count
                while start <= last {
                    if hay[start] == first {
                        var matched = true
                        for offset in 1..<pin.count where hay[start + offset] != pin[offset] {
                            matched = false
                            break
                        }
                        if matched { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}

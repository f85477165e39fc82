import DappCore

/// Who consumes what: for each output port, the input ports that read it, and transitively the
/// consumers of those consumers' output ports. Built from the head revision's specs.
public struct Lineage: Sendable {
    public struct Port: Sendable, Hashable {
        public var product: ProductRef
        public var port: String

        public init(product: ProductRef, port: String) {
            self.product = product
            self.port = port
        }
    }

    /// Direct consumers of each output port: (consuming product, its input port name).
    let direct: [Port: [(product: ProductRef, inputPort: String)]]
    /// Each product's output ports.
    let outputs: [ProductRef: [String]]

    public init(specs: SpecSet) {
        var direct: [Port: [(product: ProductRef, inputPort: String)]] = [:]
        var outputs: [ProductRef: [String]] = [:]
        for bundle in specs.products.values {
            guard let product = bundle.product else { continue }
            outputs[bundle.ref] = product.spec.outputPorts.map(\.name)
            for input in product.spec.inputPorts {
                direct[Port(product: input.product.value, port: input.port.value), default: []].append((bundle.ref, input.name))
            }
        }
        self.direct = direct
        self.outputs = outputs
    }

    /// Everyone downstream of `port`, nearest first: direct consumers at depth 1, consumers of
    /// their output ports at depth 2, and so on (each product once, at its smallest depth).
    public func consumers(of port: Port) -> [CompatibilityFinding.Consumer] {
        var result: [CompatibilityFinding.Consumer] = []
        var seen: Set<ProductRef> = [port.product]
        var frontier: [Port] = [port]
        var depth = 1
        while !frontier.isEmpty {
            var next: [Port] = []
            for current in frontier {
                for consumer in (direct[current] ?? []).sorted(by: { ($0.product, $0.inputPort) < ($1.product, $1.inputPort) }) {
                    guard seen.insert(consumer.product).inserted else { continue }
                    result.append(CompatibilityFinding.Consumer(product: consumer.product, port: consumer.inputPort, depth: depth))
                    next += (outputs[consumer.product] ?? []).map { Port(product: consumer.product, port: $0) }
                }
            }
            frontier = next
            depth += 1
        }
        return result
    }

    /// The products that read an output port of `products` directly (not including them).
    public func directConsumers(of products: Set<ProductRef>) -> Set<ProductRef> {
        var result: Set<ProductRef> = []
        for (port, consumers) in direct where products.contains(port.product) {
            for consumer in consumers { result.insert(consumer.product) }
        }
        return result.subtracting(products)
    }
}

/// List and map literals.

final class ListNode: Node, @unchecked Sendable {
    let elements: [Node]

    init(_ elements: [Node]) { self.elements = elements }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        return .list(try evalAll(elements, &ip))
    }
}

/// A list literal with `?x` elements (flagged true).
final class OptionalListNode: Node, @unchecked Sendable {
    let elements: [Node]
    let optional: [Bool]
    let site: Site

    init(_ elements: [Node], _ optional: [Bool], _ site: Site) {
        self.elements = elements
        self.optional = optional
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        var values: [CELValue] = []
        values.reserveCapacity(elements.count)
        for (element, isOptional) in zip(elements, optional) {
            let value = try element.eval(&ip)
            guard isOptional else {
                values.append(value)
                continue
            }
            guard case .optional(let wrapped) = value else {
                throw ip.error("optional list element is \(value.celType), not optional_type", site)
            }
            if let wrapped { values.append(wrapped) }
        }
        return .list(values)
    }
}

struct MapEntryNode: Sendable {
    let key: Node
    let value: Node
    let site: Site
    let isOptional: Bool
}

final class MapNode: Node, @unchecked Sendable {
    let entries: [MapEntryNode]

    init(_ entries: [MapEntryNode]) { self.entries = entries }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        var map = CELMap()
        for entry in entries {
            let key = try entry.key.eval(&ip)
            var value = try entry.value.eval(&ip)
            if entry.isOptional {
                guard case .optional(let wrapped) = value else {
                    throw ip.error("optional map entry is \(value.celType), not optional_type", entry.site)
                }
                guard let wrapped else { continue }
                value = wrapped
            }
            guard map.insert(value, forKey: key) else {
                switch key {
                case .bool, .int, .uint, .string: throw ip.error("Failed with repeated key: \(key)", entry.site)
                default: throw ip.error("unsupported map key type: \(key.celType)", entry.site)
                }
            }
        }
        return .map(map)
    }
}

import CEL
import DappYAML

extension YAMLNode {
    /// The node as the CEL value a policy sees (`object`, `oldObject`): YAML integers are `int`
    /// (one past 64 bits stays the string it was written as), floats `double`, mappings maps with
    /// string keys (a scalar key's text) in document order; a repeated key keeps its first value,
    /// and a pair whose key is a list or a mapping is left out. Built straight from the nodes when
    /// a resource is read.
    public var policyValue: CELValue {
        switch value {
        case .scalar(let s):
            switch s.typed {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(Int64(i))
            case .double(let d): return .double(d)
            case .string(let text): return .string(text)
            }
        case .sequence(let items):
            var list: [CELValue] = []
            list.reserveCapacity(items.count)
            for index in items.indices { list.append(items[index].policyValue) }
            return .list(list)
        case .mapping(let pairs):
            var map = CELMap(capacity: pairs.count)
            for index in pairs.indices {
                // A key that is a list or a mapping names no field a policy could select.
                guard case .scalar(let key) = pairs[index].key.value else { continue }
                map.insert(pairs[index].value.policyValue, forStringKey: key.text)
            }
            return .map(map)
        }
    }
}

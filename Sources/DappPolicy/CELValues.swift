import CEL
import DappCore

extension CELValue {
    /// A spec document value as CEL sees it: YAML integers are `int`, floats `double`, mappings
    /// maps with string keys in document order.
    init(_ value: SpecValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(Int64(i))
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .list(let items): self = .list(items.map(CELValue.init))
        case .map(let entries):
            var map = CELMap(capacity: entries.count)
            for entry in entries { map.insert(CELValue(entry.value), forStringKey: entry.key) }
            self = .map(map)
        }
    }

    /// The text of a string result (messageExpression); nil for anything else.
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

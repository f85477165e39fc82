import DappCore
import DappYAML

/// Total readers over contract nodes. Deliberately not `YAMLNode` extensions: other readers of the
/// module extend `YAMLNode` with similar names.
enum ContractNodes {
    /// The text of a non-null scalar under `key` (a number written where text was expected is read
    /// as its text).
    static func text(_ node: YAMLNode, _ key: String) -> String? {
        node[key].flatMap(text)
    }

    static func texts(_ node: YAMLNode, _ key: String) -> [String] {
        node[key].map(texts) ?? []
    }

    // The same readers on the value itself, for decoders that walk a mapping's entries once.

    /// The text of a non-null scalar.
    static func text(_ value: YAMLNode) -> String? {
        guard case .scalar(let scalar) = value.value, scalar.kind != .null else { return nil }
        return scalar.text
    }

    /// The texts of the non-null scalars of a list.
    static func texts(_ value: YAMLNode) -> [String] {
        (value.sequence ?? []).compactMap { item in
            guard let scalar = item.scalar, scalar.kind != .null else { return nil }
            return scalar.text
        }
    }

    static func int(_ value: YAMLNode) -> Int? { value.scalar?.int }

    static func double(_ value: YAMLNode) -> Double? { value.scalar?.double }

    static func flag(_ value: YAMLNode) -> Bool? { value.scalar?.bool }

    static func position(_ value: YAMLNode) -> Int? {
        guard let value = int(value), value >= 1 else { return nil }
        return value
    }

    /// The mapping items of a list, skipping anything else.
    static func mappings(_ value: YAMLNode) -> [YAMLNode] {
        (value.sequence ?? []).filter { $0.mapping != nil }
    }

    static func int(_ node: YAMLNode, _ key: String) -> Int? { node[key]?.scalar?.int }

    static func double(_ node: YAMLNode, _ key: String) -> Double? { node[key]?.scalar?.double }

    static func flag(_ node: YAMLNode, _ key: String) -> Bool? { node[key]?.scalar?.bool }

    /// A 1-based key position; ODCS's "not positioned" default of -1 (or any value below 1) is nil.
    static func position(_ node: YAMLNode, _ key: String) -> Int? {
        guard let value = int(node, key), value >= 1 else { return nil }
        return value
    }

    /// The mapping items of the list under `key`, skipping anything else.
    static func mappings(_ node: YAMLNode, _ key: String) -> [YAMLNode] {
        (node[key]?.sequence ?? []).filter { $0.mapping != nil }
    }

    /// Any node as a plain value, scalars typed as everywhere else (`YAMLScalar.typed`).
    static func value(_ node: YAMLNode) -> SpecValue {
        node.specValue
    }

    static func customProperties(_ node: YAMLNode) -> [ContractCustomProperty] {
        node["customProperties"].map(customProperties(list:)) ?? []
    }

    /// The custom properties of the list `list` (a `customProperties` value).
    static func customProperties(list: YAMLNode) -> [ContractCustomProperty] {
        mappings(list).map { item in
            var property = ContractCustomProperty(
                property: text(item, "property") ?? "", value: item["value"].map(value) ?? .null,
                description: text(item, "description"), location: item.location)
            property.id = text(item, "id")
            return property
        }
    }

    static func authoritativeDefinitions(_ node: YAMLNode) -> [ContractAuthoritativeDefinition] {
        node["authoritativeDefinitions"].map(authoritativeDefinitions(list:)) ?? []
    }

    /// The definitions of the list `list` (an `authoritativeDefinitions` value).
    static func authoritativeDefinitions(list: YAMLNode) -> [ContractAuthoritativeDefinition] {
        mappings(list).map { item in
            var definition = ContractAuthoritativeDefinition(
                url: text(item, "url") ?? "", type: text(item, "type") ?? "", description: text(item, "description"),
                location: item.location)
            definition.id = text(item, "id")
            return definition
        }
    }

    /// A relationship end: one reference or a list of them.
    static func references(_ node: YAMLNode?) -> [String] {
        guard let node else { return [] }
        if let scalar = node.scalar { return scalar.kind == .null ? [] : [scalar.text] }
        return (node.sequence ?? []).compactMap { $0.scalar?.text }
    }

    /// The comparison operators of a quality rule, in ODCS order.
    static func operators(_ node: YAMLNode) -> [ContractQualityOperator] {
        var result: [ContractQualityOperator] = []
        if let v = node["mustBe"] { result.append(.mustBe(value(v))) }
        if let v = node["mustNotBe"] { result.append(.mustNotBe(value(v))) }
        if let d = double(node, "mustBeGreaterThan") { result.append(.mustBeGreaterThan(d)) }
        if let d = double(node, "mustBeGreaterOrEqualTo") { result.append(.mustBeGreaterOrEqualTo(d)) }
        if let d = double(node, "mustBeLessThan") { result.append(.mustBeLessThan(d)) }
        if let d = double(node, "mustBeLessOrEqualTo") { result.append(.mustBeLessOrEqualTo(d)) }
        if let range = pair(node, "mustBeBetween") { result.append(.mustBeBetween(range.0, range.1)) }
        if let range = pair(node, "mustNotBeBetween") { result.append(.mustNotBeBetween(range.0, range.1)) }
        return result
    }

    private static func pair(_ node: YAMLNode, _ key: String) -> (Double, Double)? {
        node[key].flatMap(pair)
    }

    /// Two numbers, a `mustBeBetween` range.
    static func pair(_ value: YAMLNode) -> (Double, Double)? {
        guard let items = value.sequence, items.count == 2, let low = items[0].scalar?.double,
            let high = items[1].scalar?.double
        else { return nil }
        return (low, high)
    }

    /// Precision and scale of a decimal physical type: `DECIMAL(12,2)` → (12, 2), `NUMERIC(10)` →
    /// (10, nil), `NUMBER(38, 0)` → (38, 0). Nil for anything else.
    static func decimalPrecision(_ physicalType: String) -> (Int?, Int?)? {
        // Most physical types are ASCII and not decimals: rule them out on bytes, where the
        // character-based parsing below costs a grapheme walk and an uppercased copy.
        let arguments: [Int?]
        if physicalType.isASCIIText {
            // Characters are bytes: the same parse on the bytes.
            var text = physicalType
            guard let inside = text.withUTF8({ bytes in decimalArguments(bytes).map { String(decoding: bytes[$0], as: UTF8.self) } })
            else { return nil }
            arguments = inside.splitting(",", omittingEmptySubsequences: false).map { Int($0.trimmingSpaces()) }
        } else {
            guard let open = physicalType.firstIndex(of: "("), let close = physicalType.lastIndex(of: ")"), open < close else { return nil }
            let name = physicalType[..<open].trimmingSpaces().uppercased()
            guard ["DECIMAL", "NUMERIC", "NUMBER", "DEC"].contains(name) else { return nil }
            arguments = physicalType[physicalType.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
                .map { Int(String($0).trimmingSpaces()) }
        }
        guard (1...2).contains(arguments.count), let precision = arguments[0] else { return nil }
        if arguments.count == 2 {
            guard let scale = arguments[1] else { return nil }
            return (precision, scale)
        }
        return (precision, nil)
    }
}

extension ContractNodes {
    /// For ASCII text: when the part before the first `(` (which must come before the last `)`),
    /// without surrounding spaces and uppercased, names a decimal type, the positions between the
    /// parentheses; nil otherwise. The same test as `decimalPrecision` makes on characters.
    fileprivate static func decimalArguments(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        // On the bytes themselves: the same walk over a `String.UTF8View` cost more than the
        // rest of decoding the property.
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")), let close = bytes.lastIndex(of: UInt8(ascii: ")")), open < close
        else { return nil }
        var start = 0
        var end = open
        while start < end, bytes[start] == UInt8(ascii: " ") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        candidates: for candidate in decimalNames where candidate.count == end - start {
            for offset in candidate.indices {
                var byte = bytes[start + offset]
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
                guard byte == candidate[offset] else { continue candidates }
            }
            return open + 1..<close
        }
        return nil
    }

    private static let decimalNames: [[UInt8]] = ["DECIMAL", "NUMERIC", "NUMBER", "DEC"].map { Array($0.utf8) }
}

extension StringProtocol {
    /// Without leading and trailing spaces (Foundation-free trimming).
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}

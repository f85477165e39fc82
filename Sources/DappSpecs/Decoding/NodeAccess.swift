import DappCore
import DappYAML

/// Small readers over nodes that already passed schema validation: they never fail, they only
/// fall back to empty values for what is absent.
extension YAMLNode {
    func text(_ key: String) -> String? { self[key]?.scalar.flatMap { $0.kind == .null ? nil : $0.text } }

    func located(_ key: String) -> Located<String>? {
        guard let node = self[key], let scalar = node.scalar, scalar.kind != .null else { return nil }
        return Located(scalar.text, at: node.location)
    }

    /// An embedded expression under `key`, with how its text maps back onto the file.
    func embeddedSource(_ key: String) -> EmbeddedSource? {
        guard let node = self[key], let scalar = node.scalar, scalar.kind != .null else { return nil }
        let style: EmbeddedSource.Style
        switch scalar.style {
        case .plain: style = .inline(offset: 0)
        case .singleQuoted, .doubleQuoted: style = .inline(offset: 1)
        // Block content is usually indented two columns more than its key (this mapping's column).
        case .literal, .folded: style = .block(indent: column + 1)
        }
        return EmbeddedSource(scalar.text, at: node.location, style: style)
    }

    func texts(_ key: String) -> [String] {
        (self[key]?.sequence ?? []).compactMap { $0.scalar?.text }
    }

    func locatedTexts(_ key: String) -> [Located<String>] {
        (self[key]?.sequence ?? []).compactMap { node in node.scalar.map { Located($0.text, at: node.location) } }
    }

    func list(_ key: String) -> [YAMLNode] { self[key]?.sequence ?? [] }

    func integer(_ key: String) -> Int? { self[key]?.scalar?.int }

    func flag(_ key: String) -> Bool? { self[key]?.scalar?.bool }

    func stringMap(_ key: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in self[key]?.mapping ?? [] {
            if let k = pair.key.scalar?.text, let v = pair.value.scalar?.text { result[k] = v }
        }
        return result
    }

    func productRef(_ key: String) -> Located<ProductRef>? {
        guard let text = located(key), let ref = ProductRef(parsing: text.value) else { return nil }
        return Located(ref, at: text.location)
    }

    func productRefs(_ key: String) -> [Located<ProductRef>] {
        locatedTexts(key).compactMap { text in ProductRef(parsing: text.value).map { Located($0, at: text.location) } }
    }

    /// `{secretRef: {name, key}}` under `key` (or this node itself when `key` is nil).
    func secretRef(_ key: String? = nil) -> SecretRef? {
        guard let holder = key.map({ self[$0] }) ?? self, let ref = holder["secretRef"],
            let name = ref.text("name"), let secretKey = ref.text("key")
        else { return nil }
        return SecretRef(name: name, key: secretKey)
    }

    /// Any node as a plain value (policy params, custom properties).
    var specValue: SpecValue {
        switch value {
        case .scalar(let s):
            switch s.typed {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .double(let d): return .double(d)
            case .string(let text): return .string(text)
            }
        case .sequence(let items): return .list(items.map(\.specValue))
        case .mapping(let pairs):
            return .map(pairs.map { SpecValue.Entry(key: $0.key.scalar?.text ?? "", value: $0.value.specValue) })
        }
    }
}

/// Anchors (`&name`) and aliases (`*name`), counted as `TreeBuilder` counts them: an anchored
/// node remembers its subtree's size (alias expansions included) and height, and an alias adds
/// that size to the file's nodes. The subset parser steps aside at half the alias and node limits
/// and one level short of the depth limit, so libyaml's path reports whatever comes near them.
extension SubsetParser {
    func isProperty(_ b: UInt8) -> Bool { b == UInt8(ascii: "&") || b == UInt8(ascii: "*") }

    /// An alias, or an anchored node, as the value of a block collection whose entries stand at
    /// column `n` (`indentless`: a mapping's, whose value may be a sequence at that column).
    /// Leaves `pos` at the next content line. Anchored keys, and an anchor on nothing, go to libyaml.
    mutating func anchoredOrAlias(parentIndent n: Int, indentless: Bool, depth: Int) throws(Outside) -> YAMLNode {
        if byte(at: pos) == UInt8(ascii: "*") {
            let node = try alias(depth: depth, inFlow: false)
            try finishLine()
            try nextContentLine()
            return node
        }
        let mark = here()
        let name = try propertyName(inFlow: false)
        skipSpaces()
        let before = nodes
        var node: YAMLNode
        if isLineEnd() {
            guard let nested = try nestedBlock(parentIndent: n, indentless: indentless, depth: depth) else { throw Outside() }
            node = nested
        } else if isBlockScalarIndicator(byte(at: pos)) {
            node = try blockScalar(parentIndent: n)
        } else if isProperty(byte(at: pos)) {
            throw Outside()
        } else {
            node = try inlineNode(depth: depth)
            if byte(at: pos) == UInt8(ascii: ":") { throw Outside() }
            if let folded = try finishValue(parentIndent: n) { node = YAMLNode(.scalar(folded), mark: node.mark, origin: origin) }
        }
        return anchor(node, name: name, mark: mark, size: nodes - before)
    }

    /// `&name node` or `*name` inside a flow collection.
    mutating func flowProperty(depth: Int) throws(Outside) -> YAMLNode {
        if byte(at: pos) == UInt8(ascii: "*") { return try alias(depth: depth, inFlow: true) }
        let mark = here()
        let name = try propertyName(inFlow: true)
        skipSpaces()
        switch byte(at: pos) {
        case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): throw Outside()
        default: break
        }
        let before = nodes
        let node = try inlineNode(depth: depth, inFlow: true)
        return anchor(node, name: name, mark: mark, size: nodes - before)
    }

    /// The node as anchored: it starts at its anchor and carries the name, and aliases may use it.
    mutating func anchor(_ node: YAMLNode, name: String, mark: YAMLMark, size: Int) -> YAMLNode {
        var anchored = node
        anchored.mark = mark
        anchored.origin = YAMLOrigin.shared(file: origin.file, anchor: name)
        anchors[name] = AnchoredNode(node: anchored, size: size, depth: Self.height(of: anchored))
        return anchored
    }

    /// `*name`: the anchored node again, starting at the alias and without the anchor's name.
    mutating func alias(depth: Int, inFlow: Bool) throws(Outside) -> YAMLNode {
        let mark = here()
        let name = try propertyName(inFlow: inFlow)
        guard let target = anchors[name] else { throw Outside() }
        aliasNodes += target.size
        nodes += target.size
        guard aliasNodes <= limits.maxAliasExpansion / 2, nodes <= limits.maxNodes / 2,
            depth - 1 + target.depth < limits.maxDepth
        else { throw Outside() }
        var node = target.node
        node.origin = origin
        node.mark = mark
        return node
    }

    /// The name after `&` or `*`: letters, digits, `-` and `_` (libyaml's anchor characters),
    /// ended by a blank or, in a flow collection, by its punctuation.
    mutating func propertyName(inFlow: Bool) throws(Outside) -> String {
        pos += 1
        let start = pos
        while pos < end, Self.isAnchorCharacter(bytes[pos]) { pos += 1 }
        guard pos > start else { throw Outside() }
        let next = byte(at: pos)
        let ended = isBlankOrEnd(next) || (inFlow && (next == UInt8(ascii: ",") || next == UInt8(ascii: "]") || next == UInt8(ascii: "}")))
        guard ended else { throw Outside() }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
    }

    static func isAnchorCharacter(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// Levels of collections in a tree (0 for a scalar), as `TreeBuilder` counts depth.
    static func height(of node: YAMLNode) -> Int {
        switch node.value {
        case .scalar: return 0
        case .sequence(let items): return 1 + items.reduce(0) { max($0, height(of: $1)) }
        case .mapping(let pairs): return 1 + pairs.reduce(0) { max($0, height(of: $1.key), height(of: $1.value)) }
        }
    }
}

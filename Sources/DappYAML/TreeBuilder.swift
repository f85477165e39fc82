import CLibYAML

/// Turns the libyaml event stream into a tree with an explicit stack (no recursion, so nesting
/// depth is bounded by the limit, never by the thread's stack). The children of open
/// collections wait on a `NodeStack`.
struct TreeBuilder: ~Copyable {
    let file: String
    let limits: YAMLLimits
    let input: UnsafeBufferPointer<UInt8>
    /// Bytes of the file before `input` (a UTF-8 byte order mark), for byte offsets in messages.
    let skipped: Int
    /// The origin every node without an anchor shares.
    let origin: YAMLOrigin
    var documents: [YAMLNode] = []
    var errors: [YAMLError] = []

    private struct Frame {
        var isMapping: Bool
        /// Where this collection's children (for a mapping: key, value, key, ...) start on `pending`.
        var start: Int
        var mark: YAMLMark
        var anchor: String?
        /// Nodes in this subtree, itself included, counting alias expansions.
        var size = 1
        /// Height of the deepest child subtree.
        var childDepth = 0
        /// Keys of a big mapping, for the duplicate check (small mappings compare linearly).
        var keys: Set<String>? = nil
    }

    private var frames: [Frame] = []
    private var pending = NodeStack()
    private var anchors: [String: AnchoredNode] = [:]
    private var totalNodes = 0
    private var aliasNodes = 0
    private var documentRoot: YAMLNode?

    init(file: String, limits: YAMLLimits, input: UnsafeBufferPointer<UInt8>, skipped: Int, origin: YAMLOrigin) {
        self.file = file
        self.limits = limits
        self.input = input
        self.skipped = skipped
        self.origin = origin
        frames.reserveCapacity(16)
    }

    mutating func run() {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            errors.append(YAMLError(.syntax, "libyaml could not allocate a parser", file: file, mark: YAMLMark(line: 1, column: 1)))
            return
        }
        defer { yaml_parser_delete(&parser) }
        // Nothing to read (an empty file, or only a byte order mark): no documents.
        guard let base = input.baseAddress, !input.isEmpty else { return }
        yaml_parser_set_input_string(&parser, base, input.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                errors.append(parserError(parser))
                return
            }
            let type = event.type
            let keepGoing = handle(&event)
            yaml_event_delete(&event)
            if !keepGoing || type == YAML_STREAM_END_EVENT { return }
        }
    }

    @inline(__always)
    func mark(_ m: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int32(clamping: m.line + 1), column: Int32(clamping: m.column + 1))
    }

    @inline(__always)
    private func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Returns false when reading must stop (a limit was hit).
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT:
            return scalar(event.data.scalar, at: mark(event.start_mark))
        case YAML_MAPPING_START_EVENT:
            let at = mark(event.start_mark)
            let data = event.data.mapping_start
            if let tag = data.tag, !isTag(tag, "tag:yaml.org,2002:map"), !isTag(tag, "!") {
                unsupportedTag(String(cString: tag), at: at)
            }
            return push(isMapping: true, mark: at, anchor: cString(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let at = mark(event.start_mark)
            let data = event.data.sequence_start
            if let tag = data.tag, !isTag(tag, "tag:yaml.org,2002:seq"), !isTag(tag, "!") {
                unsupportedTag(String(cString: tag), at: at)
            }
            return push(isMapping: false, mark: at, anchor: cString(data.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return pop()
        case YAML_ALIAS_EVENT:
            return alias(event.data.alias, at: mark(event.start_mark))
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            documentRoot = nil
            return true
        case YAML_DOCUMENT_END_EVENT:
            let root =
                documentRoot.take()
                ?? YAMLNode(.scalar(YAMLScalar(text: "", style: .plain, kind: .null)), mark: mark(event.start_mark), origin: origin)
            documents.append(root)
            return true
        default:
            return true
        }
    }

    private mutating func scalar(_ data: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_scalar, at: YAMLMark) -> Bool {
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        let style: YAMLScalar.Style
        switch data.style {
        case YAML_PLAIN_SCALAR_STYLE: style = .plain
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        let kind: YAMLScalar.Kind
        if let tag = data.tag {
            kind = resolveTag(String(cString: tag), content: bytes, at: at)
        } else {
            kind = style == .plain ? ScalarResolver.resolve(plain: bytes) : .string
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let anchor = data.anchor {
            let name = String(cString: anchor)
            return add(
                YAMLNode(.scalar(YAMLScalar(text: text, style: style, kind: kind)), mark: at, file: file, anchor: name),
                size: 1, depth: 0, anchor: name)
        }
        totalNodes += 1
        if totalNodes > limits.maxNodes { return nodeLimit(at: at) }
        if frames.isEmpty {
            documentRoot = YAMLNode(.scalar(YAMLScalar(text: text, style: style, kind: kind)), mark: at, origin: origin)
            return true
        }
        pending.push(YAMLNode(.scalar(YAMLScalar(text: text, style: style, kind: kind)), mark: at, origin: origin))
        return noteChild(size: 1, depth: 0)
    }

    func isTag(_ tag: UnsafeMutablePointer<yaml_char_t>, _ expected: StaticString) -> Bool {
        strcmp(
            UnsafeRawPointer(tag).assumingMemoryBound(to: CChar.self),
            UnsafeRawPointer(expected.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    private mutating func alias(_ data: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_alias, at: YAMLMark) -> Bool {
        let name = cString(data.anchor) ?? ""
        guard let target = anchors[name] else {
            errors.append(
                YAMLError(
                    .unknownAnchor, "alias '*\(name)' refers to no anchor defined before it", file: file, mark: at,
                    hint: "define '&\(name)' earlier in the same document"))
            return false
        }
        aliasNodes += target.size
        if aliasNodes > limits.maxAliasExpansion {
            errors.append(
                YAMLError(
                    .aliasLimit,
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes (at alias '*\(name)'); this looks like a 'billion laughs' document",
                    file: file, mark: at, hint: "write the repeated content out, or use fewer nested aliases"))
            return false
        }
        var node = target.node
        node.origin = origin
        node.mark = at
        return add(node, size: target.size, depth: target.depth, anchor: nil)
    }

    private mutating func push(isMapping: Bool, mark: YAMLMark, anchor: String?) -> Bool {
        if frames.count + 1 > limits.maxDepth {
            errors.append(
                YAMLError(
                    .depthLimit, "nesting is deeper than \(limits.maxDepth) levels", file: file, mark: mark,
                    hint: "flatten the structure; no spec needs this depth"))
            return false
        }
        totalNodes += 1
        if totalNodes > limits.maxNodes { return nodeLimit(at: mark) }
        frames.append(Frame(isMapping: isMapping, start: pending.count, mark: mark, anchor: anchor))
        return true
    }

    /// Ends the innermost collection: its children move from `pending` into its array.
    private mutating func pop() -> Bool {
        let frame = frames.removeLast()
        let value: YAMLNode.Value =
            frame.isMapping ? .mapping(pending.takePairs(from: frame.start)) : .sequence(pending.takeItems(from: frame.start))
        let node = YAMLNode(
            value, mark: frame.mark,
            origin: frame.anchor.map { YAMLOrigin.shared(file: file, anchor: $0) } ?? origin)
        // The frame was counted when pushed; only its subtree size travels up.
        if let anchor = frame.anchor {
            anchors[anchor] = AnchoredNode(node: node, size: frame.size, depth: frame.childDepth + 1)
        }
        return attach(node, size: frame.size, depth: frame.childDepth + 1)
    }

    private mutating func nodeLimit(at mark: YAMLMark) -> Bool {
        errors.append(
            YAMLError(
                .nodeLimit, "file has more than \(limits.maxNodes) nodes", file: file, mark: mark,
                hint: "split the file into smaller documents"))
        return false
    }

    /// An anchored scalar or an alias: counted, checked against the depth limit, then attached.
    private mutating func add(_ node: YAMLNode, size: Int, depth: Int, anchor: String?) -> Bool {
        totalNodes += size
        if totalNodes > limits.maxNodes { return nodeLimit(at: node.mark) }
        if frames.count + depth > limits.maxDepth {
            errors.append(
                YAMLError(
                    .depthLimit, "nesting is deeper than \(limits.maxDepth) levels once aliases are expanded", file: file, mark: node.mark,
                    hint: "flatten the structure; no spec needs this depth"))
            return false
        }
        if let anchor {
            anchors[anchor] = AnchoredNode(node: node, size: size, depth: depth)
        }
        return attach(node, size: size, depth: depth)
    }

    private mutating func attach(_ node: consuming YAMLNode, size: Int, depth: Int) -> Bool {
        place(node)
        return noteChild(size: size, depth: depth)
    }

    /// Puts a finished node last on `pending`, or makes it the document's root.
    @inline(__always)
    private mutating func place(_ node: consuming YAMLNode) {
        if frames.isEmpty {
            documentRoot = consume node
            return
        }
        pending.push(node)
    }

    /// Accounts for the child just placed on `pending` in the innermost collection, and checks it
    /// when it is a mapping key.
    @inline(__always)
    private mutating func noteChild(size: Int, depth: Int) -> Bool {
        if frames.isEmpty { return true }
        let top = frames.count - 1
        frames[top].size += size
        if depth > frames[top].childDepth { frames[top].childDepth = depth }
        if frames[top].isMapping, (pending.count - frames[top].start) & 1 == 1 {
            checkKey(frame: top)
        }
        return true
    }

    /// Checks the key just placed last on `pending` against the earlier keys of the mapping of
    /// frame `index`.
    private mutating func checkKey(frame index: Int) {
        let key = pending[pending.count - 1]
        guard case .scalar(let scalar) = key.value else {
            errors.append(
                YAMLError(.complexKey, "mapping keys must be plain values, not \(key.kindDescription)", file: file, mark: key.mark))
            return
        }
        if scalar.style == .plain, scalar.text == "<<" {
            errors.append(
                YAMLError(
                    .mergeKey, "merge keys ('<<') are YAML 1.1 and not supported", file: file, mark: key.mark,
                    hint: "write the merged fields out in full"))
            return
        }
        guard let earlier = pending.earlierKey(sameAsTopFrom: frames[index].start, keys: &frames[index].keys) else { return }
        let first = pending[earlier].mark
        errors.append(
            YAMLError(
                .duplicateKey, "duplicate key '\(scalar.text)' (first defined at line \(first.line), column \(first.column))", file: file,
                mark: key.mark, hint: "remove one of the two entries; YAML does not allow repeated keys"))
    }
}

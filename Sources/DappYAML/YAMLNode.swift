/// A 1-based position inside a YAML file.
public struct YAMLMark: Hashable, Sendable, Comparable {
    public var line: Int32
    public var column: Int32

    public init(line: Int32, column: Int32) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One node of a YAML document with the file, line and column it was read from.
///
/// The tree is plain values: documents can be handed between threads, cached and compared.
/// Aliases are resolved to the anchored node (shared storage, counted against the limits).
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var value: Value
    public var mark: YAMLMark
    /// Path of the file relative to the repository root.
    public var file: String {
        get { origin.file }
        set { originRef = OriginRef(YAMLOrigin.shared(file: newValue, anchor: origin.anchor)) }
    }
    /// The anchor declared on this node (`&name`), kept for diagnostics.
    public var anchor: String? {
        get { origin.anchor }
        set { originRef = OriginRef(YAMLOrigin.shared(file: origin.file, anchor: newValue)) }
    }
    /// File and anchor behind one shared, immutable reference: the reader gives every node of a
    /// file the same one. A node stays at 40 bytes, which the compiler moves and builds in place;
    /// with the two strings stored inline (64 bytes) every node was built, copied and destroyed.
    var origin: YAMLOrigin {
        get { originRef.origin }
        set { originRef = OriginRef(newValue) }
    }
    /// The origin, held without reference counting when interned (nearly always).
    var originRef: OriginRef

    public init(_ value: Value, mark: YAMLMark, file: String, anchor: String? = nil) {
        self.value = value
        self.mark = mark
        self.originRef = OriginRef(YAMLOrigin.shared(file: file, anchor: anchor))
    }

    init(_ value: Value, mark: YAMLMark, origin: YAMLOrigin) {
        self.value = value
        self.mark = mark
        self.originRef = OriginRef(origin)
    }

    public var line: Int { Int(mark.line) }
    public var column: Int { Int(mark.column) }
}

/// A key/value entry of a mapping, in document order.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar with its text, quoting style and the type the YAML 1.2 core schema gives it.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The type of a scalar under the YAML 1.2 core schema (or its explicit standard tag).
    /// `yes`, `no`, `on`, `off`, `y` and `n` are strings: YAML 1.1's booleans are not honoured.
    public enum Kind: Sendable, Hashable {
        case null, bool, int, float, string
    }

    public var text: String
    public var style: Style
    public var kind: Kind

    public init(text: String, style: Style, kind: Kind) {
        self.text = text
        self.style = style
        self.kind = kind
    }

    public var bool: Bool? {
        guard kind == .bool else { return nil }
        return text.utf8.first == UInt8(ascii: "t") || text.utf8.first == UInt8(ascii: "T")
    }

    /// The integer value, nil when the scalar is not an int or does not fit 64 bits.
    public var int: Int? {
        guard kind == .int else { return nil }
        return ScalarResolver.integerValue(text)
    }

    public var double: Double? {
        switch kind {
        case .int: return ScalarResolver.integerValue(text).map(Double.init)
        case .float: return ScalarResolver.floatValue(text)
        default: return nil
        }
    }

    /// The scalar as the value it stands for under its kind.
    public enum Typed: Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
    }

    /// The one rule by which every reader turns a scalar into a value (spec values, contract
    /// values, the values policies see): an integer past 64 bits, or a number that does not
    /// parse, keeps the text it was written as rather than becoming something it does not say.
    @inlinable
    public var typed: Typed {
        switch kind {
        case .null: return .null
        case .bool: return .bool(bool ?? false)
        case .int: return int.map(Typed.int) ?? .string(text)
        case .float: return double.map(Typed.double) ?? .string(text)
        case .string: return .string(text)
        }
    }
}

extension YAMLNode {
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = value { return s }
        return nil
    }

    /// The text of a scalar of kind string; nil for any other node (including `123` and `true`).
    public var string: String? {
        if case .scalar(let s) = value, s.kind == .string { return s.text }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    public var isNull: Bool {
        if case .scalar(let s) = value { return s.kind == .null }
        return false
    }

    /// The value under a scalar key of a mapping (first match; duplicates are rejected at read time).
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = value else { return nil }
        // Keys mostly differ in length, which is far cheaper to compare than their text.
        let length = key.utf8.count
        // By index: iterating would copy every pair (four retains and releases) just to look.
        for i in pairs.indices {
            if case .scalar(let k) = pairs[i].key.value, k.text.utf8.count == length, k.text == key { return pairs[i].value }
        }
        return nil
    }

    /// "a mapping", "a string", "an integer": how an error message names what was found.
    public var kindDescription: String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            switch s.kind {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string: return "a string"
            }
        }
    }
}

import DappYAML
import Testing

let testFile = "t.yaml"

/// Reads `text` as the file `t.yaml`.
func read(_ text: String, limits: YAMLLimits = .default) -> YAMLFile {
    YAMLReader.read(Array(text.utf8), file: testFile, limits: limits)
}

/// Reads raw bytes as the file `t.yaml`.
func read(bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLFile {
    YAMLReader.read(bytes, file: testFile, limits: limits)
}

/// The root of the only document of a file that must read cleanly.
func root(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> YAMLNode {
    let file = read(text)
    #expect(file.errors.isEmpty, "unexpected errors: \(file.errors)", sourceLocation: sourceLocation)
    try #require(file.documents.count == 1, "expected one document, got \(file.documents.count)", sourceLocation: sourceLocation)
    return file.documents[0]
}

/// The only error of a file.
func onlyError(_ file: YAMLFile, sourceLocation: SourceLocation = #_sourceLocation) throws -> YAMLError {
    try #require(file.errors.count == 1, "expected one error, got \(file.errors)", sourceLocation: sourceLocation)
    return file.errors[0]
}

/// The only error of reading `text`.
func onlyError(_ text: String, limits: YAMLLimits = .default, sourceLocation: SourceLocation = #_sourceLocation) throws -> YAMLError {
    try onlyError(read(text, limits: limits), sourceLocation: sourceLocation)
}

extension YAMLNode {
    /// Line and column as a pair, for compact assertions.
    var at: [Int] { [line, column] }

    /// The item at `index` of a sequence.
    subscript(index: Int) -> YAMLNode? {
        guard let items = sequence, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Every node of the tree, this one first (keys before their values).
    var allNodes: [YAMLNode] {
        var out: [YAMLNode] = [self]
        switch value {
        case .scalar: break
        case .sequence(let items): for item in items { out += item.allNodes }
        case .mapping(let pairs):
            for pair in pairs {
                out += pair.key.allNodes
                out += pair.value.allNodes
            }
        }
        return out
    }

    /// The keys of a mapping, in order.
    var keys: [String] { mapping?.compactMap { $0.key.scalar?.text } ?? [] }
}

extension YAMLError {
    var at: [Int] { [Int(mark.line), Int(mark.column)] }
}

/// `[` repeated `depth` times, a scalar, then as many `]`.
func nestedFlow(_ depth: Int, inner: String = "x") -> String {
    String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)
}

/// Bounds that make hostile YAML fail fast with a clear error instead of eating memory or time.
///
/// The defaults fit every real spec file by orders of magnitude: a 4 MiB spec is already a
/// mistake, and a billion-laughs file trips `maxAliasExpansion` after a few thousand nodes.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of mappings and sequences, counted as alias targets are expanded.
    public var maxDepth: Int
    /// Total nodes in a file, counting every expansion of an alias.
    public var maxNodes: Int
    /// Nodes that alias expansion alone may add to a file.
    public var maxAliasExpansion: Int

    public init(
        maxFileBytes: Int = 4 << 20, maxDepth: Int = 64, maxNodes: Int = 1_000_000,
        maxAliasExpansion: Int = 100_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliasExpansion = maxAliasExpansion
    }

    public static let `default` = YAMLLimits()
}

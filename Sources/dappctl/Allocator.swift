import CMimalloc

/// dappctl allocates through mimalloc rather than glibc's malloc.
///
/// Loading a repository is millions of small, short-lived allocations (libyaml's token strings,
/// the node tree, the typed specs) made from every core at once. With mimalloc a 500-product
/// `validate` runs 8.7% fewer instructions (callgrind, ValidateBench: 1,049.3M → 957.9M) and the
/// 10,000-product one takes about 15% less time; glibc spends them on `free` filling and
/// consolidating bins. Linking the library overrides `malloc` for the whole process; this
/// reference keeps the linker from dropping it as unused.
enum Allocator {
    /// mimalloc's version (e.g. 209 for 2.0.9).
    static var mimallocVersion: Int { Int(mi_version()) }
}

import DappCore
import DappYAML

/// The policy bundles that ship inside dappctl (`policies/security`, `policies/contract` of the
/// dappctl source tree, embedded by `BuiltinPolicyFiles.swift`). A repository runs them unless its
/// dappmesh.yaml lists fewer under `spec.policies.bundles`.
public enum BuiltinPolicies {
    public static let bundleNames = RepoConfig.defaultPolicyBundles

    /// How an embedded file is named in diagnostics: `builtin:policies/security/buckets.yaml`.
    public static func displayPath(_ path: String) -> String { "builtin:policies/\(path)" }

    /// Every bundle's policies, decoded once per process.
    static let decoded: [String: [SpecDocument<DappPolicySpec>]] = {
        var bundles: [String: [SpecDocument<DappPolicySpec>]] = [:]
        for file in BuiltinPolicyFiles.files where !file.path.hasPrefix("tests/") {
            let bundle = String(file.path.prefix { $0 != "/" })
            let outcome = DocumentDecoder.decode(
                path: displayPath(file.path), place: .policies, bytes: Array(file.text.utf8), reading: FileReading(limits: .default))
            // The sync test proves every embedded policy decodes cleanly; a broken one is dropped, not half-run.
            guard !outcome.diagnostics.hasErrors else { continue }
            for case .policy(let policy) in outcome.documents { bundles[bundle, default: []].append(policy) }
        }
        return bundles
    }()

    /// The policies of the named bundles, in a stable order.
    public static func policies(bundles: [String]) -> [SpecDocument<DappPolicySpec>] {
        bundleNames.filter(bundles.contains).flatMap { decoded[$0] ?? [] }
    }

    /// Adds the bundles the repository enables to its policies; a repository policy that takes a
    /// built-in policy's name is an error (exceptions would not know which one they waive).
    static func add(to specs: inout SpecSet) -> [Diagnostic] {
        let builtins = policies(bundles: specs.config?.policyBundles ?? bundleNames)
        let names = Set(builtins.map(\.meta.name))
        let clashes = specs.policies.filter { names.contains($0.meta.name) }.map { policy in
            Diagnostic.error(
                .refDuplicateName, "policy '\(policy.meta.name)' has the name of a built-in policy", at: policy.location,
                hint: "rename it, or leave its bundle out under spec.policies.bundles in dappmesh.yaml")
        }
        specs.policies += builtins.filter { builtin in !specs.policies.contains { $0.meta.name == builtin.meta.name } }
        return clashes
    }

    /// The diagnostics of decoding the embedded policies (empty in a correct build).
    public static func diagnostics() -> [Diagnostic] {
        BuiltinPolicyFiles.files.filter { !$0.path.hasPrefix("tests/") }.flatMap { file in
            DocumentDecoder.decode(
                path: displayPath(file.path), place: .policies, bytes: Array(file.text.utf8), reading: FileReading(limits: .default)
            )
            .diagnostics
        }
    }

    /// The bundles' own unit tests (`policies/tests/*.yaml`).
    public static var testFiles: [(path: String, bytes: [UInt8])] {
        BuiltinPolicyFiles.files.filter { $0.path.hasPrefix("tests/") }.map { (displayPath($0.path), Array($0.text.utf8)) }
    }

    /// The Swift source that embeds `files` (paths relative to `policies/`), as committed in
    /// `BuiltinPolicyFiles.swift`.
    public static func embeddingSource(_ files: [(path: String, text: String)]) -> String {
        var source = """
            // Generated from the policies/ folder by `RECORD_SNAPSHOTS=1 swift test --filter BuiltinPolicySync`.
            // Do not edit: change the YAML files under policies/ and regenerate.

            enum BuiltinPolicyFiles {
                static let files: [(path: String, text: String)] = [

            """
        for file in files.sorted(by: { $0.path < $1.path }) {
            source += "        (\n            \"\(file.path)\",\n            ###\"\"\"\n"
            // The literal drops the newline before its closing delimiter: a file's final newline
            // survives as the empty last line.
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
                source += line.isEmpty ? "\n" : "            \(line)\n"
            }
            source += "            \"\"\"###\n        ),\n"
        }
        source += "    ]\n}\n"
        return source
    }
}

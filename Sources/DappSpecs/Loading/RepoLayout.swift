import DappCore

/// Sorts the repository's files into the places of the layout and reports the ones that fit none.
struct RepoLayout {
    struct WorkItem: Sendable {
        var path: String
        /// The path actually read (differs for an in-repo symlink).
        var readPath: String
        var place: FilePlace
    }

    var work: [WorkItem] = []
    var diagnostics: [Diagnostic] = []
    /// Product folders seen, with the first file found in each (to locate a missing product.yaml).
    var productFolders: [ProductRef: String] = [:]
    /// Every listed path, for reference checks (contract files, SQL files).
    var index: [String: RepoEntry] = [:]

    static let configFile = "dappmesh.yaml"

    init(entries: [RepoEntry]) {
        var hasConfig = false
        for entry in entries {
            index[entry.path] = entry
            var readPath = entry.path
            if case .symlink(let target) = entry.kind {
                switch target {
                case .outside(let where_):
                    diagnostics.append(.error(.secSymlinkEscape, "symlink '\(entry.path)' points outside the repository (\(where_ == "?" ? "unresolvable" : where_))", at: SourceLocation(file: entry.path), hint: "replace the link with the file itself; dappctl never reads outside the repository"))
                    continue
                case .inside(let resolved):
                    readPath = resolved
                }
            }
            guard Self.isYAML(entry.path) else { continue }
            let parts = entry.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts == [Self.configFile] {
                hasConfig = true
                work.append(WorkItem(path: entry.path, readPath: readPath, place: .config))
            } else if parts.first == "products", parts.count >= 4 {
                let ref = ProductRef(domain: parts[1], name: parts[2])
                if productFolders[ref] == nil {
                    productFolders[ref] = entry.path
                    for (label, name) in [("domain", ref.domain), ("product", ref.name)] {
                        if let problem = FormatCheck.dnsLabelProblem(name) {
                            diagnostics.append(.error(.specLayout, "\(label) folder '\(name)' \(problem)", at: SourceLocation(file: entry.path), hint: "folder names become Kubernetes names: lowercase letters, digits and '-'"))
                        }
                    }
                }
                work.append(WorkItem(path: entry.path, readPath: readPath, place: .product(ref, folder: "products/\(ref.domain)/\(ref.name)")))
            } else if parts.first == "products" {
                diagnostics.append(.error(.specLayout, "'\(entry.path)' is not inside a product folder", at: SourceLocation(file: entry.path), hint: "product files live in products/<domain>/<product>/"))
            } else if parts.first == "policies", parts.count == 2 {
                work.append(WorkItem(path: entry.path, readPath: readPath, place: .policies))
            } else if parts.first == "policies", parts.count >= 3, parts[1] == "tests" {
                continue  // policy unit tests, read by `dappctl policy test`
            } else {
                diagnostics.append(.warning(.specLayout, "'\(entry.path)' is outside products/ and policies/ and is ignored", at: SourceLocation(file: entry.path), hint: "move specs to products/<domain>/<product>/ or policies/"))
            }
        }
        if !hasConfig {
            diagnostics.append(.error(.specLayout, "no \(Self.configFile) at the repository root", at: SourceLocation(file: Self.configFile), hint: "is --repo the root of a spec repository? Create dappmesh.yaml with 'kind: \(RepoConfigSchema.kind)'"))
        }
    }

    static func isYAML(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }
}

import DappCore

/// Sorts the repository's files into the places of the layout and reports the ones that fit none.
struct RepoLayout: Sendable {
    struct WorkItem: Sendable {
        var path: String
        /// The path actually read (differs for an in-repo symlink).
        var readPath: String
        var place: FilePlace
        /// The content's identity where the tree knows it (never for a symlink, whose target may move).
        var contentID: ContentID?
    }

    var work: [WorkItem] = []
    var diagnostics: [Diagnostic] = []
    /// Product folders seen, with the first file found in each (to locate a missing product.yaml).
    var productFolders: [ProductRef: String] = [:]
    /// Every listed path, for reference checks (contract files, SQL files).
    var index: [String: RepoEntry] = [:]
    /// Every file of each product folder, YAML or not (what an incremental reload replaces).
    var filesByProduct: [ProductRef: [String]] = [:]

    static let configFile = "dappmesh.yaml"

    /// `expectConfig` is false when only some product folders are laid out (incremental reloads).
    init(entries: [RepoEntry], expectConfig: Bool = true) {
        var hasConfig = false
        index.reserveCapacity(entries.count)
        work.reserveCapacity(entries.count)
        // Files come sorted, so a product folder's files follow each other: the folder of the
        // last one is reused while paths stay inside it, and its file list is filed once.
        var lastRef: ProductRef?
        var current: (place: FilePlace, prefix: String, files: [String])?
        func fileCurrent() {
            guard let done = current, case .product(let ref, _) = done.place else { return }
            filesByProduct[ref, default: []].append(contentsOf: done.files)
        }
        for entry in entries {
            index[entry.path] = entry
            var readPath = entry.path
            if case .symlink(let target) = entry.kind {
                switch target {
                case .outside(let where_):
                    diagnostics.append(
                        .error(
                            .secSymlinkEscape,
                            "symlink '\(entry.path)' points outside the repository (\(where_ == "?" ? "unresolvable" : where_))",
                            at: SourceLocation(file: entry.path),
                            hint: "replace the link with the file itself; dappctl never reads outside the repository"))
                    continue
                case .inside(let resolved):
                    readPath = resolved
                }
            }
            let place: FilePlace?
            if let known = current, entry.path.hasPrefix(known.prefix) {
                place = known.place
                current!.files.append(entry.path)
            } else {
                place = Self.place(of: entry.path)
                if case .product(_, let folder)? = place {
                    fileCurrent()
                    current = (place!, folder + "/", [entry.path])
                }
            }
            guard Self.isYAML(entry.path) else { continue }
            switch place {
            case .config:
                hasConfig = true
                work.append(WorkItem(path: entry.path, readPath: readPath, place: .config, contentID: entry.contentID))
            case .product(let ref, let folder):
                if ref != lastRef, productFolders[ref] == nil {
                    productFolders[ref] = entry.path
                    for (label, name) in [("domain", ref.domain), ("product", ref.name)] {
                        if let problem = FormatCheck.dnsLabelProblem(name) {
                            diagnostics.append(
                                .error(
                                    .specLayout, "\(label) folder '\(name)' \(problem)", at: SourceLocation(file: entry.path),
                                    hint: "folder names become Kubernetes names: lowercase letters, digits and '-'"))
                        }
                    }
                }
                lastRef = ref
                work.append(
                    WorkItem(path: entry.path, readPath: readPath, place: .product(ref, folder: folder), contentID: entry.contentID))
            case .policies:
                work.append(WorkItem(path: entry.path, readPath: readPath, place: .policies, contentID: entry.contentID))
            case nil:
                if entry.path.hasPrefix("products/") {
                    diagnostics.append(
                        .error(
                            .specLayout, "'\(entry.path)' is not inside a product folder", at: SourceLocation(file: entry.path),
                            hint: "product files live in products/<domain>/<product>/"))
                } else if !entry.path.hasPrefix("policies/tests/") {  // policy unit tests: `dappctl policy test`
                    diagnostics.append(
                        .warning(
                            .specLayout, "'\(entry.path)' is outside products/ and policies/ and is ignored",
                            at: SourceLocation(file: entry.path), hint: "move specs to products/<domain>/<product>/ or policies/"))
                }
            }
        }
        fileCurrent()
        if !hasConfig && expectConfig {
            diagnostics.append(
                .error(
                    .specLayout, "no \(Self.configFile) at the repository root", at: SourceLocation(file: Self.configFile),
                    hint: "is --repo the root of a spec repository? Create dappmesh.yaml with 'kind: \(RepoConfigSchema.kind)'"))
        }
    }

    static func isYAML(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    /// Where a YAML file belongs: `dappmesh.yaml`, `products/<domain>/<product>/**`, or
    /// `policies/*.yaml`; nil for anywhere else. Works on the bytes: it runs for every file.
    static func place(of path: String) -> FilePlace? {
        if path == configFile { return .config }
        let bytes = path.utf8
        let slash = UInt8(ascii: "/")
        if path.hasPrefix("products/") {
            let afterRoot = bytes.index(bytes.startIndex, offsetBy: 9)
            guard let domainEnd = bytes[afterRoot...].firstIndex(of: slash), domainEnd > afterRoot else { return nil }
            let productStart = bytes.index(after: domainEnd)
            guard let productEnd = bytes[productStart...].firstIndex(of: slash), productEnd > productStart else { return nil }
            let ref = ProductRef(domain: String(path[afterRoot..<domainEnd]), name: String(path[productStart..<productEnd]))
            return .product(ref, folder: String(path[..<productEnd]))
        }
        if path.hasPrefix("policies/"), !bytes.dropFirst(9).contains(slash) { return .policies }
        return nil
    }
}

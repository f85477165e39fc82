import DappCore
import DappGit
import DappSpecs

/// The two sides of a pre-merge check: the base revision as a snapshot, the head as a snapshot
/// (or the working tree of a local checkout), and the files that differ between them.
struct RevisionPair {
    var repository: GitRepository
    var base: GitSnapshot
    var head: any RepoTree
    /// The commit the head is, when it is one (nil for a working tree).
    var headRevision: String?
    var changes: [PathChange]
    var baseLabel: String
    var headLabel: String

    var changedPaths: Set<String> { Set(changes.flatMap(\.paths)) }

    /// `--base` (required) and `--head`/`--rev` (optional) over `--repo`.
    static func open(_ options: RepoOptions, base: String, head: String?, progress: (String) -> Void) throws -> RevisionPair {
        if RepoOpener.isRemote(options.repo) {
            let source = GitSource(url: options.repo, cacheRoot: RepoOpener.cacheRoot(options), options: RepoOpener.remoteOptions(options))
            progress("fetching \(source.displayURL)")
            let repository = try source.fetch()
            let headRevision = try head ?? RepoOpener.defaultRevision(of: repository)
            return try pair(repository, base: base, headRevision: headRevision)
        }
        let repository: GitRepository
        do {
            repository = try GitRepository.open(at: options.repo)
        } catch {
            throw DappError(
                .invalidArgument, "--base needs a Git repository, and '\(options.repo)' is not one", subject: options.repo, cause: error)
        }
        if let head { return try pair(repository, base: base, headRevision: head) }
        // A checkout in CI: the working tree (committed or not) against the base.
        let baseSnapshot = try snapshot(repository, base)
        let changes = try repository.changedPathsToWorkdir(from: baseSnapshot.commit.description)
        return RevisionPair(
            repository: repository, base: baseSnapshot, head: try LocalDirectoryTree(path: options.repo), headRevision: nil,
            changes: changes, baseLabel: "\(base) (\(baseSnapshot.commit.short))", headLabel: "working tree")
    }

    static func pair(_ repository: GitRepository, base: String, headRevision: String) throws -> RevisionPair {
        let baseSnapshot = try snapshot(repository, base)
        let headSnapshot = try snapshot(repository, headRevision)
        let changes = try repository.changedPaths(from: baseSnapshot.commit, to: headSnapshot.commit)
        return RevisionPair(
            repository: repository, base: baseSnapshot, head: headSnapshot, headRevision: headSnapshot.commit.description,
            changes: changes, baseLabel: "\(base) (\(baseSnapshot.commit.short))",
            headLabel: "\(headRevision) (\(headSnapshot.commit.short))")
    }

    static func snapshot(_ repository: GitRepository, _ revision: String) throws -> GitSnapshot {
        try GitSnapshot(repository: repository, revision: revision)
    }
}

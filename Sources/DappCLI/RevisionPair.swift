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
    ///
    /// With `mergeBase`, the base is where the head left `base` (their merge base, as in a pull
    /// request's diff): a branch that `base` has moved on from is not charged with undoing what
    /// landed there since. A head that contains `base` (a pull request's merge commit, a branch
    /// up to date with it) has `base` itself as that point.
    static func open(_ options: RepoOptions, base: String, head: String?, mergeBase: Bool, progress: (String) -> Void) throws
        -> RevisionPair
    {
        if RepoOpener.isRemote(options.repo) {
            let source = GitSource(url: options.repo, cacheRoot: RepoOpener.cacheRoot(options), options: RepoOpener.remoteOptions(options))
            progress("fetching \(source.displayURL)")
            let repository = try source.fetch()
            let headRevision = try head ?? RepoOpener.defaultRevision(of: repository)
            return try pair(repository, base: base, headRevision: headRevision, mergeBase: mergeBase, progress: progress)
        }
        let repository: GitRepository
        do {
            repository = try GitRepository.open(at: options.repo)
        } catch {
            throw DappError(
                .invalidArgument, "--base needs a Git repository, and '\(options.repo)' is not one", subject: options.repo, cause: error)
        }
        if let head { return try pair(repository, base: base, headRevision: head, mergeBase: mergeBase, progress: progress) }
        // A checkout in CI: the working tree (committed or not) against the base. Its branch is
        // its HEAD commit (none in a repository without commits).
        let headCommit = mergeBase ? try? repository.resolveCommit("HEAD") : nil
        let (baseSnapshot, baseLabel) = try baseSide(repository, base, head: headCommit, progress: progress)
        let changes = try repository.changedPathsToWorkdir(from: baseSnapshot.commit.description)
        return RevisionPair(
            repository: repository, base: baseSnapshot, head: try LocalDirectoryTree(path: options.repo), headRevision: nil,
            changes: changes, baseLabel: baseLabel, headLabel: "working tree")
    }

    static func pair(_ repository: GitRepository, base: String, headRevision: String, mergeBase: Bool, progress: (String) -> Void) throws
        -> RevisionPair
    {
        let headSnapshot = try snapshot(repository, headRevision)
        let (baseSnapshot, baseLabel) = try baseSide(repository, base, head: mergeBase ? headSnapshot.commit : nil, progress: progress)
        let changes = try repository.changedPaths(from: baseSnapshot.commit, to: headSnapshot.commit)
        return RevisionPair(
            repository: repository, base: baseSnapshot, head: headSnapshot, headRevision: headSnapshot.commit.description,
            changes: changes, baseLabel: baseLabel, headLabel: "\(headRevision) (\(headSnapshot.commit.short))")
    }

    /// The base revision, or with `head` where the head left it; and how reports name it.
    static func baseSide(_ repository: GitRepository, _ base: String, head: GitOID?, progress: (String) -> Void) throws
        -> (GitSnapshot, String)
    {
        let named = try snapshot(repository, base)
        guard let head, let fork = repository.mergeBase(named.commit, head), fork != named.commit else {
            return (named, "\(base) (\(named.commit.short))")
        }
        progress(
            "\(base) (\(named.commit.short)) has moved on since the head left it: comparing with where it left, their merge base "
                + "\(fork.short) (--no-merge-base compares with \(base) itself)")
        return (try snapshot(repository, fork.description), "\(base) (merge base \(fork.short))")
    }

    static func snapshot(_ repository: GitRepository, _ revision: String) throws -> GitSnapshot {
        try GitSnapshot(repository: repository, revision: revision)
    }
}

import DappCore
import DappGit
import DappSpecs

#if canImport(Glibc)
    import Glibc
#endif

/// Turns `--repo` and `--rev` into a tree the loader can read: a folder as it is on disk, a
/// local Git repository at a revision, or a remote mirrored into the cache at a revision.
enum RepoOpener {
    /// `progress` receives one line per slow step (fetching), for standard error.
    static func open(_ options: RepoOptions, progress: (String) -> Void = { _ in }) throws -> any RepoTree {
        if isRemote(options.repo) {
            let source = GitSource(url: options.repo, cacheRoot: cacheRoot(options), options: remoteOptions(options))
            progress("fetching \(source.displayURL)")
            let repository = try source.fetch()
            let snapshot = try GitSnapshot(repository: repository, revision: options.rev ?? defaultRevision(of: repository))
            progress("reading \(snapshot.revision) at \(snapshot.commit.short)")
            return snapshot
        }
        guard let revision = options.rev else {
            return try LocalDirectoryTree(path: options.repo)
        }
        return try GitSnapshot(repository: GitRepository.open(at: options.repo), revision: revision)
    }

    static func isRemote(_ location: String) -> Bool {
        if location.contains("://") { return true }
        // scp-like `git@host:path`
        if let at = location.firstIndex(of: "@"), let colon = location.firstIndex(of: ":"), at < colon, !location.hasPrefix("/") {
            return true
        }
        return false
    }

    /// The branch a mirror's HEAD names, else main, else master.
    static func defaultRevision(of repository: GitRepository) throws -> String {
        for candidate in ["HEAD", "main", "master"] where (try? repository.resolveCommit(candidate)) != nil {
            return candidate
        }
        throw DappError(.notFound, "the repository has no HEAD, main or master branch; pass --rev", subject: repository.path)
    }

    static func cacheRoot(_ options: RepoOptions) -> String {
        if let explicit = options.cacheDir { return explicit }
        if let fromEnvironment = getenv("DAPPCTL_CACHE_DIR") { return String(cString: fromEnvironment) }
        let home = getenv("HOME").map { String(cString: $0) } ?? "/tmp"
        return "\(home)/.cache/dappctl/git"
    }

    static func remoteOptions(_ options: RepoOptions) -> GitRemoteOptions {
        var credentials = GitCredentials(username: options.gitUsername, caFile: options.caFile)
        if let file = options.gitPasswordFile {
            credentials.password = .file(file)
        } else if let name = options.gitPasswordEnv {
            credentials.password = .environment(name)
        } else if getenv("DAPPCTL_GIT_TOKEN") != nil {
            credentials.password = .environment("DAPPCTL_GIT_TOKEN")
        }
        credentials.sshPrivateKey = options.sshKey
        if let knownHosts = options.knownHosts {
            credentials.knownHosts = knownHosts
        } else if let home = getenv("HOME"), access("\(String(cString: home))/.ssh/known_hosts", R_OK) == 0 {
            credentials.knownHosts = "\(String(cString: home))/.ssh/known_hosts"
        }
        return GitRemoteOptions(credentials: credentials, timeout: .seconds(options.gitTimeout))
    }
}

import DappCore
import DappSpecs

/// Turns `--repo` into a tree the loader can read.
enum RepoOpener {
    static func open(_ location: String) throws -> any RepoTree {
        if location.contains("://") || location.hasPrefix("git@") {
            throw DappError(
                .invalidArgument, "remote repositories ('\(location)') are not supported yet; clone it and pass the folder",
                subject: location)
        }
        return try LocalDirectoryTree(path: location)
    }
}

import DappCore
import DappGit
import DappPolicy
import DappSpecs

/// Earlier versions of a contract before the base, for the _TRANSITIVE modes.
struct ContractHistory: @unchecked Sendable {
    // The repository hands each thread a handle of its own (`GitRepository.withSpareHandle`).
    let pair: RevisionPair
    /// Where a shallow clone stops, read once for every contract.
    let shallowBoundary: Set<GitOID>

    init(pair: RevisionPair) {
        self.pair = pair
        shallowBoundary = pair.repository.shallowBoundary
    }

    func earlierVersions(of path: String) -> RevisionCompatibility.History {
        let history: FileHistory
        do {
            history = try pair.repository.fileHistory(path, before: pair.base.commit.description, shallowBoundary: shallowBoundary)
        } catch {
            return RevisionCompatibility.History(versions: [], gap: .unreadable((error as? DappError)?.message ?? "\(error)"))
        }
        // An earlier version that does not read as a contract has nothing to compare with.
        let versions = history.versions.compactMap { version in
            ContractReader.read(version.bytes, path: path).0.map {
                RevisionCompatibility.EarlierVersion(revision: version.commit.short, contract: $0)
            }
        }
        let gap: RevisionCompatibility.HistoryGap? =
            switch history.cut {
            case .shallowClone(let commit): .shallowClone(at: commit.short)
            case .commitLimit(let count): .limit("\(count) commits")
            case .versionLimit(let count): .limit("\(count) earlier versions")
            case nil: nil
            }
        return RevisionCompatibility.History(versions: versions, gap: gap)
    }
}

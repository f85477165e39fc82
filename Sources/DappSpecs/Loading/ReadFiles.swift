import DappCore
import DappYAML

/// The outcome of reading each file that has a content id, by path: what a load of another
/// revision reuses for the files the change did not touch (a pre-merge check reads both sides).
public struct ReadFiles: Sendable {
    struct Entry: Sendable {
        var contentID: ContentID
        var place: FilePlace
        var outcome: FileOutcome
    }

    /// How every file was read: an outcome is reused only by a load that asks no more of it.
    let limits: YAMLLimits
    let retention: ObjectRetention
    let checksContracts: Bool
    var entries: [String: Entry] = [:]

    public init() {
        self.init(limits: .default, retention: .none, checksContracts: true)
    }

    init(limits: YAMLLimits, retention: ObjectRetention, checksContracts: Bool) {
        self.limits = limits
        self.retention = retention
        self.checksContracts = checksContracts
    }

    public var count: Int { entries.count }

    mutating func record(_ outcome: FileOutcome, of item: RepoLayout.WorkItem) {
        guard let id = item.contentID else { return }
        entries[item.path] = Entry(contentID: id, place: item.place, outcome: outcome)
    }

    /// The earlier outcome of the same bytes at the same path, read with the same limits,
    /// keeping at least as much of each object (the extra is shared, not copied), and checking
    /// contracts if the load asks for that. (A checked outcome serves a load that does not check:
    /// a contract that failed its checks is then left out at both revisions alike.)
    func outcome(of item: RepoLayout.WorkItem, limits: YAMLLimits, retention: ObjectRetention, checksContracts: Bool) -> FileOutcome? {
        guard limits == self.limits, self.retention >= retention, self.checksContracts || !checksContracts, let id = item.contentID,
            let entry = entries[item.path],
            entry.contentID == id, entry.place == item.place
        else { return nil }
        return entry.outcome
    }
}

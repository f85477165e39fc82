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

    /// How every file was read: an outcome is reused only by a load that reads the same way.
    let limits: YAMLLimits
    let retainObjects: Bool
    var entries: [String: Entry] = [:]

    public init() {
        self.init(limits: .default, retainObjects: false)
    }

    init(limits: YAMLLimits, retainObjects: Bool) {
        self.limits = limits
        self.retainObjects = retainObjects
    }

    public var count: Int { entries.count }

    mutating func record(_ outcome: FileOutcome, of item: RepoLayout.WorkItem) {
        guard let id = item.contentID else { return }
        entries[item.path] = Entry(contentID: id, place: item.place, outcome: outcome)
    }

    /// The earlier outcome of the same bytes at the same path, read the same way.
    func outcome(of item: RepoLayout.WorkItem, limits: YAMLLimits, retainObjects: Bool) -> FileOutcome? {
        guard limits == self.limits, retainObjects == self.retainObjects, let id = item.contentID, let entry = entries[item.path],
            entry.contentID == id, entry.place == item.place
        else { return nil }
        return entry.outcome
    }
}

import DappCore
import DappYAML

/// The outcome of reading each file that has a content id, by path: what a load of another
/// revision reuses for the files the change did not touch (a pre-merge check reads both sides).
public struct ReadFiles: Sendable {
    struct Entry: Sendable {
        var contentID: ContentID
        var place: FilePlace
        var limits: YAMLLimits
        var retainObjects: Bool
        var outcome: FileOutcome
    }

    var entries: [String: Entry] = [:]

    public init() {}

    public var count: Int { entries.count }

    mutating func record(_ outcome: FileOutcome, of item: RepoLayout.WorkItem, limits: YAMLLimits, retainObjects: Bool) {
        guard let id = item.contentID else { return }
        entries[item.path] = Entry(contentID: id, place: item.place, limits: limits, retainObjects: retainObjects, outcome: outcome)
    }

    /// The earlier outcome of the same bytes at the same path, read the same way.
    func outcome(of item: RepoLayout.WorkItem, limits: YAMLLimits, retainObjects: Bool) -> FileOutcome? {
        guard let id = item.contentID, let entry = entries[item.path], entry.contentID == id, entry.place == item.place,
            entry.limits == limits, entry.retainObjects == retainObjects
        else { return nil }
        return entry.outcome
    }
}

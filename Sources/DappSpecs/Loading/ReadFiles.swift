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
    let reading: FileReading
    var entries: [String: Entry] = [:]

    public init() {
        self.init(reading: FileReading(limits: .default))
    }

    init(reading: FileReading) {
        self.reading = reading
    }

    public var count: Int { entries.count }

    mutating func record(_ outcome: FileOutcome, of item: RepoLayout.WorkItem) {
        guard let id = item.contentID else { return }
        entries[item.path] = Entry(contentID: id, place: item.place, outcome: outcome)
    }

    /// The earlier outcome of the same bytes at the same path, read in a way that serves `reading`.
    func outcome(of item: RepoLayout.WorkItem, readAs reading: FileReading) -> FileOutcome? {
        guard self.reading.serves(reading), let id = item.contentID, let entry = entries[item.path], entry.contentID == id,
            entry.place == item.place
        else { return nil }
        return entry.outcome
    }
}

/// How a load reads each file: the limits, how much of each object it keeps, and whether it checks
/// contracts. An outcome read one way is reused by a load that reads another only if it serves it.
struct FileReading: Sendable {
    var limits: YAMLLimits
    var retention = ObjectRetention.none
    var checksContracts = true

    /// Whether an outcome read this way serves a load that reads `other` way: the same limits,
    /// keeping at least as much of each object (the extra is shared, not copied), and checking
    /// contracts if `other` does. (A checked outcome serves a load that does not check: a
    /// contract that failed its checks is then left out at both revisions alike.)
    func serves(_ other: FileReading) -> Bool {
        limits == other.limits && retention >= other.retention && (checksContracts || !other.checksContracts)
    }
}

import DappCore
import DappGit
import DappTesting
import Foundation
import Testing

/// CI checkouts are shallow by default: what a shallow clone has is read, and what it lacks is
/// said, never silently skipped.
@Suite struct ShallowCloneTests {
    static let contract = "products/sales/orders/orders.odcs.yaml"

    /// The demo on `main` with three more commits, each a new version of the orders contract.
    static func repositoryWithHistory() throws -> TemporaryDirectory {
        let work = try GitCLI.demoWorkTree()
        for version in ["1.4.0", "1.5.0", "1.6.0"] {
            let file = "\(work.path)/\(contract)"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let next = text.replacingOccurrences(of: #"(?m)^version: .*$"#, with: "version: \(version)", options: .regularExpression)
            try next.write(toFile: file, atomically: true, encoding: .utf8)
            try GitCLI.run(["commit", "--quiet", "-am", "orders \(version)"], in: work.path)
        }
        return work
    }

    /// `work` with a clone of it `depth` commits deep; `remove()` deletes both.
    struct Clone {
        let work: TemporaryDirectory
        let folder: TemporaryDirectory
        let repository: GitRepository

        init(_ work: TemporaryDirectory, depth: Int) throws {
            self.work = work
            folder = try TemporaryDirectory(prefix: "shallow")
            try GitCLI.run(["clone", "--quiet", "--depth", "\(depth)", "file://\(work.path)", "\(folder.path)/clone"])
            repository = try GitRepository.open(at: "\(folder.path)/clone")
        }

        func remove() {
            work.remove()
            folder.remove()
        }
    }

    @Test func aShallowCloneReadsTheCommitsItHas() throws {
        let clone = try Clone(Self.repositoryWithHistory(), depth: 2)
        defer { clone.remove() }
        let repository = clone.repository
        #expect(repository.isShallow)
        let head = try GitSnapshot(repository: repository, revision: "origin/main")
        let parent = try GitSnapshot(repository: repository, revision: "origin/main~1")
        #expect(String(decoding: try head.read(Self.contract), as: UTF8.self).contains("version: 1.6.0"))
        #expect(String(decoding: try parent.read(Self.contract), as: UTF8.self).contains("version: 1.5.0"))
        let changes = try repository.changedPaths(from: parent.commit, to: head.commit)
        #expect(changes.flatMap(\.paths) == [Self.contract])
    }

    @Test func aRevisionTheCloneDidNotFetchSaysHowToFetchIt() throws {
        let clone = try Clone(Self.repositoryWithHistory(), depth: 1)
        defer { clone.remove() }
        let repository = clone.repository
        let error = #expect(throws: DappError.self) { try GitSnapshot(repository: repository, revision: "origin/main~1") }
        #expect(error?.message.contains("revision 'origin/main~1' does not exist") == true, "\(String(describing: error))")
        #expect(error?.message.contains("shallow clone") == true)
        #expect(error?.message.contains("git fetch --depth=1 origin <branch>") == true)
        #expect(error?.message.contains("fetch-depth: 0") == true)
    }

    @Test func historyCutByAShallowCloneSaysWhere() throws {
        let clone = try Clone(Self.repositoryWithHistory(), depth: 3)
        defer { clone.remove() }
        let repository = clone.repository
        let oldest = try repository.resolveCommit("origin/main~2")
        let history = try repository.fileHistory(Self.contract, before: "origin/main")
        let versions = history.versions.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(versions.count == 2)
        #expect(versions.first?.contains("version: 1.5.0") == true)
        #expect(versions.last?.contains("version: 1.4.0") == true)
        #expect(history.cut == .shallowClone(at: oldest))

        let complete = try GitRepository.open(at: clone.work.path).fileHistory(Self.contract, before: "main")
        #expect(complete.versions.count == 3, "the full clone also has the demo's own version")
        #expect(complete.cut == nil)
    }

    /// A file added after the commit a shallow clone stops at has its whole history in the clone.
    @Test func aFileAddedInsideTheShallowPartHasNoCut() throws {
        let work = try Self.repositoryWithHistory()
        defer { work.remove() }
        try "a: 1\n".write(toFile: "\(work.path)/notes.yaml", atomically: true, encoding: .utf8)
        try GitCLI.run(["add", "notes.yaml"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-m", "notes"], in: work.path)
        try "a: 2\n".write(toFile: "\(work.path)/notes.yaml", atomically: true, encoding: .utf8)
        try GitCLI.run(["commit", "--quiet", "-am", "notes 2"], in: work.path)
        let clone = try Clone(work, depth: 3)
        defer { clone.folder.remove() }
        let repository = clone.repository
        let history = try repository.fileHistory("notes.yaml", before: "origin/main")
        #expect(history.versions.map { String(decoding: $0.bytes, as: UTF8.self) } == ["a: 1\n"])
        #expect(history.cut == nil)
    }

    @Test func limitsOfTheWalkAreSaid() throws {
        let work = try Self.repositoryWithHistory()
        defer { work.remove() }
        let repository = try GitRepository.open(at: work.path)
        let fewVersions = try repository.fileHistory(Self.contract, before: "main", maxVersions: 2)
        #expect(fewVersions.versions.count == 2)
        #expect(fewVersions.cut == .versionLimit(2))
        let fewCommits = try repository.fileHistory(Self.contract, before: "main", maxCommits: 2)
        #expect(fewCommits.versions.count == 1)
        #expect(fewCommits.cut == .commitLimit(2))
    }
}

import DappCore
import DappSpecs
import DappTesting
import Foundation
import Synchronization
import Testing

@testable import DappGit

/// Snapshots of a local repository: read from the object database, loaded like a directory.
@Suite struct SnapshotTests {
    @Test func snapshotLoadsExactlyLikeTheDirectory() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let repository = try GitRepository.open(at: work.path)
        let snapshot = try GitSnapshot(repository: repository, revision: "main")
        let fromGit = try SpecLoader.load(snapshot)
        let fromDirectory = try SpecLoader.load(LocalDirectoryTree(path: TestPaths.fixture("demo")))
        #expect(fromGit.diagnostics.isEmpty, "\(fromGit.diagnostics)")
        #expect(fromGit.specs == fromDirectory.specs)
        #expect(fromGit.fileCount == fromDirectory.fileCount)
    }

    @Test func aLoadOfAnotherRevisionReusesOnlyTheFilesThatDidNotChange() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let base = try GitCLI.run(["rev-parse", "HEAD"], in: work.path)
        let product = "\(work.path)/products/sales/orders/product.yaml"
        let text = try String(contentsOfFile: product, encoding: .utf8)
        try text.replacingOccurrences(of: "owners:", with: "owners: []\n  formerOwners:").write(
            toFile: product, atomically: true, encoding: .utf8)
        try GitCLI.run(["commit", "--quiet", "-am", "change one file"], in: work.path)
        let repository = try GitRepository.open(at: work.path)
        var options = LoadOptions()
        options.retention = .placed
        #expect(try SpecLoader.load(GitSnapshot(repository: repository, revision: "main"), options: options).files.count == 0)
        options.keepsFiles = true
        let head = try SpecLoader.load(GitSnapshot(repository: repository, revision: "main"), options: options)
        #expect(head.files.count == head.fileCount)
        #expect(head.diagnostics.hasErrors, "the edited product.yaml no longer validates")

        let fresh = try SpecLoader.load(GitSnapshot(repository: repository, revision: base), options: options)
        options.reusing = head.files
        let reused = try SpecLoader.load(GitSnapshot(repository: repository, revision: base), options: options)
        // All but the changed file and dappmesh.yaml (read on its own first, for its limits).
        #expect(reused.reusedFileCount == fresh.fileCount - 2)
        #expect(reused.specs == fresh.specs)
        #expect(reused.diagnostics == fresh.diagnostics)
        #expect(reused.diagnostics.isEmpty, "the base's own product.yaml was read, not the head's")
        let orders = ResourceID(kind: .dappProduct, domain: "sales", name: "orders")
        #expect(reused.objects[orders]?.contentID != nil)
        #expect(reused.objects[orders]?.contentID != head.objects[orders]?.contentID)
        let carriers = ResourceID(kind: .dappProduct, domain: "logistics", name: "carriers")
        #expect(reused.objects[carriers]?.contentID == head.objects[carriers]?.contentID)

        // A load that keeps less of each object (the base of a check whose policies do not read
        // oldObject) still takes the head's outcomes; one that keeps more cannot.
        options.retention = .none
        let bare = try SpecLoader.load(GitSnapshot(repository: repository, revision: base), options: options)
        #expect(bare.reusedFileCount == fresh.fileCount - 2)
        #expect(bare.specs == fresh.specs)
        #expect(bare.objects.isEmpty, "the head's objects, which the reused outcomes carry, are not collected for nobody")
        options.retention = .objects
        options.reusing = bare.files
        let objects = try SpecLoader.load(GitSnapshot(repository: repository, revision: base), options: options)
        #expect(objects.reusedFileCount == 0)
        #expect(objects.objects[orders]?.object == fresh.objects[orders]?.object)
        #expect(objects.objects[orders]?.fieldPlaces == nil, "places are kept only for findings to be placed on")
        #expect(fresh.objects[orders]?.fieldPlaces != nil)
        options.retention = .placed

        // Contracts read without their checks (a check's base) serve no load that checks them.
        options.reusing = head.files
        options.checksContracts = false
        let unchecked = try SpecLoader.load(GitSnapshot(repository: repository, revision: base), options: options)
        #expect(unchecked.reusedFileCount == fresh.fileCount - 2, "a checked outcome serves an unchecked load")
        options.reusing = unchecked.files
        options.checksContracts = true
        let checked = try SpecLoader.load(GitSnapshot(repository: repository, revision: base), options: options)
        #expect(checked.reusedFileCount == 0)
        #expect(checked.specs == fresh.specs)

        // A working tree has no content ids: nothing to reuse, nothing taken.
        let directory = try SpecLoader.load(LocalDirectoryTree(path: work.path), options: options)
        #expect(directory.reusedFileCount == 0)
        #expect(directory.files.count == 0)
    }

    /// A load reads a batch's blobs ahead of decoding them, up to 1 MiB at a time: with files
    /// large enough to cross that mark inside a batch, and reused files between them, each file
    /// still gets its own outcome, in its own place.
    @Test func filesReadAheadOfDecodingKeepTheirOwnOutcomes() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        // 200 KB of comment at the end of every product file (which moves no line): a batch of 8
        // holds about 1.6 MB.
        let padding = String(repeating: "# " + String(repeating: "x", count: 98) + "\n", count: 2_000)
        let productFiles = try LocalDirectoryTree(path: work.path).entries().map(\.path).filter {
            $0.hasPrefix("products/") && $0.hasSuffix(".yaml")
        }
        #expect(productFiles.count > 16)
        // One of them with an unknown field, placed by line and column after the read-ahead.
        let access = "products/sales/orders/access.yaml"
        var bogusLine = 0
        for path in productFiles {
            var text = try String(contentsOfFile: "\(work.path)/\(path)", encoding: .utf8)
            if path == access {
                bogusLine = text.split(separator: "\n", omittingEmptySubsequences: false).count
                text += "bogus: 1\n"
            }
            _ = try work.write(path, text + padding)
        }
        #expect(bogusLine > 1)
        let base = try GitCLI.run(["rev-parse", "HEAD"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-am", "padded"], in: work.path)

        let repository = try GitRepository.open(at: work.path)
        var options = LoadOptions()
        options.parallelism = 1
        options.retention = .placed
        options.keepsFiles = true
        let padded = try SpecLoader.load(GitSnapshot(repository: repository, revision: "main"), options: options)
        let plain = try SpecLoader.load(LocalDirectoryTree(path: TestPaths.fixture("demo")))
        #expect(padded.diagnostics.map(\.location.description) == ["\(access):\(bogusLine):1"], "\(padded.diagnostics)")
        // The same specs as the fixture's, but for the access policy that no longer validates.
        var expected = plain.specs
        expected.products[ProductRef(domain: "sales", name: "orders")]?.accessPolicies = []
        #expect(padded.specs == expected)
        #expect(padded.byteCount > productFiles.count * 200_000)

        // Every file of the head taken again: each recorded outcome is that file's.
        options.reusing = padded.files
        let again = try SpecLoader.load(GitSnapshot(repository: repository, revision: "main"), options: options)
        #expect(again.reusedFileCount == again.fileCount - 1, "all but dappmesh.yaml")
        #expect(again.specs == padded.specs)
        #expect(again.diagnostics == padded.diagnostics)
        // The base: its product files are read, the rest (policies, README) taken, interleaved.
        let earlier = try SpecLoader.load(GitSnapshot(repository: repository, revision: base), options: options)
        #expect(earlier.reusedFileCount > 0)
        #expect(earlier.diagnostics.isEmpty, "\(earlier.diagnostics)")
        #expect(earlier.specs == plain.specs)
    }

    @Test func concurrentBatchReadsSeeTheSameBytes() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let snapshot = try GitSnapshot(repository: GitRepository.open(at: work.path), revision: "main")
        let paths = try snapshot.entries().map(\.path) + ["products/no/such/file.yaml"]
        let expected = paths.map { try? snapshot.read($0) }
        let results = Mutex<[[[UInt8]?]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let read = try? snapshot.read(existing: paths)
            results.withLock { $0.append(read ?? []) }
        }
        #expect(results.withLock { $0.count } == 8)
        for read in results.withLock({ $0 }) { #expect(read == expected) }
        #expect(expected.last! == nil)
    }

    @Test func hiddenFilesAndFoldersAreSkippedAtEveryDepthAsOnDisk() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        for path in [
            ".github/workflows/ci.yaml", ".hidden.yaml", "products/.cache/x.yaml", "products/.keep", "products/sales/.notes.yaml",
            "products/sales/orders/.draft/product.yaml", "products/sales/orders/.old.yaml", "policies/.wip/p.yaml", "README.md",
        ] {
            try work.write(path, "x: 1\n")
        }
        try GitCLI.run(["add", "-A", "--force"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-m", "hidden things"], in: work.path)
        let snapshot = try GitSnapshot(repository: GitRepository.open(at: work.path), revision: "main")
        let fromGit = try snapshot.entries().map(\.path)
        let onDisk = try LocalDirectoryTree(path: work.path).entries().map(\.path)
        #expect(fromGit == onDisk)
        #expect(fromGit.contains("README.md"))
        #expect(!fromGit.contains { $0.split(separator: "/").contains { $0.hasPrefix(".") } })
    }

    @Test func revisionsResolveAsGitDoes() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let first = try GitCLI.run(["rev-parse", "HEAD"], in: work.path)
        try GitCLI.run(["tag", "v1.0.0"], in: work.path)
        try work.write("products/sales/orders/notes.md", "notes\n")
        try GitCLI.run(["add", "-A"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-m", "notes"], in: work.path)
        let second = try GitCLI.run(["rev-parse", "HEAD"], in: work.path)
        let repository = try GitRepository.open(at: work.path)
        #expect(try repository.resolveCommit("main").description == second)
        #expect(try repository.resolveCommit("HEAD~1").description == first)
        #expect(try repository.resolveCommit("v1.0.0").description == first)
        #expect(try repository.resolveCommit(first).description == first)
        #expect(try repository.resolveCommit(String(first.prefix(8))).description == first)
    }

    @Test func aMissingRevisionSaysSo() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let repository = try GitRepository.open(at: work.path)
        let error = #expect(throws: DappError.self) { try repository.resolveCommit("no-such-branch") }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("revision 'no-such-branch' does not exist") == true)
    }

    @Test func changedPathsDetectsAddModifyDeleteAndRename() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let base = try GitCLI.run(["rev-parse", "HEAD"], in: work.path)
        try GitCLI.run(["mv", "products/sales/orders/store.yaml", "products/sales/orders/operational-store.yaml"], in: work.path)
        try FileManager.default.removeItem(atPath: "\(work.path)/products/logistics/carriers/store.yaml")
        try work.write("products/sales/orders/extra.md", "new\n")
        let product = "\(work.path)/products/sales/orders/product.yaml"
        try (try String(contentsOfFile: product, encoding: .utf8) + "# touched\n").write(toFile: product, atomically: true, encoding: .utf8)
        try GitCLI.run(["add", "-A"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-m", "change"], in: work.path)
        let repository = try GitRepository.open(at: work.path)
        let changes = Set(try repository.changedPaths(from: base, to: "main"))
        #expect(
            changes == [
                PathChange(
                    kind: .renamed, oldPath: "products/sales/orders/store.yaml", newPath: "products/sales/orders/operational-store.yaml"),
                PathChange(kind: .deleted, oldPath: "products/logistics/carriers/store.yaml", newPath: nil),
                PathChange(kind: .added, oldPath: nil, newPath: "products/sales/orders/extra.md"),
                PathChange(kind: .modified, oldPath: "products/sales/orders/product.yaml", newPath: "products/sales/orders/product.yaml"),
            ])
        #expect(try repository.changedPaths(from: "main", to: "main").isEmpty)
    }

    /// Files turned into folders and back, a folder `a` beside a file `a.b` (Git's tree order is
    /// not name order there), hidden files and submodule-free deletions: the same set as `git diff`.
    @Test func changedPathsAgreeWithGitDiff() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        try work.write("products/sales/orders/notes", "a file that becomes a folder\n")
        try work.write("products/sales/a/x.yaml", "x: 1\n")
        try work.write("products/logistics/old/y.yaml", "y: 2\n")
        try GitCLI.run(["add", "-A"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-m", "before"], in: work.path)
        let base = try GitCLI.run(["rev-parse", "HEAD"], in: work.path)
        try FileManager.default.removeItem(atPath: "\(work.path)/products/sales/orders/notes")
        try work.write("products/sales/orders/notes/today.md", "now a folder, with distinct words in it\n")
        try work.write("products/sales/a.b", "a file named like the folder\n")
        try work.write("products/sales/a/x.yaml", "x: 3\n")
        try work.write(".github/ci.yaml", "on: push\n")
        try FileManager.default.removeItem(atPath: "\(work.path)/products/logistics/old")
        try GitCLI.run(["add", "-A"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-m", "after"], in: work.path)
        let repository = try GitRepository.open(at: work.path)
        let found = Set(try repository.changedPaths(from: base, to: "main").map(\.description))
        let git = try GitCLI.run(["diff", "--name-status", "--no-renames", base, "main"], in: work.path)
        let expected = Set(git.split(separator: "\n").map { line in line.replacingOccurrences(of: "\t", with: " ") })
        #expect(found == expected)
        #expect(found.count == 6, "\(found)")
    }

    /// The comparison of two revisions and the listings of both read each tree once.
    @Test func listingsAfterAComparisonReadNoTreeAgain() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let base = try GitCLI.run(["rev-parse", "HEAD"], in: work.path)
        // Every product folder changes, so the comparison reads all of them at both revisions.
        let products = try LocalDirectoryTree(path: work.path).entries().map(\.path).filter { $0.hasSuffix("/product.yaml") }
        for product in products {
            let path = "\(work.path)/\(product)"
            try (try String(contentsOfFile: path, encoding: .utf8) + "# touched\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["commit", "--quiet", "-am", "touch every product"], in: work.path)
        let repository = try GitRepository.open(at: work.path)
        let changes = try repository.changedPaths(from: base, to: "main")
        #expect(changes.count == products.count)
        let head = try GitSnapshot(repository: repository, revision: "main")
        let baseSnapshot = try GitSnapshot(repository: repository, revision: base)
        let listed = try head.entries().count + baseSnapshot.entries().count
        let distinctTrees =
            Set(
                try [base, "main"].flatMap { revision in
                    try GitCLI.run(["ls-tree", "-r", "-t", revision], in: work.path).split(separator: "\n").filter { $0.contains(" tree ") }
                        .map { $0.split(separator: " ")[2].prefix(40) }
                }
            ).count + 2  // and the two root trees
        #expect(listed > 0)
        #expect(repository.trees.counts.trees == distinctTrees, "every tree of both revisions is known")
        #expect(repository.trees.counts.reads == distinctTrees, "and was read once")
    }

    @Test func symlinksInTheCommitAreJudgedLikeOnDisk() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: "\(work.path)/products/sales/orders/leak.yaml", withDestinationPath: "/etc/hostname")
        try GitCLI.run(["add", "-A"], in: work.path)
        try GitCLI.run(["commit", "--quiet", "-m", "symlink"], in: work.path)
        let snapshot = try GitSnapshot(repository: GitRepository.open(at: work.path), revision: "main")
        let result = try SpecLoader.load(snapshot)
        #expect(result.diagnostics.map(\.rule) == [.secSymlinkEscape])
        #expect(result.diagnostics.first?.location.file == "products/sales/orders/leak.yaml")
    }
}

/// After a push: changed paths between the revisions drive a reload of just the touched product.
@Suite struct IncrementalSnapshotTests {
    @Test func reloadFromChangedPathsEqualsAFullLoad() throws {
        let work = try GitCLI.demoWorkTree()
        defer { work.remove() }
        let repository = try GitRepository.open(at: work.path)
        let before = try GitSnapshot(repository: repository, revision: "main")
        let first = try SpecLoader.load(before)
        let path = "\(work.path)/products/finance/payments/product.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "lifecycle: active", with: "lifecycle: deprecatd").write(
            toFile: path, atomically: true, encoding: .utf8)
        try GitCLI.run(["commit", "--quiet", "-am", "typo"], in: work.path)
        let after = try GitSnapshot(repository: repository, revision: "main")
        let changed = try repository.changedPaths(from: before.commit, to: after.commit).flatMap(\.paths)
        #expect(changed == ["products/finance/payments/product.yaml"])
        var reloaded = first
        try SpecLoader.reload(&reloaded, tree: after, changedPaths: changed)
        let full = try SpecLoader.load(try GitSnapshot(repository: repository, revision: "main"))
        #expect(reloaded.specs == full.specs)
        #expect(reloaded.diagnostics == full.diagnostics)
        #expect(reloaded.diagnostics.map(\.rule) == [.specEnum])
    }
}

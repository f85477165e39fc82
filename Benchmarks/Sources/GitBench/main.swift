import DappCore
import DappGit
import DappSpecs
import Foundation

// Git benchmarks of issue 3, each against a peer or a budget measured in the same run:
//   read   — every file of a snapshot through GitSnapshot vs `git cat-file --batch` on the same blobs
//   reload — after a one-file push: fetch (server and transfer), then dappctl's own processing
//            (changedPaths + snapshot + incremental reload of the touched product), budget 50 ms
// usage: GitBench read BARE_REPO [--rounds N]
//        GitBench reload BARE_REPO WORK_TREE [--rounds N]

func seconds(_ d: Duration) -> Double {
    let (s, a) = d.components
    return Double(s) + Double(a) / 1e18
}

func ms(_ d: Duration) -> String { String(format: "%.1f ms", seconds(d) * 1000) }

func run(_ executable: String, _ arguments: [String], in directory: String? = nil, input: Data? = nil) throws -> (Data, Duration) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardInput = inPipe
    let start = ContinuousClock.now
    try process.run()
    let writer = Thread {
        if let input { inPipe.fileHandleForWriting.write(input) }
        try? inPipe.fileHandleForWriting.close()
    }
    writer.start()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - start
    guard process.terminationStatus == 0 else { throw NSError(domain: "GitBench", code: Int(process.terminationStatus)) }
    return (data, elapsed)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: GitBench read BARE_REPO | GitBench reload BARE_REPO WORK_TREE")
    exit(64)
}
let rounds = arguments.firstIndex(of: "--rounds").map { Int(arguments[$0 + 1]) ?? 5 } ?? 5
let bare = arguments[2]

switch arguments[1] {
case "read":
    let repository = try GitRepository.open(at: bare)
    var best = Duration.seconds(1_000)
    var listed = Duration.zero
    var bytes = 0
    var files = 0
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        let snapshot = try GitSnapshot(repository: repository, revision: "main")
        let entries = try snapshot.entries()
        listed = ContinuousClock.now - start
        var total = 0
        for entry in entries { total += try snapshot.read(entry.path).count }
        let elapsed = ContinuousClock.now - start
        best = min(best, elapsed)
        bytes = total
        files = entries.count
    }
    // The peer gets the blob ids handed to it (its listing is not timed) and writes to
    // /dev/null through a shell redirect, so no pipe reading is charged to it; dappctl's time
    // above includes listing the tree.
    let (listing, _) = try run("/usr/bin/git", ["-C", bare, "ls-tree", "-r", "--format=%(objectname)", "main"])
    let ids = NSTemporaryDirectory() + "gitbench-ids-\(UUID().uuidString)"
    try listing.write(to: URL(fileURLWithPath: ids))
    defer { try? FileManager.default.removeItem(atPath: ids) }
    var peerBest = Duration.seconds(1_000)
    for _ in 0..<rounds {
        let (_, elapsed) = try run("/bin/sh", ["-c", "git -C '\(bare)' cat-file --batch < '\(ids)' > /dev/null"])
        peerBest = min(peerBest, elapsed)
    }
    let (catOutput, _) = try run("/usr/bin/git", ["-C", bare, "cat-file", "--batch"], input: listing)
    let peerBytes = catOutput.count
    let ratio = seconds(best) / seconds(peerBest)
    print("snapshot read: \(files) files, \(bytes) bytes of content (cat-file output \(peerBytes) bytes incl. headers)")
    print("  dappctl GitSnapshot (list + read all): \(ms(best)) (listing \(ms(listed)))")
    print("  git cat-file --batch (same blobs):     \(ms(peerBest))")
    print(String(format: "  ratio dappctl/git: %.2fx (target <= 1.5x: %@)", ratio, ratio <= 1.5 ? "MET" : "MISSED"))
case "reload":
    guard arguments.count >= 4 else { exit(64) }
    let work = arguments[3]
    let cache = NSTemporaryDirectory() + "gitbench-cache-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let source = GitSource(url: "file://\(bare)", cacheRoot: cache)
    let repository = try source.fetch()
    var snapshot = try GitSnapshot(repository: repository, revision: "main")
    let loadStart = ContinuousClock.now
    var result = try SpecLoader.load(snapshot)
    print("initial full load: \(result.fileCount) files, \(result.specs.products.count) products in \(ms(ContinuousClock.now - loadStart))")
    var fetchTimes: [Duration] = []
    var ownTimes: [Duration] = []
    var diffTimes: [Duration] = []
    for round in 0..<rounds {
        // A one-file change, pushed by someone else (not timed).
        let product = "products/domain-007/product-\(String(format: "%04d", round * 3))/product.yaml"
        let path = "\(work)/\(product)"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += "# edit \(round)\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try run("/usr/bin/git", ["-C", work, "commit", "--quiet", "-am", "edit \(round)"])
        _ = try run("/usr/bin/git", ["-C", work, "push", "--quiet", "origin", "main"])

        let fetchStart = ContinuousClock.now
        try source.fetch()
        let fetched = ContinuousClock.now
        let next = try GitSnapshot(repository: repository, revision: "main")
        let changed = try repository.changedPaths(from: snapshot.commit, to: next.commit).flatMap(\.paths)
        let diffed = ContinuousClock.now
        try SpecLoader.reload(&result, tree: next, changedPaths: changed)
        let done = ContinuousClock.now
        diffTimes.append(diffed - fetched)
        precondition(changed == [product], "unexpected changes \(changed)")
        if round == rounds - 1 {
            print("  last reload phases: " + result.phases.map { "\($0.name) \(ms($0.duration))" }.joined(separator: ", "))
        }
        precondition(result.diagnostics.isEmpty, "\(result.diagnostics)")
        snapshot = next
        fetchTimes.append(fetched - fetchStart)
        ownTimes.append(done - fetched)
    }
    let fetchMedian = fetchTimes.sorted()[fetchTimes.count / 2]
    let ownMedian = ownTimes.sorted()[ownTimes.count / 2]
    print("after a one-file push, \(rounds) rounds (median):")
    print("  fetch (server + transfer + indexing): \(ms(fetchMedian))")
    print("  dappctl processing (changedPaths + snapshot + reload of the touched product): \(ms(ownMedian))")
    print("    of which changedPaths + snapshot: \(ms(diffTimes.sorted()[diffTimes.count / 2]))")
    print("  target < 50 ms of dappctl processing: \(seconds(ownMedian) < 0.05 ? "MET" : "MISSED")")
default:
    print("unknown benchmark \(arguments[1])")
    exit(64)
}

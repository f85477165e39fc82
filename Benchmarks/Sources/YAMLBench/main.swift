// YAMLBench: single-thread throughput of DappYAML's reader on a directory of YAML files.
//
// Every file is read into memory first; each round then parses all of them into located node
// trees (YAMLReader.read, default limits) on the calling thread. MB are 10^6 bytes of input.
// Prints a human summary on stderr and one machine line on stdout:
//   RESULT swift best=<MB/s> median=<MB/s> bytes=<n> files=<n> rounds=<n>
//
// usage: YAMLBench DIR [--rounds N] [--libyaml]
//                                       benchmark every .yaml/.yml file under DIR; --libyaml
//                                       reads every file through libyaml (no subset parser)
//        YAMLBench --dump FILE          print the located tree and errors of one file
import DappYAML
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("YAMLBench: \(message)\n".utf8))
    exit(2)
}

func load(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](data)
}

func dump(_ node: YAMLNode, _ prefix: String = "") {
    let at = "\(node.line):\(node.column)" + (node.anchor.map { " &\($0)" } ?? "")
    switch node.value {
    case .scalar(let s):
        print("\(prefix)\(s.kind) \(s.style) \(s.text.debugDescription) @\(at)")
    case .sequence(let items):
        print("\(prefix)sequence @\(at)")
        for item in items { dump(item, prefix + "  - ") }
    case .mapping(let pairs):
        print("\(prefix)mapping @\(at)")
        for pair in pairs {
            dump(pair.key, prefix + "  ? ")
            dump(pair.value, prefix + "  : ")
        }
    }
}

/// Nodes in a tree, so the work of building it cannot be skipped.
func count(_ node: YAMLNode) -> Int {
    switch node.value {
    case .scalar: return 1
    case .sequence(let items): return items.reduce(1) { $0 + count($1) }
    case .mapping(let pairs): return pairs.reduce(1) { $0 + count($1.key) + count($1.value) }
    }
}

var args = Array(CommandLine.arguments.dropFirst())
if args.first == "--dump" {
    guard args.count == 2 else { fail("usage: YAMLBench --dump FILE") }
    let result = YAMLReader.read(load(args[1]), file: args[1])
    for error in result.errors { print("error[\(error.code)] \(error)" + (error.hint.map { " (\($0))" } ?? "")) }
    print("\(result.documents.count) document(s)")
    for document in result.documents { dump(document) }
    exit(result.errors.isEmpty ? 0 : 1)
}

var rounds = 10
if let i = args.firstIndex(of: "--rounds") {
    guard i + 1 < args.count, let n = Int(args[i + 1]), n > 0 else { fail("--rounds needs a positive number") }
    rounds = n
    args.removeSubrange(i...(i + 1))
}
let engine: YAMLReader.Engine = args.contains("--libyaml") ? .libyaml : .automatic
args.removeAll { $0 == "--libyaml" }
guard args.count == 1 else { fail("usage: YAMLBench DIR [--rounds N] [--libyaml] | YAMLBench --dump FILE") }
let root = args[0]

guard let walker = FileManager.default.enumerator(atPath: root) else { fail("cannot list \(root)") }
var paths: [String] = []
while let relative = walker.nextObject() as? String {
    if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { paths.append(relative) }
}
paths.sort()
guard !paths.isEmpty else { fail("no .yaml files under \(root)") }
let files = paths.map { (name: $0, bytes: load(root + "/" + $0)) }
let totalBytes = files.reduce(0) { $0 + $1.bytes.count }

/// One pass over every file; returns (seconds, documents, nodes of the last pass's trees).
func oneRound(countNodes: Bool) -> (seconds: Double, documents: Int, nodes: Int) {
    var documents = 0
    var nodes = 0
    let clock = ContinuousClock()
    let start = clock.now
    for file in files {
        let result = YAMLReader.read(file.bytes, file: file.name, engine: engine)
        if let error = result.errors.first { fail("\(error)") }
        documents += result.documents.count
        if countNodes { nodes += result.documents.reduce(0) { $0 + count($1) } }
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (seconds, documents, nodes)
}

let warmup = oneRound(countNodes: true)  // also checks every file reads cleanly
var rates: [Double] = []
for _ in 0..<rounds {
    rates.append(Double(totalBytes) / oneRound(countNodes: false).seconds / 1e6)
}
rates.sort()
let best = rates.last!
let median = rounds % 2 == 1 ? rates[rounds / 2] : (rates[rounds / 2 - 1] + rates[rounds / 2]) / 2
FileHandle.standardError.write(
    Data(
        """
        DappYAML: \(files.count) files, \(String(format: "%.1f", Double(totalBytes) / 1e6)) MB, \
        \(warmup.documents) documents, \(warmup.nodes) nodes; best \(String(format: "%.1f", best)) MB/s, \
        median \(String(format: "%.1f", median)) MB/s over \(rounds) rounds (1 thread)\n
        """.utf8))
print(
    "RESULT swift best=\(String(format: "%.2f", best)) median=\(String(format: "%.2f", median)) bytes=\(totalBytes) files=\(files.count) rounds=\(rounds)"
)

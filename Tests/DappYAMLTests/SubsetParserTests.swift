import DappTesting
import Foundation
import Testing

@testable import DappYAML

/// The subset parser is a fast path in front of libyaml: wherever it returns a tree, that tree
/// must be exactly libyaml's (values, styles, types, lines and columns), and wherever libyaml
/// has something to say (an error, a second document), the subset parser must step aside.
@Suite struct SubsetParserTests {
    /// What the subset parser makes of `bytes` (nil: it leaves the file to libyaml), and the
    /// first difference from libyaml's reading of them (nil when the subset parser stepped
    /// aside or both agree). Each reader runs once.
    struct Comparison {
        var subset: [YAMLNode]?
        var disagreement: String?
    }

    static func compare(_ bytes: [UInt8], file: String = "t.yaml") -> Comparison {
        bytes.withUnsafeBufferPointer { buffer in
            let subset = SubsetParser.read(buffer, origin: YAMLOrigin(file: file, anchor: nil), limits: .default)
            let libyaml = YAMLReader.read(buffer: buffer, file: file, limits: .default, engine: .libyaml)
            return Comparison(subset: subset, disagreement: subset.flatMap { disagreement($0, libyaml) })
        }
    }

    static func disagreement(_ subset: [YAMLNode], _ libyaml: YAMLFile) -> String? {
        guard libyaml.errors.isEmpty else { return "subset parser accepted what libyaml rejects: \(libyaml.errors[0])" }
        guard libyaml.documents.count == subset.count else {
            return "\(subset.count) documents, libyaml \(libyaml.documents.count)"
        }
        for (i, document) in subset.enumerated() {
            if let d = difference(document, libyaml.documents[i], at: "$\(i)") { return d }
        }
        return nil
    }

    static func difference(_ a: YAMLNode, _ b: YAMLNode, at path: String) -> String? {
        if a.mark != b.mark { return "\(path): at \(a.line):\(a.column), libyaml \(b.line):\(b.column)" }
        if a.file != b.file || a.anchor != b.anchor { return "\(path): origin differs" }
        switch (a.value, b.value) {
        case (.scalar(let x), .scalar(let y)):
            return x == y ? nil : "\(path): \(x), libyaml \(y)"
        case (.sequence(let xs), .sequence(let ys)):
            guard xs.count == ys.count else { return "\(path): \(xs.count) items, libyaml \(ys.count)" }
            for i in xs.indices {
                if let d = difference(xs[i], ys[i], at: "\(path)[\(i)]") { return d }
            }
            return nil
        case (.mapping(let xs), .mapping(let ys)):
            guard xs.count == ys.count else { return "\(path): \(xs.count) keys, libyaml \(ys.count)" }
            for i in xs.indices {
                if let d = difference(xs[i].key, ys[i].key, at: "\(path).key\(i)") { return d }
                if let d = difference(xs[i].value, ys[i].value, at: "\(path).\(xs[i].key.scalar?.text ?? "?")") { return d }
            }
            return nil
        default:
            return "\(path): \(a.kindDescription), libyaml \(b.kindDescription)"
        }
    }

    static let fixtureFiles: [String] = {
        let root = TestPaths.fixture("")
        let walker = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { files.append(relative) }
        }
        return files.sorted()
    }()

    static func fixtureBytes(_ relative: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: TestPaths.fixture(relative)) ?? Data())
    }

    @Test("every fixture file: the subset parser gives libyaml's tree or steps aside")
    func fixturesAgree() throws {
        #expect(Self.fixtureFiles.count > 500)
        var accepted: Set<String> = []
        for relative in Self.fixtureFiles {
            let comparison = Self.compare(Self.fixtureBytes(relative), file: relative)
            if let d = comparison.disagreement { Issue.record("\(relative): \(d)") }
            if comparison.subset != nil { accepted.insert(relative) }
        }
        // The fast path must actually be taken for ordinary spec files, or it is dead weight.
        let demo = Self.fixtureFiles.filter { $0.hasPrefix("demo/") }
        let demoAccepted = demo.filter(accepted.contains)
        #expect(demoAccepted.count * 2 > demo.count, "subset parser took only \(demoAccepted.count) of \(demo.count) demo files")
        #expect(accepted.count * 2 > Self.fixtureFiles.count)
    }

    @Test("thousands of mutated fixture files: never a tree libyaml would not give")
    func mutationsAgree() {
        // SUBSET_FUZZ_ROUNDS and SUBSET_FUZZ_SEED run a longer or different search locally.
        let environment = ProcessInfo.processInfo.environment
        let rounds = environment["SUBSET_FUZZ_ROUNDS"].flatMap(Int.init) ?? 6000
        var random = SplitMix64(seed: environment["SUBSET_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5EED_D0C5)
        let sources = Self.fixtureFiles.map(Self.fixtureBytes).filter { $0.count < 64 << 10 }
        // Single characters that matter to YAML, text in several scripts, the code points
        // libyaml treats as line breaks or skips, and bytes that are not UTF-8 at all.
        let inserts: [[UInt8]] =
            " :-#'\"[]{},\n&*!|>?.\\a0\t%@".utf8.map { [$0] }
            + ["é", "—", "日本", "😀", "\u{A0}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{FFFE}"].map { Array($0.utf8) }
            + [[0xFF], [0xC3], [0x80], [0xE2, 0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80]]
        var accepted = 0
        var disagreements: [String] = []
        for round in 0..<rounds {
            var bytes = sources[Int(random.next() % UInt64(sources.count))]
            guard !bytes.isEmpty else { continue }
            for _ in 0..<(1 + Int(random.next() % 3)) {
                bytes = Self.mutate(bytes, &random, inserts: inserts)
            }
            let comparison = Self.compare(bytes)
            if let d = comparison.disagreement {
                disagreements.append("round \(round): \(d)\n---\n\(String(decoding: bytes, as: UTF8.self))")
            }
            if comparison.subset != nil { accepted += 1 }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements; first: \(disagreements.first ?? "")")
        // Most single mutations keep a file in the subset; the check above must have had work.
        #expect(accepted > 1000, "only \(accepted) mutants were read by the subset parser")
    }

    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64, inserts: [[UInt8]]) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return bytes }
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 6 {
        case 0: bytes.insert(contentsOf: inserts[Int(random.next() % UInt64(inserts.count))], at: at)
        case 1: bytes.remove(at: at)
        case 2, 3:
            // Indent or dedent the line holding `at`.
            var start = at
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            if random.next() % 2 == 0 {
                bytes.insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: 1 + Int(random.next() % 2)), at: start)
            } else if bytes[start] == UInt8(ascii: " ") {
                bytes.remove(at: start)
            }
        case 4:
            // Duplicate the line holding `at` (duplicate keys, repeated items).
            var start = at
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            var end = at
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = Array(bytes[start..<min(end + 1, bytes.count)])
            bytes.insert(contentsOf: line, at: start)
        default:
            // Cut the file at `at`.
            bytes.removeSubrange(at...)
        }
        return bytes
    }

    @Test(
        "constructs of the subset are read without libyaml, exactly as libyaml reads them",
        arguments: [
            "a: 1\nb: two\n",
            "---\na: 1\n",
            "--- # start\na: 1\n",
            "# leading comment\n\na: 1   # trailing comment\nb:    spaced   \n",
            "key:\n  nested: true\n  deeper:\n    x: ~\n",
            "list:\n- a\n- b\nafter: 1\n",
            "list:\n  - a\n  -\n  - c\n",
            "- name: a\n  type: b\n- name: c\n  items:\n  - x\n  - y\n",
            "- \n  k: v\n-\n- last\n",
            "empty:\nnext: 1\nlast:",
            "q: 'it''s'\nd: \"double\"\n'quoted key': 1\n\"dq\": 2\n",
            "flow: [a, b, 'c', \"d\", [e], {f: g}]\nmap: {product: sales/orders, port: v1}\nnone: []\nnothing: {}\n",
            "url: http://example.com/a:b\nurn: urn:x:y\nhash: a#b\nparen: varchar(255)\n",
            "n: -5\nf: 1.5e3\nb: True\nnull: Null\ns: yes\nhex: 0x1F\n",
            "a: 1\n\n\n# comment\n  # indented comment\nb: 2",
            "a: x # one space before the comment\nb: [x, y] # after a flow\nc: 'q' # after quotes\n",
            "  indented: root\n  other: 1\n",
            "outer:\n  - inner:\n      - 1\n      - 2\n    tail: x\n",
            "lit: |\n  one\n    two indented\n\n  three # not a comment\nnext: 1\n",
            "fold: >\n  one\n  two\n\n  three\n    indented\n  four\n\n\nnext: 1\n",
            "strip: |-\n  text\n\nclip: >-\n  a\n  b\nkeep: |+\n  text\n\n\nlast: x",
            "eof: >+\n  no final line break",
            "- |\n  item text\n- >-  # comment\n   folded\n   item\n- a: |\n    in a compact mapping\n  b: 2\n",
            "seq:\n- |\n  indentless item\n- x\n",
            "a: &x 1\nb: *x\n",
            "defaults: &defaults\n  retries: 3\n  tags: [a, b]\njobs:\n  - with: *defaults\n  - with: *defaults # again\n",
            "list: &l\n- 1\n- &two 2\nagain: *l\ntwo: *two\n",
            "flow: [&f x, *f, &g {k: v}, *g]\nmap: {a: &h 1, b: *h}\n",
            "- &item\n  name: x\n- *item\n- &s |\n  text\n- *s\n- &p plain\n  folded\n- *p\n",
            "a: &x 1\nx: &x 2\nb: *x\n---\nc: &x 3\nd: *x\n",
            #"pattern: "^[a-z]+\\.\\d{2}$"\#nq: "say \"hi\" \/ \\ \t\n\r\0\e\a\b\v\f\ \N\_\L\P"\#nhex: "\x41\u00e9\U0001F600"\#n"#,
            "description: a long text\n  that goes on\n\n  after an empty line\nnext: 1\n",
            "- item text\n  continued - with dashes [and] {brackets}\n- 12\n  34\n- x\n   # comment ends it\n",
            "a:\n  - k: one\n      two\n    l: 3\n",
            "name: café\ndesc: 'naïve — ok'\nlist: [é, 😀, \"日本\"]\nkey é: |\n  text ü\nafter é: {ключ: значение}\n",
            "- ünïcödé: 1\n  ñ: [a, b]\n-   😀: x\n    y: \u{A0}nbsp\n",
            "a: 1\n---\nb: 2\n--- # third\n- c\n", "text: |\n  x\n---\nnext: >\n  y\n",
        ])
    func subsetConstruct(_ text: String) throws {
        let comparison = Self.compare(Array(text.utf8))
        #expect(comparison.subset != nil, "the subset parser should read \(text.debugDescription)")
        #expect(comparison.disagreement == nil)
    }

    @Test(
        "anything outside the subset, or anything libyaml would report, is left to libyaml",
        arguments: [
            "", "# only a comment\n", "a: 1\n---\n", "a: 1\n---\n---\nb: 2\n", "a: 1\n...\n", "--- a: 1\n", "%YAML 1.2\n---\na: 1\n",
            "a:\t1\n", "a: 1\r\n", "a: \u{7F}\n", "a: x\u{85}y\n", "a: x\u{2028}y\n", "a: x\u{2029}y\n", "\u{FEFF}a: 1\nb: \u{FEFF}2\n",
            "a: \u{FFFE}\n", "a: \u{9F}\n",
            "a: !!str 1\n", "a: *x\nb: &x 1\n", "a: &x [*x]\n", "&k key: v\n", "- &k key: v\n", "a: &x\nb: 1\n", "a: [&x]\n",
            "a: &x 1\n---\nb: *x\n", "a: &x *y\n", "a: {*x : 1}\n", "a: &x\n", "a: &x! 1\n", "a: *x\n",
            "a: plain\n  cont: inued\n", "a: plain\n  cont #inued\n", "a: x # c\n  y\n", "a: 'open\n  quote'\n",
            "a: \"line \\\n  continued\"\n", #"a: "\q""#, #"a: "\x4""#, #"a: "\uD800""#, #"a: "\U00110000""#, #"a: "\xZZ""#,
            "a: [1,\n  2]\n",
            "a: 1\na: 2\n", "<<: {a: 1}\n", "? complex\n: key\n", "[a, b]: c\n", "a: b: c\n", "- - nested\n",
            "a: 1\n- b\n", "a:\n    b: 1\n  c: 2\n", "a: [b,]\n", "a: {b}\n", "a: {b: }\n", "a: [b: c]\n",
            "a: |2\n   explicit\n", "a: |\n\n  leading blank\n", "a: |\nb: empty\n", "a: |\n  x\n   \n  y\n", "a: |x\n  y\n",
            "a: \"x\"y\n", "a: 'x'#c\n", "a: @x\n", "just a scalar\n", "[a, b]\n", "a: {b: http://x}\n",
        ])
    func outsideSubset(_ text: String) {
        #expect(Self.compare(Array(text.utf8)).subset == nil, "the subset parser should leave \(text.debugDescription) to libyaml")
    }

    @Test(
        "bytes that are not UTF-8 are left to libyaml, which reports them",
        arguments: [[0xFF], [0x80], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func invalidUTF8(_ bad: [UInt8]) {
        let bytes = Array("a: x".utf8) + bad + Array("\nb: 1\n".utf8)
        #expect(Self.compare(bytes).subset == nil)
        #expect(read(bytes: bytes).errors.first?.code == .encoding)
    }

    @Test("limits: past the depth or node limit, the subset parser steps aside and libyaml reports")
    func limits() {
        let deep = (0..<70).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
        let deepFile = read(deep)
        #expect(deepFile.errors.first?.code == .depthLimit)
        var tight = YAMLLimits.default
        tight.maxNodes = 10
        let many = (0..<20).map { "k\($0): v" }.joined(separator: "\n")
        let manyFile = read(many, limits: tight)
        #expect(manyFile.errors.first?.code == .nodeLimit)
        Array(many.utf8).withUnsafeBufferPointer { buffer in
            #expect(SubsetParser.read(buffer, origin: YAMLOrigin(file: "t.yaml", anchor: nil), limits: tight) == nil)
        }
    }

    @Test("a key longer than libyaml allows a simple key (1,024 characters) is left to libyaml, which reports it")
    func longKeys() throws {
        let long = String(repeating: "k", count: 1100)
        for text in ["\(long): 1\n", "a: {\(long): 1}\n", "- \(long): 1\n"] {
            #expect(Self.compare(Array(text.utf8)).subset == nil, "\(text.prefix(20))...")
            #expect(read(text).errors.first?.code == .syntax)
        }
        // Just under the limit is a key like any other.
        let fine = String(repeating: "k", count: 1000) + ": 1\n"
        let comparison = Self.compare(Array(fine.utf8))
        #expect(comparison.subset != nil)
        #expect(comparison.disagreement == nil)
    }

    @Test("one long line of many nodes in UTF-8 text is read in linear time, with libyaml's columns")
    func longUTF8Line() throws {
        // 200,000 items on one line: counting each mark's column from the line's start took
        // about 10^11 steps here (minutes); counted along the line it is one pass.
        let text = "k: [" + Array(repeating: "é", count: 200_000).joined(separator: ", ") + ", end]\n"
        let bytes = Array(text.utf8)
        let comparison = Self.compare(bytes)
        let subset = try #require(comparison.subset)
        let items = try #require(subset.first?["k"]?.sequence)
        #expect(items.count == 200_001)
        #expect(items.last?.at == [1, 5 + 3 * 200_000])
        #expect(comparison.disagreement == nil)
    }

    @Test("a huge mapping with a late duplicate key costs linear time and is left to libyaml")
    func hugeMappingDuplicate() throws {
        let text = (0..<50_000).map { "key\($0): \($0)" }.joined(separator: "\n") + "\nkey7: again\n"
        let error = try onlyError(text)
        #expect(error.code == .duplicateKey)
        #expect(error.at == [50_001, 1])
    }
}

/// A small seeded generator, so every run mutates the same way and a failure can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import DappCore
import DappSpecs
import DappTesting
import Foundation
import Testing

@testable import DappCLI

/// Every case under fixtures/invalid/ is a small spec repository with one kind of mistake. Each
/// must produce its golden diagnostics (expected.txt), contain the located rules listed in
/// `expect`, finish quickly, and leave the case untouched.
@Suite struct InvalidFixtureTests {
    static let root = TestPaths.fixture("invalid")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(root)/\(name)", isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }()

    @Test func thereAreAtLeastSixtyCases() {
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases)
    func caseProducesItsGoldenDiagnostics(_ name: String) throws {
        let source = "\(Self.root)/\(name)"
        let work = try TemporaryDirectory(prefix: "invalid-\(name)")
        defer { work.remove() }
        try work.copyContents(of: source)
        try generateLargeFiles(in: work, spec: "\(source)/generate")
        for helper in ["expect", "expected.txt", "generate"] {
            try? FileManager.default.removeItem(atPath: "\(work.path)/\(helper)")
        }
        let before = try snapshot(of: work.path)

        let started = ContinuousClock.now
        let result = try SpecLoader.load(LocalDirectoryTree(path: work.path))
        let elapsed = ContinuousClock.now - started
        let text = DiagnosticText.render(result.diagnostics, summary: ValidationSummary(result: result))

        #expect(elapsed < .seconds(5), "validating \(name) took \(elapsed)")
        #expect(try snapshot(of: work.path) == before, "validate changed files of \(name)")
        if let difference = Golden.compare(text, toFile: "\(source)/expected.txt") {
            Issue.record(Comment(rawValue: difference))
        }
        // The case's reason to exist: each expected rule at its file and line.
        let expectations = try String(contentsOfFile: "\(source)/expect", encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(!expectations.isEmpty, "\(name)/expect lists nothing")
        for expectation in expectations {
            let parts = expectation.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                Issue.record("malformed line in \(name)/expect: \(expectation)")
                continue
            }
            let (rule, place) = (parts[0], parts[1])
            let found = result.diagnostics.contains { d in
                d.rule.rawValue == rule && (place == d.location.file || place == "\(d.location.file):\(d.location.line)")
            }
            #expect(found, "\(name): expected \(rule) at \(place); got:\n\(text)")
        }
        // Whatever else happens, bad input never passes as clean unless it is only deprecated.
        #expect(!result.diagnostics.isEmpty, "\(name) produced no diagnostics")
    }

    /// `generate` lines: `big PATH BYTES` writes a large, valid-looking YAML file at run time so
    /// the repository does not carry it.
    private func generateLargeFiles(in work: TemporaryDirectory, spec path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 3, parts[0] == "big", let size = Int(parts[2]) else { continue }
            var content = "# generated\nitems:\n"
            let row = "  - name: filler-value-for-size-limit-tests\n"
            content.reserveCapacity(size + row.count)
            while content.utf8.count < size { content += row }
            try work.write(parts[1], content)
        }
    }

    /// Paths, sizes and modification times: enough to notice any write.
    private func snapshot(of path: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let attributes = try manager.attributesOfItem(atPath: "\(path)/\(relative)")
            result[relative] = "\(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? "")"
        }
        return result
    }
}

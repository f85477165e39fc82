import DappTesting
import Foundation
import Testing

/// `--report FORMAT=FILE`: one run, several reports, each the same as a run with that `--format`.
@Suite struct ReportOptionTests {
    static let formats = ["text", "json", "sarif", "junit", "github", "markdown"]

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test(arguments: ["check", "validate"])
    func everyReportOfOneRunIsTheReportOfItsFormat(command: String) throws {
        let repo = try GitCLI.demoWorkTree()
        defer { repo.remove() }
        // A change with a breaking finding, so every format has something to render.
        let orders = "\(repo.path)/products/sales/orders/orders.odcs.yaml"
        try read(orders).replacingOccurrences(of: "version: 1.3.0", with: "version: 1.2.0").write(
            toFile: orders, atomically: true, encoding: .utf8)
        let out = try TemporaryDirectory(prefix: "reports")
        defer { out.remove() }
        let common = command == "check" ? ["check", "--base", "main", "--today", "2026-11-26"] : ["validate"]
        let reports = Self.formats.flatMap { ["--report", "\($0)=\(out.path)/report.\($0)"] }
        let combined = try CommandRunner.dappctl(common + ["--format", "github"] + reports, in: repo.path)
        let alone = try CommandRunner.dappctl(common + ["--format", "github"], in: repo.path)
        #expect(combined.status == alone.status)
        #expect(combined.stdout == alone.stdout, "--format still goes to standard output")
        if command == "check" { #expect(combined.stdout.contains("title=VER002")) }
        for format in Self.formats {
            let single = try CommandRunner.dappctl(common + ["--format", format], in: repo.path)
            #expect(try read("\(out.path)/report.\(format)") == single.stdout, "--report \(format)")
        }
    }

    @Test func badReportArgumentsAreUsageErrorsThatWriteNothing() throws {
        let out = try TemporaryDirectory(prefix: "reports")
        defer { out.remove() }
        let demo = TestPaths.fixture("demo")
        let cases: [([String], String)] = [
            (["--report", "sarif"], "--report takes FORMAT=FILE (e.g. sarif=dappctl.sarif), not 'sarif'"),
            (["--report", "xml=\(out.path)/a"], "'xml' is not a format; use one of text, json, sarif, junit, github, markdown"),
            (["--report", "json="], "--report json= names no file"),
            (["--output", "\(out.path)/a", "--report", "json=\(out.path)/a"], "'\(out.path)/a' is named twice"),
        ]
        for (arguments, message) in cases {
            let result = try CommandRunner.dappctl(["check", "--repo", demo] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    /// A report file that cannot be written fails the run, after the report on standard output.
    @Test func anUnwritableReportFailsTheRunAndSaysWhy() throws {
        let result = try CommandRunner.dappctl(
            ["check", "--repo", TestPaths.fixture("demo"), "--today", "2026-11-26", "--report", "sarif=/nonexistent/dir/r.sarif"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("check: ok with 1 waived"), "\(result.stdout)")
        #expect(result.stderr.contains("dappctl: error: cannot write '/nonexistent/dir/r.sarif': No such file or directory"))
    }
}

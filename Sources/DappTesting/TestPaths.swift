import Foundation

/// Paths the tests need, found from this source file so they work from any working directory.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func fixture(_ relative: String) -> String { "\(packageRoot)/fixtures/\(relative)" }

    /// `RECORD_SNAPSHOTS=1` re-records golden files instead of comparing.
    public static var recordSnapshots: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// The dappctl binary `swift build` made for this test run (DAPPCTL_BIN overrides).
    public static var dappctlBinary: String {
        if let explicit = ProcessInfo.processInfo.environment["DAPPCTL_BIN"] { return explicit }
        // The test bundle sits in the same build folder as the executable.
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dappctl").path
        if FileManager.default.isExecutableFile(atPath: bundle) { return bundle }
        return "\(packageRoot)/.build/debug/dappctl"
    }
}

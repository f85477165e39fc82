import Foundation

/// What a finished process left behind.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the real `dappctl` binary, as a user or CI would.
public enum CommandRunner {
    public static func dappctl(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws
        -> CommandResult
    {
        try run(TestPaths.dappctlBinary, arguments, in: directory, environment: environment)
    }

    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:])
        throws -> CommandResult
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        // Output goes to files, not pipes: no child can block on a full pipe, and no read can be
        // cut short by a signal (Foundation's readDataToEndOfFile traps on EINTR).
        let directoryForOutput = NSTemporaryDirectory() + "dappctl-run-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directoryForOutput, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directoryForOutput) }
        let outPath = directoryForOutput + "/stdout"
        let errPath = directoryForOutput + "/stderr"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: URL(fileURLWithPath: outPath))
        let errData = try Data(contentsOf: URL(fileURLWithPath: errPath))
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

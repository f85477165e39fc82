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
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a chatty child cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

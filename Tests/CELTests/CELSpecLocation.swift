import Foundation

/// Where the cel-spec conformance tests are: `$CEL_SPEC_DIR`, else `shared/cel-spec` beside the
/// repository (as on developer machines and in CI), else /work/shared/cel-spec.
enum CELSpecLocation {
    static let root: URL = {
        if let explicit = ProcessInfo.processInfo.environment["CEL_SPEC_DIR"] {
            return URL(fileURLWithPath: explicit)
        }
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/cel-spec").standardizedFileURL
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: "/work/shared/cel-spec")
    }()
}

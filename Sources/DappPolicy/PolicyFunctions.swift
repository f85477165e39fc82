import CEL
import DappCore

/// The CEL functions dappctl adds for policy authors, beyond the standard and extension libraries.
enum PolicyFunctions {
    static let all: [CELFunction] = [secretLiterals, specDuration]

    /// `secrets.literals(value)`: paths of strings in `value` that look like credentials.
    /// Charged the size of its argument (`CELFunction.size(of:)`), counted by the scan itself.
    static let secretLiterals = CELFunction("secrets.literals", arity: 1) { args in
        let (paths, size) = SecretScanner.literalsAndSize(in: args[0])
        return (.list(paths.map(CELValue.string)), size)
    }

    /// `specs.duration('30d')`: a duration written the way specs write them (`30d`, `2w`, `24h`,
    /// `P30D`), which CEL's `duration()` (Go syntax, no days) does not read.
    static let specDuration = CELFunction("specs.duration", arity: 1) { args in
        guard case .string(let text) = args[0] else { throw CELFunction.Failure("specs.duration takes a string, not \(args[0].celType)") }
        guard let seconds = DurationText.seconds(text), let duration = CELDuration(seconds: Int64(seconds)) else {
            throw CELFunction.Failure("invalid duration '\(text)': expected e.g. 30d, 24h, 15m or P30D")
        }
        return .duration(duration)
    }
}

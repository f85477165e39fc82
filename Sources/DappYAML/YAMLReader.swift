import CLibYAML

/// The documents of one YAML file, and what was wrong with it.
public struct YAMLFile: Sendable {
    public var file: String
    /// Every document of the stream, in order; a document with no content has a null root.
    public var documents: [YAMLNode]
    /// Problems found while reading. When any is not recoverable, `documents` holds what was read
    /// before it and must not be trusted.
    public var errors: [YAMLError]

    public var isClean: Bool { errors.isEmpty }
}

/// Reads YAML into located nodes, enforcing the YAML 1.2 core schema and the limits of
/// `YAMLLimits`.
///
/// Spec files in the common block style (ASCII or UTF-8; see `SubsetParser` for what that
/// covers) are read by `SubsetParser` without libyaml, about three times faster; every other
/// file, and every file with something wrong in it, goes through libyaml's event parser
/// (`TreeBuilder`). Both give the same tree.
public enum YAMLReader {
    /// Who reads a file. Both give the same tree; `.libyaml` exists to measure and compare.
    public enum Engine: Sendable {
        /// The subset parser for plain files, libyaml for every other.
        case automatic
        /// libyaml's event parser for every file.
        case libyaml
    }

    /// Reads `bytes` as the YAML file `file` (the path used in every location).
    public static func read(
        _ bytes: some Collection<UInt8>, file: String, limits: YAMLLimits = .default, engine: Engine = .automatic
    ) -> YAMLFile {
        if bytes.count > limits.maxFileBytes {
            let error = YAMLError(
                .fileTooLarge,
                "file is \(bytes.count) bytes, larger than the limit of \(limits.maxFileBytes) bytes",
                file: file, mark: YAMLMark(line: 1, column: 1),
                hint: "split the file, or raise the limit with maxFileBytes in dappmesh.yaml")
            return YAMLFile(file: file, documents: [], errors: [error])
        }
        if let result = bytes.withContiguousStorageIfAvailable({ read(buffer: $0, file: file, limits: limits, engine: engine) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { read(buffer: $0, file: file, limits: limits, engine: engine) }
    }

    static func read(buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits, engine: Engine = .automatic) -> YAMLFile {
        if let error = EncodingCheck.check(buffer, file: file) {
            return YAMLFile(file: file, documents: [], errors: [error])
        }
        // A UTF-8 byte order mark is dropped here: libyaml, told the encoding, would otherwise
        // count it as a character of the first line and misjudge that line's indentation.
        var input = buffer
        var skipped = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            input = UnsafeBufferPointer(rebasing: buffer[3...])
            skipped = 3
        }
        let origin = YAMLOrigin.shared(file: file, anchor: nil)
        if engine == .automatic, let documents = SubsetParser.read(input, origin: origin, limits: limits) {
            return YAMLFile(file: file, documents: documents, errors: [])
        }
        var builder = TreeBuilder(file: file, limits: limits, input: input, skipped: skipped, origin: origin)
        builder.run()
        return YAMLFile(file: file, documents: builder.documents, errors: builder.errors)
    }
}

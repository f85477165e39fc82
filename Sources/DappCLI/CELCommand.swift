import ArgumentParser
import CEL
import DappCore
import DappSpecs
import DappYAML

struct CELCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cel",
        abstract: "Work with CEL, the expression language of DappPolicy rules.",
        subcommands: [CELEvalCommand.self]
    )
}

struct CELEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a CEL expression and print the result as a CEL literal.",
        discussion: """
            The input document's top-level keys become variables. The result prints in CEL literal \
            syntax (7, 3u, 'yes', [2, 4, 6], true), or as JSON with --format json. A syntax or \
            evaluation error prints located ('<expr>:1:5: error: ...' with a caret) and exits 1.

            Examples:
              dappctl cel eval '[1, 2, 3].map(x, x * 2)'
              dappctl cel eval "object.spec.owners.size() > 0" --input product.yaml
            """
    )

    @Argument(help: "The CEL expression.")
    var expression: String

    @Option(name: .long, help: ArgumentHelp("A JSON or YAML document whose top-level keys are bound as variables.", valueName: "file"))
    var input: String?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws { try outputOptions.requireTextOrJSON(for: "cel eval") }

    func run() async throws {
        let output = Output(options: outputOptions)
        let status = output.guarding {
            var variables: [String: CELValue] = [:]
            if let input {
                variables = try CELInput.variables(fromFile: input)
            }
            let parsed: CELExpression
            do {
                parsed = try CELParser.parse(expression)
            } catch let error as CELParseError {
                output.note("<expr>:\(error.line):\(error.column): error: \(error.message)\n\(error.snippet(in: expression))")
                return .failure
            }
            let value: CELValue
            do throws(CELEvaluationError) {
                value = try CELProgram(parsed).evaluate(CELActivation(variables))
            } catch {
                let at = error.position
                let caret = CELParseError(message: error.message, line: at.line, column: at.column, offset: at.offset)
                output.note("<expr>:\(at.line):\(at.column): error: \(error.message)\n\(caret.snippet(in: expression))")
                return .failure
            }
            switch outputOptions.format {
            case .json: try output.emit(JSONText.render(CELInput.json(value), newline: true))
            default: try output.emit(value.literal + "\n")
            }
            return .success
        }
        throw ExitCode(status.rawValue)
    }
}

/// Documents ↔ CEL values for `cel eval`.
enum CELInput {
    static func variables(fromFile path: String) throws -> [String: CELValue] {
        let tree = try LocalFile.read(path)
        let file = YAMLReader.read(tree, file: path)
        if let error = file.errors.first {
            throw DappError(.invalidArgument, "\(error.file):\(error.mark.line):\(error.mark.column): \(error.message)", subject: path)
        }
        guard let root = file.documents.first, let pairs = root.mapping else {
            throw DappError(.invalidArgument, "\(path) must hold a mapping; its top-level keys become the variables", subject: path)
        }
        // Values as policies see them, so that an expression tried here behaves as it does in a policy.
        var variables: [String: CELValue] = [:]
        for pair in pairs {
            if let key = pair.key.scalar?.text { variables[key] = pair.value.policyValue }
        }
        return variables
    }

    static func json(_ value: CELValue) -> SpecValue {
        switch value {
        case .int(let v): return .int(Int(v))
        case .uint(let v): return v <= UInt64(Int.max) ? .int(Int(v)) : .double(Double(v))
        case .double(let v): return .double(v)
        case .string(let s): return .string(s)
        case .bytes(let b): return .string(String(decoding: b, as: UTF8.self))
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .list(let items): return .list(items.map(json))
        case .map(let map): return .map(map.entries.map { SpecValue.Entry(key: keyText($0), value: json($1)) })
        case .type(let type): return .string(type.name)
        case .timestamp(let t): return .string(t.description)
        case .duration(let d): return .string(d.description)
        case .optional(let v): return v.map(json) ?? .null
        }
    }

    private static func keyText(_ key: CELValue) -> String {
        if case .string(let s) = key { return s }
        return key.literal
    }
}

/// Reads a file given on the command line.
enum LocalFile {
    static func read(_ path: String) throws -> [UInt8] {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.contains("/") ? String(path[path.index(after: path.lastIndex(of: "/")!)...]) : path
        return try LocalDirectoryTree(path: folder.isEmpty ? "/" : folder).read(name)
    }
}

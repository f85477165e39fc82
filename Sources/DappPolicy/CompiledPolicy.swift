import CEL
import DappCore

/// A DappPolicy ready to evaluate: every expression parsed and compiled once, reused for every
/// resource and from any thread.
public struct CompiledPolicy: Sendable {
    public struct Variable: Sendable {
        public var name: String
        var program: CELProgram
        var source: EmbeddedSource
    }

    public struct Validation: Sendable {
        /// The rule id reported with violations: the validation's `id`, else the policy name.
        public var rule: String
        var program: CELProgram
        var source: EmbeddedSource
        public var message: String?
        var messageProgram: CELProgram?
        public var reason: String?
        public var severity: Diagnostic.Severity
        public var fieldPath: DocumentPath?
        public var location: SourceLocation
    }

    public var name: String
    public var location: SourceLocation
    public var matchKinds: Set<SpecKind>
    public var failurePolicy: DappPolicySpec.FailurePolicy
    public var params: CELValue
    public var variables: [Variable]
    public var validations: [Validation]
    /// The inputs (`PolicyCompiler.inputs`) its expressions read: what an evaluation must bind
    /// and nothing more. An input no expression names cannot change a result.
    public var inputs: Set<String>

    /// Whether an expression reads `oldObject`, the resource at the base revision.
    public var readsOldObject: Bool { inputs.contains("oldObject") }

    /// Whether a validation or this policy is named by an exception's `policies` entry.
    func isNamed(_ name: String, rule: String) -> Bool { name == self.name || name == rule }
}

/// Turns DappPolicy documents into compiled policies; every expression that does not compile is a
/// located diagnostic (the file's line and column, not the expression's), and its policy is left out.
public enum PolicyCompiler {
    /// The variables every expression may use.
    public static let inputs = ["object", "oldObject", "product", "resources", "params", "plan", "variables"]

    /// Names an expression may use besides the inputs: type names and function namespaces.
    static let builtinNames: Set<String> = [
        "int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type", "dyn", "google",
        "math", "strings", "lists", "optional", "cel", "secrets", "specs",
    ]

    public static func compile(
        _ documents: [SpecDocument<DappPolicySpec>], costLimit: Int = 1_000_000
    ) -> (policies: [CompiledPolicy], diagnostics: [Diagnostic]) {
        var policies: [CompiledPolicy] = []
        var diagnostics: [Diagnostic] = []
        for document in documents {
            var compiler = OnePolicy(name: document.meta.name, costLimit: costLimit)
            if let policy = compiler.compile(document) { policies.append(policy) }
            diagnostics += compiler.diagnostics
        }
        return (policies, diagnostics.sorted())
    }

    struct OnePolicy {
        var name: String
        var costLimit: Int
        var diagnostics: [Diagnostic] = []
        var declaredVariables: [String] = []
        /// The inputs the expressions compiled so far read.
        var inputs: Set<String> = []

        mutating func compile(_ document: SpecDocument<DappPolicySpec>) -> CompiledPolicy? {
            let spec = document.spec
            var variables: [CompiledPolicy.Variable] = []
            for variable in spec.variables {
                if declaredVariables.contains(variable.name) {
                    diagnostics.append(
                        .error(
                            .policyInvalidExpression, "policy '\(name)' declares variable '\(variable.name)' twice",
                            at: variable.expression.location, hint: "rename one of them"))
                }
                if let program = program(variable.expression, what: "variable '\(variable.name)'") {
                    variables.append(CompiledPolicy.Variable(name: variable.name, program: program, source: variable.expression))
                }
                declaredVariables.append(variable.name)
            }
            var validations: [CompiledPolicy.Validation] = []
            for (index, validation) in spec.validations.enumerated() {
                let rule = validation.id ?? (spec.validations.count == 1 ? name : "\(name)[\(index)]")
                guard let program = program(validation.expression, what: "validation '\(rule)'") else { continue }
                var messageProgram: CELProgram?
                if let messageExpression = validation.messageExpression {
                    guard let compiled = self.program(messageExpression, what: "messageExpression of '\(rule)'") else { continue }
                    messageProgram = compiled
                }
                validations.append(
                    CompiledPolicy.Validation(
                        rule: rule, program: program, source: validation.expression, message: validation.message,
                        messageProgram: messageProgram, reason: validation.reason, severity: validation.severity,
                        fieldPath: validation.fieldPath, location: validation.location))
            }
            guard !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
            return CompiledPolicy(
                name: name, location: document.location, matchKinds: Set(spec.matchKinds), failurePolicy: spec.failurePolicy,
                params: spec.params.map(CELValue.init) ?? .null, variables: variables, validations: validations, inputs: inputs)
        }

        mutating func program(_ source: EmbeddedSource, what: String) -> CELProgram? {
            let parsed: CELExpression
            do {
                parsed = try CELParser.parse(source.text)
            } catch let error as CELParseError {
                diagnostics.append(
                    .error(
                        .policyInvalidExpression, "\(what) of policy '\(name)' does not parse: \(error.message)",
                        at: source.location(line: error.line, column: error.column)))
                return nil
            } catch {
                diagnostics.append(
                    .error(.policyInvalidExpression, "\(what) of policy '\(name)' does not parse: \(error)", at: source.location))
                return nil
            }
            var names = NameCheck(declaredVariables: declaredVariables)
            names.visit(parsed.root, bound: [])
            for unknown in names.unknown {
                let candidates = unknown.isVariable ? declaredVariables : PolicyCompiler.inputs
                let hint =
                    Suggestion.closest(to: unknown.name, in: candidates).map { "did you mean '\($0)'?" }
                    ?? (unknown.isVariable
                        ? (declaredVariables.isEmpty
                            ? "the policy declares no variables" : "declared before it: \(declaredVariables.joined(separator: ", "))")
                        : "expressions see \(PolicyCompiler.inputs.joined(separator: ", "))")
                diagnostics.append(
                    .error(
                        .policyInvalidExpression,
                        unknown.isVariable
                            ? "\(what) of policy '\(name)' uses variables.\(unknown.name), which is not declared before it"
                            : "\(what) of policy '\(name)' uses '\(unknown.name)', which is not an input",
                        at: source.location(line: unknown.position.line, column: unknown.position.column), hint: hint))
            }
            guard names.unknown.isEmpty else { return nil }
            inputs.formUnion(names.inputs)
            return CELProgram(parsed, options: CELProgram.Options(costLimit: costLimit, functions: PolicyFunctions.all))
        }
    }
}

/// Finds names an expression uses that nothing binds: a misspelt input fails every evaluation, so
/// it is caught when the policy loads.
struct NameCheck {
    struct Unknown {
        var name: String
        var position: SourcePosition
        var isVariable: Bool
    }

    var declaredVariables: [String]
    var unknown: [Unknown] = []
    /// The inputs the expression reads (names no comprehension binds).
    var inputs: Set<String> = []

    mutating func visit(_ expr: CELExpr, bound: Set<String>) {
        switch expr.kind {
        case .literal:
            break
        case .identifier(let name):
            // `.name` is the root-scope name even where a comprehension binds `name`.
            let rooted = name.hasPrefix(".")
            let root = rooted ? String(name.dropFirst()) : name
            guard rooted || !bound.contains(root) else { break }
            if PolicyCompiler.inputs.contains(root) {
                inputs.insert(root)
            } else if !PolicyCompiler.builtinNames.contains(root) {
                unknown.append(Unknown(name: root, position: expr.position, isVariable: false))
            }
        case .select(let operand, let field, _):
            if case .identifier("variables") = operand.kind, !bound.contains("variables"), !declaredVariables.contains(field) {
                unknown.append(Unknown(name: field, position: expr.position, isVariable: true))
            }
            visit(operand, bound: bound)
        case .call(_, let target, let args):
            if let target { visit(target, bound: bound) }
            for arg in args { visit(arg, bound: bound) }
        case .list(let elements, _):
            for element in elements { visit(element, bound: bound) }
        case .map(let entries):
            for entry in entries {
                visit(entry.key, bound: bound)
                visit(entry.value, bound: bound)
            }
        case .message(_, let fields):
            for field in fields { visit(field.value, bound: bound) }
        case .comprehension(let c):
            visit(c.iterRange, bound: bound)
            visit(c.accuInit, bound: bound)
            let inner = bound.union([c.iterVar, c.accuVar])
            visit(c.loopCondition, bound: inner)
            visit(c.loopStep, bound: inner)
            visit(c.result, bound: bound.union([c.accuVar]))
        }
    }
}

import DappCore
import DappYAML

extension YAMLError {
    /// The diagnostic a YAML-level problem becomes.
    var diagnostic: Diagnostic {
        let rule: RuleID
        switch code {
        case .syntax: rule = .yamlSyntax
        case .duplicateKey: rule = .yamlDuplicateKey
        case .aliasLimit: rule = .yamlAliasLimit
        case .nodeLimit: rule = .yamlNodeLimit
        case .depthLimit: rule = .yamlDepthLimit
        case .fileTooLarge: rule = .yamlFileTooLarge
        case .encoding: rule = .yamlEncoding
        case .tabIndentation: rule = .yamlTab
        case .unsupportedTag: rule = .yamlTag
        case .mergeKey: rule = .yamlMergeKey
        case .complexKey: rule = .yamlComplexKey
        case .unknownAnchor: rule = .yamlUnknownAnchor
        }
        return .error(rule, message, at: SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column)), hint: hint)
    }
}

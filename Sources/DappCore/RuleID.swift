/// The stable name of a diagnostic rule, `family/what-went-wrong`.
///
/// Rule ids are part of the CLI contract: CI configurations and waivers refer to them, so an id is
/// never renamed once released. docs/rules.md lists every one.
public struct RuleID: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

extension RuleID {
    // YAML reading: the file itself is not acceptable input.
    public static let yamlSyntax: RuleID = "yaml/syntax"
    public static let yamlDuplicateKey: RuleID = "yaml/duplicate-key"
    public static let yamlAliasLimit: RuleID = "yaml/alias-limit"
    public static let yamlNodeLimit: RuleID = "yaml/node-limit"
    public static let yamlDepthLimit: RuleID = "yaml/depth-limit"
    public static let yamlFileTooLarge: RuleID = "yaml/file-too-large"
    public static let yamlEncoding: RuleID = "yaml/encoding"
    public static let yamlTab: RuleID = "yaml/tab-indentation"
    public static let yamlTag: RuleID = "yaml/unsupported-tag"
    public static let yamlEmpty: RuleID = "yaml/empty-document"
    public static let yamlMergeKey: RuleID = "yaml/merge-key"
    public static let yamlComplexKey: RuleID = "yaml/complex-key"
    public static let yamlUnknownAnchor: RuleID = "yaml/unknown-anchor"

    // Schema: one document against the model of its kind.
    public static let specKind: RuleID = "spec/unknown-kind"
    public static let specAPIVersion: RuleID = "spec/api-version"
    public static let specRequired: RuleID = "spec/required-field"
    public static let specType: RuleID = "spec/type"
    public static let specEnum: RuleID = "spec/enum"
    public static let specUnknownField: RuleID = "spec/unknown-field"
    public static let specName: RuleID = "spec/invalid-name"
    public static let specValue: RuleID = "spec/invalid-value"
    public static let specNamespace: RuleID = "spec/namespace-mismatch"
    public static let specLayout: RuleID = "spec/layout"
    public static let specDeprecated: RuleID = "spec/deprecated-format"

    // References across files of the repository.
    public static let refMissingFile: RuleID = "ref/missing-file"
    public static let refPathEscape: RuleID = "ref/path-escape"
    public static let refUnknownProduct: RuleID = "ref/unknown-product"
    public static let refUnknownPort: RuleID = "ref/unknown-port"
    public static let refUnknownObject: RuleID = "ref/unknown-contract-object"
    public static let refUnknownTarget: RuleID = "ref/unknown-target"
    public static let refCycle: RuleID = "ref/dependency-cycle"
    public static let refDuplicateName: RuleID = "ref/duplicate-name"
    public static let refUnknownResource: RuleID = "ref/unknown-resource"

    // Security conventions that validation can already enforce.
    public static let secLiteralSecret: RuleID = "security/literal-secret"
    public static let secSymlinkEscape: RuleID = "security/symlink-escape"

    // Contract compatibility: what a comparison with earlier versions could not do.
    public static let compatHistoryIncomplete: RuleID = "compat/history-incomplete"

    // The policy gate: the policies and waivers themselves.
    public static let policyInvalidExpression: RuleID = "policy/invalid-expression"
    public static let policyExceptionExpired: RuleID = "policy/exception-expired"
    public static let policyExceptionTooLong: RuleID = "policy/exception-too-long"
    public static let policyExceptionUnused: RuleID = "policy/exception-unused"
    public static let policyTestFailed: RuleID = "policy/test-failed"
    public static let policyTestInvalid: RuleID = "policy/invalid-test"

    /// Every rule `validate` and `check` can report (besides the policies' and the contract
    /// comparison's own), for documentation checks.
    public static let all: [RuleID] = [
        .policyInvalidExpression,
        .policyExceptionExpired,
        .policyExceptionTooLong,
        .policyExceptionUnused,
        .policyTestFailed,
        .policyTestInvalid,
        .yamlSyntax,
        .yamlDuplicateKey,
        .yamlAliasLimit,
        .yamlNodeLimit,
        .yamlDepthLimit,
        .yamlFileTooLarge,
        .yamlEncoding,
        .yamlTab,
        .yamlTag,
        .yamlEmpty,
        .yamlMergeKey,
        .yamlComplexKey,
        .yamlUnknownAnchor,
        .specKind,
        .specAPIVersion,
        .specRequired,
        .specType,
        .specEnum,
        .specUnknownField,
        .specName,
        .specValue,
        .specNamespace,
        .specLayout,
        .specDeprecated,
        .refMissingFile,
        .refPathEscape,
        .refUnknownProduct,
        .refUnknownPort,
        .refUnknownObject,
        .refUnknownTarget,
        .refCycle,
        .refDuplicateName,
        .refUnknownResource,
        .secLiteralSecret,
        .secSymlinkEscape,
        .compatHistoryIncomplete,
    ]
}

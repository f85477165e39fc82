import CEL
import DappCore

/// One decoded document, before it is placed into the `SpecSet`.
enum LoadedDocument: Sendable {
    case config(RepoConfig, SourceLocation)
    case product(SpecDocument<ProductSpec>)
    case contract(ContractFile)
    case operationalStore(SpecDocument<OperationalStoreSpec>)
    case analyticsTable(SpecDocument<AnalyticsTableSpec>)
    case objectBucket(SpecDocument<ObjectBucketSpec>)
    case pipeline(SpecDocument<PipelineSpec>)
    case workflow(SpecDocument<WorkflowSpec>)
    case accessPolicy(SpecDocument<AccessPolicySpec>)
    case policy(SpecDocument<DappPolicySpec>)
    case exception(SpecDocument<DappPolicyExceptionSpec>)
}

/// What reading one file produced.
struct FileOutcome: Sendable {
    var place: FilePlace
    var documents: [LoadedDocument] = []
    /// The product resources as written, when the load retains them (`LoadOptions.retention`).
    var objects: [RetainedObject] = []
    var diagnostics: [Diagnostic] = []
    var bytes = 0
}

/// Where a YAML file sits in the repository layout, which decides what it may hold.
enum FilePlace: Sendable, Hashable {
    case config
    /// `products/<domain>/<product>/…`
    case product(ProductRef, folder: String)
    case policies
}

/// A product resource as written in its file: what policies see as `object`.
public struct RetainedObject: Sendable {
    public var id: ResourceID
    public var location: SourceLocation
    public var object: CELValue
    /// The identity of its file's content, where the tree knows it: an object whose file has the
    /// same id at two revisions is the same object.
    public var contentID: ContentID?
    /// Where its top-level fields and their children are, to place findings without the file.
    public var fieldPlaces: FieldPlaces?
}

/// How much of each product resource as written a load keeps (`LoadResult.objects`).
public enum ObjectRetention: Int, Sendable, Comparable {
    /// Nothing: no policy looks at this load.
    case none
    /// Each resource as written: what the base side of a check supplies as `oldObject`.
    case objects
    /// Each resource as written and where its fields are, so a finding on it is placed without
    /// reading its file again: what the policies' subjects need.
    case placed

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

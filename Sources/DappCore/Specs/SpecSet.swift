/// A data contract as found in the repository: its file and the decoded ODCS model.
public struct ContractFile: Sendable, Hashable {
    /// The fields, in one box shared by copies: a contract is large (every object and property)
    /// and is copied with its bundle far more often than it is changed. See `SpecDocument`.
    private final class Storage: @unchecked Sendable {
        // Only ever mutated through a uniquely referenced box (copy on write).
        var path: String
        var id: ResourceID
        var contract: DataContract
        var location: SourceLocation
        var importedFromDCS: Bool

        init(path: String, id: ResourceID, contract: DataContract, location: SourceLocation, importedFromDCS: Bool) {
            self.path = path
            self.id = id
            self.contract = contract
            self.location = location
            self.importedFromDCS = importedFromDCS
        }

        func copy() -> Storage {
            Storage(path: path, id: id, contract: contract, location: location, importedFromDCS: importedFromDCS)
        }
    }

    private var storage: Storage

    public init(path: String, id: ResourceID, contract: DataContract, location: SourceLocation, importedFromDCS: Bool) {
        storage = Storage(path: path, id: id, contract: contract, location: location, importedFromDCS: importedFromDCS)
    }

    public var path: String {
        _read { yield storage.path }
        _modify {
            makeUnique()
            yield &storage.path
        }
    }

    public var id: ResourceID {
        _read { yield storage.id }
        _modify {
            makeUnique()
            yield &storage.id
        }
    }

    public var contract: DataContract {
        _read { yield storage.contract }
        _modify {
            makeUnique()
            yield &storage.contract
        }
    }

    public var location: SourceLocation {
        _read { yield storage.location }
        _modify {
            makeUnique()
            yield &storage.location
        }
    }

    /// True when it was imported from the deprecated Data Contract Specification.
    public var importedFromDCS: Bool {
        _read { yield storage.importedFromDCS }
        _modify {
            makeUnique()
            yield &storage.importedFromDCS
        }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    public static func == (lhs: ContractFile, rhs: ContractFile) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.path == rhs.path && lhs.id == rhs.id && lhs.contract == rhs.contract && lhs.location == rhs.location
                && lhs.importedFromDCS == rhs.importedFromDCS)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(id)
        hasher.combine(contract)
        hasher.combine(location)
        hasher.combine(importedFromDCS)
    }
}

/// Everything one product folder declares.
public struct ProductBundle: Sendable, Hashable {
    public var ref: ProductRef
    /// `products/<domain>/<name>`.
    public var folder: String
    public var product: SpecDocument<ProductSpec>?
    /// Contracts by repo-relative path.
    public var contracts: [String: ContractFile] = [:]
    public var operationalStores: [SpecDocument<OperationalStoreSpec>] = []
    public var analyticsTables: [SpecDocument<AnalyticsTableSpec>] = []
    public var objectBuckets: [SpecDocument<ObjectBucketSpec>] = []
    public var pipelines: [SpecDocument<PipelineSpec>] = []
    public var workflows: [SpecDocument<WorkflowSpec>] = []
    public var accessPolicies: [SpecDocument<AccessPolicySpec>] = []

    public init(ref: ProductRef, folder: String) {
        self.ref = ref
        self.folder = folder
    }

    /// Every resource id the folder declares, for duplicate and reference checks.
    public var resourceIDs: [(ResourceID, SourceLocation)] {
        // One array, sized once: read for every product of a check, this built and grew nine.
        var ids: [(ResourceID, SourceLocation)] = []
        ids.reserveCapacity(
            1 + operationalStores.count + analyticsTables.count + objectBuckets.count + pipelines.count + workflows.count
                + accessPolicies.count + contracts.count)
        if let product { ids.append((product.id, product.location)) }
        for store in operationalStores { ids.append((store.id, store.location)) }
        for table in analyticsTables { ids.append((table.id, table.location)) }
        for bucket in objectBuckets { ids.append((bucket.id, bucket.location)) }
        for pipeline in pipelines { ids.append((pipeline.id, pipeline.location)) }
        for workflow in workflows { ids.append((workflow.id, workflow.location)) }
        for policy in accessPolicies { ids.append((policy.id, policy.location)) }
        for contract in contracts.values { ids.append((contract.id, contract.location)) }
        return ids
    }
}

/// The desired state as declared in one revision of the spec repository.
public struct SpecSet: Sendable, Hashable {
    public var config: RepoConfig?
    public var products: [ProductRef: ProductBundle] = [:]
    public var policies: [SpecDocument<DappPolicySpec>] = []
    public var exceptions: [SpecDocument<DappPolicyExceptionSpec>] = []

    public init(config: RepoConfig? = nil) {
        self.config = config
    }

    /// Products in a stable order (domain, then name).
    public var sortedProducts: [ProductBundle] {
        // Sorting the keys and looking the bundles up moves two strings per swap, not a bundle.
        products.keys.sorted().map { products[$0]! }
    }
}

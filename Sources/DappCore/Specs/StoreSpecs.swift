/// `{port, object}`: an object of the contract on one of the product's output ports.
public struct ContractObjectRef: Sendable, Hashable {
    public var port: Located<String>
    public var object: Located<String>

    public init(port: Located<String>, object: Located<String>) {
        self.port = port
        self.object = object
    }
}

public enum SQLEngine: String, Sendable, Hashable, CaseIterable {
    case tidb, mysql, postgres, sqlite
}

public struct OperationalStoreSpec: Sendable, Hashable {
    public struct Index: Sendable, Hashable {
        public var name: String
        public var columns: [String]
        public var unique: Bool
        public init(name: String, columns: [String], unique: Bool) {
            self.name = name
            self.columns = columns
            self.unique = unique
        }
    }

    public struct Table: Sendable, Hashable {
        public var fromContract: ContractObjectRef
        public var name: String?
        public var indexes: [Index]
        public init(fromContract: ContractObjectRef, name: String?, indexes: [Index]) {
            self.fromContract = fromContract
            self.name = name
            self.indexes = indexes
        }
    }

    public var engine: SQLEngine
    public var target: Located<String>
    public var database: String
    public var tables: [Table]

    public init(engine: SQLEngine, target: Located<String>, database: String, tables: [Table]) {
        self.engine = engine
        self.target = target
        self.database = database
        self.tables = tables
    }
}

public struct AnalyticsTableSpec: Sendable, Hashable {
    public enum Engine: String, Sendable, Hashable { case doris, hudi }
    public enum KeyModel: String, Sendable, Hashable { case duplicate, aggregate, unique }

    public struct Distribution: Sendable, Hashable {
        public var type: String
        public var columns: [String]
        /// nil means `auto`.
        public var buckets: Int?
        public init(type: String, columns: [String], buckets: Int?) {
            self.type = type
            self.columns = columns
            self.buckets = buckets
        }
    }

    public struct Partitions: Sendable, Hashable {
        public var type: String
        public var column: String
        public var dynamicTimeUnit: String?
        public var dynamicStart: Int?
        public var dynamicEnd: Int?
        public init(type: String, column: String, dynamicTimeUnit: String?, dynamicStart: Int?, dynamicEnd: Int?) {
            self.type = type
            self.column = column
            self.dynamicTimeUnit = dynamicTimeUnit
            self.dynamicStart = dynamicStart
            self.dynamicEnd = dynamicEnd
        }
    }

    public struct Hudi: Sendable, Hashable {
        public var catalog: String
        public var tableType: String?
        public var recordKey: [String]
        public var precombineField: String?
        public init(catalog: String, tableType: String?, recordKey: [String], precombineField: String?) {
            self.catalog = catalog
            self.tableType = tableType
            self.recordKey = recordKey
            self.precombineField = precombineField
        }
    }

    public var engine: Engine
    public var target: Located<String>
    public var database: String
    public var fromContract: ContractObjectRef
    public var table: String?
    public var keyModel: KeyModel?
    public var keyColumns: [String]
    public var distribution: Distribution?
    public var partitions: Partitions?
    public var properties: [String: String]
    public var hudi: Hudi?

    public init(
        engine: Engine, target: Located<String>, database: String, fromContract: ContractObjectRef, table: String? = nil,
        keyModel: KeyModel? = nil, keyColumns: [String] = [], distribution: Distribution? = nil, partitions: Partitions? = nil,
        properties: [String: String] = [:], hudi: Hudi? = nil
    ) {
        self.engine = engine
        self.target = target
        self.database = database
        self.fromContract = fromContract
        self.table = table
        self.keyModel = keyModel
        self.keyColumns = keyColumns
        self.distribution = distribution
        self.partitions = partitions
        self.properties = properties
        self.hudi = hudi
    }
}

public struct ObjectBucketSpec: Sendable, Hashable {
    public struct Encryption: Sendable, Hashable {
        public var type: String
        public var kmsKeyId: String?
        public init(type: String, kmsKeyId: String?) {
            self.type = type
            self.kmsKeyId = kmsKeyId
        }
    }

    public struct Retention: Sendable, Hashable {
        public var days: Int
        public var mode: String?
        public init(days: Int, mode: String?) {
            self.days = days
            self.mode = mode
        }
    }

    public struct LifecycleRule: Sendable, Hashable {
        public struct Transition: Sendable, Hashable {
            public var days: Int
            public var storageClass: String
            public init(days: Int, storageClass: String) {
                self.days = days
                self.storageClass = storageClass
            }
        }
        public var id: String
        public var prefix: String?
        public var expirationDays: Int?
        public var transitions: [Transition]
        public init(id: String, prefix: String?, expirationDays: Int?, transitions: [Transition]) {
            self.id = id
            self.prefix = prefix
            self.expirationDays = expirationDays
            self.transitions = transitions
        }
    }

    public var target: Located<String>
    public var bucket: Located<String>
    public var versioning: Bool
    public var encryption: Encryption?
    public var publicAccess: Bool
    public var retention: Retention?
    public var lifecycle: [LifecycleRule]
    public var tags: [String: String]

    public init(
        target: Located<String>, bucket: Located<String>, versioning: Bool = false, encryption: Encryption? = nil,
        publicAccess: Bool = false, retention: Retention? = nil, lifecycle: [LifecycleRule] = [], tags: [String: String] = [:]
    ) {
        self.target = target
        self.bucket = bucket
        self.versioning = versioning
        self.encryption = encryption
        self.publicAccess = publicAccess
        self.retention = retention
        self.lifecycle = lifecycle
        self.tags = tags
    }
}

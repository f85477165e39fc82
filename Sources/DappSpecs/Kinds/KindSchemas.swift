import DappCore

/// The document schema of every kind, in one place for the loader and the CRD generator.
public enum KindSchemas {
    public static func document(for kind: SpecKind) -> Schema {
        switch kind {
        case .dappProduct: ProductSchema.document
        case .dataContract: DataContractSchema.schema
        case .operationalStore: OperationalStoreSchema.document
        case .analyticsTable: AnalyticsTableSchema.document
        case .objectBucket: ObjectBucketSchema.document
        case .pipeline: PipelineSchema.document
        case .workflow: WorkflowSchema.document
        case .accessPolicy: AccessPolicySchema.document
        case .dappPolicy: DappPolicySchema.document
        case .dappPolicyException: DappPolicyExceptionSchema.document
        }
    }

    /// Just the `spec` of a dappmesh.io kind (nil for DataContract, which has no envelope).
    public static func spec(for kind: SpecKind) -> Schema? {
        switch kind {
        case .dappProduct: ProductSchema.spec
        case .dataContract: nil
        case .operationalStore: OperationalStoreSchema.spec
        case .analyticsTable: AnalyticsTableSchema.spec
        case .objectBucket: ObjectBucketSchema.spec
        case .pipeline: PipelineSchema.spec
        case .workflow: WorkflowSchema.spec
        case .accessPolicy: AccessPolicySchema.spec
        case .dappPolicy: DappPolicySchema.spec
        case .dappPolicyException: DappPolicyExceptionSchema.spec
        }
    }
}

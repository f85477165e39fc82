public struct PipelineSpec: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable { case stream, batch }
    public enum Engine: String, Sendable, Hashable { case arroyo, estuary }

    public var mode: Mode
    public var engine: Engine
    /// Input ports of the product the pipeline reads.
    public var sources: [Located<String>]
    /// Output ports of the product the pipeline writes.
    public var sinks: [Located<String>]
    /// SQL transform file as written, relative to the product folder.
    public var transformSQL: Located<String>?
    public var parallelism: Int?
    public var checkpointInterval: String?

    public init(
        mode: Mode, engine: Engine, sources: [Located<String>], sinks: [Located<String>], transformSQL: Located<String>? = nil,
        parallelism: Int? = nil, checkpointInterval: String? = nil
    ) {
        self.mode = mode
        self.engine = engine
        self.sources = sources
        self.sinks = sinks
        self.transformSQL = transformSQL
        self.parallelism = parallelism
        self.checkpointInterval = checkpointInterval
    }
}

public struct WorkflowSpec: Sendable, Hashable {
    public struct Schedule: Sendable, Hashable {
        public var cron: String?
        public var interval: String?
        public var timezone: String?
        public var paused: Bool
        public var overlapPolicy: String?
        public var location: SourceLocation
        public init(cron: String?, interval: String?, timezone: String?, paused: Bool, overlapPolicy: String?, location: SourceLocation) {
            self.cron = cron
            self.interval = interval
            self.timezone = timezone
            self.paused = paused
            self.overlapPolicy = overlapPolicy
            self.location = location
        }
    }

    public struct Step: Sendable, Hashable {
        public var name: String
        public var pipeline: Located<String>?
        public var activity: String?
        public var dependsOn: [Located<String>]
        public var location: SourceLocation
        public init(name: String, pipeline: Located<String>?, activity: String?, dependsOn: [Located<String>], location: SourceLocation) {
            self.name = name
            self.pipeline = pipeline
            self.activity = activity
            self.dependsOn = dependsOn
            self.location = location
        }
    }

    public struct PortTrigger: Sendable, Hashable {
        public var product: Located<ProductRef>
        public var port: Located<String>
        public init(product: Located<ProductRef>, port: Located<String>) {
            self.product = product
            self.port = port
        }
    }

    public var target: Located<String>
    public var workflowType: String
    public var taskQueue: String
    public var schedule: Schedule
    public var steps: [Step]
    public var triggers: [PortTrigger]

    public init(
        target: Located<String>, workflowType: String, taskQueue: String, schedule: Schedule, steps: [Step] = [],
        triggers: [PortTrigger] = []
    ) {
        self.target = target
        self.workflowType = workflowType
        self.taskQueue = taskQueue
        self.schedule = schedule
        self.steps = steps
        self.triggers = triggers
    }
}

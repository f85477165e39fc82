import DappCore

extension ReferenceChecker {
    mutating func checkPipeline(_ pipeline: SpecDocument<PipelineSpec>, in bundle: ProductBundle) {
        let spec = pipeline.spec
        let inputs = bundle.product?.spec.inputPorts.map(\.name) ?? []
        let outputs = bundle.product?.spec.outputPorts.map(\.name) ?? []
        for source in spec.sources where !inputs.contains(source.value) {
            let hint =
                Suggestion.hint(for: source.value, in: inputs)
                ?? "input ports of '\(bundle.ref)': \(inputs.isEmpty ? "none" : inputs.joined(separator: ", "))"
            report(
                .error(
                    .refUnknownPort, "pipeline source '\(source.value)' is not an input port of product '\(bundle.ref)'",
                    at: source.location, hint: hint))
        }
        for sink in spec.sinks where !outputs.contains(sink.value) {
            let hint =
                Suggestion.hint(for: sink.value, in: outputs)
                ?? "output ports of '\(bundle.ref)': \(outputs.isEmpty ? "none" : outputs.joined(separator: ", "))"
            report(
                .error(
                    .refUnknownPort, "pipeline sink '\(sink.value)' is not an output port of product '\(bundle.ref)'", at: sink.location,
                    hint: hint))
        }
        if let sql = spec.transformSQL {
            _ = resolveFile(sql, in: bundle, what: "SQL transform")
        }
    }

    mutating func checkWorkflow(_ workflow: SpecDocument<WorkflowSpec>, in bundle: ProductBundle) {
        let spec = workflow.spec
        checkTargetOfWorkflow(spec.target)
        if spec.schedule.cron == nil && spec.schedule.interval == nil {
            report(.error(.specRequired, "schedule needs 'cron' or 'interval'", at: spec.schedule.location))
        } else if spec.schedule.cron != nil && spec.schedule.interval != nil {
            report(.error(.specValue, "schedule has both 'cron' and 'interval'; give one", at: spec.schedule.location))
        }
        if let cron = spec.schedule.cron, cron.split(separator: " ").count != 5, !cron.hasPrefix("@") {
            report(
                .error(
                    .specValue, "cron '\(cron)' must have 5 fields (minute hour day-of-month month day-of-week)",
                    at: spec.schedule.location, hint: "for example '0 2 * * *'"))
        }
        let pipelines = bundle.pipelines.map(\.meta.name)
        let stepNames = spec.steps.map(\.name)
        var graph = CycleFinder<String>()
        var seen = Set<String>()
        for step in spec.steps {
            if !seen.insert(step.name).inserted {
                report(.error(.refDuplicateName, "step '\(step.name)' is declared twice", at: step.location))
            }
            if step.pipeline == nil && step.activity == nil {
                report(.error(.specRequired, "step '\(step.name)' needs 'pipeline' or 'activity'", at: step.location))
            }
            if let pipeline = step.pipeline, !pipelines.contains(pipeline.value) {
                let hint =
                    Suggestion.hint(for: pipeline.value, in: pipelines)
                    ?? "pipelines of '\(bundle.ref)': \(pipelines.isEmpty ? "none" : pipelines.joined(separator: ", "))"
                report(
                    .error(
                        .refUnknownResource,
                        "step '\(step.name)' runs pipeline '\(pipeline.value)', which product '\(bundle.ref)' does not declare",
                        at: pipeline.location, hint: hint))
            }
            for dependency in step.dependsOn where !stepNames.contains(dependency.value) {
                let hint = Suggestion.hint(for: dependency.value, in: stepNames)
                report(
                    .error(
                        .refUnknownResource, "step '\(step.name)' depends on unknown step '\(dependency.value)'", at: dependency.location,
                        hint: hint))
            }
            graph.addNode(step.name, edges: step.dependsOn.map(\.value))
        }
        for cycle in graph.cycles() {
            let step = spec.steps.first { $0.name == cycle[0] }
            let edge = step?.dependsOn.first { $0.value == cycle[1 % cycle.count] }
            let path = (cycle + [cycle[0]]).joined(separator: " → ")
            report(
                .error(
                    .refCycle, "workflow step cycle: \(path)", at: edge?.location ?? workflow.location,
                    hint: "a workflow is a DAG; remove one dependsOn edge"))
        }
        for trigger in spec.triggers {
            if let producer = product(trigger.product) { checkOutputPort(trigger.port, of: producer) }
        }
    }

    private mutating func checkTargetOfWorkflow(_ target: Located<String>) {
        guard let config = specs.config else { return }
        guard let declared = config.target(named: target.value) else {
            let hint =
                Suggestion.hint(for: target.value, in: config.targets.map(\.name))
                ?? "declare it under spec.targets in dappmesh.yaml"
            return report(
                .error(.refUnknownTarget, "target '\(target.value)' is not declared in dappmesh.yaml", at: target.location, hint: hint))
        }
        if declared.type != .temporal {
            report(
                .error(
                    .specValue, "Workflow cannot use target '\(target.value)' of type \(declared.type.rawValue)", at: target.location,
                    hint: "use a target of type temporal"))
        }
    }
}

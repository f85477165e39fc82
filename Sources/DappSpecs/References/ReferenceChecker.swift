import DappCore

/// Checks what one file cannot check alone: that ports, products, contract objects, targets,
/// files and steps named in one place exist in another, and that dependencies form no cycle.
struct ReferenceChecker {
    let specs: SpecSet
    let index: [String: RepoEntry]
    /// Files that had errors of their own: what they declare is unknown, so references to it are
    /// not reported again (one mistake, one diagnostic).
    let failedFiles: Set<String>
    var diagnostics: [Diagnostic] = []

    init(specs: SpecSet, index: [String: RepoEntry], failedFiles: Set<String>) {
        self.specs = specs
        self.index = index
        self.failedFiles = failedFiles
    }

    /// The findings of each product's own references, by product (for incremental reloads,
    /// which replace those of the products they re-check).
    func checkProducts(_ bundles: [ProductBundle], parallelism: Int = 1) -> [(ProductRef, [Diagnostic])] {
        let chunks = parallelism > 1 && bundles.count >= 256 ? parallelism * 8 : 1
        var found: [(ProductRef, [Diagnostic])] = []
        found.reserveCapacity(bundles.count)
        // The work never throws.
        try? ParallelMap.run(count: chunks, parallelism: parallelism) { chunk in
            var checker = self
            var results: [(ProductRef, [Diagnostic])] = []
            for index in (bundles.count * chunk / chunks)..<(bundles.count * (chunk + 1) / chunks) {
                checker.diagnostics = []
                checker.checkBundle(bundles[index])
                results.append((bundles[index].ref, checker.diagnostics))
            }
            return results
        } store: { _, results in
            found += results
        }
        return found
    }

    /// `dependsOn` cycles across all products, each reported once.
    func checkCycles() -> [Diagnostic] {
        var checker = self
        checker.diagnostics = []
        var cycles = CycleFinder<ProductRef>()
        for bundle in specs.products.values {
            cycles.addNode(bundle.ref, edges: bundle.product?.spec.dependsOn.map(\.value) ?? [])
        }
        for cycle in cycles.cycles() {
            let start = cycle[0]
            let edge = specs.products[start]?.product?.spec.dependsOn.first { $0.value == cycle[1 % cycle.count] }
            let path = (cycle + [start]).map(\.description).joined(separator: " → ")
            checker.report(
                .error(
                    .refCycle, "dependency cycle: \(path)",
                    at: edge?.location ?? SourceLocation(file: "products/\(start.domain)/\(start.name)/product.yaml"),
                    hint: "remove one dependsOn edge of the cycle; products are reconciled in dependsOn order"))
        }
        return checker.diagnostics
    }

    /// What policy exceptions name that does not exist.
    func checkExceptionsFindings() -> [Diagnostic] {
        var checker = self
        checker.diagnostics = []
        checker.checkExceptions()
        return checker.diagnostics
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// What one product folder references.
    mutating func checkBundle(_ bundle: ProductBundle) {
        guard let product = bundle.product else { return }
        checkPorts(bundle, product.spec)
        checkDependsOn(bundle, product.spec)
        for store in bundle.operationalStores {
            checkTarget(
                store.spec.target, kind: "OperationalStore",
                allowed: store.spec.engine == .postgres ? [.postgres] : store.spec.engine == .sqlite ? [.sqlite] : [.tidb, .mysql])
            for table in store.spec.tables { checkContractObject(table.fromContract, in: bundle) }
        }
        for table in bundle.analyticsTables {
            checkTarget(table.spec.target, kind: "AnalyticsTable", allowed: [.doris])
            checkContractObject(table.spec.fromContract, in: bundle)
        }
        for bucket in bundle.objectBuckets {
            checkTarget(bucket.spec.target, kind: "ObjectBucket", allowed: [.s3, .localdir])
            checkBucketName(bucket.spec.bucket)
        }
        for pipeline in bundle.pipelines { checkPipeline(pipeline, in: bundle) }
        for workflow in bundle.workflows { checkWorkflow(workflow, in: bundle) }
        for policy in bundle.accessPolicies { checkAccessPolicy(policy, in: bundle) }
    }

    // MARK: Ports and products

    private mutating func checkPorts(_ bundle: ProductBundle, _ spec: ProductSpec) {
        checkUnique(spec.outputPorts.map { Located($0.name, at: $0.location) }, what: "output port")
        checkUnique(spec.inputPorts.map { Located($0.name, at: $0.location) }, what: "input port")
        for port in spec.outputPorts {
            _ = resolveContract(port.contract, in: bundle)
        }
        for port in spec.inputPorts {
            guard let producer = product(port.product) else { continue }
            if producer.ref == bundle.ref {
                report(
                    .error(
                        .refUnknownPort, "input port '\(port.name)' consumes the product's own output", at: port.product.location,
                        hint: "an input port names another product"))
                continue
            }
            checkOutputPort(port.port, of: producer)
        }
    }

    /// The bundle of a referenced product, reporting it when unknown.
    mutating func product(_ ref: Located<ProductRef>) -> ProductBundle? {
        if let bundle = specs.products[ref.value], bundle.product != nil { return bundle }
        if failedFiles.contains("products/\(ref.value.domain)/\(ref.value.name)/product.yaml") { return nil }
        let known = specs.products.values.filter { $0.product != nil }.map(\.ref.description)
        let hint =
            Suggestion.hint(for: ref.value.description, in: known)
            ?? "no product 'products/\(ref.value.domain)/\(ref.value.name)/product.yaml' exists"
        report(.error(.refUnknownProduct, "product '\(ref.value)' does not exist", at: ref.location, hint: hint))
        return nil
    }

    mutating func checkOutputPort(_ port: Located<String>, of producer: ProductBundle) {
        let ports = producer.product?.spec.outputPorts.map(\.name) ?? []
        guard !ports.contains(port.value) else { return }
        let hint =
            Suggestion.hint(for: port.value, in: ports)
            ?? (ports.isEmpty
                ? "'\(producer.ref)' has no output ports" : "output ports of '\(producer.ref)': \(ports.joined(separator: ", "))")
        report(.error(.refUnknownPort, "product '\(producer.ref)' has no output port '\(port.value)'", at: port.location, hint: hint))
    }

    private mutating func checkDependsOn(_ bundle: ProductBundle, _ spec: ProductSpec) {
        for dependency in spec.dependsOn {
            if dependency.value == bundle.ref {
                report(
                    .error(
                        .refCycle, "product '\(bundle.ref)' depends on itself", at: dependency.location, hint: "remove it from dependsOn"))
                continue
            }
            _ = product(dependency)
        }
    }

    // MARK: Files

    /// The contract a port names, reporting a path that escapes, is missing, or is no contract.
    /// Only says whether the contract was found: copying the `ContractFile` out costs a retain per
    /// field, for every port of every product.
    mutating func resolveContract(_ reference: Located<String>, in bundle: ProductBundle) -> Bool {
        guard let path = resolveFile(reference, in: bundle, what: "contract") else { return false }
        if bundle.contracts.index(forKey: path) != nil
            || specs.products.values.contains(where: { $0.contracts.index(forKey: path) != nil })
        {
            return true
        }
        let readPath: String
        if case .symlink(.inside(let target)) = index[path]?.kind { readPath = target } else { readPath = path }
        // A contract file that failed to load has its own errors; only a file that loaded as
        // something else (or is not YAML) needs saying here.
        if RepoLayout.isYAML(readPath), path.hasPrefix("products/") { return false }
        report(
            .error(
                .refMissingFile, "'\(reference.value)' is not a data contract in a product folder", at: reference.location,
                hint: "point the port at an ODCS file (apiVersion v3.x, kind DataContract) under products/"))
        return false
    }

    /// Resolves a file reference relative to the product folder, confined to the repository.
    mutating func resolveFile(_ reference: Located<String>, in bundle: ProductBundle, what: String) -> String? {
        guard let path = RepoPath.resolve(reference.value, from: bundle.folder), !reference.value.hasPrefix("/") else {
            report(
                .error(
                    .refPathEscape, "\(what) path '\(reference.value)' leaves the repository", at: reference.location,
                    hint: "file references are relative to the product folder and stay inside the repository"))
            return nil
        }
        guard let entry = index[path] else {
            let siblings = index.keys.filter { $0.hasPrefix(bundle.folder + "/") }.map { String($0.dropFirst(bundle.folder.count + 1)) }
            let hint = Suggestion.hint(for: reference.value, in: siblings)
            report(
                .error(
                    .refMissingFile, "\(what) file '\(reference.value)' does not exist (looked for '\(path)')", at: reference.location,
                    hint: hint))
            return nil
        }
        if case .symlink(.outside) = entry.kind {
            report(
                .error(
                    .secSymlinkEscape, "\(what) file '\(reference.value)' is a symlink that points outside the repository",
                    at: reference.location, hint: "replace the link with the file itself"))
            return nil
        }
        return path
    }

    // MARK: Stores, targets

    private mutating func checkContractObject(_ ref: ContractObjectRef, in bundle: ProductBundle) {
        guard let port = bundle.product?.spec.outputPort(named: ref.port.value) else {
            let ports = bundle.product?.spec.outputPorts.map(\.name) ?? []
            let hint =
                Suggestion.hint(for: ref.port.value, in: ports)
                ?? "output ports of '\(bundle.ref)': \(ports.isEmpty ? "none" : ports.joined(separator: ", "))"
            return report(
                .error(
                    .refUnknownPort, "'\(ref.port.value)' is not an output port of product '\(bundle.ref)'", at: ref.port.location,
                    hint: hint))
        }
        guard let path = RepoPath.resolve(port.contract.value, from: bundle.folder),
            let objects = bundle.contracts[path]?.contract.schema.map(\.name)
                ?? specs.products.values.lazy.compactMap({ $0.contracts[path]?.contract.schema.map(\.name) }).first
        else { return }  // the port's own contract problem is reported at the port
        guard !objects.contains(ref.object.value) else { return }
        let hint =
            Suggestion.hint(for: ref.object.value, in: objects)
            ?? "objects in \(port.contract.value): \(objects.isEmpty ? "none" : objects.joined(separator: ", "))"
        report(
            .error(
                .refUnknownObject, "contract '\(port.contract.value)' of port '\(port.name)' has no schema object '\(ref.object.value)'",
                at: ref.object.location, hint: hint))
    }

    private mutating func checkTarget(_ target: Located<String>, kind: String, allowed: [RepoConfig.Target.TargetType]) {
        guard let config = specs.config else { return }  // the missing dappmesh.yaml is reported once
        guard let declared = config.target(named: target.value) else {
            let names = config.targets.map(\.name)
            let hint =
                Suggestion.hint(for: target.value, in: names)
                ?? "declare it under spec.targets in dappmesh.yaml"
            return report(
                .error(.refUnknownTarget, "target '\(target.value)' is not declared in dappmesh.yaml", at: target.location, hint: hint))
        }
        if !allowed.contains(declared.type) {
            report(
                .error(
                    .specValue, "\(kind) cannot use target '\(target.value)' of type \(declared.type.rawValue)", at: target.location,
                    hint: "use a target of type \(allowed.map(\.rawValue).joined(separator: " or "))"))
        }
    }

    /// S3's bucket naming rules (the schema only knows it is a string).
    private mutating func checkBucketName(_ bucket: Located<String>) {
        let name = bucket.value
        let bytes = name.utf8
        func alnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        // Once every byte is one of a-z 0-9 - . (so characters are bytes), the rest is checked
        // on bytes: first and last a letter or digit, no "..".
        let valid =
            (3...63).contains(bytes.count)
            && bytes.allSatisfy { alnum($0) || $0 == 45 || $0 == 46 }
            && alnum(bytes.first!) && alnum(bytes.last!)
            && !zip(bytes, bytes.dropFirst()).contains { $0 == 46 && $1 == 46 }
        if !valid {
            report(
                .error(
                    .specName, "bucket name '\(name)' is not a valid S3 bucket name", at: bucket.location,
                    hint: "3–63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit"))
        }
    }

    private mutating func checkUnique(_ names: [Located<String>], what: String) {
        var seen: [String: SourceLocation] = [:]
        for name in names {
            if let first = seen[name.value] {
                report(
                    .error(.refDuplicateName, "\(what) '\(name.value)' is declared twice (first at line \(first.line))", at: name.location))
            } else {
                seen[name.value] = name.location
            }
        }
    }
}

import DappCore

/// Every change between two versions of one ODCS contract, as rules of docs/compatibility.md
/// see them. The result does not depend on the compatibility mode; `ContractCompatibility`
/// grades it.
struct ContractDiffer {
    let base: DataContract
    let head: DataContract
    let engine: TypeEngine
    var changes: [ContractChange] = []

    init(base: DataContract, head: DataContract, engine: TypeEngine) {
        self.base = base
        self.head = head
        self.engine = engine
    }

    mutating func run() -> [ContractChange] {
        diffObjects()
        diffServers()
        diffSLAs()
        diffTeam()
        diffLifecycleAndTerms()
        return changes
    }

    mutating func add(
        _ rule: CompatibilityRule, _ path: String, old: String? = nil, new: String? = nil, _ message: String, at location: SourceLocation
    ) {
        changes.append(ContractChange(rule: rule, path: path, old: old, new: new, message: message, location: location))
    }

    // MARK: Objects

    static func renamedFrom(_ object: ContractObject) -> String? { object.customProperties.value(of: "renamedFrom")?.stringValue }

    mutating func diffObjects() {
        let baseByName = Dictionary(base.schema.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var matched: Set<String> = []
        for object in head.schema {
            if let old = baseByName[object.name] {
                matched.insert(old.name)
                diffObject(old, object)
            } else if let previous = Self.renamedFrom(object), let old = baseByName[previous],
                !head.schema.contains(where: { $0.name == previous })
            {
                matched.insert(old.name)
                add(
                    CompatibilityRules.objectRenamed, object.name, old: old.name, new: object.name,
                    "object \(old.name) was renamed to \(object.name); queries that name \(old.name) break", at: object.location)
                diffObject(old, object)
            } else {
                add(CompatibilityRules.objectAdded, object.name, new: object.name, "object \(object.name) was added", at: object.location)
            }
        }
        for object in base.schema where !matched.contains(object.name) {
            add(
                CompatibilityRules.objectRemoved, object.name, old: object.name,
                "object \(object.name) was removed; consumers that read it break", at: head.location)
        }
    }

    mutating func diffObject(_ old: ContractObject, _ new: ContractObject) {
        let path = new.name
        if old.tags.contains(where: Self.isPII), !new.tags.contains(where: Self.isPII) {
            add(
                CompatibilityRules.piiTagRemoved, "\(path).tags", old: "pii", "object \(path) is no longer tagged pii", at: new.location)
        }
        diffProperties(old.properties, new.properties, parent: path, parentLocation: new.location)
        diffPrimaryKey(old, new)
        diffQuality(old.quality, new.quality, path: path, location: new.location)
        diffRelationships(old.relationships, new.relationships, path: path, location: new.location)
    }

    static func isPII(_ tag: String) -> Bool { tag.lowercased() == "pii" }

    // MARK: Properties

    mutating func diffProperties(_ old: [ContractProperty], _ new: [ContractProperty], parent: String, parentLocation: SourceLocation) {
        // Properties are reached by position, not copied out: a property is a large value (a
        // copy retains every field), and most are compared only once.
        let oldByName = Dictionary(old.indices.map { (old[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        var matched: Set<String> = []
        for index in new.indices {
            let name = new[index].name
            let path = "\(parent).\(name)"
            if let at = oldByName[name] {
                matched.insert(name)
                diffProperty(old[at], new[index], path: path)
            } else if let renamed = new[index].renamedFrom, let at = oldByName[renamed], !new.contains(where: { $0.name == renamed }) {
                matched.insert(renamed)
                add(
                    CompatibilityRules.fieldRenamed, path, old: renamed, new: name,
                    "field \(parent).\(renamed) was renamed to \(name); readers and writers of \(renamed) break",
                    at: new[index].location)
                diffProperty(old[at], new[index], path: path)
            } else if new[index].required {
                add(
                    CompatibilityRules.requiredFieldAdded, path, new: name,
                    "required field \(path) was added; producers that do not write it break", at: new[index].location)
            } else {
                add(CompatibilityRules.fieldAdded, path, new: name, "optional field \(path) was added", at: new[index].location)
            }
        }
        for index in old.indices where !matched.contains(old[index].name) {
            let name = old[index].name
            add(
                CompatibilityRules.fieldRemoved, "\(parent).\(name)", old: name,
                "field \(parent).\(name) was removed; consumers that read it break", at: parentLocation)
        }
    }

    mutating func diffProperty(_ old: ContractProperty, _ new: ContractProperty, path: String) {
        let at = new.location
        if old.required != new.required {
            if new.required {
                add(
                    CompatibilityRules.becameRequired, "\(path).required", old: "false", new: "true",
                    "field \(path) became required; producers that leave it empty break", at: at)
            } else {
                add(
                    CompatibilityRules.becameOptional, "\(path).required", old: "true", new: "false",
                    "field \(path) became optional; consumers may now get nulls", at: at)
            }
        }
        diffType(old, new, path: path)
        if old.unique != new.unique {
            add(
                new.unique ? CompatibilityRules.uniqueAdded : CompatibilityRules.uniqueDropped, "\(path).unique", old: "\(old.unique)",
                new: "\(new.unique)",
                new.unique
                    ? "field \(path) became unique; producers that write duplicates break"
                    : "field \(path) is no longer unique; consumers that join or deduplicate on it may break", at: at)
        }
        diffClassification(old, new, path: path)
        diffAllowedValues(old, new, path: path)
        diffConstraints(old.logicalTypeOptions, new.logicalTypeOptions, path: path, at: new.logicalTypeOptions.location ?? at)
        diffQuality(old.quality, new.quality, path: path, location: at)
        diffRelationships(old.relationships, new.relationships, path: path, location: at)
        if !old.properties.isEmpty || !new.properties.isEmpty {
            diffProperties(old.properties, new.properties, parent: path, parentLocation: at)
        }
        if let oldItems = old.items, let newItems = new.items {
            diffProperty(oldItems, newItems, path: "\(path).items")
        }
    }
}

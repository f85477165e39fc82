import DappCore

/// The value rules of `ContractDiffer`: types, classification, allowed values and constraints.
extension ContractDiffer {
    mutating func diffType(_ old: ContractProperty, _ new: ContractProperty, path: String) {
        let at = new.location
        var nullabilityOld: Bool?
        var nullabilityNew: Bool?
        // The same text is the same type (the usual case): nothing to parse or compare.
        if let oldPhysical = old.physicalType, let newPhysical = new.physicalType, oldPhysical != newPhysical {
            let a = PhysicalType(oldPhysical, engine: engine)
            let b = PhysicalType(newPhysical, engine: engine)
            nullabilityOld = a.notNull
            nullabilityNew = b.notNull
            let change = PhysicalType.change(from: a, to: b)
            if reportType(change, path: "\(path).physicalType", old: oldPhysical, new: newPhysical, at: at) { return }
        }
        // Precision and scale without a physical type are the decimal's size (the decoder also
        // derives them from DECIMAL(p,s), which the physical comparison above already covers).
        if old.physicalType == nil || new.physicalType == nil, let p1 = old.logicalTypeOptions.precision,
            let p2 = new.logicalTypeOptions.precision
        {
            let s1 = old.logicalTypeOptions.scale ?? 0
            let s2 = new.logicalTypeOptions.scale ?? 0
            if (p1, s1) != (p2, s2) {
                let change = PhysicalType.order(digits: (p1 - s1, s1), (p2 - s2, s2))
                if reportType(change, path: "\(path).precision", old: "(\(p1),\(s1))", new: "(\(p2),\(s2))", at: at) { return }
            }
        }
        if let oldLogical = old.logicalType?.rawValue, let newLogical = new.logicalType?.rawValue, oldLogical != newLogical {
            let change = LogicalTypePromotion.change(from: oldLogical, to: newLogical)
            _ = reportType(change, path: "\(path).logicalType", old: oldLogical, new: newLogical, at: at)
        }
        let nullableOld = old.customProperties.value(of: "nullable")?.boolValue
        let nullableNew = new.customProperties.value(of: "nullable")?.boolValue
        if let nullableOld, let nullableNew, nullableOld != nullableNew {
            nullabilityOld = !nullableOld
            nullabilityNew = !nullableNew
        }
        if let wasNotNull = nullabilityOld, let isNotNull = nullabilityNew, wasNotNull != isNotNull {
            if isNotNull {
                add(
                    CompatibilityRules.becameNotNullable, "\(path).nullable", old: "true", new: "false",
                    "field \(path) became NOT NULL; producers that write nulls break", at: at)
            } else {
                add(
                    CompatibilityRules.becameNullable, "\(path).nullable", old: "false", new: "true",
                    "field \(path) may now be null; consumers that assume a value break", at: at)
            }
        }
    }

    /// Records a type change; true when there was one (the physical type speaks for the logical).
    mutating func reportType(_ change: TypeChange, path: String, old: String, new: String, at: SourceLocation) -> Bool {
        let engineName = engine == .generic ? "" : " (\(engine.rawValue))"
        switch change {
        case .same:
            return false
        case .widened:
            add(
                CompatibilityRules.typeWidened, path, old: old, new: new,
                "\(path) widened from \(old) to \(new)\(engineName); consumers may get values that do not fit what they read into",
                at: at)
        case .narrowed:
            add(
                CompatibilityRules.typeNarrowed, path, old: old, new: new,
                "\(path) narrowed from \(old) to \(new)\(engineName); producers' values may no longer fit", at: at)
        case .incompatible:
            add(CompatibilityRules.typeChanged, path, old: old, new: new, "\(path) changed type from \(old) to \(new)\(engineName)", at: at)
        }
        return true
    }

    // MARK: Classification

    /// Higher is more sensitive.
    static func sensitivity(_ classification: String?) -> Int? {
        switch classification?.lowercased() {
        case nil: return 0
        case "public": return 1
        case "internal": return 2
        case "confidential": return 3
        case "pii", "sensitive", "personal": return 4
        case "restricted", "secret", "highly-confidential": return 5
        default: return nil
        }
    }

    mutating func diffClassification(_ old: ContractProperty, _ new: ContractProperty, path: String) {
        let at = new.location
        if old.classification != new.classification, let before = Self.sensitivity(old.classification),
            let after = Self.sensitivity(new.classification), after < before
        {
            add(
                CompatibilityRules.classificationDowngraded, "\(path).classification", old: old.classification,
                new: new.classification ?? "(none)",
                "field \(path) was downgraded from \(old.classification ?? "(none)") to \(new.classification ?? "(none)"); "
                    + "check who may now read it", at: at)
        }
        if old.tags.contains(where: Self.isPII), !new.tags.contains(where: Self.isPII) {
            add(CompatibilityRules.piiTagRemoved, "\(path).tags", old: "pii", "field \(path) is no longer tagged pii", at: at)
        }
    }

    // MARK: Allowed values

    /// The allowed values of a field: an `invalidValues` quality rule's `validValues`, or
    /// `logicalTypeOptions.enum`.
    static func allowedValues(_ property: ContractProperty) -> [String]? {
        for rule in property.quality where rule.metric == "invalidValues" {
            if case .list(let values)? = rule.arguments?["validValues"] { return values.map(Self.text) }
        }
        if let entry = property.logicalTypeOptions.raw.first(where: { $0.key == "enum" }), case .list(let values) = entry.value {
            return values.map(Self.text)
        }
        return nil
    }

    static func text(_ value: SpecValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .int(let i): "\(i)"
        case .double(let d): "\(d)"
        case .string(let s): s
        case .list, .map: "\(value)"
        }
    }

    mutating func diffAllowedValues(_ old: ContractProperty, _ new: ContractProperty, path: String) {
        let at = new.location
        switch (Self.allowedValues(old), Self.allowedValues(new)) {
        case (let before?, let after?):
            let added = after.filter { !before.contains($0) }
            let removed = before.filter { !after.contains($0) }
            if !added.isEmpty {
                add(
                    CompatibilityRules.enumValueAdded, "\(path).validValues", old: before.joined(separator: ", "),
                    new: after.joined(separator: ", "),
                    "field \(path) allows new values \(added.joined(separator: ", ")); consumers that map every value break", at: at)
            }
            if !removed.isEmpty {
                add(
                    CompatibilityRules.enumValueRemoved, "\(path).validValues", old: before.joined(separator: ", "),
                    new: after.joined(separator: ", "),
                    "field \(path) no longer allows \(removed.joined(separator: ", ")); producers that write them break", at: at)
            }
        case (nil, let after?):
            add(
                CompatibilityRules.constraintTightened, "\(path).validValues", new: after.joined(separator: ", "),
                "field \(path) is now limited to \(after.joined(separator: ", "))", at: at)
        case (let before?, nil):
            add(
                CompatibilityRules.constraintLoosened, "\(path).validValues", old: before.joined(separator: ", "),
                "field \(path) is no longer limited to \(before.joined(separator: ", "))", at: at)
        case (nil, nil):
            break
        }
    }

    // MARK: Constraints

    mutating func diffConstraints(_ old: ContractLogicalTypeOptions, _ new: ContractLogicalTypeOptions, path: String, at: SourceLocation) {
        // Most fields have no options at either revision: nothing to compare bound by bound.
        if old.isEmpty && new.isEmpty { return }
        func number(_ value: SpecValue?) -> Double? { value?.doubleValue }
        let upper: [(String, Double?, Double?)] = [
            ("maxLength", old.maxLength.map(Double.init), new.maxLength.map(Double.init)),
            ("maximum", number(old.maximum), number(new.maximum)),
            ("exclusiveMaximum", number(old.exclusiveMaximum), number(new.exclusiveMaximum)),
            ("maxItems", old.maxItems.map(Double.init), new.maxItems.map(Double.init)),
        ]
        let lower: [(String, Double?, Double?)] = [
            ("minLength", old.minLength.map(Double.init), new.minLength.map(Double.init)),
            ("minimum", number(old.minimum), number(new.minimum)),
            ("exclusiveMinimum", number(old.exclusiveMinimum), number(new.exclusiveMinimum)),
            ("minItems", old.minItems.map(Double.init), new.minItems.map(Double.init)),
        ]
        for (name, before, after) in upper { bound(name, before, after, isUpper: true, path: path, at: at) }
        for (name, before, after) in lower { bound(name, before, after, isUpper: false, path: path, at: at) }
        for (name, before, after) in [("pattern", old.pattern, new.pattern), ("format", old.format, new.format)] where before != after {
            let field = "\(path).\(name)"
            switch (before, after) {
            case (let b?, nil):
                add(CompatibilityRules.constraintLoosened, field, old: b, "\(field) \(b) was removed", at: at)
            case (nil, let a?):
                add(CompatibilityRules.constraintTightened, field, new: a, "\(field) \(a) was added", at: at)
            case (let b?, let a?):
                add(CompatibilityRules.constraintChanged, field, old: b, new: a, "\(field) changed from \(b) to \(a)", at: at)
            case (nil, nil):
                break
            }
        }
    }

    mutating func bound(_ name: String, _ before: Double?, _ after: Double?, isUpper: Bool, path: String, at: SourceLocation) {
        // Most bounds are absent or unchanged: the field's path is spelt out only for a finding.
        if before == after { return }
        let field = "\(path).\(name)"
        func show(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value) }
        switch (before, after) {
        case (nil, nil):
            return
        case (let b?, nil):
            add(CompatibilityRules.constraintLoosened, field, old: show(b), "\(field) \(show(b)) was removed", at: at)
        case (nil, let a?):
            add(CompatibilityRules.constraintTightened, field, new: show(a), "\(field) \(show(a)) was added", at: at)
        case (let b?, let a?) where a != b:
            let loosened = isUpper ? a > b : a < b
            add(
                loosened ? CompatibilityRules.constraintLoosened : CompatibilityRules.constraintTightened, field, old: show(b),
                new: show(a),
                "\(field) went from \(show(b)) to \(show(a))", at: at)
        default:
            return
        }
    }
}

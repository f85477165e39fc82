import DappCore

/// The operational half of a contract diff: quality checks, servers, SLAs, owners, lifecycle and
/// terms — the guarantees and governance around the schema.
extension ContractDiffer {
    // MARK: Quality

    static func qualityKey(_ rule: ContractQualityRule) -> String {
        if let name = rule.name, !name.isEmpty { return "name:\(name)" }
        // The raw value, not `\(rule.type)`: interpolating an enum describes it by reflection,
        // which cost more than the rest of the comparison of a field.
        return "\(rule.type.rawValue):\(rule.metric ?? rule.rule ?? ""):\(rule.query ?? ""):\(rule.description ?? "")"
    }

    mutating func diffQuality(_ old: [ContractQualityRule], _ new: [ContractQualityRule], path: String, location: SourceLocation) {
        // Only a check that was there can be removed or loosened; most fields had none.
        if old.isEmpty { return }
        let newByKey = Dictionary(new.map { (Self.qualityKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        for rule in old {
            let label = rule.name ?? rule.metric ?? rule.rule ?? rule.type.rawValue
            guard let counterpart = newByKey[Self.qualityKey(rule)] else {
                add(
                    CompatibilityRules.qualityRemoved, "\(path).quality.\(label)", old: label,
                    "quality check \(label) on \(path) was removed; consumers lose that guarantee", at: location)
                continue
            }
            for (before, after) in zip(Self.sortedOperators(rule), Self.sortedOperators(counterpart)) where Self.loosened(before, after) {
                add(
                    CompatibilityRules.qualityLoosened, "\(path).quality.\(label).\(after.key)", old: Self.describe(before),
                    new: Self.describe(after),
                    "quality check \(label) on \(path) was loosened from \(Self.describe(before)) to \(Self.describe(after))",
                    at: counterpart.location)
            }
        }
    }

    static func sortedOperators(_ rule: ContractQualityRule) -> [ContractQualityOperator] { rule.operators.sorted { $0.key < $1.key } }

    static func describe(_ op: ContractQualityOperator) -> String {
        switch op {
        case .mustBe(let v): "mustBe \(text(v))"
        case .mustNotBe(let v): "mustNotBe \(text(v))"
        case .mustBeGreaterThan(let d): "mustBeGreaterThan \(number(d))"
        case .mustBeGreaterOrEqualTo(let d): "mustBeGreaterOrEqualTo \(number(d))"
        case .mustBeLessThan(let d): "mustBeLessThan \(number(d))"
        case .mustBeLessOrEqualTo(let d): "mustBeLessOrEqualTo \(number(d))"
        case .mustBeBetween(let a, let b): "mustBeBetween [\(number(a)), \(number(b))]"
        case .mustNotBeBetween(let a, let b): "mustNotBeBetween [\(number(a)), \(number(b))]"
        }
    }

    static func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }

    /// Whether `after` accepts results `before` rejected.
    static func loosened(_ before: ContractQualityOperator, _ after: ContractQualityOperator) -> Bool {
        switch (before, after) {
        case (.mustBeLessThan(let a), .mustBeLessThan(let b)), (.mustBeLessOrEqualTo(let a), .mustBeLessOrEqualTo(let b)): return b > a
        case (.mustBeGreaterThan(let a), .mustBeGreaterThan(let b)), (.mustBeGreaterOrEqualTo(let a), .mustBeGreaterOrEqualTo(let b)):
            return b < a
        case (.mustBeBetween(let a1, let b1), .mustBeBetween(let a2, let b2)): return a2 < a1 || b2 > b1
        case (.mustNotBeBetween(let a1, let b1), .mustNotBeBetween(let a2, let b2)): return a2 > a1 || b2 < b1
        case (.mustBe(let a), .mustBe(let b)), (.mustNotBe(let a), .mustNotBe(let b)): return a != b
        default: return before.key != after.key
        }
    }

    // MARK: Servers, SLAs, team, lifecycle, terms

    mutating func diffServers() {
        let newByName = Dictionary(head.servers.map { ($0.server, $0) }, uniquingKeysWith: { first, _ in first })
        for server in base.servers {
            guard let now = newByName[server.server] else {
                add(
                    CompatibilityRules.serverRemoved, "servers.\(server.server)", old: server.server,
                    "server \(server.server) was removed; consumers that connect to it break", at: head.location)
                continue
            }
            let fields: [(String, String?, String?)] = [
                ("type", server.type, now.type), ("host", server.host, now.host),
                ("port", server.port.map(String.init), now.port.map(String.init)),
                ("database", server.database, now.database), ("schema", server.schema, now.schema),
                ("location", server.storageLocation, now.storageLocation), ("endpointUrl", server.endpointUrl, now.endpointUrl),
            ]
            for (name, before, after) in fields where before != after {
                add(
                    CompatibilityRules.serverChanged, "servers.\(server.server).\(name)", old: before ?? "(none)", new: after ?? "(none)",
                    "server \(server.server) \(name) changed from \(before ?? "(none)") to \(after ?? "(none)"); consumers must reconnect",
                    at: now.location)
            }
        }
    }

    static func slaKey(_ sla: ContractSLAProperty) -> String { "\(sla.property.lowercased())|\(sla.element ?? "")" }

    mutating func diffSLAs() {
        let newByKey = Dictionary(head.slaProperties.map { (Self.slaKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        for sla in base.slaProperties {
            let name = sla.property
            guard let now = newByKey[Self.slaKey(sla)] else {
                add(
                    CompatibilityRules.slaRemoved, "slaProperties.\(name)", old: Self.slaText(sla),
                    "SLA \(name) (\(Self.slaText(sla))) was removed; consumers lose that guarantee", at: head.location)
                continue
            }
            guard let before = Self.slaMagnitude(sla), let after = Self.slaMagnitude(now), before != after else { continue }
            let property = name.lowercased()
            let weaker: Bool
            let rule: CompatibilityRule
            switch property {
            case "retention":
                weaker = after < before
                rule = CompatibilityRules.retentionShortened
            case "availability", "generalavailability":
                weaker = after < before
                rule = CompatibilityRules.slaWeakened
            case "latency", "freshness", "frequency", "timetodetect", "timetonotify", "timetorepair":
                weaker = after > before
                rule = CompatibilityRules.slaWeakened
            default:
                continue
            }
            guard weaker else { continue }
            add(
                rule, "slaProperties.\(name)", old: Self.slaText(sla), new: Self.slaText(now),
                property == "retention"
                    ? "retention was shortened from \(Self.slaText(sla)) to \(Self.slaText(now)); data consumers rely on disappears sooner"
                    : "SLA \(name) was weakened from \(Self.slaText(sla)) to \(Self.slaText(now))", at: now.location)
        }
    }

    static func slaText(_ sla: ContractSLAProperty) -> String { "\(text(sla.value))\(sla.unit.map { " \($0)" } ?? "")" }

    /// The SLA's value in comparable units: seconds for durations, the number itself otherwise.
    static func slaMagnitude(_ sla: ContractSLAProperty) -> Double? {
        guard let value = sla.value.doubleValue else { return nil }
        guard let unit = sla.unit?.lowercased() else { return value }
        let seconds: Double
        switch unit {
        case "ms", "millisecond", "milliseconds": seconds = 0.001
        case "s", "sec", "second", "seconds": seconds = 1
        case "m", "min", "minute", "minutes": seconds = 60
        case "h", "hr", "hour", "hours": seconds = 3_600
        case "d", "day", "days": seconds = 86_400
        case "w", "week", "weeks": seconds = 604_800
        case "mo", "month", "months": seconds = 2_592_000
        case "y", "yr", "year", "years": seconds = 31_536_000
        default: seconds = 1  // %, percent, and units that are not durations compare as given
        }
        return value * seconds
    }

    mutating func diffTeam() {
        guard let oldTeam = base.team else { return }
        guard let newTeam = head.team else {
            add(
                CompatibilityRules.ownerRemoved, "team", old: oldTeam.name ?? "team",
                "the team \(oldTeam.name ?? "") that owns the contract was removed; name who answers for it", at: head.location)
            return
        }
        if let oldName = oldTeam.name, let newName = newTeam.name, oldName != newName {
            add(
                CompatibilityRules.ownerRemoved, "team.name", old: oldName, new: newName,
                "the owning team changed from \(oldName) to \(newName)", at: newTeam.location)
        }
        let current = Set(newTeam.members.filter { $0.dateOut == nil }.map(\.username))
        for member in oldTeam.members where member.dateOut == nil && !current.contains(member.username) {
            add(
                CompatibilityRules.ownerRemoved, "team.members.\(member.username)", old: member.username,
                "team member \(member.username)\(member.role.map { " (\($0))" } ?? "") was removed", at: newTeam.location)
        }
    }

    mutating func diffLifecycleAndTerms() {
        if base.status != head.status {
            add(
                CompatibilityRules.statusChanged, "status", old: base.status, new: head.status,
                "status changed from \(base.status) to \(head.status)", at: head.statusLocation ?? head.location)
        }
        let oldDescription = base.description
        let newDescription = head.description
        for (name, before, after) in [
            ("usage", oldDescription?.usage, newDescription?.usage),
            ("limitations", oldDescription?.limitations, newDescription?.limitations),
        ] where before != after {
            add(
                CompatibilityRules.termsChanged, "description.\(name)", old: before, new: after,
                "the terms changed: description.\(name) was \(after == nil ? "removed" : before == nil ? "added" : "rewritten")",
                at: newDescription?.location ?? head.location)
        }
        let oldPrice = base.price.map { "\($0.priceAmount.map(Self.number) ?? "") \($0.priceCurrency ?? "")/\($0.priceUnit ?? "")" }
        let newPrice = head.price.map { "\($0.priceAmount.map(Self.number) ?? "") \($0.priceCurrency ?? "")/\($0.priceUnit ?? "")" }
        if oldPrice != newPrice {
            add(
                CompatibilityRules.termsChanged, "price", old: oldPrice, new: newPrice,
                "the price changed from \(oldPrice ?? "none") to \(newPrice ?? "none")", at: head.price?.location ?? head.location)
        }
    }
}

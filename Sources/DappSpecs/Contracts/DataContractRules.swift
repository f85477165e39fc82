import DappCore
import DappYAML

/// The parts of ODCS that its JSON Schema writes as `if`/`then` or that differ between versions,
/// which a `Schema` cannot say: fields per server type, options per logical type, what each kind of
/// quality rule needs, 3.0-versus-3.1 differences, and deprecations.
///
/// Runs after (and alongside) schema validation on the same tree, so it reads defensively: a node of
/// the wrong shape has already been reported and is skipped here.
struct DataContractRules {
    private(set) var diagnostics: [Diagnostic] = []
    /// ODCS 3.1 semantics (also assumed when apiVersion is missing or unknown).
    let isV31: Bool
    /// Where `checkStableIDs` is, below the root: spelled out as a `FieldPath` only to report.
    private var trail: [PathStep] = []

    private enum PathStep {
        case key(String)
        case index(Int)
    }

    init(isV31: Bool) {
        self.isV31 = isV31
    }

    static func check(_ root: YAMLNode) -> [Diagnostic] {
        guard root.mapping != nil else { return [] }
        let version = root["apiVersion"]?.string ?? "v3.1.0"
        var rules = DataContractRules(isV31: !version.hasPrefix("v3.0."))
        rules.checkDocument(root)
        rules.checkStableIDs(root, isRoot: true)
        return rules.diagnostics
    }

    private mutating func checkDocument(_ root: YAMLNode) {
        if let status = root["status"], let text = status.string, !DataContractSchema.statuses.contains(text) {
            report(
                .warning, .specEnum,
                "status '\(text)' is not one of the statuses ODCS names (\(DataContractSchema.statuses.joined(separator: ", ")))",
                at: status, path: .root.key("status"),
                hint: Suggestion.hint(for: text, in: DataContractSchema.statuses))
        }
        if let description = root["description"], let pairs = description.mapping {
            let known = ["purpose", "limitations", "usage", "authoritativeDefinitions", "customProperties"]
            for pair in pairs {
                guard let key = pair.key.scalar?.text, !known.contains(key) else { continue }
                report(
                    .warning, .specUnknownField, "field '\(key)' in description is not defined by ODCS and is ignored", at: pair.key,
                    path: .root.key("description").key(key),
                    hint: Suggestion.hint(for: key, in: known)
                        ?? "put extensions in description.customProperties")
            }
        }
        if isV31, let pair = pair(root, "slaDefaultElement") {
            report(
                .warning, .specDeprecated, "slaDefaultElement is deprecated since ODCS 3.1 and will be removed in 4.0", at: pair.key,
                path: .root.key("slaDefaultElement"), hint: "name the element on each SLA property with 'element'")
        }
        checkTeam(root)
        for (index, channel) in (root["support"]?.sequence ?? []).enumerated() where !isV31 {
            if channel.mapping != nil, channel["url"] == nil {
                report(
                    .error, .specRequired, "missing required field 'support[\(index)].url' (required by ODCS 3.0)", at: channel,
                    path: .root.key("support").index(index).key("url"))
            }
        }
        for (index, sla) in (root["slaProperties"]?.sequence ?? []).enumerated() {
            for key in ["value", "valueExt"] {
                guard let value = sla[key], value.scalar == nil else { continue }
                let path = FieldPath.root.key("slaProperties").index(index).key(key)
                report(
                    .error, .specType, "\(path) must be a string, number, boolean or null, not \(value.kindDescription)", at: value,
                    path: path)
            }
        }
        for (index, server) in (root["servers"]?.sequence ?? []).enumerated() {
            checkServer(server, path: .root.key("servers").index(index))
        }
        if let objects = root["schema"]?.sequence {
            checkUniqueNames(objects, what: "schema object", path: .root.key("schema"))
            for (index, object) in objects.enumerated() {
                checkObject(object, path: .root.key("schema").index(index))
            }
        }
    }

    private mutating func checkTeam(_ root: YAMLNode) {
        guard let team = root["team"] else { return }
        let members: [YAMLNode]
        var path = FieldPath.root.key("team")
        if let list = team.sequence {
            members = list
            if isV31 {
                report(
                    .warning, .specDeprecated, "a list under 'team' is deprecated since ODCS 3.1", at: team, path: path,
                    hint: "write 'team: {name: …, members: [...]}'")
            }
        } else {
            members = team["members"]?.sequence ?? []
            path = path.key("members")
        }
        guard isV31 else { return }
        for (index, member) in members.enumerated() where member.mapping != nil && member["username"] == nil {
            report(
                .error, .specRequired, "missing required field '\(path.index(index).key("username"))'", at: member,
                path: path.index(index).key("username"))
        }
    }

    // MARK: - Servers

    /// Connection fields of each server type, and which of them are required.
    static let serverFields: [String: (fields: [String], required: [String])] = [
        "api": (["location"], ["location"]),
        "athena": (["stagingDir", "schema", "catalog", "regionName"], ["stagingDir", "schema"]),
        "azure": (["location", "format", "delimiter"], ["location", "format"]),
        "bigquery": (["project", "dataset"], ["project", "dataset"]),
        "clickhouse": (["host", "port", "database"], ["host", "port", "database"]),
        "databricks": (["host", "catalog", "schema"], ["catalog", "schema"]),
        "denodo": (["host", "port", "database"], ["host", "port"]),
        "dremio": (["host", "port", "schema"], ["host", "port"]),
        "duckdb": (["database", "schema"], ["database"]),
        "glue": (["account", "database", "location", "format"], ["account", "database"]),
        "cloudsql": (["host", "port", "database", "schema"], ["host", "port", "database", "schema"]),
        "db2": (["host", "port", "database", "schema"], ["host", "port", "database"]),
        "hive": (["host", "port", "database"], ["host", "database"]),
        "impala": (["host", "port", "database"], ["host", "database"]),
        "informix": (["host", "port", "database"], ["host", "database"]),
        "kafka": (["host", "format"], ["host"]),
        "kinesis": (["region", "format"], []),
        "local": (["path", "format"], ["path", "format"]),
        "mysql": (["host", "port", "database"], ["host", "port", "database"]),
        "oracle": (["host", "port", "serviceName"], ["host", "port", "serviceName"]),
        "postgresql": (["host", "port", "database", "schema"], ["host", "port", "database", "schema"]),
        "postgres": (["host", "port", "database", "schema"], ["host", "port", "database", "schema"]),
        "presto": (["host", "catalog", "schema"], ["host"]),
        "pubsub": (["project"], ["project"]),
        "redshift": (["host", "database", "schema", "region", "account"], ["database", "schema"]),
        "s3": (["location", "endpointUrl", "format", "delimiter"], ["location"]),
        "sftp": (["location", "format", "delimiter"], ["location"]),
        "snowflake": (["host", "port", "account", "database", "schema", "warehouse"], ["account", "database", "schema"]),
        "sqlserver": (["host", "port", "database", "schema"], ["host", "database", "schema"]),
        "synapse": (["host", "port", "database"], ["host", "port", "database"]),
        "trino": (["host", "port", "catalog", "schema"], ["host", "port", "catalog", "schema"]),
        "vertica": (["host", "port", "database", "schema"], ["host", "port", "database", "schema"]),
        "zen": (["host", "port", "database"], ["host", "database"]),
    ]

    static let commonServerFields = ["id", "server", "type", "description", "environment", "roles", "customProperties"]

    private mutating func checkServer(_ server: YAMLNode, path: FieldPath) {
        guard let pairs = server.mapping, let type = server["type"]?.string, let spec = Self.serverFields[type] else { return }
        for field in spec.required where server[field] == nil {
            report(
                .error, .specRequired, "missing required field '\(path.key(field))' for a server of type '\(type)'", at: server,
                path: path.key(field))
        }
        // ODCS 3.0 left servers open; 3.1 evaluates only the fields of the server's type.
        guard isV31 else { return }
        for pair in pairs {
            guard let key = pair.key.scalar?.text, !Self.commonServerFields.contains(key), !spec.fields.contains(key),
                DataContractSchema.server.isKnownField(key)
            else { continue }
            report(
                .error, .specUnknownField, "field '\(key)' does not apply to a server of type '\(type)'", at: pair.key, path: path.key(key),
                hint: "fields of \(type) servers: \(spec.fields.joined(separator: ", ")); use type 'custom' for anything else")
        }
    }

    // MARK: - Identity

    /// ODCS 3.1 stable ids: `^[A-Za-z0-9_-]+$`, unique within their list. Values of custom
    /// properties, quality arguments and examples are the user's own data and are not inspected.
    ///
    /// Walks every container of the document; the path to the node is kept on `trail` and turned
    /// into a `FieldPath` only for a finding.
    private mutating func checkStableIDs(_ node: YAMLNode, isRoot: Bool = false) {
        switch node.value {
        case .mapping(let pairs):
            for i in pairs.indices {
                guard case .scalar(let keyScalar) = pairs[i].key.value else { continue }
                let key = keyScalar.text
                if Self.userDataKeys.index(of: key) != nil { continue }
                if !isRoot, key.utf8.count == 2, key == "id", let id = pairs[i].value.string, !Self.isStableID(id) {
                    let base = trailPath()
                    report(
                        .error, .specValue, "\(base.key("id")) '\(id)' is not a valid id: only letters, digits, '-' and '_' are allowed",
                        at: pairs[i].value, path: base.key("id"))
                }
                // Scalars hold no ids below them: only containers are walked.
                if case .scalar = pairs[i].value.value { continue }
                trail.append(.key(key))
                checkStableIDs(pairs[i].value)
                trail.removeLast()
            }
        case .sequence(let items):
            var seen: [String: Int] = [:]
            for index in items.indices {
                if case .scalar = items[index].value { continue }
                if let idNode = items[index]["id"], let id = idNode.string {
                    if let first = seen[id] {
                        let base = trailPath()
                        report(
                            .error, .refDuplicateName, "\(base.index(index).key("id")) '\(id)' is already used by \(base.index(first))",
                            at: idNode, path: base.index(index).key("id"), hint: "ids must be unique within their list")
                    } else {
                        seen[id] = index
                    }
                }
                trail.append(.index(index))
                checkStableIDs(items[index])
                trail.removeLast()
            }
        case .scalar:
            return
        }
    }

    /// Keys whose values are the user's own data, not walked for ids.
    private static let userDataKeys = KeyTable<Bool>([
        "value": true, "valueExt": true, "arguments": true, "implementation": true, "mustBe": true, "mustNotBe": true,
        "examples": true,
    ])

    /// `trail` as a path from the root.
    private func trailPath() -> FieldPath {
        var path = FieldPath.root
        for step in trail {
            switch step {
            case .key(let name): path = path.key(name)
            case .index(let index): path = path.index(index)
            }
        }
        return path
    }

    static func isStableID(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { b in
                (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            }
    }

    /// Two elements of one list with the same `name` (two columns `id`) cannot both become tables or
    /// columns.
    mutating func checkUniqueNames(_ items: [YAMLNode], what: String, path: FieldPath) {
        // Short lists (the usual) compare names pairwise: no hashing, no table. (Not lengths
        // first: names are user text, and canonically equal strings may differ in length.)
        if items.count <= 32 {
            var names: [(name: String, node: YAMLNode)?] = []
            names.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard let nameNode = item["name"], let name = nameNode.string else {
                    names.append(nil)
                    continue
                }
                names.append((name, nameNode))
                for first in 0..<index {
                    guard let earlier = names[first], earlier.name == name else { continue }
                    report(
                        .error, .refDuplicateName, "\(what) '\(name)' is declared twice: \(path.index(first)) and \(path.index(index))",
                        at: nameNode, path: path.index(index).key("name"))
                    break
                }
            }
            return
        }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let nameNode = item["name"], let name = nameNode.string else { continue }
            if let first = seen[name] {
                report(
                    .error, .refDuplicateName, "\(what) '\(name)' is declared twice: \(path.index(first)) and \(path.index(index))",
                    at: nameNode, path: path.index(index).key("name"))
            } else {
                seen[name] = index
            }
        }
    }

    // MARK: - Reporting

    func pair(_ node: YAMLNode, _ key: String) -> YAMLPair? {
        node.mapping?.first { $0.key.scalar?.text == key }
    }

    mutating func append(_ more: [Diagnostic]) {
        diagnostics += more
    }

    mutating func report(
        _ severity: Diagnostic.Severity, _ rule: RuleID, _ message: String, at node: YAMLNode, path: FieldPath, hint: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(severity, rule, message, at: node.location, hint: hint, fieldPath: path.isRoot ? nil : path.description))
    }
}

extension Schema {
    /// Whether an object schema declares `field` (so a field the schema already reports as unknown
    /// is not reported twice).
    func isKnownField(_ field: String) -> Bool {
        if case .object(let object) = base { return object.property(field) != nil }
        return false
    }
}

import DappCore
import DappYAML

/// Reads a Data Contract Specification document (`dataContractSpecification: 1.1.0`, the format of
/// datacontract.com before it adopted ODCS) into the ODCS `DataContract` model.
///
/// DCS is deprecated in favour of ODCS v3, but repositories still hold DCS files; converting them in
/// memory lets every later stage (tables, compatibility checks, APIs) deal with one model. Every
/// import warns once, at the `dataContractSpecification` key, so the file gets migrated eventually.
/// The mapping follows datacontract-cli's DCS → ODCS export where ODCS has a place for a value:
///
/// | DCS | ODCS |
/// |---|---|
/// | `info.title`, `info.version`, `info.status` | `name`, `version`, `status` (default `active`) |
/// | `info.description`, `terms.usage`, `terms.limitations` | `description.purpose`, `.usage`, `.limitations` |
/// | `info.owner`, `info.contact` | `team.name`, a `support` channel |
/// | `servers.<name>` | `servers[]` with `server: <name>` |
/// | `models.<name>` (`type`, `title`, `fields`) | `schema[]` (`physicalType`, `businessName`, `properties`) |
/// | field `type` | `logicalType`, the DCS type kept as `physicalType` |
/// | field `pii: true`, `enum`, `references` | tag `pii`, an `invalidValues` quality rule, a relationship |
/// | `servicelevels.*` | `slaProperties[]` |
/// | `links`, `tags` | `authoritativeDefinitions`, `tags` |
///
/// Input is not schema-validated first (there is no DCS schema here), so the importer checks the
/// shapes it reads and reports located `spec/type` and `spec/required-field` errors; it never traps.
public enum DataContractSpecificationImporter {
    /// The ODCS version imported contracts are given.
    public static let targetAPIVersion = "v3.1.0"

    /// Whether `root` is a DCS document rather than an ODCS one.
    public static func isDataContractSpecification(_ root: YAMLNode) -> Bool {
        root["dataContractSpecification"] != nil
    }

    public static func importDocument(_ root: YAMLNode) -> (contract: DataContract?, diagnostics: [Diagnostic]) {
        var reader = DCSReader()
        let contract = reader.contract(root)
        return (contract, reader.diagnostics)
    }

    /// DCS field types → ODCS logical types (nil for `null` and unknown types).
    public static func logicalType(forDCSType type: String) -> ContractLogicalType? {
        switch type.lowercased() {
        case "string", "text", "varchar", "bytes": .string
        case "int", "integer", "long", "bigint": .integer
        case "number", "float", "double", "decimal", "numeric": .number
        case "boolean": .boolean
        case "date": .date
        case "timestamp", "timestamp_tz", "timestamp_ntz": .timestamp
        case "object", "record", "struct", "map": .object
        case "array": .array
        default: nil
        }
    }
}

/// One import: the diagnostics found so far and the readers that check shapes as they go.
struct DCSReader {
    var diagnostics: [Diagnostic] = []

    mutating func contract(_ root: YAMLNode) -> DataContract? {
        guard root.mapping != nil else {
            typeError(root, expected: "a mapping", path: .root)
            return nil
        }
        let markerPair = root.mapping?.first { $0.key.scalar?.text == "dataContractSpecification" }
        let markerKey = markerPair?.key ?? root
        let version = markerPair.flatMap { scalar($0.value, path: .root.key("dataContractSpecification")) } ?? "?"
        diagnostics.append(
            .warning(
                .specDeprecated, "Data Contract Specification 1.x is deprecated; converted to ODCS v3 in memory",
                at: markerKey.location,
                hint:
                    "migrate the file with 'datacontract import --format dcs', or rewrite it as 'apiVersion: v3.1.0, kind: DataContract' (ODCS)",
                fieldPath: "dataContractSpecification"))

        let id = string(root, "id", path: .root, required: true)
        let info = mapping(root, "info", path: .root, required: true)
        let infoPath = FieldPath.root.key("info")
        let title = info.flatMap { string($0, "title", path: infoPath, required: true) }
        let contractVersion = info.flatMap { string($0, "version", path: infoPath, required: true) }
        guard let id, let info, let contractVersion else { return nil }

        var contract = DataContract(
            apiVersion: DataContractSpecificationImporter.targetAPIVersion, id: id, version: contractVersion,
            status: string(info, "status", path: infoPath) ?? "active", location: root.location,
            source: .dataContractSpecification(version: version))
        contract.name = title
        contract.tags = strings(root, "tags", path: .root)
        description(root, info: info, into: &contract)
        if let owner = string(info, "owner", path: infoPath) {
            contract.team = ContractTeam(name: owner, location: info["owner"]?.location ?? info.location)
        }
        if let contact = mapping(info, "contact", path: infoPath) {
            contract.support = supportChannel(contact, path: infoPath.key("contact")).map { [$0] } ?? []
        }
        for (name, node) in entries(root, "servers", path: .root) {
            contract.servers.append(server(name: name, node, path: FieldPath.root.key("servers").key(name)))
        }
        for (name, node) in entries(root, "models", path: .root) {
            contract.schema.append(model(name: name, node, path: FieldPath.root.key("models").key(name)))
        }
        if let levels = mapping(root, "servicelevels", path: .root) {
            contract.slaProperties = slaProperties(levels, path: .root.key("servicelevels"))
        }
        for (name, node) in entries(root, "links", path: .root) {
            if let url = scalar(node, path: FieldPath.root.key("links").key(name)) {
                contract.authoritativeDefinitions.append(ContractAuthoritativeDefinition(url: url, type: name, location: node.location))
            }
        }
        if let quality = root["quality"] {
            // DCS 0.9's document-level quality ({type: SodaCL, specification: …}) has no ODCS place.
            contract.customProperties.append(
                ContractCustomProperty(property: "quality", value: ContractNodes.value(quality), location: quality.location))
        }
        return contract
    }

    private mutating func description(_ root: YAMLNode, info: YAMLNode, into contract: inout DataContract) {
        let terms = mapping(root, "terms", path: .root)
        let termsPath = FieldPath.root.key("terms")
        let purpose = string(info, "description", path: .root.key("info"))
        let usage = terms.flatMap { string($0, "usage", path: termsPath) }
        let limitations = terms.flatMap { string($0, "limitations", path: termsPath) }
        var description = ContractDescription(purpose: purpose, limitations: limitations, usage: usage, location: (terms ?? info).location)
        if let terms {
            for key in ["policies", "billing", "noticePeriod"] {
                guard let node = terms[key] else { continue }
                description.customProperties.append(
                    ContractCustomProperty(property: key, value: ContractNodes.value(node), location: node.location))
            }
        }
        if purpose != nil || usage != nil || limitations != nil || !description.customProperties.isEmpty {
            contract.description = description
        }
    }

    private mutating func supportChannel(_ contact: YAMLNode, path: FieldPath) -> ContractSupportChannel? {
        let name = string(contact, "name", path: path)
        let email = string(contact, "email", path: path)
        let url = string(contact, "url", path: path)
        guard name != nil || email != nil || url != nil else { return nil }
        var channel = ContractSupportChannel(
            channel: name ?? "contact", url: url ?? email.map { "mailto:\($0)" }, location: contact.location)
        channel.tool = url == nil && email != nil ? "email" : "other"
        return channel
    }

    private mutating func server(name: String, _ node: YAMLNode, path: FieldPath) -> ContractServer {
        let dcsType = string(node, "type", path: path, required: true) ?? "custom"
        let known = DataContractSchema.serverTypes.contains(dcsType.lowercased())
        var server = ContractServer(server: name, type: known ? dcsType.lowercased() : "custom", location: node.location)
        if !known {
            server.customProperties.append(
                ContractCustomProperty(
                    property: "dcsServerType", value: .string(dcsType), location: node["type"]?.location ?? node.location))
        }
        server.description = string(node, "description", path: path)
        server.environment = string(node, "environment", path: path)
        server.host = string(node, "host", path: path)
        server.port = integer(node, "port", path: path)
        server.database = string(node, "database", path: path)
        server.schema = string(node, "schema", path: path)
        server.catalog = string(node, "catalog", path: path)
        server.project = string(node, "project", path: path)
        server.dataset = string(node, "dataset", path: path)
        server.account = string(node, "account", path: path)
        server.warehouse = string(node, "warehouse", path: path)
        server.storageLocation = string(node, "location", path: path)
        server.path = string(node, "path", path: path)
        server.endpointUrl = string(node, "endpointUrl", path: path)
        server.format = string(node, "format", path: path)
        server.delimiter = string(node, "delimiter", path: path)
        server.region = string(node, "region", path: path)
        server.regionName = string(node, "regionName", path: path)
        server.serviceName = string(node, "serviceName", path: path)
        server.stagingDir = string(node, "stagingDir", path: path)
        server.stream = string(node, "stream", path: path) ?? string(node, "topic", path: path)
        for (index, role) in list(node, "roles", path: path).enumerated() {
            let rolePath = path.key("roles").index(index)
            guard role.mapping != nil else { typeError(role, expected: "a mapping", path: rolePath); continue }
            if let roleName = string(role, "name", path: rolePath, required: true) {
                var contractRole = ContractRole(role: roleName, location: role.location)
                contractRole.description = string(role, "description", path: rolePath)
                server.roles.append(contractRole)
            }
        }
        return server
    }

    // MARK: - Shape-checking readers

    /// The text of a string, number or boolean scalar; a type error for anything else.
    mutating func scalar(_ node: YAMLNode, path: FieldPath) -> String? {
        guard let scalar = node.scalar else {
            typeError(node, expected: "a string", path: path)
            return nil
        }
        return scalar.kind == .null ? nil : scalar.text
    }

    mutating func string(_ node: YAMLNode, _ key: String, path: FieldPath, required: Bool = false) -> String? {
        guard let value = node[key] else {
            if required { missing(key, in: node, path: path) }
            return nil
        }
        guard let scalar = value.scalar, scalar.kind != .null else {
            if value.scalar == nil { typeError(value, expected: "a string", path: path.key(key)) }
            if required && value.isNull { missing(key, in: node, path: path) }
            return nil
        }
        return scalar.text
    }

    mutating func bool(_ node: YAMLNode, _ key: String, path: FieldPath) -> Bool? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let flag = value.scalar?.bool else {
            typeError(value, expected: "a boolean (true or false)", path: path.key(key))
            return nil
        }
        return flag
    }

    mutating func integer(_ node: YAMLNode, _ key: String, path: FieldPath) -> Int? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let number = value.scalar?.int ?? value.scalar?.double.flatMap({ $0.rounded() == $0 && abs($0) < 9e18 ? Int($0) : nil })
        else {
            typeError(value, expected: "an integer", path: path.key(key))
            return nil
        }
        return number
    }

    mutating func number(_ node: YAMLNode, _ key: String, path: FieldPath) -> SpecValue? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let scalar = value.scalar, scalar.kind == .int || scalar.kind == .float else {
            typeError(value, expected: "a number", path: path.key(key))
            return nil
        }
        return ContractNodes.value(value)
    }

    mutating func mapping(_ node: YAMLNode, _ key: String, path: FieldPath, required: Bool = false) -> YAMLNode? {
        guard let value = node[key], !value.isNull else {
            if required { missing(key, in: node, path: path) }
            return nil
        }
        guard value.mapping != nil else {
            typeError(value, expected: "a mapping", path: path.key(key))
            return nil
        }
        return value
    }

    mutating func list(_ node: YAMLNode, _ key: String, path: FieldPath) -> [YAMLNode] {
        guard let value = node[key], !value.isNull else { return [] }
        guard let items = value.sequence else {
            typeError(value, expected: "a list", path: path.key(key))
            return []
        }
        return items
    }

    mutating func strings(_ node: YAMLNode, _ key: String, path: FieldPath) -> [String] {
        list(node, key, path: path).enumerated().compactMap { index, item in scalar(item, path: path.key(key).index(index)) }
    }

    /// The `name: value` entries of a DCS map section (`servers`, `models`, `fields`, `links`).
    mutating func entries(_ node: YAMLNode, _ key: String, path: FieldPath) -> [(String, YAMLNode)] {
        guard let section = mapping(node, key, path: path) else { return [] }
        return (section.mapping ?? []).compactMap { pair in
            guard let name = pair.key.scalar?.text else { return nil }
            return (name, pair.value)
        }
    }

    mutating func typeError(_ node: YAMLNode, expected: String, path: FieldPath) {
        let name = path.isRoot ? "the document" : path.description
        diagnostics.append(
            .error(
                .specType, "\(name) must be \(expected), not \(node.kindDescription)", at: node.location,
                fieldPath: path.isRoot ? nil : path.description))
    }

    mutating func missing(_ key: String, in node: YAMLNode, path: FieldPath) {
        diagnostics.append(
            .error(.specRequired, "missing required field '\(path.key(key))'", at: node.location, fieldPath: path.key(key).description))
    }

    mutating func warn(_ message: String, at node: YAMLNode, path: FieldPath, hint: String? = nil) {
        diagnostics.append(.warning(.specValue, message, at: node.location, hint: hint, fieldPath: path.description))
    }
}

import DappCore
import DappYAML

/// Servers, SLAs, team and roles of an ODCS document.
extension DataContractDecoder {
    static func server(_ node: YAMLNode) -> ContractServer {
        let r = ContractNodes.self
        var server = ContractServer(server: r.text(node, "server") ?? "", type: r.text(node, "type") ?? "", location: node.location)
        server.id = r.text(node, "id")
        server.description = r.text(node, "description")
        server.environment = r.text(node, "environment")
        server.host = r.text(node, "host")
        server.port = r.int(node, "port")
        server.database = r.text(node, "database")
        server.schema = r.text(node, "schema")
        server.catalog = r.text(node, "catalog")
        server.project = r.text(node, "project")
        server.dataset = r.text(node, "dataset")
        server.account = r.text(node, "account")
        server.warehouse = r.text(node, "warehouse")
        server.storageLocation = r.text(node, "location")
        server.path = r.text(node, "path")
        server.endpointUrl = r.text(node, "endpointUrl")
        server.format = r.text(node, "format")
        server.delimiter = r.text(node, "delimiter")
        server.region = r.text(node, "region")
        server.regionName = r.text(node, "regionName")
        server.serviceName = r.text(node, "serviceName")
        server.stagingDir = r.text(node, "stagingDir")
        server.stream = r.text(node, "stream")
        server.roles = r.mappings(node, "roles").map(role)
        server.customProperties = r.customProperties(node)
        return server
    }

    static func slaProperty(_ node: YAMLNode) -> ContractSLAProperty {
        let r = ContractNodes.self
        var sla = ContractSLAProperty(
            property: r.text(node, "property") ?? "", value: node["value"].map(r.value) ?? .null, unit: r.text(node, "unit"),
            location: node.location)
        sla.id = r.text(node, "id")
        sla.valueExt = node["valueExt"].map(r.value)
        sla.element = r.text(node, "element")
        sla.driver = r.text(node, "driver")
        sla.description = r.text(node, "description")
        sla.scheduler = r.text(node, "scheduler")
        sla.schedule = r.text(node, "schedule")
        return sla
    }

    /// ODCS 3.1's team object, or 3.0's list of members.
    static func team(_ node: YAMLNode) -> ContractTeam? {
        let r = ContractNodes.self
        if let list = node.sequence {
            var team = ContractTeam(members: list.filter { $0.mapping != nil }.map(teamMember), location: node.location)
            team.isLegacyList = true
            return team
        }
        guard node.mapping != nil else { return nil }
        var team = ContractTeam(name: r.text(node, "name"), members: r.mappings(node, "members").map(teamMember), location: node.location)
        team.id = r.text(node, "id")
        team.description = r.text(node, "description")
        team.tags = r.texts(node, "tags")
        team.customProperties = r.customProperties(node)
        team.authoritativeDefinitions = r.authoritativeDefinitions(node)
        return team
    }

    static func teamMember(_ node: YAMLNode) -> ContractTeamMember {
        let r = ContractNodes.self
        var member = ContractTeamMember(username: r.text(node, "username") ?? "", role: r.text(node, "role"), location: node.location)
        member.id = r.text(node, "id")
        member.name = r.text(node, "name")
        member.description = r.text(node, "description")
        member.dateIn = r.text(node, "dateIn")
        member.dateOut = r.text(node, "dateOut")
        member.replacedByUsername = r.text(node, "replacedByUsername")
        member.tags = r.texts(node, "tags")
        member.customProperties = r.customProperties(node)
        member.authoritativeDefinitions = r.authoritativeDefinitions(node)
        return member
    }

    static func role(_ node: YAMLNode) -> ContractRole {
        let r = ContractNodes.self
        var role = ContractRole(role: r.text(node, "role") ?? "", access: r.text(node, "access"), location: node.location)
        role.id = r.text(node, "id")
        role.description = r.text(node, "description")
        role.firstLevelApprovers = r.text(node, "firstLevelApprovers")
        role.secondLevelApprovers = r.text(node, "secondLevelApprovers")
        role.customProperties = r.customProperties(node)
        return role
    }
}

/// Total readers over contract nodes. Deliberately not `YAMLNode` extensions: other readers of the
/// module extend `YAMLNode` with similar names.
enum ContractNodes {
    /// The text of a non-null scalar under `key` (a number written where text was expected is read
    /// as its text).
    static func text(_ node: YAMLNode, _ key: String) -> String? {
        guard let scalar = node[key]?.scalar, scalar.kind != .null else { return nil }
        return scalar.text
    }

    static func texts(_ node: YAMLNode, _ key: String) -> [String] {
        (node[key]?.sequence ?? []).compactMap { item in
            guard let scalar = item.scalar, scalar.kind != .null else { return nil }
            return scalar.text
        }
    }

    static func int(_ node: YAMLNode, _ key: String) -> Int? { node[key]?.scalar?.int }

    static func double(_ node: YAMLNode, _ key: String) -> Double? { node[key]?.scalar?.double }

    static func flag(_ node: YAMLNode, _ key: String) -> Bool? { node[key]?.scalar?.bool }

    /// A 1-based key position; ODCS's "not positioned" default of -1 (or any value below 1) is nil.
    static func position(_ node: YAMLNode, _ key: String) -> Int? {
        guard let value = int(node, key), value >= 1 else { return nil }
        return value
    }

    /// The mapping items of the list under `key`, skipping anything else.
    static func mappings(_ node: YAMLNode, _ key: String) -> [YAMLNode] {
        (node[key]?.sequence ?? []).filter { $0.mapping != nil }
    }

    /// Any node as a plain value. Integers too large for 64 bits keep their text.
    static func value(_ node: YAMLNode) -> SpecValue {
        switch node.value {
        case .scalar(let s):
            switch s.kind {
            case .null: return .null
            case .bool: return .bool(s.bool ?? false)
            case .int: return s.int.map(SpecValue.int) ?? .string(s.text)
            case .float: return s.double.map(SpecValue.double) ?? .string(s.text)
            case .string: return .string(s.text)
            }
        case .sequence(let items): return .list(items.map(value))
        case .mapping(let pairs): return .map(pairs.map { SpecValue.Entry(key: $0.key.scalar?.text ?? "", value: value($0.value)) })
        }
    }

    static func customProperties(_ node: YAMLNode) -> [ContractCustomProperty] {
        mappings(node, "customProperties").map { item in
            var property = ContractCustomProperty(
                property: text(item, "property") ?? "", value: item["value"].map(value) ?? .null,
                description: text(item, "description"), location: item.location)
            property.id = text(item, "id")
            return property
        }
    }

    static func authoritativeDefinitions(_ node: YAMLNode) -> [ContractAuthoritativeDefinition] {
        mappings(node, "authoritativeDefinitions").map { item in
            var definition = ContractAuthoritativeDefinition(
                url: text(item, "url") ?? "", type: text(item, "type") ?? "", description: text(item, "description"),
                location: item.location)
            definition.id = text(item, "id")
            return definition
        }
    }

    /// A relationship end: one reference or a list of them.
    static func references(_ node: YAMLNode?) -> [String] {
        guard let node else { return [] }
        if let scalar = node.scalar { return scalar.kind == .null ? [] : [scalar.text] }
        return (node.sequence ?? []).compactMap { $0.scalar?.text }
    }

    /// The comparison operators of a quality rule, in ODCS order.
    static func operators(_ node: YAMLNode) -> [ContractQualityOperator] {
        var result: [ContractQualityOperator] = []
        if let v = node["mustBe"] { result.append(.mustBe(value(v))) }
        if let v = node["mustNotBe"] { result.append(.mustNotBe(value(v))) }
        if let d = double(node, "mustBeGreaterThan") { result.append(.mustBeGreaterThan(d)) }
        if let d = double(node, "mustBeGreaterOrEqualTo") { result.append(.mustBeGreaterOrEqualTo(d)) }
        if let d = double(node, "mustBeLessThan") { result.append(.mustBeLessThan(d)) }
        if let d = double(node, "mustBeLessOrEqualTo") { result.append(.mustBeLessOrEqualTo(d)) }
        if let range = pair(node, "mustBeBetween") { result.append(.mustBeBetween(range.0, range.1)) }
        if let range = pair(node, "mustNotBeBetween") { result.append(.mustNotBeBetween(range.0, range.1)) }
        return result
    }

    private static func pair(_ node: YAMLNode, _ key: String) -> (Double, Double)? {
        guard let items = node[key]?.sequence, items.count == 2, let low = items[0].scalar?.double,
            let high = items[1].scalar?.double
        else { return nil }
        return (low, high)
    }

    /// Precision and scale of a decimal physical type: `DECIMAL(12,2)` → (12, 2), `NUMERIC(10)` →
    /// (10, nil), `NUMBER(38, 0)` → (38, 0). Nil for anything else.
    static func decimalPrecision(_ physicalType: String) -> (Int?, Int?)? {
        guard let open = physicalType.firstIndex(of: "("), let close = physicalType.lastIndex(of: ")"), open < close else { return nil }
        let name = physicalType[..<open].trimmingSpaces().uppercased()
        guard ["DECIMAL", "NUMERIC", "NUMBER", "DEC"].contains(name) else { return nil }
        let arguments = physicalType[physicalType.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
            .map { Int(String($0).trimmingSpaces()) }
        guard (1...2).contains(arguments.count), let precision = arguments[0] else { return nil }
        if arguments.count == 2 {
            guard let scale = arguments[1] else { return nil }
            return (precision, scale)
        }
        return (precision, nil)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces (Foundation-free trimming).
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}

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

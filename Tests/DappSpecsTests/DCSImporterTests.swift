import DappCore
import DappSpecs
import DappYAML
import Testing

@Suite struct DCSImporterTests {
    typealias T = ContractTestSupport

    private func importFixture() throws -> (contract: DataContract, diagnostics: [Diagnostic], text: String) {
        let text = try T.fixtureText("orders-dcs-1.1.0.yaml")
        let root = T.parse(text, file: "products/sales/orders/orders.dcs.yaml")
        #expect(DataContractSpecificationImporter.isDataContractSpecification(root))
        let (contract, diagnostics) = DataContractSpecificationImporter.importDocument(root)
        return (try #require(contract), diagnostics, text)
    }

    @Test func warnsOnceAtTheSpecificationKey() throws {
        let (_, diagnostics, _) = try importFixture()
        #expect(diagnostics.count == 1)
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.rule == .specDeprecated)
        #expect(warning.message == "Data Contract Specification 1.x is deprecated; converted to ODCS v3 in memory")
        #expect(warning.location == SourceLocation(file: "products/sales/orders/orders.dcs.yaml", line: 1, column: 1))
        #expect(warning.hint?.contains("datacontract import --format dcs") == true)
        #expect(warning.hint?.contains("apiVersion: v3.1.0, kind: DataContract") == true)
    }

    @Test func mapsInfoTermsServersAndLinks() throws {
        let (contract, _, _) = try importFixture()
        #expect(contract.apiVersion == "v3.1.0")
        #expect(contract.kind == "DataContract")
        #expect(contract.source == .dataContractSpecification(version: "1.1.0"))
        #expect(contract.id == "urn:datacontract:sales:orders")
        #expect(contract.name == "Orders")
        #expect(contract.version == "2.0.1")
        #expect(contract.status == "active")
        #expect(contract.description?.purpose == "Successful customer orders in the web shop.")
        #expect(contract.description?.usage?.hasPrefix("Data can be used") == true)
        #expect(contract.description?.limitations == "Not suitable for real-time use cases.")
        #expect(contract.description?.customProperties.map(\.property) == ["billing", "noticePeriod"])
        #expect(contract.team?.name == "Checkout Team")
        #expect(contract.support.first?.url == "mailto:checkout@example.com")
        #expect(contract.support.first?.tool == "email")
        #expect(contract.tags == ["checkout", "orders"])
        #expect(contract.authoritativeDefinitions.first?.type == "datacontractCli")
        #expect(contract.authoritativeDefinitions.first?.url == "https://cli.datacontract.com")

        #expect(contract.servers.map(\.server) == ["production", "warehouse"])
        let s3 = contract.servers[0]
        #expect(s3.type == "s3")
        #expect(s3.storageLocation == "s3://sales-lake/orders/*.json")
        #expect(s3.delimiter == "new_line")
        let postgres = contract.servers[1]
        #expect(postgres.type == "postgres")
        #expect(postgres.port == 5432)
        #expect(postgres.schema == "public")
    }

    @Test func mapsModelsAndFieldTypes() throws {
        let (contract, _, text) = try importFixture()
        #expect(contract.schema.map(\.name) == ["orders", "line_items"])
        let orders = contract.schema[0]
        #expect(orders.physicalType == "table")
        #expect(orders.businessName == "Web shop orders")
        #expect(orders.location.line == T.line(of: "  orders:", in: text) + 1)
        #expect(orders.quality.first?.type == .sql)
        #expect(orders.quality.first?.operators == [.mustBeGreaterThan(0)])

        let orderID = try #require(orders.property(named: "order_id"))
        #expect(orderID.logicalType == .string)
        #expect(orderID.physicalType == "text")
        #expect(orderID.required && orderID.unique && orderID.primaryKey)
        #expect(orderID.primaryKeyPosition == nil)
        #expect(orderID.logicalTypeOptions.format == "uuid")
        #expect(orderID.location.line == T.line(of: "order_id:", in: text) + 1)

        let timestamp = try #require(orders.property(named: "order_timestamp"))
        #expect(timestamp.logicalType == .timestamp)
        #expect(timestamp.examples == [.string("2024-09-09T08:30:00Z")])

        let total = try #require(orders.property(named: "order_total"))
        #expect(total.logicalType == .number)
        #expect(total.physicalType == "decimal")
        #expect(total.logicalTypeOptions.precision == 12)
        #expect(total.logicalTypeOptions.scale == 2)
        #expect(total.logicalTypeOptions.minimum == .int(0))

        let email = try #require(orders.property(named: "customer_email_address"))
        #expect(email.logicalType == .string)
        #expect(email.physicalType == "varchar")
        #expect(email.tags == ["contact", "pii"])
        #expect(email.classification == "sensitive")
        #expect(email.logicalTypeOptions.maxLength == 320)

        let status = try #require(orders.property(named: "status"))
        #expect(status.quality.count == 2)
        #expect(status.quality[0].operators == [.mustBeLessOrEqualTo(0)])
        #expect(status.quality[1].metric == "invalidValues")
        #expect(status.quality[1].arguments?["validValues"] == .list(["placed", "shipped", "cancelled"].map(SpecValue.string)))

        let shipping = try #require(orders.property(named: "shipping"))
        #expect(shipping.logicalType == .object)
        let lineItems = try #require(shipping.property(named: "line_items"))
        #expect(lineItems.logicalType == .array)
        let item = try #require(lineItems.items)
        #expect(item.logicalType == .object)
        #expect(item.physicalType == "record")
        #expect(item.property(named: "sku")?.relationships.first?.to == ["products.sku"])
        #expect(item.property(named: "quantity")?.logicalType == .integer)

        let keys = contract.schema[1].primaryKey
        #expect(keys.map(\.name) == ["order_id", "line_no"])
        #expect(keys.map(\.primaryKeyPosition) == [1, 2])
        #expect(contract.schema[1].property(named: "line_no")?.logicalType == .integer)
    }

    @Test func mapsServiceLevelsToSLAProperties() throws {
        let (contract, _, _) = try importFixture()
        let sla = Dictionary(contract.slaProperties.map { ($0.property, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(
            contract.slaProperties.map(\.property) == [
                "availability", "retention", "latency", "freshness", "frequency", "support", "backup", "recoveryTime", "recoveryPoint",
            ])
        #expect(sla["availability"]?.value == .double(99.9))
        #expect(sla["availability"]?.unit == "percent")
        #expect(sla["retention"]?.value == .int(1))
        #expect(sla["retention"]?.unit == "y")
        #expect(sla["retention"]?.element == "orders.order_timestamp")
        #expect(sla["latency"]?.value == .int(25))
        #expect(sla["latency"]?.unit == "h")
        #expect(sla["latency"]?.element == "orders.processed_timestamp")
        #expect(sla["freshness"]?.element == "orders.order_timestamp")
        #expect(sla["frequency"]?.value == .string("daily"))
        #expect(sla["frequency"]?.valueExt == .string("batch"))
        #expect(sla["frequency"]?.schedule == "0 0 * * *")
        #expect(sla["support"]?.valueExt == .string("1h"))
        #expect(sla["backup"]?.value == .string("weekly"))
        #expect(sla["recoveryTime"]?.value == .int(24))
        #expect(sla["recoveryTime"]?.unit == "hours")
    }

    @Test func typeErrorsAreLocatedAndNeverTrap() throws {
        let root = T.parse(T.dcsWithTypeErrors)
        let (contract, diagnostics) = DataContractSpecificationImporter.importDocument(root)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.allSatisfy { $0.rule == .specType })
        #expect(
            errors.map(\.fieldPath) == [
                "info.title", "servers", "models.orders.fields.id.required", "models.orders.fields.id.maxLength",
                "models.orders.fields.nested.fields", "models.broken",
            ])
        #expect(errors.first?.location.line == 4)
        #expect(errors.first { $0.fieldPath == "models.orders.fields.id.required" }?.location.line == 12)
        #expect(contract?.schema.map(\.name) == ["orders", "broken"])
    }

    @Test func missingRequiredFieldsGiveNoContract() throws {
        let (contract, diagnostics) = DataContractSpecificationImporter.importDocument(
            T.parse(
                """
                dataContractSpecification: 1.2.0
                info:
                  title: Orders
                """))
        #expect(contract == nil)
        #expect(diagnostics.filter { $0.rule == .specRequired }.map(\.fieldPath) == ["id", "info.version"])
        #expect(diagnostics.contains { $0.rule == .specDeprecated })

        let (scalar, scalarDiagnostics) = DataContractSpecificationImporter.importDocument(T.parse("42"))
        #expect(scalar == nil)
        #expect(scalarDiagnostics.first?.rule == .specType)
    }

    @Test func unknownTypesAndReferencesWarn() throws {
        let (contract, diagnostics) = DataContractSpecificationImporter.importDocument(
            T.parse(
                """
                dataContractSpecification: 1.1.0
                id: x
                info: {title: X, version: 1.0.0}
                servers:
                  local: {type: dataframe}
                models:
                  m:
                    fields:
                      a: {type: uuid}
                      b: {$ref: "#/definitions/b"}
                """))
        #expect(!diagnostics.hasErrors)
        #expect(
            diagnostics.filter { $0.severity == .warning && $0.rule == .specValue }.map(\.fieldPath) == [
                "models.m.fields.a.type", "models.m.fields.b.$ref",
            ])
        let server = try #require(contract?.servers.first)
        #expect(server.type == "custom")
        #expect(server.customProperties.first?.value == .string("dataframe"))
        #expect(contract?.schema[0].properties[0].logicalType == nil)
        #expect(contract?.schema[0].properties[0].physicalType == "uuid")
    }

    @Test func typeMappingCoversTheDCSTypes() {
        let expected: [String: ContractLogicalType] = [
            "string": .string, "text": .string, "varchar": .string, "int": .integer, "integer": .integer,
            "long": .integer, "bigint": .integer, "float": .number, "double": .number, "decimal": .number,
            "numeric": .number, "number": .number, "boolean": .boolean, "date": .date, "timestamp": .timestamp,
            "timestamp_tz": .timestamp, "timestamp_ntz": .timestamp, "object": .object, "record": .object,
            "struct": .object, "array": .array,
        ]
        for (dcs, odcs) in expected {
            #expect(DataContractSpecificationImporter.logicalType(forDCSType: dcs) == odcs, "\(dcs)")
        }
        #expect(DataContractSpecificationImporter.logicalType(forDCSType: "null") == nil)
    }
}

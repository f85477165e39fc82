import DappCore
import DappSpecs
import DappYAML
import Testing

@Suite struct ContractDecoderTests {
    typealias T = ContractTestSupport

    @Test func decodesTheTopLevelOfTheOrdersFixture() throws {
        let text = try T.fixtureText("orders-odcs-v3.1.0.yaml")
        let contract = DataContractDecoder.decode(try T.fixture("orders-odcs-v3.1.0.yaml"))
        #expect(contract.apiVersion == "v3.1.0")
        #expect(contract.kind == "DataContract")
        #expect(contract.id == "53581432-6c55-4ba2-a65f-72344a91553a")
        #expect(contract.name == "Orders")
        #expect(contract.version == "1.2.0")
        #expect(contract.status == "active")
        #expect(contract.domain == "sales")
        #expect(contract.dataProduct == "orders")
        #expect(contract.tenant == "webshop")
        #expect(contract.source == .odcs)
        #expect(contract.tags == ["sales", "orders"])
        #expect(contract.description?.purpose?.hasPrefix("One row per order") == true)
        #expect(contract.description?.authoritativeDefinitions.first?.type == "businessDefinition")
        #expect(contract.contractCreatedTs == "2024-03-01T09:00:00Z")
        #expect(contract.customProperty("dataRetentionDays") == .int(2555))
        #expect(contract.authoritativeDefinitions.first?.description == "Pipeline that produces the data.")
        #expect(contract.location == SourceLocation(file: "fixtures/contracts/orders-odcs-v3.1.0.yaml", line: 2, column: 1))
        #expect(contract.schema.map(\.name) == ["orders", "order_lines"])
        #expect(contract.schema[1].location.line == T.line(of: "- name: order_lines", in: text))
    }

    @Test func decodesServersSLAsTeamRolesSupportAndPrice() throws {
        let text = try T.fixtureText("orders-odcs-v3.1.0.yaml")
        let contract = DataContractDecoder.decode(try T.fixture("orders-odcs-v3.1.0.yaml"))

        let tidb = try #require(contract.servers.first)
        #expect(tidb.id == "prod_tidb")
        #expect(tidb.server == "orders-tidb")
        #expect(tidb.type == "mysql")
        #expect(tidb.host == "tidb.sales.svc.cluster.local")
        #expect(tidb.port == 4000)
        #expect(tidb.database == "sales_orders")
        #expect(tidb.environment == "prod")
        #expect(tidb.location.line == T.line(of: "- id: prod_tidb", in: text))
        let lake = contract.servers[1]
        #expect(lake.storageLocation == "s3://sales-lake/orders/*.parquet")
        #expect(lake.endpointUrl == "https://minio.example.com")
        #expect(lake.format == "parquet")

        #expect(contract.slaProperties.map(\.property) == ["latency", "retention", "frequency"])
        #expect(contract.slaProperties[0].value == .int(4))
        #expect(contract.slaProperties[0].unit == "h")
        #expect(contract.slaProperties[0].element == "orders.placed_at")
        #expect(contract.slaProperties[1].driver == "regulatory")
        #expect(contract.slaProperties[2].valueExt == .int(1))
        #expect(contract.slaProperties[2].schedule == "0 5 * * *")

        let team = try #require(contract.team)
        #expect(team.name == "team-orders")
        #expect(!team.isLegacyList)
        #expect(team.members.map(\.username) == ["ana@example.com", "bo@example.com"])
        #expect(team.members[0].role == "owner")
        #expect(team.members[1].dateOut == "2025-06-30")
        #expect(team.members[1].replacedByUsername == "ana@example.com")

        #expect(contract.roles.first?.role == "sales_orders_read")
        #expect(contract.roles.first?.access == "read")
        #expect(contract.roles.first?.secondLevelApprovers == "data-governance")
        #expect(contract.support.map(\.channel) == ["#orders-help", "orders-announce"])
        #expect(contract.support[0].tool == "slack")
        #expect(contract.price?.priceAmount == 0)
        #expect(contract.price?.priceCurrency == "EUR")
    }

    @Test func decodesPropertiesWithTypesKeysOptionsAndLocations() throws {
        let text = try T.fixtureText("orders-odcs-v3.1.0.yaml")
        let orders = try #require(DataContractDecoder.decode(try T.fixture("orders-odcs-v3.1.0.yaml")).object(named: "orders"))
        #expect(orders.id == "orders_tbl")
        #expect(orders.physicalType == "table")
        #expect(orders.logicalType == "object")
        #expect(orders.businessName == "Order")
        #expect(orders.dataGranularityDescription == "One row per order")
        #expect(orders.primaryKey.map(\.name) == ["order_id"])

        let orderID = try #require(orders.property(named: "order_id"))
        #expect(orderID.logicalType == .string)
        #expect(orderID.physicalType == "VARCHAR(36)")
        #expect(orderID.required && orderID.unique && orderID.primaryKey && orderID.criticalDataElement)
        #expect(orderID.primaryKeyPosition == 1)
        #expect(orderID.logicalTypeOptions.format == "uuid")
        #expect(orderID.logicalTypeOptions.maxLength == 36)
        #expect(orderID.logicalTypeOptions.raw.map(\.key) == ["format", "maxLength"])
        #expect(orderID.examples == [.string("7d0a5f3e-1c2b-4b53-9d4e-2f1e8c7b6a90")])
        #expect(!orderID.isNullable)
        let line = T.line(of: "- id: order_id_col", in: text)
        #expect(orderID.location == SourceLocation(file: "fixtures/contracts/orders-odcs-v3.1.0.yaml", line: line, column: 9))
        #expect(orderID.logicalTypeOptions.location?.line == line + 10)

        let email = try #require(orders.property(named: "customer_email"))
        #expect(email.classification == "confidential")
        #expect(email.tags == ["pii"])
        #expect(email.encryptedName == "customer_email_enc")
        #expect(email.isNullable)

        let total = try #require(orders.property(named: "total_amount"))
        #expect(total.logicalType == .number)
        #expect(total.logicalTypeOptions.precision == 12)
        #expect(total.logicalTypeOptions.scale == 2)
        #expect(total.logicalTypeOptions.minimum == .int(0))
        #expect(total.logicalTypeOptions.exclusiveMaximum == .int(1_000_000))

        let placedAt = try #require(orders.property(named: "placed_at"))
        #expect(placedAt.logicalType == .timestamp)
        #expect(placedAt.partitioned)
        #expect(placedAt.partitionKeyPosition == 1)
        #expect(placedAt.logicalTypeOptions.timezone == true)
        #expect(placedAt.logicalTypeOptions.defaultTimezone == "Etc/UTC")
    }

    @Test func decodesNestedObjectsArraysAndRenames() throws {
        let contract = DataContractDecoder.decode(try T.fixture("orders-odcs-v3.1.0.yaml"))
        let orders = try #require(contract.object(named: "orders"))
        #expect(orders.property(named: "status")?.renamedFrom == "order_status")
        #expect(orders.property(named: "order_id")?.renamedFrom == nil)

        let address = try #require(orders.property(named: "shipping_address"))
        #expect(address.logicalType == .object)
        #expect(address.properties.map(\.name) == ["street", "city", "postal_code"])
        #expect(address.property(named: "city")?.required == true)
        #expect(address.property(named: "postal_code")?.renamedFrom == "zip")

        let coupons = try #require(orders.property(named: "coupon_codes"))
        #expect(coupons.logicalType == .array)
        #expect(coupons.logicalTypeOptions.maxItems == 5)
        #expect(coupons.logicalTypeOptions.uniqueItems == true)
        let items = try #require(coupons.items)
        #expect(items.name == "")
        #expect(items.logicalType == .string)
        #expect(items.logicalTypeOptions.pattern == "^[A-Z0-9]{4,12}$")

        let lines = try #require(contract.object(named: "order_lines"))
        #expect(lines.primaryKey.map(\.name) == ["order_id", "line_no"])
        #expect(lines.property(named: "order_id")?.relationships.first?.to == ["orders.order_id"])
        #expect(lines.property(named: "order_id")?.relationships.first?.from == [])
        #expect(lines.property(named: "line_no")?.logicalTypeOptions.format == "i32")
        #expect(lines.property(named: "quantity")?.logicalTypeOptions.exclusiveMinimum == .int(0))
    }

    @Test func decodesQualityRules() throws {
        let orders = try #require(DataContractDecoder.decode(try T.fixture("orders-odcs-v3.1.0.yaml")).object(named: "orders"))
        let rowCount = orders.quality[0]
        #expect(rowCount.type == .library)
        #expect(rowCount.metric == "rowCount")
        #expect(rowCount.operators == [.mustBeGreaterThan(0)])
        #expect(rowCount.dimension == "completeness")
        #expect(rowCount.scheduler == "cron")
        #expect(orders.quality[1].type == .text)

        let sql = try #require(orders.property(named: "total_amount")?.quality.first)
        #expect(sql.type == .sql)
        #expect(sql.name == "non_negative_totals")
        #expect(sql.query == "SELECT COUNT(*) FROM ${object} WHERE ${property} < 0")
        #expect(sql.operators == [.mustBe(.int(0))])

        let valid = try #require(orders.property(named: "status")?.quality.first)
        #expect(valid.type == .library)
        #expect(valid.metric == "invalidValues")
        #expect(valid.arguments?["validValues"] == .list(["placed", "paid", "shipped", "cancelled"].map(SpecValue.string)))
    }

    @Test func normalizesODCS30Shapes() throws {
        let root = T.contract(
            """
            team:
              - username: ana@example.com
                role: owner
            schema:
              - name: customers
                properties:
                  - name: id
                    logicalType: integer
                    primaryKey: true
                    primaryKeyPosition: -1
                    logicalTypeOptions:
                      minimum: 0
                      exclusiveMinimum: true
                      maximum: 100
                      exclusiveMaximum: false
                  - name: balance
                    logicalType: number
                    physicalType: numeric(10)
                quality:
                  - rule: duplicateCount
                    mustBeBetween: [0, 1]
                    mustNotBe: 7
            """, apiVersion: "v3.0.2")
        let contract = DataContractDecoder.decode(root)
        let team = try #require(contract.team)
        #expect(team.isLegacyList)
        #expect(team.members.first?.username == "ana@example.com")
        #expect(team.location.line == 7)

        let id = contract.schema[0].properties[0]
        #expect(id.primaryKeyPosition == nil)
        #expect(id.logicalTypeOptions.minimum == nil)
        #expect(id.logicalTypeOptions.exclusiveMinimum == .int(0))
        #expect(id.logicalTypeOptions.maximum == .int(100))
        #expect(id.logicalTypeOptions.exclusiveMaximum == nil)
        #expect(contract.schema[0].properties[1].logicalTypeOptions.precision == 10)
        #expect(contract.schema[0].properties[1].logicalTypeOptions.scale == nil)

        let rule = contract.schema[0].quality[0]
        #expect(rule.type == .library)
        #expect(rule.rule == "duplicateCount")
        #expect(rule.operators == [.mustNotBe(.int(7)), .mustBeBetween(0, 1)])
    }

    @Test func oddInputDecodesWithoutTrapping() {
        for yaml in [
            "just a string", "- a\n- b", "schema: 5\nteam: x\nservers: [1, {server: 2}]", "schema: [{properties: [{items: 3}, 7]}]",
        ] {
            let contract = DataContractDecoder.decode(T.parse(yaml))
            #expect(contract.id == "")
        }
        let contract = DataContractDecoder.decode(T.parse("schema: [{properties: [{name: a, items: {properties: [{name: b}]}}]}]"))
        #expect(contract.schema[0].properties[0].items?.properties.first?.name == "b")
    }

    @Test func decimalPrecisionIsReadFromPhysicalTypes() {
        func options(_ physicalType: String) -> ContractLogicalTypeOptions {
            DataContractDecoder.decode(T.contract("schema: [{name: t, properties: [{name: c, physicalType: '\(physicalType)'}]}]"))
                .schema[0].properties[0].logicalTypeOptions
        }
        #expect(options("DECIMAL(12,2)").precision == 12)
        #expect(options("DECIMAL(12,2)").scale == 2)
        #expect(options("NUMBER( 38 , 0 )").scale == 0)
        #expect(options("VARCHAR(36)").precision == nil)
        #expect(options("DECIMAL(x)").precision == nil)
        #expect(options("DECIMAL(12,2)").raw.isEmpty)
    }
}

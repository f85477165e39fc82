import DappCore
import DappSpecs
import DappYAML
import Foundation
import Testing

@Suite struct ContractSchemaTests {
    typealias T = ContractTestSupport

    @Test func orders310FixtureIsValid() throws {
        let root = try T.fixture("orders-odcs-v3.1.0.yaml")
        #expect(T.schemaDiagnostics(root) == [])
        #expect(DataContractSchema.validate(root) == [])
    }

    @Test func realLooking302ContractIsValid() {
        let root = T.contract(
            """
            name: customers
            domain: sales
            team:
              - username: ana@example.com
                role: owner
                dateIn: "2023-01-01"
            support:
              - channel: "#customers"
                url: https://example.slack.com/archives/C1
            servers:
              - server: prod
                type: postgresql
                host: pg.example.com
                port: 5432
                database: crm
                schema: public
            schema:
              - name: customers
                physicalType: table
                properties:
                  - name: customer_id
                    logicalType: integer
                    physicalType: BIGINT
                    primaryKey: true
                    primaryKeyPosition: -1
                    logicalTypeOptions:
                      minimum: 0
                      exclusiveMinimum: true
                  - name: balance
                    logicalType: number
                    physicalType: NUMERIC(10, 2)
                  - name: created
                    logicalType: date
                    logicalTypeOptions:
                      format: yyyy-MM-dd
                      minimum: "2000-01-01"
                quality:
                  - rule: duplicateCount
                    mustBeLessThan: 1
                    unit: rows
                  - type: sql
                    query: SELECT COUNT(*) FROM customers
                    mustBeGreaterThan: 0
                    mustBeLessThan: 1000000
                  - type: custom
                    engine: soda
                    implementation: |
                      - row_count > 0
            slaDefaultElement: customers.created
            slaProperties:
              - property: retention
                value: 3
                unit: y
            """, apiVersion: "v3.0.2")
        #expect(DataContractSchema.validate(root) == [])
    }

    @Test func typoInPropertyFieldSuggestsTheRightName() throws {
        let root = T.contract(
            """
            schema:
              - name: orders
                properties:
                  - name: order_id
                    logicalType: string
                    descripton: Unique id.
            """)
        let diagnostics = DataContractSchema.validate(root)
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.rule == .specUnknownField)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("unknown field 'descripton'"))
        #expect(diagnostic.hint == "did you mean 'description'?")
        #expect(diagnostic.fieldPath == "schema[0].properties[0].descripton")
        #expect(diagnostic.location.line == 11)
        #expect(diagnostic.location.column == 9)
    }

    @Test func typoInQualityOperatorIsAnError() throws {
        let root = T.contract(
            """
            schema:
              - name: orders
                quality:
                  - metric: rowCount
                    mustBeGreaterThen: 0
            """)
        let unknown = try #require(DataContractSchema.validate(root).first { $0.rule == .specUnknownField })
        #expect(unknown.hint == "did you mean 'mustBeGreaterThan'?")
    }

    @Test func wrongLogicalTypeIsAnEnumError() throws {
        let root = T.contract(
            """
            schema:
              - name: orders
                properties:
                  - name: order_id
                    logicalType: strng
            """)
        let diagnostic = try #require(T.schemaDiagnostics(root).first)
        #expect(diagnostic.rule == .specEnum)
        #expect(diagnostic.hint == "did you mean 'string'?")
        #expect(diagnostic.location.line == 10)
    }

    @Test func missingIdAndUnsupportedAPIVersion() {
        let root = T.parse(
            """
            apiVersion: v2.2.2
            kind: DataContract
            version: 1.0.0
            status: active
            """)
        let diagnostics = T.schemaDiagnostics(root)
        #expect(diagnostics.contains { $0.rule == .specRequired && $0.message == "missing required field 'id'" })
        #expect(diagnostics.contains { $0.rule == .specEnum && $0.fieldPath == "apiVersion" })
    }

    @Test func unquotedNumericVersionIsATypeErrorWithAHint() throws {
        let root = T.parse(
            """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders
            version: 1.0
            status: active
            """)
        let diagnostic = try #require(T.schemaDiagnostics(root).first)
        #expect(diagnostic.rule == .specType)
        #expect(diagnostic.hint?.contains("quote it") == true)
    }

    @Test func serverFieldsDependOnTheServerType() {
        let root = T.contract(
            """
            servers:
              - server: db
                type: mysql
                host: tidb.example.com
                database: sales
                location: s3://nope
              - server: lake
                type: s3
                hots: minio
            """)
        let diagnostics = DataContractSchema.validate(root)
        #expect(diagnostics.contains { $0.rule == .specRequired && $0.fieldPath == "servers[0].port" })
        #expect(
            diagnostics.contains {
                $0.rule == .specUnknownField && $0.fieldPath == "servers[0].location"
                    && $0.hint?.contains("fields of mysql servers: host, port, database") == true
            })
        #expect(diagnostics.contains { $0.rule == .specRequired && $0.fieldPath == "servers[1].location" })
        #expect(diagnostics.contains { $0.rule == .specUnknownField && $0.hint == "did you mean 'host'?" })
        // The misspelt field is reported once, by the schema, not again as a wrong-type field.
        #expect(diagnostics.filter { $0.fieldPath == "servers[1].hots" }.count == 1)
    }

    @Test func logicalTypeOptionsMustFitTheLogicalType() {
        let root = T.contract(
            """
            schema:
              - name: orders
                properties:
                  - name: quantity
                    logicalType: integer
                    logicalTypeOptions:
                      minLength: 1
                      exclusiveMinimum: true
                      format: int32
                  - name: code
                    logicalType: string
                    logicalTypeOptions:
                      minLength: 10
                      maxLength: 2
            """)
        let diagnostics = DataContractSchema.validate(root)
        let base = "schema[0].properties"
        #expect(diagnostics.contains { $0.rule == .specUnknownField && $0.fieldPath == "\(base)[0].logicalTypeOptions.minLength" })
        #expect(
            diagnostics.contains {
                $0.rule == .specType && $0.fieldPath == "\(base)[0].logicalTypeOptions.exclusiveMinimum"
                    && $0.hint?.contains("since ODCS 3.1") == true
            })
        #expect(diagnostics.contains { $0.rule == .specEnum && $0.fieldPath == "\(base)[0].logicalTypeOptions.format" })
        #expect(diagnostics.contains { $0.rule == .specValue && $0.fieldPath == "\(base)[1].logicalTypeOptions.minLength" })
        #expect(diagnostics.count == 4)
    }

    @Test func nestedPropertiesNeedTheMatchingLogicalType() {
        let root = T.contract(
            """
            schema:
              - name: orders
                properties:
                  - name: address
                    logicalType: string
                    properties:
                      - name: city
                  - name: tags
                    logicalType: object
                    items:
                      logicalType: string
            """)
        let diagnostics = DataContractSchema.validate(root)
        #expect(diagnostics.contains { $0.rule == .specUnknownField && $0.fieldPath == "schema[0].properties[0].properties" })
        #expect(diagnostics.contains { $0.rule == .specUnknownField && $0.fieldPath == "schema[0].properties[1].items" })
    }

    @Test func qualityRulesNeedWhatTheirTypeNeeds() {
        let root = T.contract(
            """
            schema:
              - name: orders
                quality:
                  - type: sql
                    mustBe: 0
                  - type: custom
                    engine: soda
                  - metric: nullValues
                    mustBe: 0
                    mustBeLessThan: 5
                  - type: library
                    rule: duplicateCount
                    mustBe: 0
                  - type: text
                    description: Fine.
                    query: SELECT 1
                  - metric: rowCount
                    mustBeBetween: [10, 1]
            """)
        let diagnostics = DataContractSchema.validate(root)
        let q = "schema[0].quality"
        #expect(diagnostics.contains { $0.rule == .specRequired && $0.fieldPath == "\(q)[0].query" })
        #expect(diagnostics.contains { $0.rule == .specRequired && $0.fieldPath == "\(q)[1].implementation" })
        #expect(diagnostics.contains { $0.rule == .specValue && $0.fieldPath == "\(q)[2]" && $0.message.contains("exactly one") })
        #expect(diagnostics.contains { $0.severity == .warning && $0.rule == .specDeprecated && $0.fieldPath == "\(q)[3].rule" })
        #expect(diagnostics.contains { $0.rule == .specUnknownField && $0.fieldPath == "\(q)[4].query" })
        #expect(diagnostics.contains { $0.rule == .specValue && $0.fieldPath == "\(q)[5].mustBeBetween[0]" })
    }

    @Test func versionDifferencesAreChecked() {
        let v30 = T.contract(
            """
            support:
              - channel: help
            schema:
              - name: orders
                properties:
                  - name: placed_at
                    logicalType: timestamp
            """, apiVersion: "v3.0.1")
        let diagnostics30 = DataContractSchema.validate(v30)
        #expect(diagnostics30.contains { $0.rule == .specRequired && $0.fieldPath == "support[0].url" })
        #expect(diagnostics30.contains { $0.rule == .specEnum && $0.message.contains("needs apiVersion v3.1.0") })

        let v31 = T.contract(
            """
            team:
              - role: owner
            slaDefaultElement: orders.placed_at
            """)
        let diagnostics31 = DataContractSchema.validate(v31)
        #expect(diagnostics31.filter { $0.rule == .specDeprecated }.count == 2)
        #expect(diagnostics31.contains { $0.rule == .specRequired && $0.fieldPath == "team[0].username" })
    }

    @Test func unusualStatusIsAWarningWithASuggestion() throws {
        let root = T.parse(
            """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders
            version: 1.0.0
            status: actve
            """)
        #expect(T.schemaDiagnostics(root) == [])
        let diagnostic = try #require(DataContractSchema.validate(root).first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.hint == "did you mean 'active'?")
    }

    @Test func duplicateNamesAndBadIdsAreErrors() {
        let root = T.contract(
            """
            schema:
              - name: orders
                id: orders tbl
                properties:
                  - name: order_id
                    id: c1
                  - name: order_id
                    id: c1
            """)
        let diagnostics = DataContractSchema.validate(root)
        #expect(diagnostics.contains { $0.rule == .specValue && $0.fieldPath == "schema[0].id" })
        #expect(diagnostics.filter { $0.rule == .refDuplicateName }.count == 2)
    }

    /// Nesting deeper than the schema spells out is still validated, once, at every level.
    @Test func everyNestingLevelIsValidated() throws {
        func document(leaf: String) -> YAMLNode {
            var yaml = "schema:\n  - name: deep\n    properties:\n"
            var indent = "      "
            for level in 0..<12 {
                let kind =
                    level % 2 == 0
                    ? "logicalType: object\n\(indent)  properties:"
                    : "logicalType: array\n\(indent)  items:\n\(indent)    logicalType: object\n\(indent)    properties:"
                yaml += "\(indent)- name: level\(level)\n\(indent)  \(kind)\n"
                indent += level % 2 == 0 ? "    " : "      "
            }
            yaml += "\(indent)- name: leaf\n\(indent)  \(leaf)\n"
            return T.contract(yaml)
        }
        let valid = document(leaf: "logicalType: string")
        #expect(DataContractSchema.validate(valid) == [])
        var property = DataContractDecoder.decode(valid).schema[0].properties[0]
        for level in 0..<12 { property = level % 2 == 0 ? property.properties[0] : try #require(property.items?.properties.first) }
        #expect(property.name == "leaf")

        let typo = DataContractSchema.validate(document(leaf: "logicalTyp: string"))
        #expect(typo.count == 1)
        #expect(typo.first?.rule == .specUnknownField)
        #expect(typo.first?.hint == "did you mean 'logicalType'?")
        #expect(typo.first?.fieldPath?.hasSuffix(".items.properties[0].logicalTyp") == true)
    }
}

import Testing

@testable import DappPolicy

/// Engine-aware promotion: the same declared change can widen on one engine and be nothing on another.
@Suite struct TypePromotionTests {
    func change(_ old: String, _ new: String, _ engine: TypeEngine) -> TypeChange {
        PhysicalType.change(from: PhysicalType(old, engine: engine), to: PhysicalType(new, engine: engine))
    }

    @Test(arguments: [
        ("INT", "BIGINT", TypeEngine.mysql, TypeChange.widened),
        ("BIGINT", "INT", .mysql, .narrowed),
        ("INT", "BIGINT", .sqlite, .same),  // SQLite stores every integer in up to 8 bytes
        ("VARCHAR(20)", "VARCHAR(40)", .sqlite, .same),  // and does not enforce declared lengths
        ("integer", "bigint", .postgres, .widened),
        ("smallint", "int2", .postgres, .same),
        ("float", "double precision", .postgres, .same),  // float is double in PostgreSQL
        ("FLOAT", "DOUBLE", .mysql, .widened),
        ("DECIMAL(10,2)", "DECIMAL(12,2)", .mysql, .widened),
        ("DECIMAL(12,2)", "DECIMAL(10,2)", .mysql, .narrowed),
        ("DECIMAL(10,2)", "DECIMAL(10,4)", .mysql, .incompatible),  // fewer integer digits, more scale
        ("INT", "DECIMAL(12,2)", .mysql, .widened),
        ("BIGINT", "DECIMAL(12,2)", .mysql, .incompatible),  // 19 digits do not fit in 10
        ("CHAR(26)", "VARCHAR(26)", .mysql, .same),
        ("VARCHAR(255)", "TEXT", .mysql, .widened),
        ("TEXT", "VARCHAR(255)", .mysql, .narrowed),
        ("character varying(20)", "varchar(40)", .postgres, .widened),
        ("DATE", "DATETIME", .mysql, .widened),
        ("DATETIME(3)", "DATETIME(6)", .mysql, .widened),
        ("TINYINT(1)", "BOOLEAN", .mysql, .same),  // MySQL's boolean is TINYINT(1)
        ("INT UNSIGNED", "INT", .mysql, .incompatible),
        ("INT", "INT UNSIGNED", .mysql, .incompatible),
        ("INT UNSIGNED", "BIGINT", .mysql, .widened),
        ("VARCHAR(16) NOT NULL", "VARCHAR(16)", .mysql, .same),
        ("INT", "VARCHAR(20)", .mysql, .incompatible),
        ("LARGEINT", "BIGINT", .doris, .narrowed),
    ])
    func promotions(_ old: String, _ new: String, _ engine: TypeEngine, _ expected: TypeChange) {
        #expect(change(old, new, engine) == expected, "\(old) → \(new) on \(engine)")
    }

    @Test func notNullIsSeenApartFromTheType() {
        #expect(PhysicalType("VARCHAR(16) NOT NULL", engine: .mysql).notNull)
        #expect(!PhysicalType("VARCHAR(16) NULL", engine: .mysql).notNull)
    }

    @Test func logicalTypes() {
        #expect(LogicalTypePromotion.change(from: "integer", to: "number") == .widened)
        #expect(LogicalTypePromotion.change(from: "timestamp", to: "date") == .narrowed)
        #expect(LogicalTypePromotion.change(from: "string", to: "integer") == .incompatible)
    }

    @Test func semanticVersionsOrderBySemver() {
        #expect(SemanticVersion("1.10.0")! > SemanticVersion("1.9.9")!)
        #expect(SemanticVersion("2.0.0-rc.1")! < SemanticVersion("2.0.0")!)
        #expect(SemanticVersion("2.0.0-rc.2")! < SemanticVersion("2.0.0-rc.10")!)
        #expect(SemanticVersion("1.0.0+build.5") == SemanticVersion("1.0.0"))
        #expect(SemanticVersion("1.2") == nil)
        #expect(SemanticVersion("01.2.3") == nil)
    }
}

import DappCore
import Testing

/// Contract properties keep their type options and less common fields out of line: a property
/// must still read, compare and copy exactly as a plain value does.
@Suite struct OutOfLineTests {
    static let here = SourceLocation(file: "c.odcs.yaml", line: 3, column: 7)

    @Test func anUnsetFieldReadsItsDefaultAndEqualsOneSetToTheDefault() {
        var written = ContractProperty(name: "id", location: Self.here)
        let untouched = written
        written.renamedFrom = nil
        written.tags = []
        written.logicalTypeOptions = ContractLogicalTypeOptions()
        #expect(written == untouched)
        #expect(written.hashValue == untouched.hashValue)
        #expect(untouched.renamedFrom == nil && untouched.tags.isEmpty && untouched.logicalTypeOptions.isEmpty)
    }

    @Test func aSetFieldIsReadBackAndMakesTheValueDiffer() {
        let plain = ContractProperty(name: "email", location: Self.here)
        var property = plain
        property.renamedFrom = "mail"
        property.logicalTypeOptions.maxLength = 64
        property.primaryKeyPosition = 2
        #expect(property.renamedFrom == "mail")
        #expect(property.logicalTypeOptions.maxLength == 64)
        #expect(property.primaryKeyPosition == 2)
        #expect(property != plain)
        // Set back to the defaults, it equals the plain one again (and hashes alike).
        property.renamedFrom = nil
        property.logicalTypeOptions.maxLength = nil
        property.primaryKeyPosition = nil
        #expect(property == plain)
        #expect(property.hashValue == plain.hashValue)
    }

    @Test func aCopyIsIndependentOfTheOriginal() {
        var original = ContractProperty(name: "total", location: Self.here)
        original.tags = ["pii"]
        original.logicalTypeOptions.minimum = .int(0)
        var copy = original
        copy.tags.append("finance")
        copy.logicalTypeOptions.minimum = .int(1)
        #expect(original.tags == ["pii"])
        #expect(original.logicalTypeOptions.minimum == .int(0))
        #expect(copy.tags == ["pii", "finance"])
        #expect(copy.logicalTypeOptions.minimum == .int(1))
    }

    struct Stop: Error {}

    /// An inout access that ends by throwing still writes back what it changed, as for any
    /// stored property.
    @Test func aWriteThatThrowsIsKept() {
        var property = ContractProperty(name: "code", location: Self.here)
        func limit(_ options: inout ContractLogicalTypeOptions) throws {
            options.maxLength = 5
            throw Stop()
        }
        #expect(throws: Stop.self) { try limit(&property.logicalTypeOptions) }
        #expect(property.logicalTypeOptions.maxLength == 5)
    }
}

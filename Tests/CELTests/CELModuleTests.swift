import CEL
import Testing

@Suite struct CELModuleTests {
    @Test func moduleIsStandalone() {
        #expect(String(describing: CEL.self) == "CEL")
    }
}

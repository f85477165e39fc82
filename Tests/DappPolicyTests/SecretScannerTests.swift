import CEL
import DappCore
import Testing

@testable import DappPolicy

/// `secrets.literals`: credentials found by key or by shape, reported by path only.
@Suite struct SecretScannerTests {
    func scan(_ pairs: KeyValuePairs<String, CELValue>) -> [String] {
        SecretScanner.literals(in: .map(CELMap(pairs)))
    }

    @Test func valuesUnderSecretKeysAreFound() {
        #expect(scan(["password": .string("x1")]) == ["password"])
        #expect(scan(["db_password": .string("hunter2")]) == ["db_password"])
        #expect(scan(["client-secret": .string("abc")]) == ["client-secret"])
        #expect(scan(["apiKey": .string("abc")]) == ["apiKey"])
        #expect(scan(["spec": .map(CELMap(["params": .list([.map(CELMap(["token": .string("t")]))])]))]) == ["spec.params[0].token"])
        // Case, `_`, `-` and `.` do not matter; the suffix must be whole.
        #expect(scan(["DB.PASS_WORD": .string("x")]) == ["DB.PASS_WORD"])
        #expect(scan(["Private-Key": .string("x")]) == ["Private-Key"])
        #expect(scan(["passwordHint": .string("the usual")]) == [])
        #expect(scan(["ssword": .string("x")]) == [])
    }

    /// Every suffix is recognised in any case and with separators, also after a trailing one;
    /// one more letter makes it something else.
    @Test func everySecretSuffixIsAKey() {
        for suffix in SecretScanner.secretKeySuffixes {
            #expect(SecretScanner.isSecretKey(suffix), "\(suffix)")
            #expect(SecretScanner.isSecretKey("db_" + suffix.uppercased()), "\(suffix)")
            #expect(SecretScanner.isSecretKey("x." + suffix + "_"), "\(suffix)")
            #expect(!SecretScanner.isSecretKey(suffix + "s") || SecretScanner.secretKeySuffixes.contains(suffix + "s"), "\(suffix)s")
            #expect(!SecretScanner.isSecretKey(suffix + "x"), "\(suffix)x")
        }
        #expect(!SecretScanner.isSecretKey(""))
        #expect(!SecretScanner.isSecretKey("_-."))
    }

    @Test func nonASCIITextIsJudgedByCharacter() {
        #expect(scan(["note": .string("Überweisung für Bestellungen im Webshop, täglich")]) == [])
        #expect(scan(["blob": .string("q7F2xK9mPz4LwR8tVb3NcY6hJd1Gs5Ueé")]) == ["blob"])
        #expect(scan(["blob": .string("q7F2xK9mPz4L wR8tVb3NcY6hJd1Gs5Ueé")]) == [])
    }

    @Test func referencesPlaceholdersAndEmptyValuesAreNotSecrets() {
        #expect(scan(["password": .map(CELMap(["secretRef": .map(CELMap(["name": .string("db"), "key": .string("pw")]))]))]) == [])
        #expect(scan(["password": .string("${DB_PASSWORD}")]) == [])
        #expect(scan(["password": .string("")]) == [])
        #expect(scan(["tokenCount": .int(3)]) == [])
    }

    @Test func tokensAreFoundByShapeAnywhere() {
        #expect(scan(["tags": .list([.string("orders"), .string("ghp_R8x2KqV7mN4pL9sT1wYb6Zc3Hd5Jf0Ua8Qe")])]) == ["tags[1]"])
        #expect(scan(["note": .string("AKIAIOSFODNN7EXAMPLE")]) == ["note"])
        #expect(scan(["blob": .string("q7F2xK9mPz4LwR8tVb3NcY6hJd1Gs5Ue")]) == ["blob"])
    }

    @Test func ordinaryLongStringsAreNot() {
        for text in [
            "9c2d41e6-7b0a-4d8f-a3c5-6e1f0b7d2a93",  // a UUID
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  // a hex digest (4 bits per character at most)
            "https://wiki.example.com/data/orders-product-overview",
            "customer_lifetime_value_by_segment_and_country",
            "Orders placed in the web shop, one row per order.",
            "2026-11-26T10:00:00Z",
            "domain-024/product-0199",  // generated names: one case, separators
            "owner-0199-team@example.com",
            "product-0199.odcs.yaml",
            "CustomerLifetimeValue2024Segments",  // camel case with a year: low entropy
        ] {
            #expect(scan(["value": .string(text)]) == [], "\(text)")
        }
    }

    /// `secrets.literals(o)` is charged one step per list item and map entry of `o` (and one per
    /// 64 bytes of a string), skipped `secretRef` subtrees included: the scan counts as it walks.
    @Test func literalsAreChargedTheSizeOfTheirArgument() throws {
        let long = String(repeating: "x", count: 130)
        let object = CELValue.map(
            CELMap([
                "spec": .map(
                    CELMap([
                        "password": .string("hunter2"), "notes": .string(long), "tags": .list([.string("a"), .int(1), .null]),
                        "db": .map(CELMap(["secretRef": .map(CELMap(["name": .string("n"), "key": .string(long)]))])),
                    ]))
            ]))
        let activation = CELActivation(["o": object])
        // 1 (root) + 1 (spec) + 1 (password) + 3 (notes) + 4 (tags) + 1 (db) + 1 (secretRef) + 1 (name) + 3 (key)
        #expect(CELFunction.size(of: object) == 16)
        var minimum: Int?
        for limit in 0...60 {
            let program = try CELProgram(source: "secrets.literals(o)", options: .init(costLimit: limit, functions: PolicyFunctions.all))
            do {
                #expect(try program.evaluate(activation) == .list([.string("spec.password")]))
                minimum = limit
                break
            } catch {
                #expect(error.isCostBudgetExceeded, "\(error)")
            }
        }
        // The call and its argument (2 nodes) plus the argument's size.
        #expect(minimum == 18)
    }

    @Test func byteSetsHoldExactlyTheirBytes() {
        let members: [UInt8] = [0, 45, 63, 64, 65, 127, 128, 191, 192, 255]
        let set = ByteSet(members)
        for byte in UInt8.min...UInt8.max { #expect(set.contains(byte) == members.contains(byte), "\(byte)") }
    }
}

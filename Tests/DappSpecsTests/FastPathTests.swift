import DappCore
import DappYAML
import Testing

@testable import DappSpecs

/// The byte-level fast paths and key tables give exactly what the character-based code gives.
@Suite struct FastPathTests {
    typealias T = ContractTestSupport

    static let texts = [
        "", "/", "//", "a", "a/b", "/a/b/", "products/sales/orders/orders.odcs.yaml", "a//b", "a\r\n/b", "é/ü/x", "e\u{301}/x",
        "/\u{301}x/y", "semi@colon@", "@", "x@y.z", String(repeating: "ab/", count: 40),
    ]

    @Test(arguments: texts)
    func splittingMatchesSplit(text: String) {
        for separator: Unicode.Scalar in ["/", "@", "."] {
            for omitting in [true, false] {
                #expect(
                    text.splitting(separator, omittingEmptySubsequences: omitting)
                        == text.split(separator: Character(separator), omittingEmptySubsequences: omitting))
            }
        }
    }

    @Test func asciiCheck() {
        #expect("products/a/b.yaml".isASCIIText)
        #expect("".isASCIIText)
        #expect(!"é".isASCIIText)
        #expect(!"products/caf\u{E9}/x".isASCIIText)
    }

    @Test(arguments: [
        "products/d/p/orders.odcs.yaml", "orders.odcs.yml", "a/b/c.dcs.yaml", "x.dcs.yml", "plain.yaml", "plain.yml", "noext",
        "dir/.yaml", "caf\u{E9}.odcs.yaml", "a/b/", "a//", "/", "",
    ])
    func stemMatchesCharacters(path: String) {
        var name = Substring(path.split(separator: "/").last ?? "")
        for suffix in [".odcs.yaml", ".odcs.yml", ".dcs.yaml", ".dcs.yml", ".yaml", ".yml"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
            break
        }
        #expect(ContractNaming.stem(of: path) == String(name))
    }

    @Test func decimalPrecision() {
        #expect(ContractNodes.decimalPrecision("DECIMAL(12,2)")! == (12, 2))
        #expect(ContractNodes.decimalPrecision(" numeric (10) ")! == (10, nil))
        #expect(ContractNodes.decimalPrecision("Number(38, 0)")! == (38, 0))
        #expect(ContractNodes.decimalPrecision("dec(5)")! == (5, nil))
        #expect(ContractNodes.decimalPrecision("varchar(36)") == nil)
        #expect(ContractNodes.decimalPrecision("decimals(3)") == nil)
        #expect(ContractNodes.decimalPrecision("bigint") == nil)
        #expect(ContractNodes.decimalPrecision("DECIMAL)(") == nil)
        #expect(ContractNodes.decimalPrecision("DECIMAL( 12 , 2 )")! == (12, 2))
        #expect(ContractNodes.decimalPrecision("decimal(+7,-1)")! == (7, -1))
        #expect(ContractNodes.decimalPrecision("DECIMAL(12,)") == nil)
        #expect(ContractNodes.decimalPrecision("DECIMAL()") == nil)
        #expect(ContractNodes.decimalPrecision("DECIMAL(1,2,3)") == nil)
        #expect(ContractNodes.decimalPrecision("DECIMAL(a)") == nil)
        #expect(ContractNodes.decimalPrecision("D\u{C9}CIMAL(1)") == nil)
        #expect(ContractNodes.decimalPrecision("decimal(9) \u{E9}")! == (9, nil))
    }

    @Test func logicalTypesByKey() {
        for type in ContractLogicalType.allCases {
            #expect(ContractLogicalType(keyed: type.rawValue) == type)
        }
        #expect(ContractLogicalType(keyed: "String") == nil)
        #expect(ContractLogicalType(keyed: "") == nil)
    }

    @Test func keyTablesKnowEveryDeclaredField() {
        // Every property the ODCS schema declares is a key the decoder reads (or deliberately not).
        guard case .object(let property) = DataContractSchema.propertySchema.base else { return }
        for field in property.properties {
            #expect(DataContractDecoder.propertyKeys.index(of: field.name) != nil, "\(field.name)")
        }
        guard case .object(let object) = DataContractSchema.object.base else { return }
        for field in object.properties {
            #expect(DataContractDecoder.objectKeys.index(of: field.name) != nil, "\(field.name)")
        }
        guard case .object(let rule) = DataContractSchema.qualityRule.base else { return }
        for field in rule.properties {
            #expect(DataContractDecoder.qualityKeys.index(of: field.name) != nil, "\(field.name)")
        }
        #expect(DataContractDecoder.propertyKeys.index(of: "nme") == nil)
    }

    @Test(arguments: ["a-b", "ab", "Ab", "a_b", "-ab", "ab-", "", String(repeating: "a", count: 64), "é"])
    func dnsLabels(name: String) {
        let bytes = Array(name.utf8)
        let expected: String? =
            bytes.isEmpty
            ? "is empty"
            : bytes.count > 63
                ? "is longer than 63 characters"
                : bytes.contains { !(($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45) }
                    ? "is not a valid name: only lowercase letters, digits and '-' are allowed"
                    : (bytes.first == 45 || bytes.last == 45) ? "is not a valid name: it must start and end with a letter or digit" : nil
        #expect(FormatCheck.dnsLabelProblem(name) == expected)
    }

    @Test(arguments: [3, 40])
    func duplicatePropertyNamesNameTheFirst(count: Int) {
        var yaml = "schema:\n  - name: t\n    properties:\n"
        for i in 0..<count { yaml += "      - name: c\(i)\n" }
        // A repeat of c1, and two spellings of one name (canonically equal, different bytes).
        yaml += "      - name: c1\n      - name: c1\n      - name: \"caf\u{E9}\"\n      - name: \"cafe\u{301}\"\n"
        let diagnostics = DataContractSchema.validate(T.contract(yaml)).filter { $0.rule == .refDuplicateName }
        #expect(
            diagnostics.map(\.message) == [
                "property 'c1' is declared twice: schema[0].properties[1] and schema[0].properties[\(count)]",
                "property 'c1' is declared twice: schema[0].properties[1] and schema[0].properties[\(count + 1)]",
                "property 'cafe\u{301}' is declared twice: schema[0].properties[\(count + 2)] and schema[0].properties[\(count + 3)]",
            ])
    }
}

/// `replacingBytes`, the escaping renderers' loop: the text with exactly the named bytes replaced.
@Suite struct ReplacingBytesTests {
    static func escape(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "%"): "%25"
        case UInt8(ascii: "\n"): "%0A"
        case UInt8(ascii: ","): ""
        default: nil
        }
    }

    @Test(arguments: [
        ("", ""), ("plain text", "plain text"), ("%", "%25"), ("%%", "%25%25"), ("a%b\nc", "a%25b%0Ac"), ("\nx", "%0Ax"),
        ("x\n", "x%0A"), ("é%日本\n😀", "é%25日本%0A😀"), (",a,,b,", "ab"), (",", ""),
    ])
    func replacesExactlyTheNamedBytes(text: String, expected: String) {
        #expect(text.replacingBytes(Self.escape) == expected)
        // As the scalar-by-scalar loop it replaced gives it.
        var scalarByScalar = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, let replacement = Self.escape(UInt8(scalar.value)) {
                scalarByScalar += replacement
            } else {
                scalarByScalar.unicodeScalars.append(scalar)
            }
        }
        #expect(text.replacingBytes(Self.escape) == scalarByScalar)
    }
}

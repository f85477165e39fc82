import DappYAML
import Testing

/// YAML 1.2 core-schema typing of scalars: YAML 1.1's yes/no/on/off booleans, sexagesimals,
/// binary and old-style octals are strings; only the core forms are booleans and numbers.
@Suite struct CoreSchemaTests {
    static let plainKinds: [(String, YAMLScalar.Kind)] = [
        // YAML 1.1 booleans are strings.
        ("yes", .string), ("no", .string), ("on", .string), ("off", .string), ("y", .string),
        ("n", .string), ("Yes", .string), ("NO", .string), ("On", .string), ("OFF", .string),
        ("Y", .string), ("N", .string),
        // Core booleans, in their three spellings only.
        ("true", .bool), ("True", .bool), ("TRUE", .bool), ("false", .bool), ("False", .bool),
        ("FALSE", .bool), ("tRUE", .string), ("TrUe", .string), ("fALSE", .string),
        ("truer", .string), ("tru", .string),
        // Null.
        ("null", .null), ("Null", .null), ("NULL", .null), ("~", .null), ("nULL", .string),
        ("~~", .string), ("nil", .string), ("none", .string),
        // Integers: decimal, 0o, 0x.
        ("0", .int), ("12", .int), ("-3", .int), ("+7", .int), ("012", .int), ("0o17", .int),
        ("0o0", .int), ("0x1F", .int), ("0xff", .int), ("0xABCdef", .int),
        ("0o8", .string), ("0o", .string), ("0x", .string), ("0xG", .string), ("-0x1F", .string),
        ("+0o7", .string), ("0b101", .string), ("1_000", .string), ("1,000", .string),
        ("12:30:00", .string), ("-x", .string), ("+", .string), ("--", .string), ("0O17", .string), ("0X1F", .string),
        // Floats.
        ("1.10", .float), ("1e3", .float), ("1E3", .float), (".5", .float), ("-.5", .float),
        ("+.5", .float), ("1.", .float), ("-1.5e-3", .float), ("2.5E+10", .float),
        (".inf", .float), ("-.inf", .float), ("+.Inf", .float), (".INF", .float),
        (".nan", .float), (".NaN", .float), (".NAN", .float),
        ("-.nan", .string), (".Nan", .string), (".iNF", .string), ("inf", .string), ("nan", .string),
        (".", .string), ("1e", .string), ("e3", .string), ("1e+", .string), ("1.2.3", .string),
        (".e3", .string), ("1.5x", .string),
        // Things a YAML 1.1 parser would turn into dates or versions stay text.
        ("2024-01-01", .string), ("1.2.3-beta", .string), ("v1", .string),
    ]

    @Test("plain scalar kind", arguments: plainKinds)
    func plainScalarKind(text: String, kind: YAMLScalar.Kind) throws {
        let node = try root("value: \(text)\n")
        let scalar = try #require(node["value"]?.scalar)
        #expect(scalar.kind == kind)
        #expect(scalar.text == text, "the text is kept as written")
        #expect(scalar.style == .plain)
    }

    @Test func emptyValueIsNull() throws {
        let node = try root("a:\nb: \nc: ''\n")
        #expect(node["a"]?.isNull == true)
        #expect(node["b"]?.isNull == true)
        #expect(node["a"]?.scalar?.text == "")
        #expect(node["c"]?.scalar?.kind == .string, "an empty quoted string is a string")
    }

    @Test(
        "quoted and block scalars are strings whatever they look like",
        arguments: [
            "\"123\"", "'123'", "\"true\"", "'no'", "\"null\"", "'~'", "\"0x1F\"", "'.inf'", "\"\"",
        ])
    func quotedScalarsAreStrings(text: String) throws {
        let node = try root("value: \(text)\n")
        #expect(node["value"]?.scalar?.kind == .string)
        #expect(node["value"]?.string != nil)
    }

    @Test func blockScalarsAreStrings() throws {
        let node = try root("a: |\n  123\nb: >\n  true\n")
        #expect(node["a"]?.scalar == YAMLScalar(text: "123\n", style: .literal, kind: .string))
        #expect(node["b"]?.scalar == YAMLScalar(text: "true\n", style: .folded, kind: .string))
    }

    /// The traps the issue names, read as one spec would hold them.
    @Test func yaml11Traps() throws {
        let node = try root(
            """
            country: no
            on: yes
            version: 1.10
            port: 0o17
            id: "123"
            mask: 0x1F
            count: 1e3
            ratio: .5
            enabled: true
            answer: Y
            """)
        #expect(node.keys == ["country", "on", "version", "port", "id", "mask", "count", "ratio", "enabled", "answer"])
        #expect(node["country"]?.string == "no")
        #expect(node["on"]?.string == "yes", "`on` is a string key and `yes` a string value")
        #expect(node.mapping?[1].key.scalar?.kind == .string)
        #expect(node["version"]?.scalar?.kind == .float)
        #expect(node["version"]?.scalar?.text == "1.10", "the text keeps the trailing zero")
        #expect(node["version"]?.scalar?.double == 1.1)
        #expect(node["port"]?.scalar?.kind == .int)
        #expect(node["port"]?.scalar?.int == 15)
        #expect(node["id"]?.string == "123")
        #expect(node["id"]?.scalar?.int == nil)
        #expect(node["mask"]?.scalar?.int == 31)
        #expect(node["count"]?.scalar?.kind == .float)
        #expect(node["count"]?.scalar?.double == 1000)
        #expect(node["count"]?.scalar?.int == nil, "1e3 is a float, not an int")
        #expect(node["ratio"]?.scalar?.double == 0.5)
        #expect(node["enabled"]?.scalar?.bool == true)
        #expect(node["answer"]?.string == "Y")
    }

    @Test func integerValues() throws {
        let node = try root(
            """
            a: 0
            b: -42
            c: +7
            d: 012
            e: 0o777
            f: 0xFF
            g: 9223372036854775807
            h: 9223372036854775808
            i: -9223372036854775808
            """)
        #expect(node["a"]?.scalar?.int == 0)
        #expect(node["b"]?.scalar?.int == -42)
        #expect(node["c"]?.scalar?.int == 7)
        #expect(node["d"]?.scalar?.int == 12, "a leading zero is decimal in YAML 1.2")
        #expect(node["e"]?.scalar?.int == 511)
        #expect(node["f"]?.scalar?.int == 255)
        #expect(node["g"]?.scalar?.int == Int.max)
        #expect(node["h"]?.scalar?.kind == .int)
        #expect(node["h"]?.scalar?.int == nil, "too big for 64 bits")
        #expect(node["h"]?.scalar?.double == nil)
        #expect(node["i"]?.scalar?.int == Int.min)
        #expect(node["f"]?.scalar?.double == 255, "an int reads as a double too")
    }

    @Test func floatValues() throws {
        let node = try root(
            """
            a: 1.5
            b: -.5
            c: 1e3
            d: 2.5E-2
            e: .inf
            f: -.Inf
            g: .NaN
            h: 1.
            """)
        #expect(node["a"]?.scalar?.double == 1.5)
        #expect(node["b"]?.scalar?.double == -0.5)
        #expect(node["c"]?.scalar?.double == 1000)
        #expect(node["d"]?.scalar?.double == 0.025)
        #expect(node["e"]?.scalar?.double == .infinity)
        #expect(node["f"]?.scalar?.double == -.infinity)
        #expect(node["g"]?.scalar?.double?.isNaN == true)
        #expect(node["h"]?.scalar?.double == 1)
    }

    @Test func booleanValues() throws {
        let node = try root("a: true\nb: False\nc: TRUE\nd: FALSE\ne: yes\n")
        #expect(node["a"]?.scalar?.bool == true)
        #expect(node["b"]?.scalar?.bool == false)
        #expect(node["c"]?.scalar?.bool == true)
        #expect(node["d"]?.scalar?.bool == false)
        #expect(node["e"]?.scalar?.bool == nil)
        #expect(node["a"]?.string == nil, "a boolean is not a string")
    }

    @Test func kindDescriptions() throws {
        let node = try root("a: {}\nb: []\nc: ~\nd: true\ne: 1\nf: 1.5\ng: x\n")
        #expect(node.kindDescription == "a mapping")
        #expect(node["b"]?.kindDescription == "a list")
        #expect(node["c"]?.kindDescription == "null")
        #expect(node["d"]?.kindDescription == "a boolean")
        #expect(node["e"]?.kindDescription == "an integer")
        #expect(node["f"]?.kindDescription == "a number")
        #expect(node["g"]?.kindDescription == "a string")
    }

    @Test func resolverOnBytes() {
        func kind(_ text: String) -> YAMLScalar.Kind {
            Array(text.utf8).withUnsafeBufferPointer { ScalarResolver.resolve(plain: $0) }
        }
        #expect(kind("") == .null)
        #expect(kind("no") == .string)
        #expect(kind("0o17") == .int)
        #expect(kind("1.10") == .float)
        #expect(kind("é") == .string)
    }

    @Test func scalarStyles() throws {
        let node = try root(
            """
            plain: a b
            single: 'it''s'
            double: "tab\\there\\u00e9"
            literal: |
              line 1
              line 2
            folded: >-
              one
              two
            """)
        #expect(node["plain"]?.scalar == YAMLScalar(text: "a b", style: .plain, kind: .string))
        #expect(node["single"]?.scalar == YAMLScalar(text: "it's", style: .singleQuoted, kind: .string))
        #expect(node["double"]?.scalar == YAMLScalar(text: "tab\there\u{e9}", style: .doubleQuoted, kind: .string))
        #expect(node["literal"]?.scalar == YAMLScalar(text: "line 1\nline 2\n", style: .literal, kind: .string))
        #expect(node["folded"]?.scalar == YAMLScalar(text: "one two", style: .folded, kind: .string))
    }
}

/// Explicit tags: the standard scalar tags are checked against the content, every other tag is
/// rejected (recoverably, located at the tag).
@Suite struct TagTests {
    @Test func strTagMakesAString() throws {
        let node = try root("a: !!str 123\nb: !!str true\nc: ! 12\nd: !!str\n")
        #expect(node["a"]?.scalar == YAMLScalar(text: "123", style: .plain, kind: .string))
        #expect(node["b"]?.string == "true")
        #expect(node["c"]?.string == "12", "the non-specific tag `!` makes a string")
        #expect(node["d"]?.string == "", "a tagged empty value is an empty string, not null")
    }

    @Test func standardTagsMatchingTheirContent() throws {
        let node = try root(
            """
            a: !!int 42
            b: !!int "42"
            c: !!float 1
            d: !!float 2.5
            e: !!bool true
            f: !!null ~
            g: !!null
            h: !!map {x: 1}
            i: !!seq [1]
            j: !<tag:yaml.org,2002:int> 7
            k: ! [1]
            l: ! {x: 1}
            """)
        #expect(node["a"]?.scalar?.int == 42)
        #expect(node["b"]?.scalar?.kind == .int, "a tag types a quoted scalar by its content")
        #expect(node["b"]?.scalar?.int == 42)
        #expect(node["c"]?.scalar?.kind == .float)
        #expect(node["c"]?.scalar?.double == 1)
        #expect(node["d"]?.scalar?.double == 2.5)
        #expect(node["e"]?.scalar?.bool == true)
        #expect(node["f"]?.isNull == true)
        #expect(node["g"]?.isNull == true)
        #expect(node["h"]?["x"]?.scalar?.int == 1)
        #expect(node["i"]?[0]?.scalar?.int == 1)
        #expect(node["j"]?.scalar?.int == 7)
        #expect(node["k"]?[0]?.scalar?.int == 1, "the non-specific tag is fine on collections")
        #expect(node["l"]?["x"] != nil)
    }

    @Test func typedValuesFollowEachKind() throws {
        let node = try root(
            """
            n: ~
            b: true
            c: False
            i: -42
            h: 0x1F
            big: 123456789012345678901234567890
            f: 2.5
            inf: -.inf
            e: 1e3
            s: 'text'
            q: "42"
            y: yes
            """)
        func typed(_ key: String) -> YAMLScalar.Typed? { node[key]?.scalar?.typed }
        #expect(typed("n") == .null)
        #expect(typed("b") == .bool(true))
        #expect(typed("c") == .bool(false))
        #expect(typed("i") == .int(-42))
        #expect(typed("h") == .int(31))
        #expect(typed("big") == .string("123456789012345678901234567890"), "past 64 bits an integer keeps its text")
        #expect(typed("f") == .double(2.5))
        #expect(typed("inf") == .double(-.infinity))
        #expect(typed("e") == .double(1000))
        #expect(typed("s") == .string("text"))
        #expect(typed("q") == .string("42"), "a quoted number is a string")
        #expect(typed("y") == .string("yes"), "YAML 1.1 booleans are strings")
    }

    @Test func floatTagOnHexAndOctalInts() throws {
        let node = try root("a: !!float 0x1F\nb: !!float 0o17\n")
        #expect(node["a"]?.scalar?.kind == .float)
        #expect(node["a"]?.scalar?.double == 31)
        #expect(node["b"]?.scalar?.double == 15)
    }

    @Test(
        "a standard tag that does not match its content",
        arguments: [
            ("a: !!int abc", "tag:yaml.org,2002:int"),
            ("a: !!int 1.5", "tag:yaml.org,2002:int"),
            ("a: !!bool yes", "tag:yaml.org,2002:bool"),
            ("a: !!float x", "tag:yaml.org,2002:float"),
            ("a: !!null x", "tag:yaml.org,2002:null"),
        ])
    func mismatchedTag(text: String, tag: String) throws {
        let file = read(text)
        let error = try onlyError(file)
        #expect(error.code == .unsupportedTag)
        #expect(error.message == "value does not match its tag '\(tag)'")
        #expect(error.at == [1, 4])
        #expect(error.isRecoverable)
        #expect(file.documents.first?["a"]?.scalar?.kind == .string, "read on as a string")
    }

    @Test(
        "an unknown tag",
        arguments: [
            ("a: !custom x", "!custom", [1, 4]),
            ("a: !!binary aGVsbG8=", "tag:yaml.org,2002:binary", [1, 4]),
            ("a: !!timestamp 2024-01-01", "tag:yaml.org,2002:timestamp", [1, 4]),
            ("a:\n  - !!set {x: null}", "tag:yaml.org,2002:set", [2, 5]),
            ("a: !!omap [x: 1]", "tag:yaml.org,2002:omap", [1, 4]),
            ("a: !Ref [b]", "!Ref", [1, 4]),
            ("a: !<tag:example.com,2024:thing> x", "tag:example.com,2024:thing", [1, 4]),
        ])
    func unknownTag(text: String, tag: String, at: [Int]) throws {
        let file = read(text)
        let error = try onlyError(file)
        #expect(error.code == .unsupportedTag)
        #expect(error.message == "tag '\(tag)' is not supported")
        #expect(error.at == at)
        #expect(error.hint == "remove the tag; spec files use plain YAML values")
        #expect(error.isRecoverable)
        #expect(file.documents.count == 1, "the document is still read")
    }

    @Test func tagDirectiveCannotRedefineStandardTags() throws {
        let error = try onlyError("%TAG !! tag:example.com,2000:\n---\na: !!str x\n")
        #expect(error.code == .unsupportedTag)
        #expect(error.message == "tag 'tag:example.com,2000:str' is not supported")
        #expect(error.at == [3, 4])
    }

    @Test func everyBadTagIsReported() throws {
        let file = read("a: !x 1\nb: !y 2\nc: !!int z\n")
        #expect(file.errors.map(\.code) == [.unsupportedTag, .unsupportedTag, .unsupportedTag])
        #expect(file.errors.map(\.at) == [[1, 4], [2, 4], [3, 4]])
        #expect(file.documents.count == 1)
    }
}

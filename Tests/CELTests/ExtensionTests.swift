import CEL
import Testing

/// Timestamps, durations and the extension libraries: the behaviour users rely on, errors included.
@Suite struct ExtensionTests {
    func eval(_ source: String, _ variables: [String: CELValue] = [:]) throws -> CELValue {
        try CELProgram(source: source).evaluate(CELActivation(variables))
    }

    func evalError(_ source: String, costLimit: Int = 1_000_000) -> CELEvaluationError? {
        do {
            _ = try CELProgram(source: source, options: .init(costLimit: costLimit)).evaluate()
            return nil
        } catch let error as CELEvaluationError {
            return error
        } catch {
            return nil
        }
    }

    // MARK: Timestamps and durations

    @Test func timestampParsingAndPrinting() throws {
        #expect(try eval("string(timestamp('2009-02-13T23:31:30.120Z'))") == .string("2009-02-13T23:31:30.12Z"))
        #expect(try eval("string(timestamp('2009-02-14T01:31:30+02:00'))") == .string("2009-02-13T23:31:30Z"))
        #expect(try eval("int(timestamp('1969-12-31T23:59:59Z'))") == .int(-1))
        #expect(try eval("timestamp(1234567890) == timestamp('2009-02-13T23:31:30Z')") == .bool(true))
        #expect(try eval("string(timestamp('0001-01-01T00:00:00Z'))") == .string("0001-01-01T00:00:00Z"))
        #expect(try eval("timestamp('2024-02-29T00:00:00Z').getDayOfYear()") == .int(59))
        #expect(try eval("type(timestamp(0)) == google.protobuf.Timestamp") == .bool(true))
    }

    @Test func badTimestampsAreErrors() throws {
        for text in ["2009-02-13", "2009-02-13 23:31:30Z", "2009-02-30T00:00:00Z", "2009-02-13T24:00:00Z", "x", ""] {
            let error = try #require(evalError("timestamp('\(text)')"), "\(text)")
            #expect(error.message.contains("invalid timestamp"), "\(error.message)")
        }
        #expect(evalError("timestamp('10000-01-01T00:00:00Z')")?.message.contains("out of range") == true)
        #expect(evalError("timestamp(253402300800)")?.message.contains("out of range") == true)
        #expect(evalError("timestamp('9999-12-31T23:59:59Z') + duration('1s')")?.message == "timestamp out of range")
        #expect(evalError("timestamp('0001-01-01T00:00:00Z') - duration('1ns')")?.message == "timestamp out of range")
    }

    @Test func durations() throws {
        #expect(try eval("string(duration('1h2m3.5s'))") == .string("3723.5s"))
        #expect(try eval("string(duration('-1.5h'))") == .string("-5400s"))
        #expect(try eval("string(duration('100ms') + duration('3us') + duration('7ns'))") == .string("0.100003007s"))
        #expect(try eval("duration('1m') > duration('59s')") == .bool(true))
        #expect(try eval("-duration('1s') == duration('-1s')") == .bool(true))
        #expect(try eval("int(duration('1s'))") == .int(1_000_000_000))
        #expect(try eval("duration('3730s').getMinutes()") == .int(62))
        #expect(try eval("duration('1.5s').getMilliseconds()") == .int(500))
        #expect(
            try eval("timestamp('2024-01-02T00:00:00Z') - timestamp('2024-01-01T00:00:00Z') == duration('24h')")
                == .bool(true))
    }

    @Test func durationErrors() throws {
        #expect(evalError("duration('1x')")?.message.contains("invalid duration") == true)
        #expect(evalError("duration('')")?.message.contains("invalid duration") == true)
        #expect(evalError("duration('h')")?.message.contains("invalid duration") == true)
        #expect(evalError("duration('320000000000s')")?.message.contains("out of range") == true)
        #expect(evalError("duration('9223372036s') + duration('9223372036s')")?.message == "duration out of range")
        #expect(evalError("-duration('-9223372036854775808ns')")?.message == "duration out of range")
        #expect(
            evalError("timestamp('9999-12-31T23:59:59Z') - timestamp('0001-01-01T00:00:00Z')")?.message
                == "duration out of range")
    }

    @Test func timeZones() throws {
        let ts = "timestamp('2009-02-13T23:31:30Z')"
        #expect(try eval("\(ts).getHours('+05:30')") == .int(5))
        #expect(try eval("\(ts).getMinutes('+05:30')") == .int(1))
        #expect(try eval("\(ts).getHours('-08:00')") == .int(15))
        #expect(try eval("\(ts).getHours('UTC')") == .int(23))
        // Expected values from glibc (`TZ=zone date -d @t`): summer and winter, inside the TZif
        // transitions and beyond them (from the POSIX TZ footer).
        let cases: [(Int64, String, Int64)] = [
            (1_720_000_000, "America/New_York", 5), (1_700_000_000, "America/New_York", 17),
            (1_720_000_000, "Australia/Sydney", 19), (1_700_000_000, "Australia/Sydney", 9),
            (1_720_000_000, "Europe/Berlin", 11), (1_700_000_000, "Europe/Berlin", 23),
            (1_720_000_000, "America/St_Johns", 7), (4_086_590_400, "America/New_York", 8),
            (4_086_590_400, "Australia/Sydney", 22), (4_086_590_400, "Europe/Berlin", 14),
            (4_102_444_800, "Australia/Sydney", 11),
        ]
        for (seconds, zone, hour) in cases {
            #expect(try eval("timestamp(\(seconds)).getHours('\(zone)')") == .int(hour), "\(zone) \(seconds)")
        }
        #expect(try eval("timestamp(1720000000).getMinutes('Asia/Kathmandu')") == .int(31))
        #expect(try eval("timestamp(4102444800).getFullYear('America/New_York')") == .int(2099))
    }

    @Test func unknownTimeZoneIsAClearError() throws {
        for zone in ["Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime", "+25:00", "12:3"] {
            let error = try #require(evalError("timestamp(0).getHours('\(zone)')"), "\(zone)")
            #expect(error.message.contains("time zone"), "\(error.message)")
        }
        #expect(evalError("timestamp(0).getHours('Mars/Olympus_Mons')")?.message == "unknown time zone 'Mars/Olympus_Mons'")
    }

    // MARK: Strings

    @Test func stringFunctions() throws {
        #expect(try eval("'a,b,,c'.split(',')") == .list([.string("a"), .string("b"), .string(""), .string("c")]))
        #expect(try eval("'ta©o'.substring(1, 3)") == .string("a©"))
        #expect(try eval("' x '.trim() + 'AbC'.lowerAscii() + 'x'.upperAscii()") == .string("xabcX"))
        #expect(try eval("'aaa'.replace('a', 'b', 2)") == .string("bba"))
        #expect(try eval("['a', 'b'].join(', ')") == .string("a, b"))
        #expect(try eval("'abc'.reverse()") == .string("cba"))
        #expect(try eval("strings.quote('a\"b')") == .string("\"a\\\"b\""))
        #expect(try eval("'%s is %d, %.2f, %x'.format(['x', 42, 3.14159, 255])") == .string("x is 42, 3.14, ff"))
        #expect(evalError("'%s %s'.format(['x'])")?.message == "index 1 out of range")
        #expect(evalError("'abc'.charAt(4)")?.message == "index out of range: 4")
        #expect(evalError("[1].join()") != nil)
    }

    @Test func stringFunctionsChargeByLength() throws {
        let long = String(repeating: "a", count: 4000)
        #expect(evalError("'\(long)'.upperAscii()", costLimit: 100)?.isCostBudgetExceeded == true)
        #expect(evalError("'\(long)'.upperAscii()", costLimit: 1000) == nil)
        #expect(evalError("lists.range(100000).size()", costLimit: 10_000)?.isCostBudgetExceeded == true)
    }

    // MARK: Math

    @Test func mathFunctions() throws {
        #expect(try eval("math.greatest(1, 2.5, 3u)") == .uint(3))
        #expect(try eval("math.least([3, -1.5])") == .double(-1.5))
        #expect(try eval("math.abs(-3) + math.sign(-7) + math.bitShiftLeft(1, 4)") == .int(18))
        #expect(try eval("math.round(2.5) == 3.0 && math.trunc(-2.7) == -2.0") == .bool(true))
        #expect(evalError("math.greatest([])") != nil)
        #expect(evalError("math.greatest('a', 1)")?.message.hasPrefix("no such overload") == true)
        #expect(evalError("math.abs(-9223372036854775808)")?.message == "return error for overflow")
    }

    // MARK: Lists

    @Test func listFunctions() throws {
        #expect(try eval("[3, 1, 2].sort()") == .list([.int(1), .int(2), .int(3)]))
        #expect(try eval("['b', 'a'].sort()") == .list([.string("a"), .string("b")]))
        #expect(try eval("[1, 2, 2].isSorted() && ![2, 1].isSorted()") == .bool(true))
        #expect(try eval("[1, 2, 3].sum()") == .int(6))
        #expect(try eval("[].sum()") == .int(0))
        #expect(try eval("[1.5, 2.5].sum()") == .double(4))
        #expect(try eval("[duration('1s'), duration('2s')].sum() == duration('3s')") == .bool(true))
        #expect(try eval("[3, 1, 2].min()") == .int(1))
        #expect(try eval("[3, 1, 2].max()") == .int(3))
        #expect(try eval("[1, 2, 1].indexOf(1)") == .int(0))
        #expect(try eval("[1, 2, 1].lastIndexOf(1)") == .int(2))
        #expect(try eval("[1, 2].indexOf(3)") == .int(-1))
        #expect(try eval("[1, 1.0, 2, 'a', 'a'].distinct()") == .list([.int(1), .int(2), .string("a")]))
        #expect(try eval("[1, [2, [3]]].flatten()") == .list([.int(1), .int(2), .list([.int(3)])]))
        #expect(try eval("[1, [2, [3]]].flatten(2)") == .list([.int(1), .int(2), .int(3)]))
        #expect(try eval("[1, 2, 3].reverse()") == .list([.int(3), .int(2), .int(1)]))
        #expect(try eval("[1, 2, 3, 4].slice(1, 3)") == .list([.int(2), .int(3)]))
        #expect(try eval("lists.range(3)") == .list([.int(0), .int(1), .int(2)]))
    }

    @Test func listFunctionErrors() {
        #expect(evalError("[1, 'a'].sort()")?.message.contains("same type") == true)
        #expect(evalError("[[1], [2]].sort()")?.message.contains("not comparable") == true)
        #expect(evalError("[1, 'a'].max()") != nil)
        #expect(evalError("[].min()")?.message.contains("empty") == true)
        #expect(evalError("[1, 2u].sum()") != nil)
        #expect(evalError("['a'].sum()") != nil)
        #expect(evalError("[1, 2].slice(1, 3)") != nil)
        #expect(evalError("[1, 2].slice(2, 1)") != nil)
        #expect(evalError("[1].flatten(-1)") != nil)
        #expect(evalError("lists.range(-1)") != nil)
    }

    // MARK: Optionals and bindings

    @Test func optionals() throws {
        let m: [String: CELValue] = ["m": .map(CELMap(["a": .int(1)]))]
        #expect(try eval("m.?a.orValue(0) + m.?b.orValue(10)", m) == .int(11))
        #expect(try eval("m[?'b'].hasValue()", m) == .bool(false))
        #expect(try eval("[?m.?a, ?m.?b, 3]", m) == .list([.int(1), .int(3)]))
        #expect(try eval("{?'x': m.?a, ?'y': m.?b}", m) == .map(CELMap(["x": .int(1)])))
        #expect(try eval("m.?a.optMap(v, v * 2).value()", m) == .int(2))
        #expect(evalError("optional.none().value()") != nil)
        #expect(evalError("[?1]")?.message.contains("optional") == true)
    }

    @Test func bindings() throws {
        #expect(try eval("cel.bind(x, 2, x * x)") == .int(4))
        #expect(try eval("cel.bind(x, 1, cel.bind(y, x + 1, [x, y]))") == .list([.int(1), .int(2)]))
    }

    @Test func containersResolveQualifiedNames() throws {
        let options = CELProgram.Options(container: "com.example")
        let activation = CELActivation(["com.example.y": .int(1), "com.z": .int(2), "y": .int(3), "w": .int(4)])
        func run(_ source: String) throws -> CELValue { try CELProgram(source: source, options: options).evaluate(activation) }
        #expect(try run("y") == .int(1))
        #expect(try run(".y") == .int(3))
        #expect(try run("z") == .int(2))
        #expect(try run("w") == .int(4))
        #expect(try run("[0].exists(y, y == 0)") == .bool(true))
        #expect(try run("int") == .type(CELType.int))
    }
}

import CEL
import Testing

/// The RE2-syntax engine behind CEL's `matches`. Expectations follow RE2 semantics (partial match,
/// `$` only at the end of the text without `(?m)`, ASCII-only `\d \w \s \b`, `\s` without `\v`).
@Suite struct RegexTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let pattern: String
        let input: String
        let expected: Bool

        init(_ pattern: String, _ input: String, _ expected: Bool) {
            self.pattern = pattern
            self.input = input
            self.expected = expected
        }

        var testDescription: String { "/\(pattern)/ on \(input.debugDescription)" }
    }

    static let cases: [Case] = [
        // Literals and escapes
        Case("abc", "xxabcxx", true),
        Case("abc", "ab", false),
        Case("", "anything", true),
        Case("", "", true),
        Case("a\\.c", "a.c", true),
        Case("a\\.c", "abc", false),
        Case("a.c", "abc", true),
        Case("a.c", "a\nc", false),
        Case("(?s)a.c", "a\nc", true),
        Case("\\\\", "a\\b", true),
        Case("\\n", "a\nb", true),
        Case("\\t", "a b", false),
        Case("\\r\\f\\v", "\r\u{0C}\u{0B}", true),
        Case("\\x41", "A", true),
        Case("\\x{1F600}", "a😀", true),
        Case("\\x{263a}", "☺", true),
        Case("\\101", "A", true),
        Case("\\0", "\u{0}", true),
        Case("\\Q*+?\\E", "a*+?b", true),
        Case("\\Q*+?\\E", "a*+b", false),
        Case("\\+\\*\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$", "+*?()[]{}|^$", true),
        // Perl classes are ASCII-only in RE2
        Case("\\d+", "abc123", true),
        Case("^\\d+$", "12a", false),
        Case("\\d", "٣", false),
        Case("\\D", "123", false),
        Case("\\w+", "___", true),
        Case("\\w", "é", false),
        Case("\\W", "abc_1", false),
        Case("\\s", "a\tb", true),
        Case("\\s", "a\u{0B}b", false),
        Case("\\S", " \t\n", false),
        // Word boundaries
        Case("\\bfoo\\b", "a foo b", true),
        Case("\\bfoo\\b", "afoob", false),
        Case("\\bfoo", "foo", true),
        Case("\\Bfoo", "afoo", true),
        Case("\\Bfoo", "foo", false),
        Case("\\b", "", false),
        Case("\\B", "", true),
        // Anchors
        Case("^abc", "abc", true),
        Case("^abc", "xabc", false),
        Case("abc$", "xabc", true),
        Case("abc$", "abc\n", false),
        Case("(?m)abc$", "abc\nx", true),
        Case("(?m)^x", "abc\nx", true),
        Case("^x", "abc\nx", false),
        Case("\\Aabc\\z", "abc", true),
        Case("\\Aabc\\z", "abcd", false),
        Case("(?m)\\Ax", "a\nx", false),
        Case("a^b", "a^b", false),
        Case("$", "", true),
        Case("^$", "", true),
        Case("^$", "a", false),
        Case("(?m)^$", "a\n\nb", true),
        Case("^(a|b)$|c", "xcx", true),
        // Classes
        Case("[a-z]+", "ABC", false),
        Case("[a-z]+", "ABc", true),
        Case("[^a-z]", "abc", false),
        Case("[^a-z]", "abC", true),
        Case("[]a]", "]", true),
        Case("[^]a]", "]a", false),
        Case("[a-]", "-", true),
        Case("[-a]", "-", true),
        Case("[.]", "a", false),
        Case("[\\]]", "]", true),
        Case("[[:alpha:]]+", "123", false),
        Case("[[:alpha:]]", "12a", true),
        Case("[[:^digit:]]", "123", false),
        Case("[[:upper:][:digit:]]", "a1", true),
        Case("[[:space:]]", "\u{0B}", true),
        Case("[[:punct:]]", "a!", true),
        Case("[[:xdigit:]]+$", "x0fA9", true),
        Case("[\\d\\s]", "ab c", true),
        Case("[^\\D]", "ab", false),
        Case("[^\\S\\n]", "a\nb", false),
        Case("[\\x{4e00}-\\x{9fff}]", "日本", true),
        Case("[é]", "e", false),
        Case("[😀-😂]", "x😁", true),
        // Groups and alternation
        Case("gr(a|e)y", "grey", true),
        Case("gr(a|e)y", "groy", false),
        Case("(?:ab)+$", "xababab", true),
        Case("^(?:ab)+$", "ababa", false),
        Case("(?P<year>\\d{4})-(?P<month>\\d{2})", "on 2024-05", true),
        Case("(?<y>\\d{4})", "123", false),
        Case("a|b|c", "xyzc", true),
        Case("a|", "zzz", true),
        Case("()", "", true),
        Case("(|a)+b", "b", true),
        Case("((a)|b)+c", "abbac", true),
        // Quantifiers
        Case("^a{3}$", "aaa", true),
        Case("^a{3}$", "aaaa", false),
        Case("^a{2,}$", "a", false),
        Case("^a{2,}$", "aaaaa", true),
        Case("^a{2,3}$", "aaaa", false),
        Case("^a{0}b", "b", true),
        Case("^a{0,1}b", "b", true),
        Case("^(ab){2}$", "abab", true),
        Case("^ab*?c", "abbbc", true),
        Case("^ab+?c", "ac", false),
        Case("^a??b$", "ab", true),
        Case("^a{2,3}?$", "aaa", true),
        Case("a{,3}", "a{,3}", true),
        Case("x{", "x{", true),
        Case("x{a}", "x{a}", true),
        Case("^a{1000}$", String(repeating: "a", count: 1000), true),
        Case("^a{1000}$", String(repeating: "a", count: 999), false),
        Case("(a*)*b", "aaab", true),
        Case("(a*)+$", "", true),
        Case("^(a?){3}a{3}$", "aaa", true),
        // Flags
        Case("(?i)hello", "HeLLo", true),
        Case("(?i:h)ello", "Hello", true),
        Case("(?i:h)ello", "HELLO", false),
        Case("(?i)[a-c]+$", "xABC", true),
        Case("(?i)[^a]", "A", false),
        Case("(?i)[[:lower:]]", "A", true),
        Case("(?i)\\x{F1}", "Ñ", true),
        Case("(?i)σ", "Σ", true),
        Case("(?i)é", "É", true),
        Case("a(?i)b", "aB", true),
        Case("a(?i)b", "AB", false),
        Case("(?i)a(?-i)b", "Ab", true),
        Case("(?i)a(?-i)b", "AB", false),
        Case("(?i)a|b", "B", true),
        Case("(a(?i)b)c", "aBC", false),
        Case("(?U)a+", "a", true),
        Case("(?ms)^a.b$", "x\na\nb\ny", true),
        // Unicode scalars
        Case("a+ñ+a+", "mañana", true),
        Case("(a|😀){2}", "🐱😀😀", true),
        Case("^.$", "😀", true),
        Case("^.$", "e\u{301}", false),
        Case("^..$", "e\u{301}", true),
        Case("\\pL+", "日本", true),
        Case("\\pL", "123", false),
        Case("\\p{Lu}", "abc", false),
        Case("\\p{Lu}", "abÇ", true),
        Case("\\PL", "abc", false),
        Case("\\p{^L}", "ab1", true),
        Case("[\\p{Nd}]", "٣", true),
        Case("[^\\pL\\d]", "ab12", false),
        Case("\\p{Any}", "x", true),
    ]

    @Test(arguments: cases) func matches(_ c: Case) throws {
        let regex = try CELRegex(c.pattern)
        #expect(regex.matches(c.input) == c.expected)
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        let pattern: String
        let message: String
        let offset: Int

        init(_ pattern: String, _ message: String, _ offset: Int) {
            self.pattern = pattern
            self.message = message
            self.offset = offset
        }

        var testDescription: String { "/\(pattern)/" }
    }

    /// Each rejected pattern, a part of its message and the offset reported.
    static let rejections: [Rejection] = [
        Rejection("a(b", "missing ')'", 3),
        Rejection("(a|b", "missing ')'", 4),
        Rejection("a)", "unexpected ')'", 1),
        Rejection("[a", "missing ']'", 2),
        Rejection("[]", "missing ']'", 2),
        Rejection("*a", "missing argument to repetition operator '*'", 0),
        Rejection("a|+", "missing argument to repetition operator '+'", 2),
        Rejection("(?:{2})", "missing argument to repetition operator '{2}'", 3),
        Rejection("a**", "invalid nested repetition operator '**'", 2),
        Rejection("a+?+", "invalid nested repetition operator", 3),
        Rejection("a{2}{3}", "invalid nested repetition operator", 4),
        Rejection("a{1001}", "invalid repeat count '{1001}'", 1),
        Rejection("a{2,1001}", "invalid repeat count", 1),
        Rejection("a{3,2}", "invalid repeat count '{3,2}'", 1),
        Rejection("[z-a]", "invalid character class range 'z-a'", 1),
        Rejection("[[:foo:]]", "invalid POSIX character class '[:foo:]'", 1),
        Rejection("\\", "trailing backslash", 0),
        Rejection("\\Z", "invalid escape sequence '\\Z'", 0),
        Rejection("\\e", "invalid escape sequence", 0),
        Rejection("\\x{110000}", "invalid escape sequence", 0),
        Rejection("\\xZ1", "invalid escape sequence", 0),
        Rejection("[\\b]", "invalid escape sequence '\\b' in character class", 1),
        Rejection("\\C", "'\\C' (any byte) is not supported", 0),
        Rejection("(?x)a", "invalid or unsupported group flags '(?x'", 0),
        Rejection("(?)", "invalid or unsupported group flags", 0),
        Rejection("(?i", "missing ')'", 3),
        Rejection("(?P<n>a)(?P<n>b)", "duplicate capture group name 'n'", 12),
        Rejection("(?P<a-b>x)", "invalid capture group name", 5),
        Rejection("(?<>x)", "empty capture group name", 3),
        Rejection("\\p{Greek}", "unsupported Unicode class '\\p{Greek}'", 0),
        Rejection(String(repeating: "(", count: 300) + String(repeating: ")", count: 300), "nested too deeply", 250),
        Rejection("(a{1000}){1000}", "pattern too large", 0),
        Rejection("((a{1000}){1000}){1000}", "pattern too large", 0),
        // Backreferences and lookaround: RE2 has neither.
        Rejection("(a)\\1", "backreferences '\\1' are not supported by RE2", 3),
        Rejection("\\9", "backreferences '\\9' are not supported by RE2", 0),
        Rejection("(?P<n>a)\\k<n>", "backreferences '\\k' are not supported by RE2", 8),
        Rejection("(?P<n>a)(?P=n)", "backreferences '(?P=' are not supported by RE2", 8),
        Rejection("a(?=b)", "lookaround assertions '(?=' are not supported by RE2", 1),
        Rejection("a(?!b)", "lookaround assertions '(?!' are not supported by RE2", 1),
        Rejection("(?<=a)b", "lookaround assertions '(?<=' are not supported by RE2", 0),
        Rejection("(?<!a)b", "lookaround assertions '(?<!' are not supported by RE2", 0),
    ]

    @Test(arguments: rejections) func rejected(_ r: Rejection) {
        do {
            _ = try CELRegex(r.pattern)
            Issue.record("/\(r.pattern)/ compiled")
        } catch {
            #expect(error.message.contains(r.message), "\(error)")
            #expect(error.offset == r.offset, "\(error)")
        }
    }

    @Test func errorDescription() {
        #expect(throws: CELRegexError("missing ')'", offset: 3)) { try CELRegex("a(b") }
        #expect(CELRegexError("missing ')'", offset: 3).description == "missing ')' at offset 3")
    }

    /// Patterns that take exponential time with a backtracking matcher; the Pike VM answers in
    /// linear time. Only the results are asserted, not the timing.
    @Test func pathologicalPatterns() throws {
        let as30k = String(repeating: "a", count: 30_000)
        #expect(try CELRegex("(a+)+$").matches(as30k + "b") == false)
        #expect(try CELRegex("(a+)+$").matches(as30k) == true)
        #expect(try CELRegex("^(a|aa)*c").matches(as30k) == false)
        #expect(try CELRegex("(x+x+)+y").matches(String(repeating: "x", count: 20_000)) == false)
        #expect(try CELRegex("(.*a){20}").matches(String(repeating: "a", count: 19)) == false)
        #expect(try CELRegex("(a*)*b").matches(as30k) == false)
        #expect(try CELRegex("(a?){25}a{25}").matches(String(repeating: "a", count: 25)) == true)
        #expect(try CELRegex("^(\\w+\\s?)*$").matches(String(repeating: "word ", count: 5_000) + "!") == false)
    }

    @Test func programSizeAndCost() throws {
        let regex = try CELRegex("ab")
        #expect(regex.programSize == 3)
        #expect(regex.cost(matching: String(repeating: "x", count: 1_600)) > regex.cost(matching: "x"))
        #expect(try CELRegex("a{100}").cost(matching: "abc") > regex.cost(matching: "abc"))
    }

    @Test func cacheReturnsTheSameAnswers() throws {
        #expect(try CELRegex.cached("b+").matches("abbc"))
        #expect(try CELRegex.cached("b+").matches("ac") == false)
        #expect(throws: CELRegexError.self) { try CELRegex.cached("(") }
        #expect(throws: CELRegexError.self) { try CELRegex.cached("(") }
    }

    // MARK: CEL

    func eval(_ source: String, _ variables: [String: CELValue] = [:], costLimit: Int = 1_000_000) throws -> CELValue {
        try CELProgram(source: source, options: CELProgram.Options(costLimit: costLimit))
            .evaluate(CELActivation(variables))
    }

    func evalError(_ source: String, _ variables: [String: CELValue] = [:], costLimit: Int = 1_000_000)
        -> CELEvaluationError?
    {
        do {
            _ = try eval(source, variables, costLimit: costLimit)
            return nil
        } catch let error as CELEvaluationError {
            return error
        } catch {
            return nil
        }
    }

    @Test func celMatches() throws {
        #expect(try eval("'hubba'.matches('ubb')") == .bool(true))
        #expect(try eval("matches('hubba', '^ubb')") == .bool(false))
        #expect(try eval("'sales-orders'.matches('^sales-[a-z]+$')") == .bool(true))
        #expect(try eval("name.matches(re)", ["name": .string("Ab-12"), "re": .string("(?i)^ab-\\d+$")]) == .bool(true))
        #expect(try eval(#"'a.b'.matches(r'^a\.b$')"#) == .bool(true))
        #expect(try eval("['x1', 'y', 'z2'].filter(s, s.matches('\\\\d')) == ['x1', 'z2']") == .bool(true))
    }

    @Test func celInvalidPatternIsAnEvaluationError() throws {
        let error = evalError("'x'.matches('a(b')")
        #expect(error?.message == "invalid regex 'a(b': missing ')' at offset 3")
        #expect(
            evalError("'aa'.matches('(a)\\\\1')")?.message
                == "invalid regex '(a)\\1': backreferences '\\1' are not supported by RE2 at offset 3")
        #expect(evalError("'x'.matches(p)", ["p": .string("(?=x)")])?.message.contains("lookaround") == true)
        // Errors are absorbed by || like any other evaluation error.
        #expect(try eval("'x'.matches('(') || true") == .bool(true))
        #expect(evalError("1.matches('a')")?.message.hasPrefix("no such overload") == true)
    }

    @Test func celMatchesIsChargedByInputLengthTimesProgramSize() throws {
        let long = CELValue.string(String(repeating: "a", count: 100_000))
        #expect(try eval("s.matches('(a+)+$')", ["s": long]) == .bool(true))
        let error = evalError("s.matches('(a+)+$')", ["s": long], costLimit: 10_000)
        #expect(error?.isCostBudgetExceeded == true)
        #expect(error?.message == "cost budget exceeded")
        // Not absorbed by ||.
        #expect(evalError("s.matches('b') || true", ["s": long], costLimit: 1_000)?.isCostBudgetExceeded == true)
        #expect(try eval("'short'.matches('o')", costLimit: 10) == .bool(true))
    }
}

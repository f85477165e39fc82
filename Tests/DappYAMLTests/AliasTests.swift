import DappYAML
import Testing

/// Anchors and aliases are allowed, but expansion is bounded: a "billion laughs" file fails fast.
@Suite struct AliasTests {
    @Test func aliasesReuseAnchoredNodes() throws {
        let node = try root(
            """
            defaults: &defaults
              privileges: [SELECT]
              expires: null
            grants:
              - on: t1
                with: *defaults
              - on: t2
                with: *defaults
            """)
        let defaults = try #require(node["defaults"])
        #expect(defaults.anchor == "defaults")
        #expect(defaults.at == [1, 11], "a node with an anchor starts at the anchor")
        for (index, line) in [(0, 6), (1, 8)] {
            let with = try #require(node["grants"]?[index]?["with"])
            #expect(with.at == [line, 11], "an alias is located where it is written")
            #expect(with.anchor == nil, "the copy does not declare the anchor again")
            #expect(with.keys == ["privileges", "expires"])
            #expect(with["privileges"]?[0]?.string == "SELECT")
            #expect(with["privileges"]?.at == [2, 15], "inside the copy, nodes keep the anchored locations")
            #expect(with["expires"]?.isNull == true)
        }
    }

    @Test func scalarAndSequenceAliases() throws {
        let node = try root("port: &p 8080\nother: *p\nlist: &l [a, b]\nagain: *l\nkeys:\n  *p : x\n")
        #expect(node["other"]?.scalar?.int == 8080)
        #expect(node["other"]?.at == [2, 8])
        #expect(node["again"]?.sequence?.count == 2)
        #expect(node["again"]?.at == [4, 8])
        #expect(node["keys"]?["8080"]?.string == "x", "an alias can be a key")
    }

    @Test func reusedWithinLimits() throws {
        // 50 aliases of a 21-node list: 1,050 nodes of expansion, far below the limit.
        var text = "base: &base [" + (0..<20).map(String.init).joined(separator: ", ") + "]\nuses:\n"
        text += String(repeating: "  - *base\n", count: 50)
        let node = try root(text)
        #expect(node["uses"]?.sequence?.count == 50)
        #expect(node["uses"]?[49]?[19]?.scalar?.int == 19)
        #expect(node["uses"]?[49]?.at == [52, 5])
    }

    @Test func anchorCanBeRedefined() throws {
        let node = try root("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(node["b"]?.scalar?.int == 1)
        #expect(node["d"]?.scalar?.int == 2, "an alias refers to the latest anchor of that name")
    }

    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    @Test func billionLaughsFailsFast() throws {
        let clock = ContinuousClock()
        var file: YAMLFile?
        let elapsed = clock.measure { file = read(Self.billionLaughs) }
        #expect(elapsed < .seconds(1))
        let error = try onlyError(try #require(file))
        #expect(error.code == .aliasLimit)
        // Lines 2-5 expand to 74,718 nodes; the first *e (66,430 nodes) takes it past 100,000.
        #expect(error.at == [6, 8])
        #expect(error.message == "aliases expand to more than 100000 nodes (at alias '*e'); this looks like a 'billion laughs' document")
        #expect(error.hint == "write the repeated content out, or use fewer nested aliases")
        #expect(!error.isRecoverable)
        #expect(file?.documents.isEmpty == true, "nothing half-built is returned")
    }

    @Test func wideAliasBombFailsFast() throws {
        // One anchored list of 1,000 scalars, aliased 500 times: 500,500 nodes.
        var text = "big: &big [" + Array(repeating: "x", count: 1000).joined(separator: ",") + "]\nuses: ["
        text += Array(repeating: "*big", count: 500).joined(separator: ",") + "]\n"
        let clock = ContinuousClock()
        var file: YAMLFile?
        let elapsed = clock.measure { file = read(text) }
        #expect(elapsed < .seconds(1))
        let error = try onlyError(try #require(file))
        #expect(error.code == .aliasLimit)
        #expect(error.mark.line == 2)
    }

    @Test func aliasLimitIsConfigurable() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        #expect(read(text).isClean)
        let error = try onlyError(text, limits: YAMLLimits(maxAliasExpansion: 7))
        #expect(error.code == .aliasLimit)
        #expect(error.at == [2, 9], "the second alias brings expansion to 8 nodes")
        #expect(error.message.hasPrefix("aliases expand to more than 7 nodes (at alias '*a')"))
    }

    @Test func totalNodeLimit() throws {
        let error = try onlyError("a: [1, 2, 3]\nb: [4, 5, 6]\n", limits: YAMLLimits(maxNodes: 8))
        #expect(error.code == .nodeLimit)
        #expect(error.message == "file has more than 8 nodes")
        #expect(error.at == [2, 5], "the 9th node is the 4")
        #expect(!error.isRecoverable)
    }

    @Test func aliasExpansionCountsTowardsTheNodeLimit() throws {
        let error = try onlyError("a: &a [1, 2, 3, 4]\nb: *a\n", limits: YAMLLimits(maxNodes: 9))
        #expect(error.code == .nodeLimit)
        #expect(error.at == [2, 4])
    }

    @Test func undefinedAlias() throws {
        let file = read("spec:\n  owner: *missing\n")
        let error = try onlyError(file)
        #expect(error.code == .unknownAnchor)
        #expect(error.at == [2, 10])
        #expect(error.message == "alias '*missing' refers to no anchor defined before it")
        #expect(error.hint == "define '&missing' earlier in the same document")
        #expect(!error.isRecoverable)
    }

    @Test func aliasBeforeItsAnchor() throws {
        let error = try onlyError("a: *x\nb: &x 1\n")
        #expect(error.code == .unknownAnchor)
        #expect(error.at == [1, 4])
    }

    @Test func aliasInsideItsOwnAnchor() throws {
        let error = try onlyError("a: &x [1, *x]\n")
        #expect(error.code == .unknownAnchor, "a node cannot contain itself")
        #expect(error.at == [1, 11])
    }

    @Test func aliasTooDeepOnceExpanded() throws {
        // 40 nested lists are fine on their own (depth 41 with the root mapping), and so are 30;
        // the alias puts the 40 under the 30 (1 + 30 + 40 = 71 levels).
        let text = "deep: &deep \(nestedFlow(40))\nb: \(nestedFlow(30, inner: "*deep"))\n"
        #expect(read("deep: &deep \(nestedFlow(40))\nb: \(nestedFlow(30))\n").isClean)
        let error = try onlyError(text)
        #expect(error.code == .depthLimit)
        #expect(error.at == [2, 34], "located at the alias")
        #expect(error.message == "nesting is deeper than 64 levels once aliases are expanded")
        #expect(error.hint == "flatten the structure; no spec needs this depth")
        #expect(!error.isRecoverable)
    }

    @Test func aliasExactlyAtTheDepthLimit() throws {
        // 1 (root) + 23 + 40 = 64 levels: allowed.
        let text = "deep: &deep \(nestedFlow(40))\nb: \(nestedFlow(23, inner: "*deep"))\n"
        #expect(read(text).isClean)
        let over = "deep: &deep \(nestedFlow(40))\nb: \(nestedFlow(24, inner: "*deep"))\n"
        #expect(try onlyError(over).code == .depthLimit)
    }
}

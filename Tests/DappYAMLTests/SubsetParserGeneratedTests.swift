import Foundation
import Testing

@testable import DappYAML

/// Random documents written in every layout the subset allows (and some it does not), each
/// read by the subset parser and by libyaml: where the subset parser gives a tree, it must be
/// libyaml's. Mutating real files (`SubsetParserTests`) finds local slips; this finds the
/// combinations real files rarely hold: deep indentless sequences, block scalars in compact
/// mappings, odd indentation steps, comments and blank lines anywhere.
@Suite struct SubsetParserGeneratedTests {
    @Test("generated documents: the subset parser gives libyaml's tree or steps aside")
    func generatedDocumentsAgree() {
        let environment = ProcessInfo.processInfo.environment
        let rounds = environment["SUBSET_FUZZ_ROUNDS"].flatMap(Int.init) ?? 4000
        var writer = DocumentWriter(random: SplitMix64(seed: environment["SUBSET_FUZZ_SEED"].flatMap(UInt64.init) ?? 0xD0C5_0002))
        var accepted = 0
        var disagreements: [String] = []
        for round in 0..<rounds {
            let text = writer.file()
            let bytes = Array(text.utf8)
            let comparison = SubsetParserTests.compare(bytes)
            if let d = comparison.disagreement {
                disagreements.append("round \(round): \(d)\n---\n\(text)")
            }
            if comparison.subset != nil { accepted += 1 }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements; first: \(disagreements.first ?? "")")
        // The writer mostly stays inside the subset, so the comparison has work to do.
        #expect(accepted * 5 > rounds * 2, "only \(accepted) of \(rounds) documents were read by the subset parser")
    }
}

/// Writes random YAML: random trees in random block layouts.
struct DocumentWriter {
    var random: SplitMix64
    /// Anchors written so far in this document (some still open when an alias uses them).
    var anchors: [String] = []

    mutating func int(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }

    mutating func file() -> String {
        var out = ""
        let documents = chance(15) ? 2 + int(2) : 1
        for i in 0..<documents {
            if i > 0 || chance(20) { out += "---" + (chance(20) ? " # doc" : "") + "\n" }
            if chance(80) { anchors = [] }  // else aliases may reach into the previous document
            out += filler()
            out += chance(50) ? mapping(indent: 0, depth: 0) : sequence(indent: 0, depth: 0)
        }
        return out
    }

    /// Blank lines and comment lines at any indentation, usually none.
    mutating func filler() -> String {
        guard chance(15) else { return "" }
        return chance(50) ? "\n" : String(repeating: " ", count: int(6)) + "# note\n"
    }

    mutating func step() -> Int { 1 + int(4) }

    /// Lines of a block mapping at `indent`; the first line starts with no indentation when
    /// `inline` (after `- `).
    mutating func mapping(indent: Int, depth: Int, inline: Bool = false) -> String {
        var out = ""
        let count = 1 + int(4)
        var used: Set<String> = []
        for i in 0..<count {
            let pad = (i == 0 && inline) ? "" : String(repeating: " ", count: indent)
            if i > 0 { out += filler() }
            // Keys differ (duplicates are the mutation tests' business); some are quoted.
            var name = word()
            while !used.insert(name).inserted { name += "\(i)" }
            let key = chance(85) ? name : (chance(50) ? "'\(name)'" : "\"\(name)\"")
            out += pad + key + (chance(10) ? " " : "") + ":"
            out += value(indent: indent, depth: depth, parentIsMapping: true)
        }
        return out
    }

    mutating func sequence(indent: Int, depth: Int) -> String {
        var out = ""
        for i in 0..<(1 + int(4)) {
            if i > 0 { out += filler() }
            let pad = String(repeating: " ", count: indent)
            if chance(30), depth < 5 {
                // `- key: value` with the mapping's keys where the first key stands.
                let gap = 1 + int(3)
                out += pad + "-" + String(repeating: " ", count: gap)
                out += mapping(indent: indent + 1 + gap, depth: depth + 1, inline: true)
            } else {
                out += pad + "-"
                out += value(indent: indent, depth: depth, parentIsMapping: false)
            }
        }
        return out
    }

    /// What follows `key:` or `-`: a scalar or flow on the same line, a block scalar, a nested
    /// block, or nothing; always through the end of its last line.
    mutating func value(indent: Int, depth: Int, parentIsMapping: Bool) -> String {
        if !anchors.isEmpty, chance(8) { return " *" + anchors[int(anchors.count)] + (chance(10) ? " # alias" : "") + "\n" }
        if chance(10) {
            let name = "a\(anchors.count)" + (chance(20) ? "-x_1" : "")
            anchors.append(name)
            return " &" + name + plainValue(indent: indent, depth: depth, parentIsMapping: parentIsMapping)
        }
        return plainValue(indent: indent, depth: depth, parentIsMapping: parentIsMapping)
    }

    mutating func plainValue(indent: Int, depth: Int, parentIsMapping: Bool) -> String {
        let trailing = chance(10) ? "  " : ""
        switch int(10) {
        case 0...3:
            var out = " " + scalar() + trailing
            // A plain scalar going on over deeper lines, with blank lines between some.
            if chance(15) {
                for _ in 0..<(1 + int(3)) {
                    out += "\n" + (chance(20) ? "\n" : "") + String(repeating: " ", count: indent + 1 + int(3)) + text(allowing: " -.[]'")
                }
            }
            return out + (chance(10) ? " # c" : "") + "\n"
        case 4:
            return " " + flow(depth: 0) + trailing + "\n"
        case 5:
            return " " + blockScalar(parentIndent: indent)
        case 6...8 where depth < 6:
            let head = chance(10) ? " # nested\n" : "\n"
            if chance(50) {
                return head + mapping(indent: indent + step(), depth: depth + 1)
            }
            // Under a mapping key, a sequence may stand at the key's own column.
            let nested = parentIsMapping && chance(50) ? indent : indent + step()
            return head + sequence(indent: nested, depth: depth + 1)
        default:
            return trailing + "\n"
        }
    }

    mutating func word() -> String {
        let words = ["name", "type", "a", "b1", "order_id", "x-y", "url", "n", "true", "null", "12", "-3", "1.5", "~", "yes", "on"]
        return words[int(words.count)]
    }

    /// A one-line scalar: plain text with the characters that matter to YAML, or quoted.
    mutating func scalar() -> String {
        switch int(10) {
        case 0...2: return word()
        case 3: return "'" + text(allowing: "'\"#:[]{},-&*!|> ").replacingOccurrences(of: "'", with: "''") + "'"
        case 4:
            // Escapes libyaml decodes, and some it rejects.
            let escapes = [
                #"\n"#, #"\""#, #"\\"#, #"\t"#, #"\x41"#, #"\u00e9"#, #"\U0001F600"#, #"\/"#, #"\ "#, #"\0"#, #"\q"#, #"\uD800"#, #"\x4"#,
            ]
            let body = text(allowing: "'#:[]{},-&*!|> ").replacingOccurrences(of: "\"", with: "")
            return "\"" + body + (chance(40) ? escapes[int(escapes.count)] + text(allowing: " ") : "") + "\""
        case 5, 6: return text(allowing: " :#-,[]{}./()'\"")
        default: return text(allowing: " -./()")
        }
    }

    mutating func text(allowing special: String) -> String {
        let letters = Array(chance(20) ? "aé—😀ü日z_\u{A0}" : "abcxyz019_")
        let extra = Array(special)
        var out = ""
        for _ in 0..<(1 + int(12)) {
            out.append(chance(75) ? letters[int(letters.count)] : extra[int(extra.count)])
        }
        return out
    }

    mutating func flow(depth: Int) -> String {
        let space = chance(30) ? " " : ""
        if chance(50) || depth > 2 {
            let items = (0..<int(4)).map { _ in depth < 2 && chance(20) ? flow(depth: depth + 1) : flowItem() }
            return "[" + space + items.joined(separator: "," + (chance(80) ? " " : "")) + space + "]"
        }
        let pairs = (0..<int(4)).map { i in word() + "\(i): " + (chance(20) ? flow(depth: depth + 1) : flowScalar()) }
        return "{" + space + pairs.joined(separator: ", ") + space + "}"
    }

    /// A scalar, an alias, or an anchored scalar inside a flow collection.
    mutating func flowItem() -> String {
        if !anchors.isEmpty, chance(10) { return "*" + anchors[int(anchors.count)] }
        if chance(10) {
            anchors.append("f\(anchors.count)")
            return "&" + anchors[anchors.count - 1] + " " + flowScalar()
        }
        return flowScalar()
    }

    mutating func flowScalar() -> String {
        switch int(4) {
        case 0: return "'" + text(allowing: " ,:") + "'"
        default: return text(allowing: " -./")
        }
    }

    /// `|` or `>` with a chomping indicator, then lines of text (some more indented, some empty).
    mutating func blockScalar(parentIndent: Int) -> String {
        let header = ["|", ">", "|-", ">-", "|+", ">+"][int(6)]
        let indent = parentIndent + step()
        var out = header + (chance(10) ? " # text" : "") + "\n"
        for _ in 0..<(1 + int(5)) {
            switch int(8) {
            case 0: out += "\n"
            case 1: out += String(repeating: " ", count: indent + 1 + int(3)) + text(allowing: " #:-") + "\n"
            default: out += String(repeating: " ", count: indent) + text(allowing: " #:-'\"") + "\n"
            }
        }
        if chance(20) { out += "\n" }
        return out
    }
}

/// Renders a `SpecValue` as JSON with the keys in the order given, so documented output schemas
/// read the way they are documented and golden files stay stable.
///
/// Reports of a check over many products hold tens of thousands of findings (tens of megabytes of
/// SARIF), so the text is written as bytes, strings are copied whole unless they hold a character
/// to escape, and a long list is rendered a slice per core.
public enum JSONText {
    /// The JSON text of `value`; with `newline`, ending in a line feed, as a file or a command's
    /// output does (appended here: adding it to the finished text would copy tens of megabytes).
    public static func render(_ value: SpecValue, pretty: Bool = true, newline: Bool = false) -> String {
        var writer = Writer(pretty: pretty, parallel: true)
        writer.write(value, indent: 0)
        if newline { writer.out.append(UInt8(ascii: "\n")) }
        return writer.text
    }

    /// A list longer than this is rendered in slices of this many elements, on every core.
    static let sliceSize = 512

    struct Writer {
        /// The text written so far is `done` followed by `out`: a long list's slices are kept as
        /// they come from the workers and copied once, into the final string.
        var done: [[UInt8]] = []
        var out: [UInt8] = []
        let pretty: Bool
        /// False inside a slice rendered on a worker: only the outermost long list is split.
        let parallel: Bool

        init(pretty: Bool, parallel: Bool) {
            self.pretty = pretty
            self.parallel = parallel
        }

        mutating func write(_ value: SpecValue, indent: Int) {
            switch value {
            case .null: append("null")
            case .bool(let b): append(b ? "true" : "false")
            case .int(let i): append(String(i))
            case .double(let d):
                if d.isFinite {
                    append(d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d))
                } else {
                    append("null")
                }
            case .string(let s): writeString(s)
            case .list(let items):
                if items.isEmpty {
                    append("[]")
                    return
                }
                out.append(UInt8(ascii: "["))
                if parallel, items.count > JSONText.sliceSize {
                    writeInSlices(items, indent: indent + 1)
                } else {
                    writeElements(items[...], indent: indent + 1, first: true)
                }
                newline(indent)
                out.append(UInt8(ascii: "]"))
            case .map(let entries):
                if entries.isEmpty {
                    append("{}")
                    return
                }
                out.append(UInt8(ascii: "{"))
                for i in entries.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline(indent + 1)
                    writeString(entries[i].key)
                    append(pretty ? ": " : ":")
                    write(entries[i].value, indent: indent + 1)
                }
                newline(indent)
                out.append(UInt8(ascii: "}"))
            }
        }

        /// The elements of a list, each after its separator and line break.
        mutating func writeElements(_ items: ArraySlice<SpecValue>, indent: Int, first: Bool) {
            var first = first
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                newline(indent)
                write(item, indent: indent)
            }
        }

        /// The elements of a long list, a slice per core, appended in order: the same bytes as
        /// `writeElements` over the whole list.
        mutating func writeInSlices(_ items: [SpecValue], indent: Int) {
            let pretty = pretty
            let slices = ParallelMap.slices(of: items, size: JSONText.sliceSize) { slice in
                var writer = Writer(pretty: pretty, parallel: false)
                writer.writeElements(slice, indent: indent, first: slice.startIndex == 0)
                return writer.out
            }
            done.append(out)
            done += slices
            out = []
        }

        /// Everything written, as one string.
        var text: String {
            let count = done.reduce(out.count) { $0 + $1.count }
            return String(unsafeUninitializedCapacity: count) { buffer in
                var at = 0
                for part in done + [out] {
                    part.withUnsafeBufferPointer { bytes in
                        guard let base = bytes.baseAddress else { return }
                        (buffer.baseAddress! + at).initialize(from: base, count: bytes.count)
                        at += bytes.count
                    }
                }
                return at
            }
        }

        mutating func newline(_ indent: Int) {
            guard pretty else { return }
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
        }

        mutating func append(_ s: String) {
            out.append(contentsOf: s.utf8)
        }

        /// A JSON string: runs of bytes that need no escape are copied whole.
        mutating func writeString(_ s: String) {
            out.append(UInt8(ascii: "\""))
            s.appendUTF8(to: &out, replacing: JSONText.escape)
            out.append(UInt8(ascii: "\""))
        }
    }

    /// What a byte of a JSON string is written as, when not as itself: quotes, backslashes and
    /// control characters.
    static func escape(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        case 0..<0x20:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return nil
        }
    }

    /// `s` as a JSON string literal, quotes included.
    static func writeString(_ s: String, into out: inout String) {
        var writer = Writer(pretty: false, parallel: false)
        writer.writeString(s)
        out += writer.text
    }
}

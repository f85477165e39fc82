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
            let slices = ParallelMap.ranges(count: items.count, size: JSONText.sliceSize)
            let pretty = pretty
            try? ParallelMap.run(count: slices.count, parallelism: System.coreCount) { slice -> [UInt8]? in
                var writer = Writer(pretty: pretty, parallel: false)
                writer.writeElements(items[slices[slice]], indent: indent, first: slice == 0)
                return writer.out
            } store: { _, bytes in
                done.append(out)
                done.append(bytes)
                out = []
            }
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
            var s = s
            s.withUTF8 { bytes in
                var run = 0
                for i in bytes.indices {
                    let byte = bytes[i]
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                    run = i + 1
                    switch byte {
                    case UInt8(ascii: "\""): append("\\\"")
                    case UInt8(ascii: "\\"): append("\\\\")
                    case UInt8(ascii: "\n"): append("\\n")
                    case UInt8(ascii: "\r"): append("\\r")
                    case UInt8(ascii: "\t"): append("\\t")
                    default:
                        let hex = String(byte, radix: 16)
                        append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// `s` as a JSON string literal, quotes included.
    static func writeString(_ s: String, into out: inout String) {
        var writer = Writer(pretty: false, parallel: false)
        writer.writeString(s)
        out += writer.text
    }
}

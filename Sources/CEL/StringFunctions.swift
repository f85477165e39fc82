#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// cel-go's `ext.Strings`: indices and lengths count Unicode code points.
enum StringFunctions {
    static func call(_ function: LibraryFunction, _ args: [CELValue], budget: inout Int) throws(Failure) -> CELValue {
        if function == .quote {
            guard args.count == 1, case .string(let s) = args[0] else { throw Library.noOverload(function, args) }
            try Library.charge(s.utf8.count / 16 + 1, &budget)
            return .string(quote(s))
        }
        if function == .join {
            guard case .list(let items) = args[0] else { throw Library.noOverload(function, args) }
            var separator = ""
            if args.count == 2 {
                guard case .string(let s) = args[1] else { throw Library.noOverload(function, args) }
                separator = s
            }
            var parts: [String] = []
            var size = 0
            for item in items {
                guard case .string(let s) = item else {
                    throw Failure("join: list elements must be strings, found \(item.celType)")
                }
                size += s.utf8.count + separator.utf8.count
                parts.append(s)
            }
            try Library.charge(size / 16 + 1, &budget)
            return .string(parts.joined(separator: separator))
        }
        guard case .string(let s) = args[0] else { throw Library.noOverload(function, args) }
        try Library.charge(s.utf8.count / 16 + 1, &budget)
        switch function {
        case .charAt:
            guard case .int(let i) = args[1] else { throw Library.noOverload(function, args) }
            let scalars = Array(s.unicodeScalars)
            guard i >= 0, i <= scalars.count else { throw Failure("index out of range: \(i)") }
            return .string(i == scalars.count ? "" : String(scalars[Int(i)]))
        case .indexOf, .lastIndexOf:
            guard case .string(let part) = args[1] else { throw Library.noOverload(function, args) }
            let scalars = Array(s.unicodeScalars)
            let needle = Array(part.unicodeScalars)
            try Library.charge(needle.count / 16, &budget)
            var position: Int64?
            if args.count == 3 {
                guard case .int(let p) = args[2] else { throw Library.noOverload(function, args) }
                guard p >= 0, p <= scalars.count else { throw Failure("index out of range: \(p)") }
                position = p
            }
            if function == .indexOf {
                return .int(Int64(indexOf(needle, in: scalars, from: Int(position ?? 0))))
            }
            return .int(Int64(lastIndexOf(needle, in: scalars, atOrBefore: Int(position ?? Int64(scalars.count)))))
        case .lowerAscii, .upperAscii:
            guard args.count == 1 else { throw Library.noOverload(function, args) }
            let lower = function == .lowerAscii
            var bytes = Array(s.utf8)
            for i in bytes.indices {
                let b = bytes[i]
                if lower, b >= 0x41, b <= 0x5A { bytes[i] = b + 32 }
                if !lower, b >= 0x61, b <= 0x7A { bytes[i] = b - 32 }
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        case .replace:
            guard case .string(let old) = args[1], case .string(let new) = args[2] else {
                throw Library.noOverload(function, args)
            }
            var limit: Int64 = -1
            if args.count == 4 {
                guard case .int(let n) = args[3] else { throw Library.noOverload(function, args) }
                limit = n
            }
            try Library.charge((old.utf8.count + new.utf8.count) / 16, &budget)
            return .string(try replace(s, old, new, limit: limit, budget: &budget))
        case .split:
            guard case .string(let separator) = args[1] else { throw Library.noOverload(function, args) }
            var limit: Int64 = -1
            if args.count == 3 {
                guard case .int(let n) = args[2] else { throw Library.noOverload(function, args) }
                limit = n
            }
            return .list(split(s, separator, limit: limit).map(CELValue.string))
        case .substring:
            guard case .int(let start) = args[1] else { throw Library.noOverload(function, args) }
            let scalars = Array(s.unicodeScalars)
            var end = Int64(scalars.count)
            if args.count == 3 {
                guard case .int(let e) = args[2] else { throw Library.noOverload(function, args) }
                end = e
            }
            guard start >= 0, start <= scalars.count else { throw Failure("index out of range: \(start)") }
            guard end >= 0, end <= scalars.count else { throw Failure("index out of range: \(end)") }
            guard start <= end else { throw Failure("invalid substring range. start: \(start), end: \(end)") }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[Int(start)..<Int(end)])
            return .string(String(out))
        case .trim:
            guard args.count == 1 else { throw Library.noOverload(function, args) }
            let scalars = s.unicodeScalars
            guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return .string("") }
            let last = scalars.lastIndex(where: { !isSpace($0) })!
            return .string(String(scalars[first...last]))
        case .reverse:
            guard args.count == 1 else { throw Library.noOverload(function, args) }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: s.unicodeScalars.reversed())
            return .string(String(out))
        case .format:
            guard case .list(let values) = args[1] else { throw Library.noOverload(function, args) }
            return .string(try Formatter.format(s, values, budget: &budget))
        default:
            throw Library.noOverload(function, args)
        }
    }

    static func indexOf(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int {
        if needle.isEmpty { return start }
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return -1 }
        for i in start...(haystack.count - needle.count) where haystack[i..<i + needle.count].elementsEqual(needle) {
            return i
        }
        return -1
    }

    static func lastIndexOf(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], atOrBefore last: Int) -> Int {
        if needle.isEmpty { return last }
        guard haystack.count >= needle.count else { return -1 }
        var i = min(last, haystack.count - needle.count)
        while i >= 0 {
            if haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i -= 1
        }
        return -1
    }

    /// Go's `strings.Replace`: `limit` < 0 replaces all; an empty `old` matches between code points.
    static func replace(_ s: String, _ old: String, _ new: String, limit: Int64, budget: inout Int) throws(Failure)
        -> String
    {
        let haystack = Array(s.unicodeScalars)
        let needle = Array(old.unicodeScalars)
        let replacement = Array(new.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var count: Int64 = 0
        var i = 0
        while i <= haystack.count {
            if limit >= 0 && count >= limit { break }
            if needle.isEmpty {
                out.append(contentsOf: replacement)
                count += 1
                if i < haystack.count { out.append(haystack[i]) }
                i += 1
                try Library.charge(replacement.count / 16, &budget)
                continue
            }
            let found = indexOf(needle, in: haystack, from: i)
            if found < 0 { break }
            out.append(contentsOf: haystack[i..<found])
            out.append(contentsOf: replacement)
            try Library.charge(replacement.count / 16, &budget)
            count += 1
            i = found + needle.count
        }
        if i < haystack.count { out.append(contentsOf: haystack[i...]) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out)
        return String(view)
    }

    /// Go's `strings.SplitN`.
    static func split(_ s: String, _ separator: String, limit: Int64) -> [String] {
        if limit == 0 { return [] }
        let haystack = Array(s.unicodeScalars)
        let needle = Array(separator.unicodeScalars)
        func text(_ part: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: part)
            return String(view)
        }
        var parts: [String] = []
        if needle.isEmpty {
            for (i, scalar) in haystack.enumerated() {
                if limit > 0 && parts.count == limit - 1 {
                    parts.append(text(haystack[i...]))
                    return parts
                }
                parts.append(String(scalar))
            }
            return parts
        }
        var start = 0
        while limit < 0 || parts.count < limit - 1 {
            let found = indexOf(needle, in: haystack, from: start)
            if found < 0 { break }
            parts.append(text(haystack[start..<found]))
            start = found + needle.count
        }
        parts.append(text(haystack[start...]))
        return parts
    }

    /// Go's `unicode.IsSpace`.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `strings.quote`: a double-quoted CEL string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}

/// cel-go's `string.format(list)`: `%s %d %f %e %x %X %o %b %%`, with an optional `.N` precision.
enum Formatter {
    static func format(_ template: String, _ args: [CELValue], budget: inout Int) throws(Failure) -> String {
        var out = ""
        var scalars = template.unicodeScalars[...]
        var next = 0
        while let c = scalars.popFirst() {
            guard c == "%" else {
                out.unicodeScalars.append(c)
                continue
            }
            if scalars.first == "%" {
                scalars.removeFirst()
                out += "%"
                continue
            }
            var precision: Int?
            if scalars.first == "." {
                scalars.removeFirst()
                var digits = 0
                while let d = scalars.first, d.properties.numericType == .decimal, d.isASCII {
                    digits = min(digits * 10 + Int(d.value - 0x30), 1000)
                    scalars.removeFirst()
                }
                precision = digits
            }
            guard let verb = scalars.popFirst() else {
                throw Failure("could not parse formatting clause: unexpected end of string")
            }
            guard "sdfexXob".unicodeScalars.contains(verb) else {
                throw Failure("could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
            }
            guard next < args.count else { throw Failure("index \(next) out of range") }
            let arg = args[next]
            next += 1
            let text = try clause(verb, precision, arg)
            try Library.charge(text.utf8.count / 16 + 1, &budget)
            out += text
        }
        return out
    }

    static func clause(_ verb: Unicode.Scalar, _ precision: Int?, _ arg: CELValue) throws(Failure) -> String {
        func wrong(_ what: String) -> Failure {
            Failure("error during formatting: \(what), was given \(arg.celType)")
        }
        switch verb {
        case "s":
            return try string(arg)
        case "d":
            switch arg {
            case .int(let i): return String(i)
            case .uint(let u): return String(u)
            case .double(let d) where !d.isFinite: return nonFinite(d)
            default: throw wrong("decimal clause can only be used on integers")
            }
        case "f", "e":
            let d: Double
            switch arg {
            case .double(let v): d = v
            case .int(let i): d = Double(i)
            case .uint(let u): d = Double(u)
            default:
                throw wrong(
                    verb == "f" ? "fixed-point clause can only be used on doubles" : "scientific clause can only be used on doubles")
            }
            if !d.isFinite { return nonFinite(d) }
            return printf(d, verb == "f" ? "f" : "e", precision ?? 6)
        case "x", "X":
            let upper = verb == "X"
            switch arg {
            case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 16, uppercase: upper)
            case .uint(let u): return String(u, radix: 16, uppercase: upper)
            case .string(let s): return hex(Array(s.utf8), upper)
            case .bytes(let b): return hex(b, upper)
            default: throw wrong("only integers, byte buffers, and strings can be formatted as hex")
            }
        case "o":
            switch arg {
            case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 8)
            case .uint(let u): return String(u, radix: 8)
            default: throw wrong("octal clause can only be used on integers")
            }
        default:
            switch arg {
            case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 2)
            case .uint(let u): return String(u, radix: 2)
            case .bool(let b): return b ? "1" : "0"
            default: throw wrong("only integers and bools can be formatted as binary")
            }
        }
    }

    static func nonFinite(_ d: Double) -> String {
        d.isNaN ? "NaN" : (d < 0 ? "-Infinity" : "Infinity")
    }

    static func hex(_ bytes: [UInt8], _ upper: Bool) -> String {
        let digits = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// C's `%.*f` / `%.*e` (exact decimal rounding of the binary value, as Go's fmt).
    static func printf(_ d: Double, _ conversion: String, _ precision: Int) -> String {
        let size = 400 + precision
        var buffer = [CChar](repeating: 0, count: size)
        let format = "%.*" + conversion
        let written = withVaList([Int32(precision), d]) { list in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, size, format, list) }
        }
        guard written >= 0 else { return String(d) }
        return String(decoding: buffer.prefix(Int(min(written, Int32(size - 1)))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The `%s` rendering: strings unquoted, lists `[a, b]`, maps `{k: v}` sorted by key text.
    static func string(_ value: CELValue) throws(Failure) -> String {
        switch value {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return d.isFinite ? Conversions.format(d) : nonFinite(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .type(let t): return t.name
        case .timestamp(let t): return t.description
        case .duration(let d): return d.description
        case .list(let items):
            var parts: [String] = []
            for item in items { parts.append(try string(item)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let map):
            var parts: [(String, String)] = []
            for (key, value) in map.entries { parts.append((try string(key), try string(value))) }
            parts.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            return "{" + parts.map { "\($0): \($1)" }.joined(separator: ", ") + "}"
        case .optional:
            throw Failure(
                "error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given optional_type"
            )
        }
    }
}

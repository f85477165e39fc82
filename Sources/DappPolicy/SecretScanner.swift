import CEL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds strings in a document that look like credentials, for `secrets.literals(object)`.
///
/// Two signals, as secret scanners in CI use them: a value under a key that names a secret
/// (`password`, `apiKey`, `client_secret`, …) and a high-entropy token (or a well-known token
/// prefix) anywhere. It returns field paths only: the value itself must never reach a report.
public enum SecretScanner {
    /// Key endings that name a secret, compared without case, `_`, `-` and `.`.
    static let secretKeySuffixes = [
        "password", "passwd", "pwd", "secret", "token", "apikey", "accesskey", "secretkey", "privatekey", "credential",
        "credentials", "passphrase", "connectionstring",
    ]

    /// Prefixes of widely used credential formats (GitHub, Slack, Stripe, AWS, PEM keys, …).
    static let tokenPrefixes = [
        "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "sk_live_", "rk_live_", "sk-",
        "AKIA", "ASIA", "AIza", "-----BEGIN",
    ]

    /// The first bytes of `tokenPrefixes`: most texts start with none of them, and are not
    /// compared with each prefix.
    static let tokenPrefixStarts = ByteSet(tokenPrefixes.compactMap(\.utf8.first))

    /// The paths (`spec.parameters.source_password`, `spec.tags[1]`) of values that look like secrets.
    public static func literals(in value: CELValue) -> [String] {
        literalsAndSize(in: value).paths
    }

    /// The paths, and the size of `value` as `CELFunction.size(of:)` counts it (what the call is
    /// charged), in one walk.
    static func literalsAndSize(in value: CELValue) -> (paths: [String], size: Int) {
        var found: [[Int]] = []
        var path: [Int] = []
        var size = 0
        scan(value, path: &path, key: nil, into: &found, size: &size)
        return (found.map { render($0, in: value) }, size)
    }

    /// The path to a value as positions (an entry of a map, an item of a list), from the root:
    /// names are looked up only for a value that is found, since almost none are, and the walk
    /// retains no key on the way.
    static func render(_ path: [Int], in root: CELValue) -> String {
        var text = ""
        var value = root
        for position in path {
            switch value {
            case .map(let map):
                guard case .string(let name) = map.key(at: position) else { return text }
                text += text.isEmpty ? name : "." + name
                value = map.value(at: position)
            case .list(let items):
                text += "[\(position)]"
                value = items[position]
            default:
                return text
            }
        }
        return text
    }

    static func scan(_ value: CELValue, path: inout [Int], key: String?, into found: inout [[Int]], size: inout Int) {
        switch value {
        case .string(let text):
            size += 1 + text.utf8.count / 64
            if let key, isSecretKey(key), !text.isEmpty, !isPlaceholder(text) {
                found.append(path)
            } else if looksLikeToken(text) {
                found.append(path)
            }
        case .list(let items):
            size += 1
            for index in items.indices {
                path.append(index)
                scan(items[index], path: &path, key: key, into: &found, size: &size)
                path.removeLast()
            }
        case .map(let map):
            size += 1
            map.withEntries { entries in
                for index in entries.indices {
                    // A reference is the right way to name a secret; nothing under it is a literal.
                    // (Length first: `!=` on two different strings calls out of line.)
                    guard case .string(let name) = entries[index].key, !(name.utf8.count == 9 && name == "secretRef") else {
                        size += CELFunction.size(of: entries[index].value)
                        continue
                    }
                    path.append(index)
                    scan(entries[index].value, path: &path, key: name, into: &found, size: &size)
                    path.removeLast()
                }
            }
        default:
            size += 1
        }
    }

    /// The suffixes as bytes, for comparing with a key's bytes without building strings.
    static let secretKeySuffixBytes: [[UInt8]] = secretKeySuffixes.map { Array($0.utf8) }

    /// The last two letters of each suffix as one number (the second-to-last in the high byte).
    static let secretKeyEndings: [UInt16] = secretKeySuffixBytes.map { UInt16($0[$0.count - 2]) << 8 | UInt16($0[$0.count - 1]) }

    /// Whether the key, lowercased and without `_`, `-` and `.`, ends with a secret-naming suffix.
    static func isSecretKey(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            // Almost no key ends in the last two letters of a suffix (`name`, `type`, `required`
            // do not): that settles it before any suffix is compared. One letter would not:
            // most keys end in one of the suffixes' last letters.
            var ending: UInt16 = 0
            var letters = 0
            var at = bytes.count - 1
            while at >= 0, letters < 2 {
                var byte = bytes[at]
                at -= 1
                if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") { continue }
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                ending |= UInt16(byte) << (8 * UInt16(letters))
                letters += 1
            }
            guard letters == 2, secretKeyEndings.contains(ending) else { return false }
            suffixes: for suffix in secretKeySuffixBytes {
                // Walk both backwards, skipping separators in the key.
                var at = bytes.count - 1
                for expected in suffix.reversed() {
                    while at >= 0, bytes[at] == UInt8(ascii: "_") || bytes[at] == UInt8(ascii: "-") || bytes[at] == UInt8(ascii: ".") {
                        at -= 1
                    }
                    guard at >= 0 else { continue suffixes }
                    var byte = bytes[at]
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                    guard byte == expected else { continue suffixes }
                    at -= 1
                }
                return true
            }
            return false
        }
    }

    /// `${VAR}` and `<redacted>`-style placeholders are not values.
    static func isPlaceholder(_ text: String) -> Bool {
        (text.hasPrefix("${") && text.hasSuffix("}")) || (text.hasPrefix("<") && text.hasSuffix(">")) || text.allSatisfy { $0 == "*" }
    }

    /// A known token prefix, or a long unbroken string mixing upper case, lower case and digits
    /// whose characters carry more than 4.2 bits of entropy each (hex digests top out at 4).
    static func looksLikeToken(_ text: String) -> Bool {
        // Most values are short: nothing to look at.
        guard text.utf8.count >= 16 else { return false }
        var bytes = text
        let shape = bytes.withUTF8 { Shape(ascii: $0) } ?? Shape(unicode: text)
        guard shape.length >= 16, !shape.hasWhitespace else { return false }
        if shape.length >= 20, let first = text.utf8.first, tokenPrefixStarts.contains(first),
            tokenPrefixes.contains(where: { text.hasPrefix($0) })
        {
            return true
        }
        // Generated keys mix upper case, lower case and digits throughout; names, paths, emails
        // and slugs (`domain-024/product-0199`) are mostly one case with separators.
        guard shape.length >= 24, shape.upper >= 2, shape.lower >= 2, shape.digits >= 2, !text.contains("://") else { return false }
        let scalars = Array(text.unicodeScalars)
        return !isUUID(scalars) && entropy(scalars) > 4.2
    }

    /// What the token test counts in a text: its length in characters and the ASCII letters and
    /// digits among them.
    struct Shape {
        var length = 0
        var upper = 0
        var lower = 0
        var digits = 0
        var hasWhitespace = false

        /// Counted over the bytes, without decoding; nil when the text is not all ASCII.
        init?(ascii bytes: UnsafeBufferPointer<UInt8>) {
            length = bytes.count
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper += 1
                case UInt8(ascii: "a")...UInt8(ascii: "z"): lower += 1
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                    hasWhitespace = true
                    return
                case 0x80...: return nil
                default: break
                }
            }
        }

        /// Counted by Unicode scalar, for text with non-ASCII characters.
        init(unicode text: String) {
            for scalar in text.unicodeScalars {
                length += 1
                switch scalar {
                case "A"..."Z": upper += 1
                case "a"..."z": lower += 1
                case "0"..."9": digits += 1
                default: if scalar.properties.isWhitespace { hasWhitespace = true }
                }
            }
        }
    }

    static func isUUID(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count == 36 else { return false }
        for (index, scalar) in scalars.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                if scalar != "-" { return false }
            } else if !scalar.properties.isASCIIHexDigit {
                return false
            }
        }
        return true
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ scalars: [Unicode.Scalar]) -> Double {
        var counts: [Unicode.Scalar: Int] = [:]
        for scalar in scalars { counts[scalar, default: 0] += 1 }
        let total = Double(scalars.count)
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }
}

/// A set of bytes as 256 bits: a membership test is a shift, not a hash.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: [UInt8]) {
        for byte in bytes {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }
}

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

    /// The paths (`spec.parameters.source_password`, `spec.tags[1]`) of values that look like secrets.
    public static func literals(in value: CELValue) -> [String] {
        var found: [String] = []
        scan(value, path: "", key: nil, into: &found)
        return found
    }

    static func scan(_ value: CELValue, path: String, key: String?, into found: inout [String]) {
        switch value {
        case .string(let text):
            if let key, isSecretKey(key), !text.isEmpty, !isPlaceholder(text) {
                found.append(path)
            } else if looksLikeToken(text) {
                found.append(path)
            }
        case .list(let items):
            for (index, item) in items.enumerated() { scan(item, path: "\(path)[\(index)]", key: key, into: &found) }
        case .map(let map):
            for (k, v) in map.entries {
                guard case .string(let name) = k else { continue }
                // A reference is the right way to name a secret; nothing under it is a literal.
                if name == "secretRef" { continue }
                scan(v, path: path.isEmpty ? name : "\(path).\(name)", key: name, into: &found)
            }
        default:
            break
        }
    }

    static func isSecretKey(_ key: String) -> Bool {
        let normalized = String(key.lowercased().filter { $0 != "_" && $0 != "-" && $0 != "." })
        return secretKeySuffixes.contains { normalized.hasSuffix($0) }
    }

    /// `${VAR}` and `<redacted>`-style placeholders are not values.
    static func isPlaceholder(_ text: String) -> Bool {
        (text.hasPrefix("${") && text.hasSuffix("}")) || (text.hasPrefix("<") && text.hasSuffix(">")) || text.allSatisfy { $0 == "*" }
    }

    /// A known token prefix, or a long unbroken string mixing upper case, lower case and digits
    /// whose characters carry more than 4.2 bits of entropy each (hex digests top out at 4).
    static func looksLikeToken(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 16, !scalars.contains(where: { $0.properties.isWhitespace }) else { return false }
        if tokenPrefixes.contains(where: { text.hasPrefix($0) }) && scalars.count >= 20 { return true }
        guard scalars.count >= 24, !text.contains("://"), !isUUID(scalars) else { return false }
        // Generated keys mix upper case, lower case and digits throughout; names, paths, emails
        // and slugs (`domain-024/product-0199`) are mostly one case with separators.
        let upper = scalars.filter { ("A"..."Z").contains($0) }.count
        let lower = scalars.filter { ("a"..."z").contains($0) }.count
        let digits = scalars.filter { ("0"..."9").contains($0) }.count
        guard upper >= 2, lower >= 2, digits >= 2 else { return false }
        return entropy(scalars) > 4.2
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

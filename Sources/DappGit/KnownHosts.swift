import Crypto
import DappCore

/// An OpenSSH known_hosts file: which host keys are trusted for which hosts. Hashed entries
/// (`|1|salt|hash`) are matched with HMAC-SHA1 as OpenSSH does.
public struct KnownHosts: Sendable {
    struct Entry: Sendable {
        enum Pattern: Sendable {
            case plain([String])
            case hashed(salt: [UInt8], hash: [UInt8])
        }
        var pattern: Pattern
        var keyType: String
        var key: [UInt8]
        var revoked: Bool
    }

    var entries: [Entry]

    public init(contentsOf path: String) throws {
        try self.init(text: String(decoding: FileBytes.read(path), as: UTF8.self))
    }

    public init(text: String) {
        entries = text.split(whereSeparator: \.isNewline).compactMap(Self.parse)
    }

    private static func parse(_ line: Substring) -> Entry? {
        var fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = fields.first, !first.hasPrefix("#") else { return nil }
        var revoked = false
        if first == "@revoked" || first == "@cert-authority" {
            guard first == "@revoked" else { return nil }  // CA-signed host keys are not supported
            revoked = true
            fields.removeFirst()
        }
        guard fields.count >= 3, let key = Base64.decode(fields[2]) else { return nil }
        let hosts = fields[0]
        let pattern: Entry.Pattern
        if hosts.hasPrefix("|1|") {
            let parts = hosts.split(separator: "|").map(String.init)
            guard parts.count == 3, let salt = Base64.decode(parts[1]), let hash = Base64.decode(parts[2]) else { return nil }
            pattern = .hashed(salt: salt, hash: hash)
        } else {
            pattern = .plain(hosts.split(separator: ",").map(String.init))
        }
        return Entry(pattern: pattern, keyType: fields[1], key: key, revoked: revoked)
    }

    public enum Verdict: Equatable, Sendable {
        case trusted
        /// The host is known, with other keys: possibly a man in the middle.
        case mismatch
        case unknownHost
        case revoked
    }

    /// Checks a host key blob (the SSH wire format, as in the file) for `host` on `port`.
    public func verify(host: String, port: Int, key: [UInt8]) -> Verdict {
        let name = port == 22 ? host : "[\(host)]:\(port)"
        var hostKnown = false
        for entry in entries where matches(entry.pattern, name) {
            if entry.key == key { return entry.revoked ? .revoked : .trusted }
            if !entry.revoked { hostKnown = true }
        }
        return hostKnown ? .mismatch : .unknownHost
    }

    private func matches(_ pattern: Entry.Pattern, _ name: String) -> Bool {
        switch pattern {
        case .plain(let names):
            return names.contains(name)
        case .hashed(let salt, let hash):
            let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array(name.utf8), using: SymmetricKey(data: salt))
            return Array(mac) == hash
        }
    }
}

/// Base64 without Foundation.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        return t
    }()

    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "=") { break }
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") || c == UInt8(ascii: " ") { continue }
            let v = table[Int(c)]
            guard v != 0xFF else { return nil }
            buffer = (buffer << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import DappCore

/// An OpenSSH allowed_signers file (`ssh-keygen -Y verify` format): who may sign, with which key.
///
///     alice@example.com,ops@example.com namespaces="git" ssh-ed25519 AAAAC3Nza...
public struct AllowedSigners: Sendable {
    struct Signer: Sendable {
        var principals: [String]
        var namespaces: [String]?
        var key: SSHPublicKey
    }

    var signers: [Signer]

    public init(contentsOf path: String) throws {
        try self.init(text: String(decoding: FileBytes.read(path), as: UTF8.self))
    }

    public init(text: String) throws {
        signers = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let tokens = Self.tokens(line)
            guard let first = tokens.first, !first.hasPrefix("#") else { continue }
            // principals [options] keytype base64
            guard let typeIndex = tokens.firstIndex(where: Self.isKeyType), typeIndex >= 1, typeIndex + 1 < tokens.count,
                let blob = Base64.decode(tokens[typeIndex + 1])
            else {
                throw DappError(.invalidArgument, "allowed signers line \(number + 1) is not 'principals [options] key-type base64-key'")
            }
            var namespaces: [String]?
            for option in tokens[1..<typeIndex] where option.hasPrefix("namespaces=") {
                namespaces = option.dropFirst("namespaces=".count).trimmingCharacters(in: "\"").split(separator: ",").map(String.init)
            }
            signers.append(
                Signer(principals: first.split(separator: ",").map(String.init), namespaces: namespaces, key: try SSHPublicKey(blob: blob)))
        }
    }

    /// The principals allowed to sign Git objects with `key`.
    func principals(for key: SSHPublicKey) -> [String] {
        signers.filter { $0.key.blob == key.blob && ($0.namespaces?.contains("git") ?? true) }.flatMap(\.principals)
    }

    private static func isKeyType(_ token: String) -> Bool {
        token.hasPrefix("ssh-") || token.hasPrefix("ecdsa-") || token.hasPrefix("sk-")
    }

    /// Whitespace-separated tokens, keeping quoted option values together.
    private static func tokens(_ line: Substring) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() }
            if (character == " " || character == "\t") && !quoted {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let first = s.first, set.contains(first) { s = s.dropFirst() }
        while let last = s.last, set.contains(last) { s = s.dropLast() }
        return String(s)
    }
}

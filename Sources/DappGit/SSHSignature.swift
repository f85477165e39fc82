import Crypto
import DappCore

/// An OpenSSH signature (`-----BEGIN SSH SIGNATURE-----`, PROTOCOL.sshsig) as Git writes them
/// for commits signed with `gpg.format=ssh`.
struct SSHSignature {
    var publicKey: SSHPublicKey
    var namespace: String
    var hashAlgorithm: String
    var signatureType: String
    var signature: [UInt8]

    /// Parses the armored signature; nil when it is not an SSH signature.
    init(armored text: String) throws {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: " \t\r") }
        guard lines.first == "-----BEGIN SSH SIGNATURE-----", let end = lines.firstIndex(of: "-----END SSH SIGNATURE-----") else {
            throw SignatureFormatError("not an SSH signature")
        }
        guard let blob = Base64.decode(lines[1..<end].joined()) else { throw SignatureFormatError("the signature is not valid base64") }
        var reader = SSHWireReader(blob)
        guard try reader.bytes(6) == Array("SSHSIG".utf8) else { throw SignatureFormatError("missing SSHSIG preamble") }
        guard try reader.uint32() == 1 else { throw SignatureFormatError("unsupported SSHSIG version") }
        publicKey = try SSHPublicKey(blob: try reader.string())
        namespace = String(decoding: try reader.string(), as: UTF8.self)
        _ = try reader.string()  // reserved
        hashAlgorithm = String(decoding: try reader.string(), as: UTF8.self)
        var signatureReader = SSHWireReader(try reader.string())
        signatureType = String(decoding: try signatureReader.string(), as: UTF8.self)
        signature = try signatureReader.string()
    }

    /// Whether the signature is valid for `message` under namespace `git`.
    func verifies(_ message: [UInt8]) throws -> Bool {
        guard namespace == "git" else { throw SignatureFormatError("signature namespace is '\(namespace)', not 'git'") }
        let digest: [UInt8]
        switch hashAlgorithm {
        case "sha512": digest = Array(SHA512.hash(data: message))
        case "sha256": digest = Array(SHA256.hash(data: message))
        default: throw SignatureFormatError("unsupported hash algorithm '\(hashAlgorithm)'")
        }
        var signed = Array("SSHSIG".utf8)
        SSHWireWriter.appendString(Array(namespace.utf8), to: &signed)
        SSHWireWriter.appendString([], to: &signed)
        SSHWireWriter.appendString(Array(hashAlgorithm.utf8), to: &signed)
        SSHWireWriter.appendString(digest, to: &signed)
        guard publicKey.type == "ssh-ed25519", signatureType == "ssh-ed25519" else {
            throw SignatureFormatError("only ssh-ed25519 signatures are supported, not \(signatureType)")
        }
        let key = try Curve25519.Signing.PublicKey(rawRepresentation: publicKey.keyBytes)
        return key.isValidSignature(signature, for: signed)
    }
}

/// An SSH public key: its wire blob (as in authorized_keys / allowed_signers, base64-decoded).
struct SSHPublicKey: Hashable, Sendable {
    var type: String
    var blob: [UInt8]
    /// The raw key (32 bytes for ed25519).
    var keyBytes: [UInt8]

    init(blob: [UInt8]) throws {
        var reader = SSHWireReader(blob)
        type = String(decoding: try reader.string(), as: UTF8.self)
        keyBytes = type == "ssh-ed25519" ? try reader.string() : []
        self.blob = blob
    }

    /// `SHA256:<base64>` as ssh-keygen prints it.
    var fingerprint: String {
        var text = Base64.encode(Array(SHA256.hash(data: blob)))
        while text.hasSuffix("=") { text.removeLast() }
        return "SHA256:\(text)"
    }
}

struct SignatureFormatError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Reads SSH wire encoding: uint32 big-endian lengths before strings.
struct SSHWireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, offset + count <= bytes.count else { throw SignatureFormatError("truncated signature data") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func uint32() throws -> UInt32 {
        try bytes(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func string() throws -> [UInt8] {
        try bytes(Int(try uint32()))
    }
}

enum SSHWireWriter {
    static func appendString(_ value: [UInt8], to out: inout [UInt8]) {
        let n = UInt32(value.count)
        out += [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
        out += value
    }
}

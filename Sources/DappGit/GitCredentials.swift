import DappCore

/// How dappctl authenticates to a remote repository. Secrets are read from the environment or
/// a file when a connection needs them, never stored in the value or printed.
public struct GitCredentials: Sendable, Hashable {
    public enum Secret: Sendable, Hashable {
        case environment(String)
        case file(String)

        /// The secret's value, with a trailing newline removed.
        func reveal() throws -> String {
            switch self {
            case .environment(let name):
                guard let value = Environment.value(name), !value.isEmpty else {
                    throw DappError(.invalidArgument, "environment variable \(name) is not set; it should hold the Git password or token")
                }
                return value
            case .file(let path):
                guard let bytes = try? FileBytes.read(path) else {
                    throw DappError(.notFound, "cannot read the Git credential file '\(path)'", subject: path)
                }
                var text = String(decoding: bytes, as: UTF8.self)
                while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
                return text
            }
        }
    }

    /// HTTPS user name and password or token (a token alone uses the user name `x-access-token`).
    public var username: String?
    public var password: Secret?
    /// SSH private key file (ed25519); the public key is `<key>.pub` unless given.
    public var sshPrivateKey: String?
    public var sshPublicKey: String?
    /// known_hosts file the SSH host key must be in. Without it SSH is refused: an unchecked host
    /// key would let anyone between dappctl and the server feed it specs.
    public var knownHosts: String?
    /// Extra CA bundle for HTTPS.
    public var caFile: String?

    public init(
        username: String? = nil, password: Secret? = nil, sshPrivateKey: String? = nil, sshPublicKey: String? = nil,
        knownHosts: String? = nil, caFile: String? = nil
    ) {
        self.username = username
        self.password = password
        self.sshPrivateKey = sshPrivateKey
        self.sshPublicKey = sshPublicKey
        self.knownHosts = knownHosts
        self.caFile = caFile
    }

    public static let none = GitCredentials()
}

import CGit2
import DappCore
import Synchronization

/// State shared with libgit2's C callbacks during one network operation: credentials, host key
/// checking, the deadline, and the reason an operation was stopped.
final class RemoteCallbackContext: Sendable {
    let url: String
    let credentials: GitCredentials
    let knownHosts: KnownHosts?
    let deadline: ContinuousClock.Instant
    private let state = Mutex(State())

    struct State {
        var credentialAttempts = 0
        /// Why dappctl stopped the operation, when it did (clearer than libgit2's message).
        var failure: DappError?
        var rejectedReferences: [String: String] = [:]
    }

    init(url: String, credentials: GitCredentials, knownHosts: KnownHosts?, timeout: Duration) {
        self.url = url
        self.credentials = credentials
        self.knownHosts = knownHosts
        self.deadline = ContinuousClock.now + timeout
    }

    var failure: DappError? { state.withLock { $0.failure } }
    var rejectedReferences: [String: String] { state.withLock { $0.rejectedReferences } }

    func fail(_ error: DappError) {
        state.withLock { if $0.failure == nil { $0.failure = error } }
    }

    /// Returns 0 to go on, or a negative code that stops libgit2 once the deadline has passed.
    func checkDeadline() -> Int32 {
        guard ContinuousClock.now > deadline else { return 0 }
        fail(
            DappError(
                .unavailable, "timed out talking to \(RedactedURL(url)); the server is slow or unreachable",
                subject: RedactedURL(url).description))
        return GIT_EUSER.rawValue
    }

    func nextCredentialAttempt() -> Int {
        state.withLock {
            $0.credentialAttempts += 1; return $0.credentialAttempts
        }
    }

    func recordRejection(reference: String, status: String) {
        state.withLock { $0.rejectedReferences[reference] = status }
    }

    /// Fills libgit2's callback table; `self` must outlive the operation (the caller keeps it).
    func install(into callbacks: inout git_remote_callbacks) {
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, url, usernameFromURL, allowed, payload in
            let context = Unmanaged<RemoteCallbackContext>.fromOpaque(payload!).takeUnretainedValue()
            return context.acquireCredential(out, usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowed: allowed)
        }
        callbacks.certificate_check = { cert, valid, host, payload in
            let context = Unmanaged<RemoteCallbackContext>.fromOpaque(payload!).takeUnretainedValue()
            return context.checkCertificate(cert, valid: valid != 0, host: host.map { String(cString: $0) } ?? "")
        }
        callbacks.transfer_progress = { _, payload in
            Unmanaged<RemoteCallbackContext>.fromOpaque(payload!).takeUnretainedValue().checkDeadline()
        }
        callbacks.sideband_progress = { _, _, payload in
            Unmanaged<RemoteCallbackContext>.fromOpaque(payload!).takeUnretainedValue().checkDeadline()
        }
        callbacks.push_transfer_progress = { _, _, _, payload in
            Unmanaged<RemoteCallbackContext>.fromOpaque(payload!).takeUnretainedValue().checkDeadline()
        }
        callbacks.push_update_reference = { reference, status, payload in
            if let status, let reference {
                Unmanaged<RemoteCallbackContext>.fromOpaque(payload!).takeUnretainedValue()
                    .recordRejection(reference: String(cString: reference), status: String(cString: status))
            }
            return 0
        }
    }

    private func acquireCredential(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, usernameFromURL: String?, allowed: UInt32
    ) -> Int32 {
        // libgit2 asks again after a rejected credential; a second ask means it was wrong.
        if nextCredentialAttempt() > 1 {
            fail(
                DappError(
                    .permissionDenied, "authentication to \(RedactedURL(url)) failed: the server rejected the configured credentials",
                    subject: RedactedURL(url).description))
            return GIT_EAUTH.rawValue
        }
        do {
            if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0, let privateKey = credentials.sshPrivateKey {
                let user = usernameFromURL ?? credentials.username ?? "git"
                let publicKey = credentials.sshPublicKey ?? "\(privateKey).pub"
                return git_credential_ssh_key_new(out, user, FileBytes.exists(publicKey) ? publicKey : nil, privateKey, nil)
            }
            if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, let password = credentials.password {
                let user = credentials.username ?? usernameFromURL ?? "x-access-token"
                return git_credential_userpass_plaintext_new(out, user, try password.reveal())
            }
            if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
                return git_credential_username_new(out, usernameFromURL ?? credentials.username ?? "git")
            }
        } catch let error as DappError {
            fail(error)
            return GIT_EUSER.rawValue
        } catch {
            return GIT_EUSER.rawValue
        }
        fail(
            DappError(
                .permissionDenied, "\(RedactedURL(url)) asks for credentials and none are configured", subject: RedactedURL(url).description
            ))
        return GIT_EAUTH.rawValue
    }

    private func checkCertificate(_ cert: UnsafeMutablePointer<git_cert>?, valid: Bool, host: String) -> Int32 {
        guard let cert else { return GIT_ECERTIFICATE.rawValue }
        guard cert.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else {
            if valid { return 0 }
            fail(
                DappError(
                    .permissionDenied,
                    "the TLS certificate of \(host) is not trusted; configure the CA bundle (caFile) for this repository", subject: host))
            return GIT_ECERTIFICATE.rawValue
        }
        let hostKey = UnsafeRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
        guard hostKey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostKey.hostkey else {
            fail(DappError(.permissionDenied, "the SSH server \(host) did not present a host key dappctl can check", subject: host))
            return GIT_ECERTIFICATE.rawValue
        }
        let key = [UInt8](UnsafeRawBufferPointer(start: raw, count: hostKey.hostkey_len))
        guard let knownHosts else {
            fail(
                DappError(
                    .permissionDenied, "no known_hosts file is configured, so the host key of \(host) cannot be checked", subject: host))
            return GIT_ECERTIFICATE.rawValue
        }
        let port = RedactedURL(url).port ?? 22
        switch knownHosts.verify(host: host, port: port, key: key) {
        case .trusted:
            return 0
        case .mismatch:
            fail(
                DappError(
                    .permissionDenied,
                    "the SSH host key of \(host):\(port) does not match known_hosts: the key changed, or someone is in between; check with the server's owner before updating known_hosts",
                    subject: host))
        case .revoked:
            fail(DappError(.permissionDenied, "the SSH host key of \(host):\(port) is revoked in known_hosts", subject: host))
        case .unknownHost:
            fail(
                DappError(
                    .permissionDenied,
                    "unknown SSH host key for \(host):\(port); add it to the known_hosts file (ssh-keyscan -p \(port) \(host)), after checking its fingerprint",
                    subject: host))
        }
        return GIT_ECERTIFICATE.rawValue
    }
}

/// A URL as it may be shown: user info (a token in `https://token@host`) replaced by `***`.
struct RedactedURL: CustomStringConvertible, Sendable {
    let raw: String
    init(_ raw: String) { self.raw = raw }

    var description: String {
        guard let scheme = raw.firstRange(of: "://"), let at = raw[scheme.upperBound...].firstIndex(of: "@") else { return raw }
        let slash = raw[scheme.upperBound...].firstIndex(of: "/") ?? raw.endIndex
        guard at < slash else { return raw }
        return String(raw[..<scheme.upperBound]) + "***@" + String(raw[raw.index(after: at)...])
    }

    /// The explicit port of the URL, if any.
    var port: Int? {
        guard let scheme = raw.firstRange(of: "://") else { return nil }
        var authority = raw[scheme.upperBound...]
        if let slash = authority.firstIndex(of: "/") { authority = authority[..<slash] }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard let colon = authority.lastIndex(of: ":") else { return nil }
        return Int(authority[authority.index(after: colon)...])
    }
}

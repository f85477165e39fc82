import CGit2
import CGit2Shim
import DappCore

/// Process-wide libgit2 set-up, done once before the first call.
enum LibGit2 {
    private static let setUp: Void = {
        git_libgit2_init()
        // Status and cache folders belong to the daemon's user; CI clones may not.
        _ = dapp_git_set_owner_validation(0)
        _ = dapp_git_set_strict_hash_verification(1)
        _ = dapp_git_set_user_agent("dappctl")
    }()

    static func ensureInitialized() { _ = setUp }

    /// Throws the libgit2 error behind a negative return code.
    @discardableResult
    static func check(_ code: Int32, _ what: @autoclosure () -> String, subject: String? = nil) throws -> Int32 {
        guard code < 0 else { return code }
        throw GitFailure.last(code: code, what: what(), subject: subject)
    }
}

/// What libgit2 said when a call failed.
public struct GitLibraryError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    /// libgit2's error class (`GIT_ERROR_NET`, `GIT_ERROR_SSH`, …).
    public var errorClass: Int32
    public var message: String

    public var description: String { message }
}

/// Turns libgit2 failures into `DappError`s that say what to do.
enum GitFailure {
    static func last(code: Int32, what: String, subject: String?) -> DappError {
        var message = "unknown libgit2 error"
        var errorClass: Int32 = 0
        if let error = git_error_last() {
            message = String(cString: error.pointee.message)
            errorClass = error.pointee.klass
        }
        let cause = GitLibraryError(code: code, errorClass: errorClass, message: message)
        let place = subject.map { " (\($0))" } ?? ""
        switch code {
        case GIT_EAUTH.rawValue:
            return DappError(
                .permissionDenied, "\(what): authentication failed\(place); check the credentials configured for this repository",
                subject: subject, cause: cause)
        case GIT_ECERTIFICATE.rawValue:
            return DappError(
                .permissionDenied, "\(what): the server's certificate or host key is not trusted\(place)", subject: subject, cause: cause)
        case GIT_ENOTFOUND.rawValue:
            return DappError(.notFound, "\(what): not found\(place)", subject: subject, cause: cause)
        case GIT_EUSER.rawValue:
            return DappError(.unavailable, "\(what): cancelled\(place)", subject: subject, cause: cause)
        default:
            let networkClasses = [GIT_ERROR_NET, GIT_ERROR_SSH, GIT_ERROR_HTTP, GIT_ERROR_SSL].map { Int32($0.rawValue) }
            // Refused or unresolvable connections arrive as OS errors.
            let connectFailure = errorClass == Int32(GIT_ERROR_OS.rawValue) && (message.contains("connect") || message.contains("resolve"))
            if networkClasses.contains(errorClass) || connectFailure {
                return DappError(.unavailable, "\(what): cannot reach the server\(place): \(message)", subject: subject, cause: cause)
            }
            return DappError(.io, "\(what)\(place): \(message)", subject: subject, cause: cause)
        }
    }
}

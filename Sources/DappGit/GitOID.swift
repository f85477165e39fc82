import CGit2
import DappCore

/// A Git object id (SHA-1), as a value.
public struct GitOID: Hashable, Sendable, CustomStringConvertible {
    var raw: git_oid

    init(_ raw: git_oid) { self.raw = raw }

    /// Parses 40 hex digits.
    public init?(hex: String) {
        guard hex.utf8.count == 40 else { return nil }
        var oid = git_oid()
        guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
        raw = oid
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: 41)
        var copy = raw
        git_oid_tostr(&buffer, 41, &copy)
        return String(cString: buffer)
    }

    /// The first seven hex digits, as Git abbreviates.
    public var short: String { String(description.prefix(7)) }

    public static func == (lhs: GitOID, rhs: GitOID) -> Bool {
        var l = lhs.raw
        var r = rhs.raw
        return git_oid_equal(&l, &r) != 0
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw) { hasher.combine(bytes: $0) }
    }
}

extension GitOID {
    /// The blob id as the loader compares file contents across revisions.
    public var contentID: ContentID {
        withUnsafeBytes(of: raw.id) { ContentID(digest: $0) }
    }
}

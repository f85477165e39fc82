/// An operational failure: something outside the user's specs went wrong (a file could not be
/// read, a server refused), thrown with a cause and the place in dappctl that raised it.
///
/// Shaped after swift-nio's `FileSystemError`: a stable `code` to branch on, a message that says
/// what to do, the underlying error, and the source location for bug reports. Messages never
/// contain secret values.
public struct DappError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A path, revision or object does not exist.
        public static let notFound = Code("notFound")
        public static let permissionDenied = Code("permissionDenied")
        /// Reading or writing failed at the system level.
        public static let io = Code("io")
        /// The command was given something it cannot use (a bad flag value, a non-directory repo).
        public static let invalidArgument = Code("invalidArgument")
        /// A remote service could not be reached or answered with an error.
        public static let unavailable = Code("unavailable")
        /// A bound was hit (size, count, time).
        public static let limitExceeded = Code("limitExceeded")
    }

    /// Where in dappctl the error was raised.
    public struct Origin: Sendable, CustomStringConvertible {
        public var function: String
        public var file: String
        public var line: Int
        public var description: String { "\(function) (\(file):\(line))" }
    }

    public var code: Code
    public var message: String
    /// The path or URL the failure concerns, when there is one.
    public var subject: String?
    public var cause: (any Error & Sendable)?
    public var origin: Origin

    public init(
        _ code: Code, _ message: String, subject: String? = nil, cause: (any Error & Sendable)? = nil,
        function: String = #function, file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.subject = subject
        self.cause = cause
        self.origin = Origin(function: function, file: file, line: line)
    }

    public var description: String {
        var text = message
        if let cause { text += " (cause: \(cause))" }
        return text
    }
}

/// A POSIX error number with its text, as a cause.
public struct SystemCallError: Error, Sendable, CustomStringConvertible {
    public var call: String
    public var errno: Int32
    public var text: String

    public init(call: String, errno: Int32, text: String) {
        self.call = call
        self.errno = errno
        self.text = text
    }

    public var description: String { "\(call): \(text) (errno \(errno))" }
}

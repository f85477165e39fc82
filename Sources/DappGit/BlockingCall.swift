import DappCore
import Dispatch

/// Runs a blocking libgit2 network call on its own thread and gives up waiting at a deadline.
///
/// libgit2 1.5 has no connect or read timeouts; its progress callbacks stop a slow transfer, but
/// a connect to a silent host blocks inside the kernel. The caller gets its timeout error on
/// time; the abandoned thread ends when the kernel gives up.
enum BlockingCall {
    static func run<T: Sendable>(timeout: Duration, what: String, _ body: @escaping @Sendable () throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        let thread = DetachedThread {
            box.set(Result { try body() })
            done.signal()
        }
        thread.start()
        let (seconds, attoseconds) = timeout.components
        let nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        guard done.wait(timeout: .now() + .nanoseconds(Int(nanos))) == .success, let result = box.get() else {
            throw DappError(.unavailable, "\(what) timed out after \(seconds) s; the server is unreachable or not answering")
        }
        return try result.get()
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var value: Result<T, any Error>?
    private let lock = DispatchSemaphore(value: 1)
    func set(_ result: Result<T, any Error>) {
        lock.wait()
        value = result
        lock.signal()
    }
    func get() -> Result<T, any Error>? {
        lock.wait()
        defer { lock.signal() }
        return value
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// A detached pthread running one closure.
private struct DetachedThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }

    func start() {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        defer { pthread_attr_destroy(&attributes) }
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let status = pthread_create(
            &thread, &attributes,
            { raw in
                Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, box)
        precondition(status == 0, "pthread_create failed: \(status)")
    }
}


/// Runs `work` for every index on `parallelism` threads and hands each result to `store` on the
/// calling thread's behalf under a lock, in no particular order. The first error thrown stops
/// the handing out of new indexes and is rethrown.
enum ParallelMap {
    static func run<T: Sendable>(
        count: Int, parallelism: Int, work: @escaping @Sendable (Int) throws -> T?, store: (Int, T) -> Void
    ) throws {
        guard count > 0 else { return }
        let results = ResultSlots<T>(count: count)
        let workers = min(parallelism, count)
        let next = AtomicCounter()
        let drain: @Sendable () -> Void = {
            while !results.failed {
                let index = next.increment()
                guard index < count else { return }
                do {
                    if let value = try work(index) { results.set(index, value) }
                } catch {
                    results.fail(error)
                }
            }
        }
        // Plain threads, not Dispatch: concurrentPerform called from a Swift concurrency thread
        // ran on one core. The calling thread is one of the workers.
        let threads = (1..<max(1, workers)).map { _ in WorkerThread.start(drain) }
        drain()
        for thread in threads { thread.join() }
        if let error = results.error { throw error }
        for index in 0..<count {
            if let value = results.take(index) { store(index, value) }
        }
    }
}

/// Slots written by distinct indexes from several threads; read only after all writers joined.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLockish()
    private(set) var error: (any Error)?
    private(set) var failed = false

    init(count: Int) { slots = [T?](repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.withLock { slots[index] = value }
    }

    func fail(_ error: any Error) {
        lock.withLock {
            if self.error == nil { self.error = error }
            failed = true
        }
    }

    func take(_ index: Int) -> T? { slots[index] }
}

/// A counter shared by worker threads.
private final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLockish()

    func increment() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}

/// A started pthread running one closure.
private struct WorkerThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    #if canImport(Darwin)
        private var handle: pthread_t?
    #else
        private var handle = pthread_t()
    #endif

    static func start(_ body: @escaping @Sendable () -> Void) -> WorkerThread {
        var thread = WorkerThread()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let status = pthread_create(&thread.handle, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        precondition(status == 0, "pthread_create failed: \(status)")
        return thread
    }

    func join() {
        #if canImport(Darwin)
            if let handle { pthread_join(handle, nil) }
        #else
            pthread_join(handle, nil)
        #endif
    }
}

/// A pthread mutex, so DappSpecs needs no Foundation.
final class NSLockish: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

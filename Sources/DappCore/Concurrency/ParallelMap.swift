/// Runs `work` for every index on `parallelism` threads and hands each result to `store` in index
/// order, one call at a time, while the work goes on: whichever thread finishes the next result in
/// order stores it and any that follow, so sequential consumers (assembling the spec set) overlap
/// with the parallel work instead of running after it. The first error thrown stops the handing
/// out of new indexes and is rethrown; `store` is then not called for the results left.
///
/// Inlinable, so that each caller gets it specialised for its result type: unspecialised, every
/// slot written and handed over went through value witness calls (2.5% more instructions for a
/// whole `validate`).
public enum ParallelMap {
    @inlinable
    public static func run<T: Sendable>(
        count: Int, parallelism: Int, work: @escaping @Sendable (Int) throws -> T?, store: (Int, T) -> Void
    ) throws {
        guard count > 0 else { return }
        try withoutActuallyEscaping(store) { store in
            let results = ResultSlots<T>(count: count, store: store)
            let workers = min(parallelism, count)
            let next = AtomicCounter()
            let drain: @Sendable () -> Void = {
                while !results.failed {
                    let index = next.increment()
                    guard index < count else { return }
                    do {
                        results.set(index, try work(index))
                    } catch {
                        results.fail(error)
                    }
                    results.storeReady()
                }
            }
            // Plain threads, not Dispatch: concurrentPerform called from a Swift concurrency thread
            // ran on one core. The calling thread is one of the workers.
            let threads = (1..<max(1, workers)).map { _ in WorkerThread.start(drain) }
            drain()
            for thread in threads { thread.join() }
            if let error = results.error { throw error }
            results.storeReady()
        }
    }
}

extension ParallelMap {
    /// Runs two independent pieces of work at the same time (the second on a thread of its own)
    /// and returns both results; the first error thrown is rethrown once both have ended.
    public static func both<A: Sendable, B: Sendable>(
        _ first: @escaping @Sendable () throws -> A, _ second: @escaping @Sendable () throws -> B
    ) throws -> (A, B) {
        var a: A?
        var b: B?
        try run(count: 2, parallelism: 2) { index -> EitherResult<A, B>? in
            index == 0 ? .first(try first()) : .second(try second())
        } store: { _, result in
            switch result {
            case .first(let value): a = value
            case .second(let value): b = value
            }
        }
        return (a!, b!)
    }

    /// `0..<count` cut into consecutive ranges of `size` (the last may be shorter): the pieces of
    /// work handed out one at a time.
    public static func ranges(count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(1, size)).map { $0..<min($0 + max(1, size), count) }
    }

    /// `body` over `items` cut into consecutive slices of `size` (see `ranges`), on `parallelism`
    /// threads: the results, one per slice, in slice order.
    @inlinable
    public static func slices<Element: Sendable, T: Sendable>(
        of items: [Element], size: Int, parallelism: Int = System.coreCount, _ body: @escaping @Sendable (ArraySlice<Element>) -> T
    ) -> [T] {
        let slices = ranges(count: items.count, size: size)
        var results: [T] = []
        results.reserveCapacity(slices.count)
        // `run` throws only what its work throws, and this work does not.
        try? run(count: slices.count, parallelism: parallelism) { slice -> T? in
            body(items[slices[slice]])
        } store: { _, result in
            results.append(result)
        }
        return results
    }
}

/// One of the two results of `ParallelMap.both`.
enum EitherResult<A: Sendable, B: Sendable>: Sendable {
    case first(A)
    case second(B)
}

/// Slots written by distinct indexes from several threads, and handed to `store` in index order.
@usableFromInline
final class ResultSlots<T>: @unchecked Sendable {
    @usableFromInline var slots: [T?]
    @usableFromInline var done: [Bool]
    /// The first index not yet handed to `store`.
    @usableFromInline var nextToStore = 0
    @usableFromInline let lock = NSLockish()
    /// Held while storing, so `store` runs on one thread at a time; never waited for.
    @usableFromInline let storing = NSLockish()
    @usableFromInline let store: (Int, T) -> Void
    @usableFromInline var error: (any Error)?
    @usableFromInline var failed = false

    @inlinable
    init(count: Int, store: @escaping (Int, T) -> Void) {
        slots = [T?](repeating: nil, count: count)
        done = [Bool](repeating: false, count: count)
        self.store = store
    }

    @inlinable
    func set(_ index: Int, _ value: T?) {
        lock.withLock {
            slots[index] = value
            done[index] = true
        }
    }

    /// Stores every finished result that is next in order, unless another thread is at it; that
    /// thread then also picks up what this one finished (it checks again after letting go).
    @inlinable
    func storeReady() {
        while storing.tryLock() {
            while let (index, value) = takeNext() {
                if let value { store(index, value) }
            }
            storing.unlock()
            let more = lock.withLock { nextToStore < done.count && done[nextToStore] && !failed }
            if !more { return }
        }
    }

    @inlinable
    func takeNext() -> (Int, T?)? {
        lock.withLock {
            guard !failed, nextToStore < done.count, done[nextToStore] else { return nil }
            let index = nextToStore
            nextToStore += 1
            let value = slots[index]
            slots[index] = nil
            return (index, value)
        }
    }

    @inlinable
    func fail(_ error: any Error) {
        lock.withLock {
            if self.error == nil { self.error = error }
            failed = true
        }
    }
}

/// A counter shared by worker threads.
@usableFromInline
final class AtomicCounter: @unchecked Sendable {
    @usableFromInline var value = 0
    @usableFromInline let lock = NSLockish()

    @inlinable
    init() {}

    @inlinable
    func increment() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}

/// A started pthread running one closure.
@usableFromInline
struct WorkerThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    #if canImport(Darwin)
        private var handle: pthread_t?
    #else
        private var handle = pthread_t()
    #endif

    @usableFromInline
    static func start(_ body: @escaping @Sendable () -> Void) -> WorkerThread {
        var thread = WorkerThread()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let status = pthread_create(
            &thread.handle, nil,
            { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.body()
                return nil
            }, box)
        precondition(status == 0, "pthread_create failed: \(status)")
        return thread
    }

    @usableFromInline
    func join() {
        #if canImport(Darwin)
            if let handle { pthread_join(handle, nil) }
        #else
            pthread_join(handle, nil)
        #endif
    }
}

/// A pthread mutex, so DappSpecs needs no Foundation.
@usableFromInline
final class NSLockish: @unchecked Sendable {
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>

    @usableFromInline
    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inlinable
    func tryLock() -> Bool { pthread_mutex_trylock(mutex) == 0 }

    @inlinable
    func unlock() { pthread_mutex_unlock(mutex) }

    @inlinable
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// The machine's cores: the default parallelism.
public enum System {
    public static var coreCount: Int {
        #if canImport(Glibc)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 2
        #endif
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

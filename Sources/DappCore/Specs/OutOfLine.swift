/// A value with a default: what an `OutOfLine` holds before anything is set. A shared constant,
/// so that reading an unset wrapper builds nothing.
public protocol DefaultValued {
    static var defaultValue: Self { get }
}

/// A value kept out of line, and only once it is set: 8 bytes and no allocation while it is the
/// default, one shared heap copy after.
///
/// For the rarely written parts of values that are numerous and copied often: a contract
/// property's type options and its less common fields would otherwise take some 600 of its 880
/// bytes inline (in every copy, at 70,000 properties in a 10,000-product check), nearly all of
/// them empty.
///
/// Equality and hashing are the value's: a wrapper that was never set equals one set to the
/// default.
public struct OutOfLine<Value: Hashable & Sendable & DefaultValued>: Hashable, Sendable {
    /// Zero or one element: an empty array is a shared singleton, and arrays copy on write.
    private var storage: [Value] = []

    public init() {}

    /// Read in place; written in place once stored. Writing the default to a wrapper that holds
    /// nothing stores nothing. (Coroutine accessors: a `get` would copy the whole value for each
    /// field read.)
    public var value: Value {
        _read {
            if storage.isEmpty { yield Value.defaultValue } else { yield storage[0] }
        }
        _modify {
            if storage.isEmpty {
                var fresh = Value.defaultValue
                // Deferred: stored also when the access ends by throwing, as an inout is.
                defer { if fresh != Value.defaultValue { storage = [fresh] } }
                yield &fresh
            } else {
                yield &storage[0]
            }
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        if lhs.storage.isEmpty && rhs.storage.isEmpty { return true }
        return lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        value.hash(into: &hasher)
    }
}

/// The one model of what a spec document may contain.
///
/// Validation (types, required fields, enums, name rules, unknown fields) and the generated
/// CustomResourceDefinitions both read this, so the CRDs can never drift from what `validate`
/// accepts. Typed decoding runs only on documents that passed it.
public indirect enum Schema: Sendable {
    case string(StringRules = StringRules())
    case integer(min: Int? = nil, max: Int? = nil)
    case number
    case boolean
    case object(ObjectSchema)
    case array(Schema, minItems: Int? = nil)
    /// A mapping with free keys and values of one schema (labels, tags, properties).
    case map(Schema)
    /// A string, integer, number or boolean (ODCS examples, custom property values).
    case scalar
    /// Anything; kept for fields whose shape belongs to another tool (Kubernetes pod templates).
    case any
    /// A reference to a secret: `{name, key}`. A literal value here is a security error.
    case secretRef
    /// Either schema, tried in order (a `from` that is a string or a mapping, say).
    case oneOf([Schema])
    /// Carries a description for documentation and the CRD.
    case described(Schema, String)

    public static func object(_ properties: [Property], additionalProperties: Bool = false) -> Schema {
        .object(ObjectSchema(properties: properties, additionalProperties: additionalProperties))
    }

    public static func enumeration(_ values: [String]) -> Schema {
        .string(StringRules(allowed: values))
    }

    public static let dnsLabel: Schema = .string(StringRules(format: .dnsLabel))

    public func describe(_ text: String) -> Schema { .described(self, text) }

    /// The schema with descriptions peeled off.
    public var base: Schema {
        if case .described(let inner, _) = self { return inner.base }
        return self
    }

    public var descriptionText: String? {
        if case .described(let inner, let text) = self { return inner.descriptionText ?? text }
        return nil
    }
}

public struct StringRules: Sendable {
    public enum Format: String, Sendable {
        /// RFC 1123 label: lowercase alphanumerics and '-', at most 63, starts and ends alnum.
        case dnsLabel = "dns1123-label"
        /// `domain/name` of a product.
        case productRef = "product-ref"
        /// A path relative to the spec's folder, confined to the repository.
        case relativePath = "relative-path"
        /// `MAJOR.MINOR.PATCH[-pre][+build]`.
        case semver
        /// RFC 3339 date (`2026-12-31`) or timestamp.
        case date
        /// Go-style duration (`90d`, `24h`, `15m`).
        case duration
        case email
    }

    public var allowed: [String]?
    public var format: Format?
    public var minLength: Int?

    public init(allowed: [String]? = nil, format: Format? = nil, minLength: Int? = nil) {
        self.allowed = allowed
        self.format = format
        self.minLength = minLength
    }
}

public struct ObjectSchema: Sendable {
    /// Everything behind one reference: validation copies the schema out of its enum case at every
    /// mapping it visits, and one retain is cheaper than one per field.
    private final class Storage: Sendable {
        let properties: [Property]
        let additionalProperties: Bool
        let requiredIndexes: [Int]
        /// Each property's schema with descriptions peeled off (validating `.described(s, _)` is
        /// validating `s`).
        let bases: [Schema]
        /// Property indexes by a cheap hash of the name (its length and first byte), in
        /// declaration order, so a lookup compares a few candidates instead of hashing the key.
        let buckets: [[Int]]
        let lengths: [Int]

        init(properties: [Property], additionalProperties: Bool) {
            self.properties = properties
            self.additionalProperties = additionalProperties
            self.requiredIndexes = properties.indices.filter { properties[$0].required }
            self.bases = properties.map(\.schema.base)
            var buckets = [[Int]](repeating: [], count: ObjectSchema.bucketCount)
            for (index, property) in properties.enumerated() {
                buckets[ObjectSchema.bucket(property.name.utf8)].append(index)
            }
            self.buckets = buckets
            self.lengths = properties.map { $0.name.utf8.count }
        }
    }

    private let storage: Storage

    public var properties: [Property] { storage.properties }
    public var additionalProperties: Bool { storage.additionalProperties }
    /// Positions of the required properties, computed once: schemas are built once and used for
    /// every document.
    var requiredIndexes: [Int] { storage.requiredIndexes }

    private static let bucketCount = 64

    public init(properties: [Property], additionalProperties: Bool = false) {
        storage = Storage(properties: properties, additionalProperties: additionalProperties)
    }

    @inline(__always)
    fileprivate static func bucket(_ utf8: String.UTF8View) -> Int {
        let first = utf8.isEmpty ? 0 : Int(utf8[utf8.startIndex])
        return (utf8.count &* 7 &+ first) & (bucketCount - 1)
    }

    public func index(of name: String) -> Int? {
        let utf8 = name.utf8
        let count = utf8.count
        let storage = storage
        for index in storage.buckets[Self.bucket(utf8)] where storage.lengths[index] == count && storage.properties[index].name == name {
            return index
        }
        return nil
    }

    /// The schema of the property at `index`, descriptions peeled off.
    func baseSchema(at index: Int) -> Schema { storage.bases[index] }

    public func property(_ name: String) -> Property? { index(of: name).map { properties[$0] } }
}

public struct Property: Sendable {
    public var name: String
    public var schema: Schema
    public var required: Bool

    public init(_ name: String, _ schema: Schema, required: Bool = false) {
        self.name = name
        self.schema = schema
        self.required = required
    }

    public static func required(_ name: String, _ schema: Schema) -> Property {
        Property(name, schema, required: true)
    }
}

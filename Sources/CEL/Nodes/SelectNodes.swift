/// Field selection and presence tests, with the fused nodes that read a field in place.

/// Field selection `base.field` on an evaluated operand.
@inline(__always)
func selectField(_ base: CELValue, _ field: String, _ site: Site, _ ip: Interpreter) throws(CELEvaluationError)
    -> CELValue
{
    guard case .map(let map) = base else {
        if case .optional = base {
            do {
                return try OptionalFunctions.select(base, field)
            } catch {
                throw ip.error(error.message, site)
            }
        }
        throw ip.error("no such field '\(field)' on \(base.celType)", site)
    }
    guard let value = map[field] else { throw ip.error("no such key: \(field)", site) }
    return value
}

/// `operand.field`; `qualifiedName` is the whole chain as a dotted name when it is one.
final class SelectNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    let qualifiedName: String?
    let site: Site

    init(_ operand: Node, field: String, qualifiedName: String?, _ site: Site) {
        self.operand = operand
        self.field = field
        self.qualifiedName = qualifiedName
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        if ip.activation.hasQualifiedNames, let qualifiedName, let value = ip.activation[qualifiedName] {
            return value
        }
        let base = try operand.eval(&ip)
        return try selectField(base, field, site, ip)
    }
}

/// `x.a.b...` on an activation variable `x`: the selects and the variable in one node, each map
/// read in place down the path (the variable's value holds them all) and only the last value
/// copied. Charges the same as the nodes it stands for (they all charge before any can fail);
/// `general`, those nodes, runs instead when the activation has qualified names.
final class SelectPathNode: Node, @unchecked Sendable {
    let variable: VariableNode
    /// The fields, innermost first, and the sites of their selects.
    let fields: [String]
    let sites: [Site]
    let general: Node

    init(_ variable: VariableNode, fields: [String], sites: [Site], general: Node) {
        self.variable = variable
        self.fields = fields
        self.sites = sites
        self.general = general
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        if ip.activation.hasQualifiedNames { return try general.eval(&ip) }
        ip.remaining -= fields.count + 1  // the selects and the variable
        if ip.remaining < 0 { try ip.spend(nil) }
        // The activation holds the variable's value, which holds the maps below it: their values
        // stay in place.
        if let root = ip.activation.scannedValue(variable.name) { return try walk(&ip, from: root) }
        guard let root = ip.activation[variable.name] ?? variable.fallback else {
            throw ip.error("undeclared reference to '\(variable.name)'", variable.site)
        }
        return try withUnsafePointer(to: root) { (root) throws(CELEvaluationError) -> CELValue in
            try walk(&ip, from: root)
        }
    }

    /// The selects down from `root`, reading each map in place.
    @inline(__always)
    func walk(_ ip: inout Interpreter, from root: UnsafePointer<CELValue>) throws(CELEvaluationError) -> CELValue {
        var current = root
        var i = 0
        while i < fields.count {
            guard case .map(let map) = current.pointee else { return try rest(&ip, from: i, current.pointee) }
            if let at = map.identicalIndex(forStringKey: fields[i]) {
                current = map.valuePointer(at: at)
            } else if let at = map.index(forStringKey: fields[i], hint: -1) {
                current = map.valuePointer(at: at)
            } else {
                return try rest(&ip, from: i, current.pointee)
            }
            i += 1
        }
        return current.pointee
    }

    /// The selects from `fields[start]` on, one after the other, on `value`.
    func rest(_ ip: inout Interpreter, from start: Int, _ value: CELValue) throws(CELEvaluationError) -> CELValue {
        var value = value
        for i in start..<fields.count { value = try selectField(value, fields[i], sites[i], ip) }
        return value
    }
}

/// The value of `field` in place in the map `item` holds (nil when it holds no map with that key):
/// the key at the hinted position when it has the same representation (no call out, so that the map
/// is read where it is), else `findField`.
@inline(__always)
func fieldPointer(_ item: UnsafePointer<CELValue>, _ field: String, _ hint: inout Int) -> UnsafePointer<CELValue>? {
    guard case .map(let map) = item.pointee else { return nil }
    if let value = map.valuePointer(forStringKey: field, at: hint) { return value }
    return findField(item, field, &hint)
}

/// A key of the same representation as `field`, else any equal key; its position becomes the hint.
@inline(never)
func findField(_ item: UnsafePointer<CELValue>, _ field: String, _ hint: inout Int) -> UnsafePointer<CELValue>? {
    guard case .map(let map) = item.pointee,
        let at = map.identicalIndex(forStringKey: field) ?? map.index(forStringKey: field, hint: hint)
    else { return nil }
    hint = at
    return map.valuePointer(at: at)
}

/// `v.field` where `v` is an iteration variable: the select and the variable in one node.
final class SelectLocalNode: Node, @unchecked Sendable {
    let slot: Int
    let field: String
    /// This node's entry in `Interpreter.hints`.
    let hint: Int
    let site: Site

    init(slot: Int, field: String, hint: Int, _ site: Site) {
        self.slot = slot
        self.field = field
        self.hint = hint
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        ip.remaining -= 2  // the select and the variable
        if ip.remaining < 0 { try ip.spend(nil) }
        let item = ip.iterators[slot]
        if let value = fieldPointer(item, field, &ip.hints[hint]) { return value.pointee }
        return try selectField(item.pointee, field, site, ip)
    }
}

/// `v.field OP constant` and `size(v.field) OP constant` (`sizeSite` set), `v` an iteration
/// variable: the operator, `size`, the select, the variable and the constant in one node, charged
/// the same at the same points. Strings and ints are compared in place in the map.
final class SelectLocalConstantNode: Node, @unchecked Sendable {
    let op: BinaryOp
    let slot: Int
    let field: String
    let hint: Int
    let constant: CELValue
    let constantString: String?
    let constantIsEmptyString: Bool
    let constantInt: Int64?
    let selectSite: Site
    let sizeSite: Site?
    let site: Site
    /// The nodes charged before the lookup: the operator, `size`, the select and the variable.
    let charge: Int

    init(_ op: BinaryOp, _ select: SelectLocalNode, sizeSite: Site?, _ constant: CELValue, _ site: Site) {
        self.op = op
        slot = select.slot
        field = select.field
        hint = select.hint
        self.constant = constant
        if case .string(let s) = constant { constantString = s } else { constantString = nil }
        constantIsEmptyString = constantString?.isEmpty ?? false
        if case .int(let i) = constant { constantInt = i } else { constantInt = nil }
        selectSite = select.site
        self.sizeSite = sizeSite
        self.site = site
        charge = sizeSite == nil ? 3 : 4
    }

    /// `value OP constant` when both are strings or both ints (as `Functions.fastBinary`), else nil.
    @inline(__always)
    func compare(_ value: UnsafePointer<CELValue>) -> Bool? {
        if let constantString {
            guard case .string(let s) = value.pointee else { return nil }
            let equal = constantIsEmptyString ? s.isEmpty : Strings.bytesEqual(s, constantString)
            switch op {
            case .equals: return equal
            case .notEquals: return !equal
            default: return nil
            }
        }
        guard let constantInt, case .int(let i) = value.pointee else { return nil }
        return compare(i, constantInt)
    }

    /// `size(value) OP constant` for a string value and an int constant, else nil.
    @inline(__always)
    func compareSize(_ value: UnsafePointer<CELValue>) -> Bool? {
        guard let constantInt, case .string(let s) = value.pointee else { return nil }
        return compare(Int64(Strings.scalarCount(s)), constantInt)
    }

    @inline(__always)
    func compare(_ a: Int64, _ b: Int64) -> Bool? {
        switch op {
        case .less: return a < b
        case .lessEquals: return a <= b
        case .greater: return a > b
        case .greaterEquals: return a >= b
        case .equals: return a == b
        case .notEquals: return a != b
        default: return nil
        }
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        ip.remaining -= charge
        if ip.remaining < 0 { try ip.spend(nil) }
        let item = ip.iterators[slot]
        let value = fieldPointer(item, field, &ip.hints[hint])
        // The range holds the item, which holds the map: the value stays in place.
        if let value, let result = sizeSite == nil ? compare(value) : compareSize(value) {
            try ip.visit()  // the constant's node
            return .bool(result)
        }
        return try general(&ip, item.pointee)
    }

    override func test(_ ip: inout Interpreter) -> Bool? {
        guard ip.remaining > charge else { return nil }  // the constant's node included
        guard let value = fieldPointer(ip.iterators[slot], field, &ip.hints[hint]),
            let result = sizeSite == nil ? compare(value) : compareSize(value)
        else { return nil }
        ip.remaining -= charge + 1
        return result
    }

    /// The nodes this one stands for, one after the other.
    func general(_ ip: inout Interpreter, _ item: CELValue) throws(CELEvaluationError) -> CELValue {
        var lhs = try selectField(item, field, selectSite, ip)
        if let sizeSite {
            if case .string(let s) = lhs {
                lhs = .int(Int64(Strings.scalarCount(s)))
            } else {
                do {
                    lhs = try Functions.call(.size, lhs)
                } catch {
                    throw ip.error(error.message, sizeSite)
                }
            }
        }
        try ip.visit()  // the constant's node
        if let value = Functions.fastBinary(op, lhs, constant) { return value }
        do {
            return try Functions.binary(op, lhs, constant)
        } catch {
            throw ip.error(error.message, site)
        }
    }
}

final class PresenceNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    let site: Site

    init(_ operand: Node, field: String, _ site: Site) {
        self.operand = operand
        self.field = field
        self.site = site
    }

    override func eval(_ ip: inout Interpreter) throws(CELEvaluationError) -> CELValue {
        try ip.visit()
        var base = try operand.eval(&ip)
        if case .optional(let wrapped) = base {
            guard let wrapped else { return .bool(false) }
            base = wrapped
        }
        guard case .map(let map) = base else {
            throw ip.error("invalid type for field selection: \(base.celType)", site)
        }
        return .bool(map[field] != nil)
    }
}

import DappCore

/// The key rules of `ContractDiffer`: primary keys and relationships.
extension ContractDiffer {
    mutating func diffPrimaryKey(_ old: ContractObject, _ new: ContractObject) {
        // Compare by the names the head uses, so a renamed key property is the same property.
        var renames: [String: String] = [:]
        for property in new.properties { if let previous = property.renamedFrom { renames[previous] = property.name } }
        let before = old.primaryKey.map { renames[$0.name] ?? $0.name }
        let after = new.primaryKey.map(\.name)
        guard before != after else { return }
        let path = "\(new.name).primaryKey"
        let oldText = before.joined(separator: ", ")
        let newText = after.joined(separator: ", ")
        if after.isEmpty {
            add(
                CompatibilityRules.keyDropped, path, old: oldText, "object \(new.name) no longer has a primary key (\(oldText))",
                at: new.location)
        } else if before.isEmpty {
            add(
                CompatibilityRules.keyAdded, path, new: newText,
                "object \(new.name) now has primary key \(newText); producers that write duplicates break",
                at: new.location)
        } else if Set(after).isSubset(of: Set(before)) && after.count < before.count {
            let left = before.filter { !after.contains($0) }
            add(
                CompatibilityRules.keyDropped, path, old: oldText, new: newText,
                "\(left.joined(separator: ", ")) left the primary key of \(new.name); consumers relying on (\(oldText)) being unique break",
                at: new.location)
        } else {
            add(
                CompatibilityRules.keyChanged, path, old: oldText, new: newText,
                "the primary key of \(new.name) changed from (\(oldText)) to (\(newText))", at: new.location)
        }
    }

    mutating func diffRelationships(_ old: [ContractRelationship], _ new: [ContractRelationship], path: String, location: SourceLocation) {
        func key(_ r: ContractRelationship) -> String { "\(r.type):\(r.from.joined(separator: ","))" }
        func target(_ r: ContractRelationship) -> String { r.to.joined(separator: ", ") }
        var unmatchedNew = new
        for relationship in old {
            if let index = unmatchedNew.firstIndex(where: {
                $0 == relationship || (key($0) == key(relationship) && target($0) == target(relationship))
            }) {
                unmatchedNew.remove(at: index)
            } else if let index = unmatchedNew.firstIndex(where: { key($0) == key(relationship) }) {
                let changed = unmatchedNew.remove(at: index)
                add(
                    CompatibilityRules.relationshipChanged, "\(path).relationships", old: target(relationship), new: target(changed),
                    "the \(relationship.type) of \(path) now points at \(target(changed)) instead of \(target(relationship))",
                    at: changed.location)
            } else {
                add(
                    CompatibilityRules.relationshipRemoved, "\(path).relationships", old: target(relationship),
                    "the \(relationship.type) of \(path) to \(target(relationship)) was removed; consumers joining on it lose the guarantee",
                    at: location)
            }
        }
        for relationship in unmatchedNew {
            add(
                CompatibilityRules.relationshipAdded, "\(path).relationships", new: target(relationship),
                "\(path) now has a \(relationship.type) to \(target(relationship)); producers must satisfy it", at: relationship.location)
        }
    }
}

import DappCore
import DappYAML

/// DCS `servicelevels` → ODCS `slaProperties`.
///
/// DCS has one object per service level with free-text durations (`25h`, `1 year`, `P1Y`); ODCS
/// has a flat list of `{property, value, unit, element}`. Durations become a number and a unit
/// when they read as one, and stay text otherwise.
extension DCSReader {
    mutating func slaProperties(_ levels: YAMLNode, path: FieldPath) -> [ContractSLAProperty] {
        var result: [ContractSLAProperty] = []
        func add(_ property: String, _ text: String?, at node: YAMLNode, description: String?, element: String? = nil) {
            guard let text else { return }
            let (value, unit) = Self.quantity(text)
            var sla = ContractSLAProperty(property: property, value: value, unit: unit, location: node.location)
            sla.element = element
            sla.description = description
            result.append(sla)
        }
        if let level = mapping(levels, "availability", path: path) {
            let p = path.key("availability")
            let description = string(level, "description", path: p)
            if let percentage = string(level, "percentage", path: p) {
                let number = Double(percentage.hasSuffix("%") ? String(percentage.dropLast()) : percentage)
                var sla = ContractSLAProperty(
                    property: "availability", value: number.map(SpecValue.double) ?? .string(percentage),
                    unit: number == nil ? nil : "percent", location: level.location)
                sla.description = description
                result.append(sla)
            }
        }
        if let level = mapping(levels, "retention", path: path) {
            let p = path.key("retention")
            let description = string(level, "description", path: p)
            let element = string(level, "timestampField", path: p)
            if bool(level, "unlimited", path: p) == true {
                var sla = ContractSLAProperty(property: "retention", value: .string("unlimited"), location: level.location)
                sla.element = element
                sla.description = description
                result.append(sla)
            } else {
                add("retention", string(level, "period", path: p), at: level, description: description, element: element)
            }
        }
        if let level = mapping(levels, "latency", path: path) {
            let p = path.key("latency")
            let element = string(level, "processedTimestampField", path: p) ?? string(level, "sourceTimestampField", path: p)
            add(
                "latency", string(level, "threshold", path: p), at: level, description: string(level, "description", path: p),
                element: element)
        }
        if let level = mapping(levels, "freshness", path: path) {
            let p = path.key("freshness")
            add(
                "freshness", string(level, "threshold", path: p), at: level, description: string(level, "description", path: p),
                element: string(level, "timestampField", path: p))
        }
        if let level = mapping(levels, "frequency", path: path) {
            let p = path.key("frequency")
            let type = string(level, "type", path: p)
            let cron = string(level, "cron", path: p)
            if let value = string(level, "interval", path: p) ?? type ?? cron {
                var sla = ContractSLAProperty(property: "frequency", value: .string(value), location: level.location)
                sla.valueExt = type.map(SpecValue.string)
                sla.description = string(level, "description", path: p)
                if let cron { (sla.scheduler, sla.schedule) = ("cron", cron) }
                result.append(sla)
            }
        }
        if let level = mapping(levels, "support", path: path) {
            let p = path.key("support")
            let responseTime = string(level, "responseTime", path: p)
            if let time = string(level, "time", path: p) ?? responseTime {
                var sla = ContractSLAProperty(property: "support", value: .string(time), location: level.location)
                sla.valueExt = responseTime.map(SpecValue.string)
                sla.description = string(level, "description", path: p)
                result.append(sla)
            }
        }
        if let level = mapping(levels, "backup", path: path) {
            let p = path.key("backup")
            let description = string(level, "description", path: p)
            let cron = string(level, "cron", path: p)
            if let interval = string(level, "interval", path: p) ?? cron {
                var sla = ContractSLAProperty(property: "backup", value: .string(interval), location: level.location)
                sla.description = description
                if let cron { (sla.scheduler, sla.schedule) = ("cron", cron) }
                result.append(sla)
            }
            add("recoveryTime", string(level, "recoveryTime", path: p), at: level, description: nil)
            add("recoveryPoint", string(level, "recoveryPoint", path: p), at: level, description: nil)
        }
        return result
    }

    /// `25h` → (25, h), `1 year` → (1, year), `P1Y` → (1, y), `PT24H` → (24, h), `99.5` → (99.5,
    /// nil); anything else stays text without a unit.
    static func quantity(_ text: String) -> (SpecValue, String?) {
        var body = Substring(text.trimmingSpacesAndTabs)
        var iso = false
        if body.hasPrefix("PT") { body = body.dropFirst(2); iso = true } else if body.hasPrefix("P") { body = body.dropFirst(); iso = true }
        let digits = body.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = body.dropFirst(digits.count).drop { $0 == " " }
        guard !digits.isEmpty, unit.allSatisfy(\.isLetter), !(iso && unit.count != 1) else { return (.string(text), nil) }
        let value: SpecValue
        if let int = Int(digits) {
            value = .int(int)
        } else if let double = Double(digits) {
            value = .double(double)
        } else {
            return (.string(text), nil)
        }
        return (value, unit.isEmpty ? nil : iso ? unit.lowercased() : String(unit))
    }
}

extension String {
    fileprivate var trimmingSpacesAndTabs: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

import DappCore

/// The string formats of `StringRules.Format`: what is wrong with a value, if anything.
enum FormatCheck {
    static func problem(with text: String, format: StringRules.Format) -> String? {
        switch format {
        case .dnsLabel: return dnsLabelProblem(text)
        case .productRef:
            let parts = text.splitting("/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return "is not of the form 'domain/product'" }
            if dnsLabelProblem(String(parts[0])) != nil || dnsLabelProblem(String(parts[1])) != nil {
                return "is not of the form 'domain/product' with DNS-1123 names"
            }
            return nil
        case .relativePath:
            if text.isEmpty { return "is empty" }
            if text.hasPrefix("/") { return "is an absolute path; paths are relative to the spec's folder" }
            // On bytes when they are characters (ASCII); a character search otherwise.
            if text.isASCIIText ? text.utf8.contains(UInt8(ascii: "\\")) : text.contains("\\") {
                return "uses '\\'; write paths with '/'"
            }
            return nil
        case .semver:
            return isSemver(text) ? nil : "is not a semantic version (MAJOR.MINOR.PATCH)"
        case .date:
            return isDate(text) ? nil : "is not an RFC 3339 date (YYYY-MM-DD) or timestamp"
        case .duration:
            return DurationText.seconds(text) == nil ? "is not a duration such as '30d', '24h' or '15m'" : nil
        case .email:
            let parts = text.splitting("@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") ? nil : "is not an email address"
        }
    }

    static func hint(for format: StringRules.Format, text: String) -> String? {
        switch format {
        case .dnsLabel:
            let fixed = String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(63))
            let trimmed = fixed.trimmingDashes
            return trimmed.isEmpty || trimmed == text
                ? "use lowercase letters, digits and '-', at most 63 characters" : "for example '\(trimmed)'"
        case .semver: return "for example '1.2.0'"
        case .date: return "for example '2027-01-31'"
        default: return nil
        }
    }

    static func dnsLabelProblem(_ text: String) -> String? {
        // Runs for every name of every spec: on the contiguous bytes when there are (native and
        // small strings), through the UTF-8 view otherwise.
        text.utf8.withContiguousStorageIfAvailable(dnsLabelProblem) ?? dnsLabelProblem(text.utf8)
    }

    private static func dnsLabelProblem(_ bytes: some Collection<UInt8>) -> String? {
        if bytes.isEmpty { return "is empty" }
        if bytes.count > 63 { return "is longer than 63 characters" }
        func alnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        var last: UInt8 = 0
        for b in bytes {
            if !(alnum(b) || b == UInt8(ascii: "-")) {
                return "is not a valid name: only lowercase letters, digits and '-' are allowed"
            }
            last = b
        }
        if !alnum(bytes.first!) || !alnum(last) {
            return "is not a valid name: it must start and end with a letter or digit"
        }
        return nil
    }

    static func isSemver(_ text: String) -> Bool {
        var core = Substring(text)
        if let plus = core.firstIndex(of: "+") { core = core[..<plus] }
        if let dash = core.firstIndex(of: "-") {
            if core[core.index(after: dash)...].isEmpty { return false }
            core = core[..<dash]
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                && !(part.count > 1 && part.first == "0")
        }
    }

    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10 else { return false }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= 48, bytes[i] <= 57 else { return nil }
                value = value * 10 + Int(bytes[i] - 48)
            }
            return value
        }
        guard let _ = digits(0..<4), bytes[4] == UInt8(ascii: "-"), let month = digits(5..<7),
            bytes[7] == UInt8(ascii: "-"), let day = digits(8..<10), (1...12).contains(month),
            (1...31).contains(day)
        else { return false }
        if bytes.count == 10 { return true }
        return bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
    }
}

/// Durations as specs write them: a number and a unit (`s`, `m`, `h`, `d`, `w`, `y`), or ISO 8601
/// days (`P30D`).
extension String {
    var trimmingDashes: String {
        var s = Substring(self)
        while s.first == "-" { s = s.dropFirst() }
        while s.last == "-" { s = s.dropLast() }
        return String(s)
    }
}

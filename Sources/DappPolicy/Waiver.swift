import DappCore

/// A DappPolicyException in force: which rules it waives on which resources, and until when.
struct Waiver: Sendable {
    var name: String
    var owner: String
    var expires: CalendarDate
    var policies: [String]
    var resources: [DappPolicyExceptionSpec.ResourceSelector]
    var location: SourceLocation

    func covers(policy: CompiledPolicy, rule: String, resource: ResourceID) -> Bool {
        policies.contains { policy.isNamed($0, rule: rule) }
            && resources.contains { selector in
                selector.kind == resource.kind && Glob.matches(selector.domain, resource.domain)
                    && Glob.matches(selector.name, resource.name)
            }
    }

    var reference: PolicyFinding.WaiverReference {
        PolicyFinding.WaiverReference(exception: name, owner: owner, expires: expires, location: location)
    }

    /// The longest a waiver may run: long enough for a fix to land, short enough to be looked at again.
    static let maximumDays = 90

    /// The exceptions that waive something today, and what is wrong with the others: expired ones are
    /// reported (and waive nothing), as are ones that run longer than 90 days (an error: they waive
    /// nothing until shortened).
    static func review(_ exceptions: [SpecDocument<DappPolicyExceptionSpec>], today: CalendarDate) -> ([Waiver], [Diagnostic]) {
        var waivers: [Waiver] = []
        var diagnostics: [Diagnostic] = []
        for exception in exceptions {
            let name = exception.meta.name
            guard let expires = CalendarDate(parsing: exception.spec.expires.value) else { continue }  // the schema reports it
            let expiresAt = exception.spec.expires.location
            let created = exception.spec.created.flatMap(CalendarDate.init(parsing:))
            let start = created ?? today
            if let created, expires < created {
                diagnostics.append(
                    .error(
                        .policyExceptionTooLong, "exception '\(name)' expires on \(expires), before it was created (\(created))",
                        at: expiresAt, hint: "fix the dates"))
                continue
            }
            if start.days(until: expires) > maximumDays {
                let limit = start.adding(days: maximumDays)
                diagnostics.append(
                    .error(
                        .policyExceptionTooLong,
                        "exception '\(name)' runs \(start.days(until: expires)) days from \(created == nil ? "today" : "its creation") "
                            + "(\(start)); waivers last at most \(maximumDays) days",
                        at: expiresAt, hint: "set expires to \(limit) or earlier, and renew it then if the fix has not landed"))
                continue
            }
            if expires < today {
                diagnostics.append(
                    .warning(
                        .policyExceptionExpired,
                        "exception '\(name)' (owner \(exception.spec.owner)) expired on \(expires); it waives nothing",
                        at: expiresAt, hint: "fix the violations it waived and delete it, or renew it with a new expiry date"))
                continue
            }
            waivers.append(
                Waiver(
                    name: name, owner: exception.spec.owner, expires: expires, policies: exception.spec.policies.map(\.value),
                    resources: exception.spec.resources, location: exception.location))
        }
        return (waivers, diagnostics)
    }
}

/// `*` matches any run of characters; everything else matches itself.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard pattern.contains("*") else { return pattern == text }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let end = firstEnd(of: part, in: rest) else { return false }
            rest = rest[end...]
        }
        let last = parts[parts.count - 1]
        return parts.count == 1 ? rest.isEmpty : rest.hasSuffix(last) && rest.count >= last.count
    }

    /// Where the first occurrence of `needle` in `haystack` ends.
    private static func firstEnd(of needle: Substring, in haystack: Substring) -> Substring.Index? {
        var start = haystack.startIndex
        while start < haystack.endIndex {
            if haystack[start...].hasPrefix(needle) { return haystack.index(start, offsetBy: needle.count) }
            start = haystack.index(after: start)
        }
        return nil
    }
}

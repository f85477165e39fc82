import DappCore
import DappPolicy
import DappSpecs

/// What a change writes into the rules it is checked by: the policies it edits apply in their
/// base version too, to the resources it touches, and the waivers it writes are marked.
extension CheckCommand {
    /// The subjects whose files the change touches, with the rest of their products as what
    /// they see (`product`, `resources`).
    static func touched(_ subjects: [PolicySubject], changedFiles: Set<String>) -> PolicyInput {
        let touched = subjects.filter { changedFiles.contains($0.location.file) }
        let products = Set(touched.compactMap(\.product))
        let related = subjects.filter { subject in
            !changedFiles.contains(subject.location.file) && subject.product.map(products.contains) == true
        }
        return PolicyInput(subjects: touched, related: related, isComplete: false)
    }

    /// The exceptions the change adds or edits, by name: the waivers its reviewers should see.
    static func changedExceptions(
        base: [SpecDocument<DappPolicyExceptionSpec>], head: [SpecDocument<DappPolicyExceptionSpec>]
    ) -> [String: CheckReport.WaiverChange] {
        let before = Dictionary(base.map { ($0.meta.name, $0.spec) }, uniquingKeysWith: { first, _ in first })
        var changed: [String: CheckReport.WaiverChange] = [:]
        for exception in head {
            guard let old = before[exception.meta.name] else {
                changed[exception.meta.name] = .added
                continue
            }
            if old != exception.spec { changed[exception.meta.name] = .edited }
        }
        return changed
    }
}

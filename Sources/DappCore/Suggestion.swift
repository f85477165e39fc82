/// "Did you mean …": the closest known word by edit distance, when it is close enough to help.
public enum Suggestion {
    /// `did you mean 'x'?` for the closest candidate, or nil when none is close.
    public static func hint(for word: String, in candidates: [String]) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = Array(word.lowercased().utf8)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased().utf8))
            // Ties go to the alphabetically first word, so the hint does not depend on the
            // order candidates arrive in (often a dictionary's, which varies per process).
            if let current = best, distance > current.1 || (distance == current.1 && candidate >= current.0) { continue }
            best = (candidate, distance)
        }
        guard let (candidate, distance) = best else { return nil }
        // Allow roughly one typo per three characters, at least one.
        let budget = max(1, min(word.count, candidate.count) / 3)
        return distance <= budget ? candidate : nil
    }

    /// Damerau–Levenshtein (optimal string alignment): a swapped pair costs one, as typos do.
    public static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

/// A set of Unicode scalars: sorted code-point ranges plus Unicode general categories, with
/// optional case folding and negation (applied after folding, as in RE2: `(?i)[^a]` excludes `A`).
struct RegexCharSet: Sendable {
    /// Sorted, non-overlapping, non-adjacent ranges of code points.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    /// `\pL`-style members: a list of general categories, possibly negated (`\PL`).
    private(set) var categories: [(members: [Unicode.GeneralCategory], negated: Bool)] = []
    var negated = false
    var foldCase = false
    /// Membership of the 128 ASCII scalars, final (folding and negation applied); set by `finish()`.
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    static let maxScalar: UInt32 = 0x10_FFFF

    mutating func add(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
    }

    mutating func add(_ scalar: UInt32) {
        ranges.append(scalar...scalar)
    }

    /// Adds every range of `other` (its ranges only: `other` must have no categories).
    mutating func add(contentsOf other: RegexCharSet, negated: Bool) {
        if negated {
            ranges.append(contentsOf: Self.complement(Self.normalized(other.ranges)))
        } else {
            ranges.append(contentsOf: other.ranges)
        }
    }

    mutating func add(categories members: [Unicode.GeneralCategory], negated: Bool) {
        categories.append((members, negated))
    }

    static func normalized(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var result: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = result.last, range.lowerBound <= last.upperBound &+ 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            if range.upperBound >= maxScalar { return result }
            next = range.upperBound + 1
        }
        result.append(next...maxScalar)
        return result
    }

    /// Normalizes the ranges and precomputes the ASCII bitmap; call once, before matching.
    mutating func finish() {
        ranges = Self.normalized(ranges)
        asciiLow = 0
        asciiHigh = 0
        for c in UInt32(0)..<128 where slowContains(c) {
            if c < 64 { asciiLow |= 1 << UInt64(c) } else { asciiHigh |= 1 << UInt64(c - 64) }
        }
    }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        if c < 64 { return asciiLow & (1 << UInt64(c)) != 0 }
        if c < 128 { return asciiHigh & (1 << UInt64(c - 64)) != 0 }
        return slowContains(c)
    }

    private func slowContains(_ c: UInt32) -> Bool {
        var found = rawContains(c)
        if !found && foldCase {
            for variant in RegexCaseFold.variants(of: c) where variant != c && rawContains(variant) {
                found = true
                break
            }
        }
        return found != negated
    }

    private func rawContains(_ c: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if c < range.lowerBound {
                high = mid
            } else if c > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        if categories.isEmpty { return false }
        guard let scalar = Unicode.Scalar(c) else { return false }
        let category = scalar.properties.generalCategory
        for entry in categories where entry.members.contains(category) != entry.negated { return true }
        return false
    }

    // MARK: Predefined classes (RE2's Perl and POSIX classes are ASCII-only)

    static func of(_ ranges: [ClosedRange<UInt32>]) -> RegexCharSet {
        var set = RegexCharSet()
        set.ranges = ranges
        set.finish()
        return set
    }

    static let digit = of([0x30...0x39])
    static let word = of([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// RE2's `\s` is `[\t\n\f\r ]` (no `\v`).
    static let space = of([0x09...0x0A, 0x0C...0x0D, 0x20...0x20])

    static let posix: [String: RegexCharSet] = [
        "alnum": of([0x30...0x39, 0x41...0x5A, 0x61...0x7A]),
        "alpha": of([0x41...0x5A, 0x61...0x7A]),
        "ascii": of([0x00...0x7F]),
        "blank": of([0x09...0x09, 0x20...0x20]),
        "cntrl": of([0x00...0x1F, 0x7F...0x7F]),
        "digit": digit,
        "graph": of([0x21...0x7E]),
        "lower": of([0x61...0x7A]),
        "print": of([0x20...0x7E]),
        "punct": of([0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]),
        "space": of([0x09...0x0D, 0x20...0x20]),
        "upper": of([0x41...0x5A]),
        "word": word,
        "xdigit": of([0x30...0x39, 0x41...0x46, 0x61...0x66]),
    ]

    /// The general categories RE2 accepts after `\p`; scripts (`\p{Greek}`) are not supported here.
    static func unicodeCategories(_ name: String) -> [Unicode.GeneralCategory]? {
        typealias G = Unicode.GeneralCategory
        let letters: [G] = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
        let marks: [G] = [.nonspacingMark, .spacingMark, .enclosingMark]
        let numbers: [G] = [.decimalNumber, .letterNumber, .otherNumber]
        let punctuation: [G] = [
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
        ]
        let symbols: [G] = [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol]
        let separators: [G] = [.spaceSeparator, .lineSeparator, .paragraphSeparator]
        let others: [G] = [.control, .format, .surrogate, .privateUse]
        let table: [String: [G]] = [
            "L": letters, "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter],
            "Lm": [.modifierLetter], "Lo": [.otherLetter],
            "M": marks, "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
            "N": numbers, "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber],
            "P": punctuation, "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Ps": [.openPunctuation],
            "Pe": [.closePunctuation], "Pi": [.initialPunctuation], "Pf": [.finalPunctuation],
            "Po": [.otherPunctuation],
            "S": symbols, "Sm": [.mathSymbol], "Sc": [.currencySymbol], "Sk": [.modifierSymbol],
            "So": [.otherSymbol],
            "Z": separators, "Zs": [.spaceSeparator], "Zl": [.lineSeparator], "Zp": [.paragraphSeparator],
            "C": others, "Cc": [.control], "Cf": [.format], "Cs": [.surrogate], "Co": [.privateUse],
            "Any": letters + marks + numbers + punctuation + symbols + separators + others + [.unassigned],
        ]
        return table[name]
    }
}

/// Simple case folding for `(?i)`: ASCII exactly, other scalars through their one-scalar
/// lower- and uppercase mappings.
enum RegexCaseFold {
    @inline(__always)
    static func fold(_ c: UInt32) -> UInt32 {
        if c < 128 { return (c >= 0x41 && c <= 0x5A) ? c + 32 : c }
        guard let scalar = Unicode.Scalar(c) else { return c }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let first = lower.first { return first.value }
        return c
    }

    /// The scalar and its single-scalar lower- and uppercase forms.
    static func variants(of c: UInt32) -> [UInt32] {
        if c < 128 {
            if c >= 0x41 && c <= 0x5A { return [c, c + 32] }
            if c >= 0x61 && c <= 0x7A { return [c, c - 32] }
            return [c]
        }
        guard let scalar = Unicode.Scalar(c) else { return [c] }
        var result = [c]
        for mapping in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
            let scalars = mapping.unicodeScalars
            if scalars.count == 1, let first = scalars.first, first.value != c { result.append(first.value) }
        }
        return result
    }

    /// True when `(?i)` changes what the scalar matches.
    static func hasCase(_ c: UInt32) -> Bool {
        variants(of: c).count > 1
    }
}

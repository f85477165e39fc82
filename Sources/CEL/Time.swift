/// An instant (`google.protobuf.Timestamp`): seconds since 1970-01-01T00:00:00Z and nanoseconds
/// (0...999_999_999), between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z.
public struct CELTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let seconds: Int64
    public let nanos: Int32

    /// 0001-01-01T00:00:00Z.
    public static let minSeconds: Int64 = -62_135_596_800
    /// 9999-12-31T23:59:59Z.
    public static let maxSeconds: Int64 = 253_402_300_799

    /// Nil when out of range or `nanos` is not in 0...999_999_999.
    public init?(seconds: Int64, nanos: Int32 = 0) {
        guard seconds >= Self.minSeconds, seconds <= Self.maxSeconds, nanos >= 0, nanos < 1_000_000_000 else {
            return nil
        }
        self.seconds = seconds
        self.nanos = nanos
    }

    /// Parses RFC 3339 (`2009-02-13T23:31:30Z`, `2009-02-13T23:31:30.5+01:00`), as Go's `time.RFC3339`.
    public init?(rfc3339 text: String) {
        guard let parsed = try? CELTime.parseTimestamp(text) else { return nil }
        self = parsed
    }

    public static func < (lhs: CELTimestamp, rhs: CELTimestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    /// RFC 3339 in UTC with the fraction's trailing zeros dropped, as cel-go prints it.
    public var description: String {
        let days = CELTime.floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = CELTime.civil(fromDays: days)
        var out = CELTime.pad(y, 4) + "-" + CELTime.pad(m, 2) + "-" + CELTime.pad(d, 2) + "T"
        out += CELTime.pad(secondOfDay / 3600, 2) + ":" + CELTime.pad(secondOfDay / 60 % 60, 2) + ":"
        out += CELTime.pad(secondOfDay % 60, 2)
        out += CELTime.fraction(Int64(nanos))
        return out + "Z"
    }

    /// The timestamp moved by a duration; nil when the result is out of range.
    func adding(_ duration: CELDuration) -> CELTimestamp? {
        let (ds, dn) = (duration.nanoseconds / 1_000_000_000, duration.nanoseconds % 1_000_000_000)
        var s = seconds + ds
        var n = Int64(nanos) + dn
        if n < 0 {
            n += 1_000_000_000
            s -= 1
        } else if n >= 1_000_000_000 {
            n -= 1_000_000_000
            s += 1
        }
        return CELTimestamp(seconds: s, nanos: Int32(n))
    }
}

/// A signed span (`google.protobuf.Duration`), held like cel-go's as 64-bit nanoseconds (about ±292 years).
public struct CELDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Nil when the span does not fit in 64-bit nanoseconds.
    public init?(seconds: Int64, nanos: Int32 = 0) {
        let (total, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (sum, o2) = total.addingReportingOverflow(Int64(nanos))
        if o1 || o2 { return nil }
        nanoseconds = sum
    }

    /// Parses Go duration syntax: `1h2m3.5s`, `-1.5h`, `100ms`, `3us`, `7ns`.
    public init?(parsing text: String) {
        guard let parsed = try? CELTime.parseDuration(text) else { return nil }
        self = parsed
    }

    public static func < (lhs: CELDuration, rhs: CELDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Seconds with the fraction's trailing zeros dropped: `3730s`, `1.5s`, `-0.000000001s`.
    public var description: String {
        let magnitude = nanoseconds.magnitude
        let sign = nanoseconds < 0 ? "-" : ""
        return sign + String(magnitude / 1_000_000_000) + CELTime.fraction(Int64(magnitude % 1_000_000_000)) + "s"
    }
}

/// Calendar arithmetic and the text forms of timestamps and durations.
enum CELTime {
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `.5`, `.000000001`, or empty for 0.
    static func fraction(_ nanos: Int64) -> String {
        guard nanos != 0 else { return "" }
        var digits = pad(nanos, 9)
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The fields of a local time: the instant's seconds plus the zone offset.
    struct Fields {
        let year: Int64
        let month: Int64
        let day: Int64
        let hour: Int64
        let minute: Int64
        let second: Int64
        let dayOfWeek: Int64
        let dayOfYear: Int64

        init(localSeconds: Int64) {
            let days = CELTime.floorDiv(localSeconds, 86_400)
            let secondOfDay = localSeconds - days * 86_400
            (year, month, day) = CELTime.civil(fromDays: days)
            hour = secondOfDay / 3600
            minute = secondOfDay / 60 % 60
            second = secondOfDay % 60
            dayOfWeek = ((days % 7) + 11) % 7
            dayOfYear = days - CELTime.days(year: year, month: 1, day: 1)
        }
    }

    // MARK: Parsing

    static func parseTimestamp(_ text: String) throws(Failure) -> CELTimestamp {
        let b = Array(text.utf8)
        var i = 0
        func bad() -> Failure { Failure("invalid timestamp '\(text)': expected RFC 3339 such as 2006-01-02T15:04:05Z") }
        func number(_ count: Int) throws(Failure) -> Int64 {
            guard i + count <= b.count else { throw bad() }
            var value: Int64 = 0
            for _ in 0..<count {
                guard isDigit(b[i]) else { throw bad() }
                value = value * 10 + Int64(b[i] - 0x30)
                i += 1
            }
            return value
        }
        func literal(_ c: UInt8) throws(Failure) {
            guard i < b.count, b[i] == c else { throw bad() }
            i += 1
        }
        // A year of more than 4 digits is out of range rather than malformed.
        var yearDigits = 0
        while yearDigits < b.count, isDigit(b[yearDigits]) { yearDigits += 1 }
        if yearDigits > 4 { throw Failure("timestamp out of range: '\(text)'") }
        let year = try number(4)
        try literal(UInt8(ascii: "-"))
        let month = try number(2)
        try literal(UInt8(ascii: "-"))
        let day = try number(2)
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") else { throw bad() }
        i += 1
        let hour = try number(2)
        try literal(UInt8(ascii: ":"))
        let minute = try number(2)
        try literal(UInt8(ascii: ":"))
        let second = try number(2)
        var nanos: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var count = 0
            while i < b.count, isDigit(b[i]) {
                if count < 9 { nanos = nanos * 10 + Int64(b[i] - 0x30) }
                count += 1
                i += 1
            }
            guard count > 0 else { throw bad() }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        guard i < b.count else { throw bad() }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let negative = b[i] == UInt8(ascii: "-")
            i += 1
            let oh = try number(2)
            try literal(UInt8(ascii: ":"))
            let om = try number(2)
            guard oh < 24, om < 60 else { throw bad() }
            offset = (oh * 3600 + om * 60) * (negative ? -1 : 1)
        } else {
            throw bad()
        }
        guard i == b.count else { throw bad() }
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { throw Failure("invalid timestamp '\(text)': a date or time field is out of range") }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        guard let timestamp = CELTimestamp(seconds: seconds, nanos: Int32(nanos)) else {
            throw Failure("timestamp out of range: '\(text)'")
        }
        return timestamp
    }

    /// Go's `time.ParseDuration`.
    static func parseDuration(_ text: String) throws(Failure) -> CELDuration {
        let b = Array(text.utf8)
        func bad() -> Failure { Failure("invalid duration '\(text)': expected e.g. 1h2m3.5s, 100ms, -1.5h") }
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        if i == b.count - 1, b[i] == UInt8(ascii: "0") { return CELDuration(nanoseconds: 0) }
        guard i < b.count else { throw bad() }
        let limit: UInt64 = 1 << 63
        let rangeError = Failure("duration out of range: '\(text)'")
        var total: UInt64 = 0
        while i < b.count {
            var whole: UInt64 = 0
            var sawDigits = false
            var overflow = false
            while i < b.count, isDigit(b[i]) {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(UInt64(b[i] - 0x30))
                overflow = overflow || o1 || o2
                whole = s
                sawDigits = true
                i += 1
            }
            var fraction: UInt64 = 0
            var scale: UInt64 = 1
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                while i < b.count, isDigit(b[i]) {
                    if scale < 1_000_000_000_000_000_000 {
                        fraction = fraction * 10 + UInt64(b[i] - 0x30)
                        scale *= 10
                    }
                    sawDigits = true
                    i += 1
                }
            }
            guard sawDigits else { throw bad() }
            let unitStart = i
            while i < b.count, !isDigit(b[i]), b[i] != UInt8(ascii: ".") { i += 1 }
            let unit: UInt64
            switch String(decoding: b[unitStart..<i], as: UTF8.self) {
            case "ns": unit = 1
            case "us", "µs", "μs": unit = 1_000
            case "ms": unit = 1_000_000
            case "s": unit = 1_000_000_000
            case "m": unit = 60_000_000_000
            case "h": unit = 3_600_000_000_000
            default: throw bad()
            }
            if overflow { throw rangeError }
            let (wholeNanos, o1) = whole.multipliedReportingOverflow(by: unit)
            if o1 || wholeNanos > limit { throw rangeError }
            // fraction/scale < 1, so fraction * (unit / scale) stays within one unit.
            let fractionNanos = UInt64((Double(fraction) * Double(unit) / Double(scale)).rounded(.towardZero))
            let (sum, o2) = total.addingReportingOverflow(wholeNanos)
            let (sum2, o3) = sum.addingReportingOverflow(fractionNanos)
            if o2 || o3 || sum2 > limit { throw rangeError }
            total = sum2
        }
        if negative { return CELDuration(nanoseconds: total == limit ? .min : -Int64(total)) }
        guard total < limit else { throw rangeError }
        return CELDuration(nanoseconds: Int64(total))
    }
}

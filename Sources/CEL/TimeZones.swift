import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A time zone: a fixed offset, or the rules of an IANA zone read from a TZif file in
/// /usr/share/zoneinfo (RFC 8536: transitions, then the POSIX TZ footer for later times).
struct CELTimeZone: Sendable {
    /// Transition instants (UTC seconds), ascending, and the UTC offset in effect from each.
    let transitions: [Int64]
    let offsets: [Int32]
    /// The offset before the first transition (or always, for a fixed zone).
    let initialOffset: Int32
    /// Rules for instants after the last transition.
    let footer: PosixRule?

    static let utc = CELTimeZone(transitions: [], offsets: [], initialOffset: 0, footer: nil)

    static func fixed(seconds: Int32) -> CELTimeZone {
        CELTimeZone(transitions: [], offsets: [], initialOffset: seconds, footer: nil)
    }

    /// Seconds east of UTC at an instant.
    func offset(at instant: Int64) -> Int64 {
        if let last = transitions.last, instant >= last, let footer { return footer.offset(at: instant) }
        guard let first = transitions.first, instant >= first else { return Int64(initialOffset) }
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return Int64(offsets[low])
    }

    /// A zone by CEL's argument forms: `UTC`, an offset `+05:30` / `-08:00` / `02:00`, or an IANA name.
    static func named(_ name: String) throws(Failure) -> CELTimeZone {
        if name == "UTC" || name == "Z" || name.isEmpty { return .utc }
        if name.utf8.contains(UInt8(ascii: ":")) {
            guard let offset = parseOffset(name) else {
                throw Failure("invalid time zone offset '\(name)': expected [+|-]HH:MM")
            }
            return .fixed(seconds: offset)
        }
        return try ZoneCache.zone(named: name)
    }

    /// `+05:30`, `-08:00`, `02:00` → seconds east of UTC.
    static func parseOffset(_ text: String) -> Int32? {
        var bytes = Array(text.utf8)[...]
        var sign: Int32 = 1
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(isDigit) })
        else { return nil }
        let hours = parts[0].reduce(Int32(0)) { $0 * 10 + Int32($1 - 0x30) }
        let minutes = parts[1].reduce(Int32(0)) { $0 * 10 + Int32($1 - 0x30) }
        guard hours <= 23, minutes <= 59 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}

/// Parsed IANA zones, loaded once per name (thread-safe).
enum ZoneCache {
    static let directory = "/usr/share/zoneinfo/"

    @available(macOS 15.0, *)
    static let zones = Mutex<[String: CELTimeZone]>([:])

    static func zone(named name: String) throws(Failure) -> CELTimeZone {
        if #available(macOS 15.0, *) {
            if let zone = zones.withLock({ $0[name] }) { return zone }
            let zone = try load(name)
            zones.withLock { $0[name] = zone }
            return zone
        }
        return try load(name)
    }

    static func load(_ name: String) throws(Failure) -> CELTimeZone {
        let unknown = Failure("unknown time zone '\(name)'")
        // Only plain relative names like `America/St_Johns`, `Etc/GMT+5`.
        let allowed = name.utf8.allSatisfy {
            isIdentifierStart($0) || isDigit($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: "+")
        }
        guard allowed, name.utf8.count <= 64, !name.hasPrefix("/"), !name.contains("..") else { throw unknown }
        guard let data = readFile(directory + name), let zone = TZif.parse(data) else { throw unknown }
        return zone
    }

    /// The whole file (up to 1 MiB), or nil.
    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while data.count <= 1 << 20 {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data.count <= 1 << 20 ? data : nil
    }
}

/// RFC 8536 TZif reader.
enum TZif {
    static func parse(_ data: [UInt8]) -> CELTimeZone? {
        guard data.count >= 44, data[0..<4].elementsEqual("TZif".utf8) else { return nil }
        var reader = Reader(data: data, index: 0)
        let version = data[4]
        guard let v1 = reader.block(timeSize: 4) else { return nil }
        if version < UInt8(ascii: "2") { return v1.zone(footer: nil) }
        guard let v2 = reader.block(timeSize: 8) else { return nil }
        var footer: PosixRule?
        if reader.index < data.count, data[reader.index] == 0x0A {
            let start = reader.index + 1
            if let end = data[start...].firstIndex(of: 0x0A) {
                footer = PosixRule(String(decoding: data[start..<end], as: UTF8.self))
            }
        }
        return v2.zone(footer: footer)
    }

    struct Block {
        var times: [Int64] = []
        var indices: [UInt8] = []
        var types: [(offset: Int32, isDST: Bool)] = []

        func zone(footer: PosixRule?) -> CELTimeZone? {
            guard !types.isEmpty, indices.allSatisfy({ Int($0) < types.count }) else { return nil }
            return CELTimeZone(
                transitions: times, offsets: indices.map { types[Int($0)].offset }, initialOffset: types[0].offset,
                footer: footer)
        }
    }

    struct Reader {
        let data: [UInt8]
        var index: Int

        mutating func integer(_ size: Int) -> Int64? {
            guard index + size <= data.count else { return nil }
            var value: UInt64 = 0
            for byte in data[index..<index + size] { value = value << 8 | UInt64(byte) }
            index += size
            if size == 4 { return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) }
            return Int64(bitPattern: value)
        }

        mutating func block(timeSize: Int) -> Block? {
            guard index + 44 <= data.count, data[index..<index + 4].elementsEqual("TZif".utf8) else { return nil }
            index += 20
            var counts: [Int] = []
            for _ in 0..<6 {
                guard let count = integer(4), count >= 0 else { return nil }
                counts.append(Int(count))
            }
            let (isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt) =
                (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
            var block = Block()
            for _ in 0..<timecnt {
                guard let time = integer(timeSize) else { return nil }
                block.times.append(time)
            }
            guard index + timecnt <= data.count else { return nil }
            block.indices = Array(data[index..<index + timecnt])
            index += timecnt
            for _ in 0..<typecnt {
                guard let offset = integer(4), index + 2 <= data.count else { return nil }
                block.types.append((Int32(offset), data[index] != 0))
                index += 2
            }
            index += charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt
            guard index <= data.count else { return nil }
            return block
        }
    }
}

/// A POSIX TZ rule (`CST6CDT,M3.2.0,M11.1.0`, `<+0545>-5:45`, `AEST-10AEDT,M10.1.0,M4.1.0/3`).
struct PosixRule: Sendable {
    /// Seconds east of UTC.
    let standard: Int64
    let daylight: Int64?
    let start: DateRule?
    let end: DateRule?

    enum DateKind: Sendable {
        /// `Jn`: day 1...365, February 29 never counted.
        case julian(Int64)
        /// `n`: day 0...365, leap days counted.
        case zeroBased(Int64)
        /// `Mm.w.d`: weekday d (0 = Sunday) of week w (5 = last) of month m.
        case monthWeekDay(Int64, Int64, Int64)
    }

    struct DateRule: Sendable {
        let kind: DateKind
        /// Local seconds after midnight (may be negative or beyond 24h).
        let time: Int64

        /// Seconds since the epoch of this rule's local wall time in a year, before the offset.
        func localSeconds(year: Int64) -> Int64 {
            let jan1 = CELTime.days(year: year, month: 1, day: 1)
            var day: Int64
            switch kind {
            case .julian(let n):
                day = jan1 + n - 1
                if CELTime.isLeap(year), n >= 60 { day += 1 }
            case .zeroBased(let n):
                day = jan1 + n
            case .monthWeekDay(let m, let w, let d):
                let first = CELTime.days(year: year, month: m, day: 1)
                let firstWeekday = ((first % 7) + 11) % 7
                day = first + (d - firstWeekday + 7) % 7 + (w - 1) * 7
                let limit = first + CELTime.daysIn(month: m, year: year)
                while day >= limit { day -= 7 }
            }
            return day * 86_400 + time
        }
    }

    init?(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard scanner.name(), let std = scanner.offset() else { return nil }
        standard = -std
        guard !scanner.atEnd else {
            daylight = nil
            start = nil
            end = nil
            return
        }
        guard scanner.name() else { return nil }
        if let dst = scanner.offset() { daylight = -dst } else { daylight = standard + 3600 }
        guard scanner.accept(UInt8(ascii: ",")), let s = scanner.dateRule(), scanner.accept(UInt8(ascii: ",")),
            let e = scanner.dateRule(), scanner.atEnd
        else { return nil }
        start = s
        end = e
    }

    func offset(at instant: Int64) -> Int64 {
        guard let daylight, let start, let end else { return standard }
        let year = CELTime.civil(fromDays: CELTime.floorDiv(instant + standard, 86_400)).year
        let startUTC = start.localSeconds(year: year) - standard
        let endUTC = end.localSeconds(year: year) - daylight
        if startUTC < endUTC {
            return instant >= startUTC && instant < endUTC ? daylight : standard
        }
        return instant >= endUTC && instant < startUTC ? standard : daylight
    }

    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }

        mutating func accept(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func number() -> Int64? {
            var value: Int64 = 0
            var count = 0
            while index < bytes.count, isDigit(bytes[index]), count < 6 {
                value = value * 10 + Int64(bytes[index] - 0x30)
                index += 1
                count += 1
            }
            return count > 0 ? value : nil
        }

        /// `EST` or `<+0545>`.
        mutating func name() -> Bool {
            if accept(UInt8(ascii: "<")) {
                while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                return accept(UInt8(ascii: ">"))
            }
            let begin = index
            while index < bytes.count, isIdentifierStart(bytes[index]) { index += 1 }
            return index - begin >= 3
        }

        /// `[+|-]hh[:mm[:ss]]` in seconds (POSIX: positive is west of UTC).
        mutating func offset() -> Int64? {
            var sign: Int64 = 1
            if accept(UInt8(ascii: "-")) { sign = -1 } else { _ = accept(UInt8(ascii: "+")) }
            guard let hours = number() else { return nil }
            var total = hours * 3600
            if accept(UInt8(ascii: ":")) {
                guard let minutes = number() else { return nil }
                total += minutes * 60
                if accept(UInt8(ascii: ":")) {
                    guard let seconds = number() else { return nil }
                    total += seconds
                }
            }
            return sign * total
        }

        mutating func dateRule() -> DateRule? {
            let kind: DateKind
            if accept(UInt8(ascii: "J")) {
                guard let n = number(), n >= 1, n <= 365 else { return nil }
                kind = .julian(n)
            } else if accept(UInt8(ascii: "M")) {
                guard let m = number(), accept(UInt8(ascii: ".")), let w = number(), accept(UInt8(ascii: ".")),
                    let d = number(), (1...12).contains(m), (1...5).contains(w), d <= 6
                else { return nil }
                kind = .monthWeekDay(m, w, d)
            } else {
                guard let n = number(), n <= 365 else { return nil }
                kind = .zeroBased(n)
            }
            var time: Int64 = 7200
            if accept(UInt8(ascii: "/")) {
                guard let t = offset() else { return nil }
                time = t
            }
            return DateRule(kind: kind, time: time)
        }
    }
}

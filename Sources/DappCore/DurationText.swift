/// dappctl's duration syntax in specs: one amount and unit (`30s`, `15m`, `24h`, `30d`, `2w`, `1y`)
/// or ISO 8601 days (`P30D`).
public enum DurationText {
    public static func seconds(_ text: String) -> Int? {
        if text.hasPrefix("P"), text.hasSuffix("D"), let days = Int(text.dropFirst().dropLast()) {
            return days * 86_400
        }
        guard let unit = text.last, let amount = Int(text.dropLast()), amount >= 0 else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3_600
        case "d": return amount * 86_400
        case "w": return amount * 604_800
        case "y": return amount * 31_536_000
        default: return nil
        }
    }
}

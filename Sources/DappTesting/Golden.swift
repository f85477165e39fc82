import Foundation

/// Golden-file comparison: the expected text lives in a committed file, re-recorded with
/// `RECORD_SNAPSHOTS=1` and reviewed in the diff.
public enum Golden {
    /// Returns nil when `actual` matches the file (or was recorded), else a readable difference.
    public static func compare(_ actual: String, toFile path: String) -> String? {
        if TestPaths.recordSnapshots {
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "golden file \(path) is missing; run with RECORD_SNAPSHOTS=1 to record it"
        }
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end>"
            let al = i < a.count ? String(a[i]) : "<end>"
            if el != al {
                return "\(path): first difference at line \(i + 1)\n  expected: \(el)\n  actual:   \(al)\n(RECORD_SNAPSHOTS=1 re-records)"
            }
        }
        return "\(path) differs"
    }
}

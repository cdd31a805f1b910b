/// The 2026 service's datetimes (docs/api-2026-contract.md §1): ISO-8601 in UTC with a `Z`, six
/// fractional digits, and no fraction at all when the microseconds are 0 — pydantic-core's
/// layout for a UTC `datetime`.
///
/// ```swift
/// WireTimestamp.string(microsecondsSinceEpoch: 1_777_506_396_972_380) // "2026-04-29T23:46:36.972380Z"
/// WireTimestamp.microseconds(from: "2026-04-29T23:46:36Z")            // 1_777_506_396_000_000
/// ```
public enum WireTimestamp {
    public static func string(microsecondsSinceEpoch us: Int64) -> String {
        let (seconds, micro) = floorDivide(us, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (y, m, d) = civilDate(daysSinceEpoch: days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let t = String(v)
            return String(repeating: "0", count: max(0, width - t.count)) + t
        }
        var text = (y < 0 ? "-" + pad(-y, 4) : pad(y, 4)) + "-" + pad(m, 2) + "-" + pad(d, 2)
        text += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if micro != 0 { text += "." + pad(micro, 6) }
        return text + "Z"
    }

    /// Reads an ISO-8601 datetime with any UTC offset (`Z`, `+00:00`, `-07:00`) and 0 to 6
    /// fractional digits (more are cut at microseconds), as the client must (§1: `GET
    /// /final_submission` follows the database's time zone). `nil` for anything else.
    public static func microseconds(from text: String) -> Int64? {
        let c = Array(text.utf8)
        func number(_ r: Range<Int>) -> Int64? {
            guard r.upperBound <= c.count, !r.isEmpty else { return nil }
            var v: Int64 = 0
            for i in r {
                guard c[i] >= 48 && c[i] <= 57 else { return nil }
                v = v * 10 + Int64(c[i] - 48)
            }
            return v
        }
        guard c.count >= 19, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"),
              c[10] == UInt8(ascii: "T") || c[10] == UInt8(ascii: "t") || c[10] == UInt8(ascii: " "),
              c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":"),
              let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10),
              let h = number(11..<13), let mi = number(14..<16), let s = number(17..<19),
              (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), h < 24, mi < 60, s < 60
        else { return nil }
        var i = 19
        var micro: Int64 = 0
        if i < c.count && c[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < c.count && c[i] >= 48 && c[i] <= 57 { i += 1 }
            guard i > start else { return nil }
            let frac = String(decoding: c[start..<min(i, start + 6)], as: UTF8.self)
            micro = Int64(frac.padding(toLength: 6, withPad: "0", startingAt: 0))!
        }
        var offsetSeconds: Int64 = 0
        guard i < c.count else { return nil }
        if c[i] == UInt8(ascii: "Z") || c[i] == UInt8(ascii: "z") {
            i += 1
        } else if c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-") {
            let sign: Int64 = c[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = number((i + 1)..<(i + 3)) else { return nil }
            var j = i + 3
            var om: Int64 = 0
            if j < c.count {
                if c[j] == UInt8(ascii: ":") { j += 1 }
                guard let m = number(j..<(j + 2)) else { return nil }
                om = m
                j += 2
            }
            guard oh < 24, om < 60 else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
            i = j
        } else {
            return nil
        }
        guard i == c.count else { return nil }
        let days = daysSinceEpoch(year: y, month: mo, day: d)
        let seconds = days * 86_400 + h * 3600 + mi * 60 + s - offsetSeconds
        return seconds * 1_000_000 + micro
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysIn(month m: Int64, year y: Int64) -> Int64 {
        switch m {
        case 2: isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's `days_from_civil`.
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's `civil_from_days`.
    private static func civilDate(daysSinceEpoch z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

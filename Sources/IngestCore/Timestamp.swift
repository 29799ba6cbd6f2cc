import Foundation

/// The store's timestamps: ISO 8601 in UTC to the second (`2026-11-22T04:02:57Z`), so that
/// they sort as times, and days-from-civil for every date parser.
///
///     Timestamp.string(Date(timeIntervalSince1970: 0))      // "1970-01-01T00:00:00Z"
///     Timestamp.date("2026-11-22T04:02:57Z")                // the instant
public enum Timestamp {
    /// A store timestamp: ISO 8601 in UTC to the second, so that these strings sort as times.
    public static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// The date of a store timestamp (`2026-11-22T04:02:57Z`, what `string(_:)` writes),
    /// read by hand: a sync reads three per URL, and Foundation's ISO 8601 parser made that a
    /// large part of a run with nothing to fetch. Anything else goes to that parser.
    public static func date(_ text: String) -> Date? {
        var utf8 = Array(text.utf8)
        guard utf8.count == 20, utf8[4] == 0x2D, utf8[7] == 0x2D, utf8[10] == 0x54, utf8[13] == 0x3A, utf8[16] == 0x3A,
              utf8[19] == 0x5A else { return try? Date.ISO8601FormatStyle().parse(text) }
        utf8[4] = 0x30; utf8[7] = 0x30; utf8[10] = 0x30; utf8[13] = 0x30; utf8[16] = 0x30; utf8[19] = 0x30
        guard utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let number = { (range: Range<Int>) in utf8[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        let (hour, minute, second) = (number(11..<13), number(14..<16), number(17..<19))
        guard (1...12).contains(month), (1...daysInMonth(month, year)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil);
    /// every date parser uses it.
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func daysInMonth(_ month: Int, _ year: Int) -> Int {
        if month == 2 { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28 }
        return [4, 6, 9, 11].contains(month) ? 30 : 31
    }

    /// The store timestamp for a user's date: `2026-11-22`, `2026-11-22T08:00:00Z`,
    /// `2026-11-22T10:00:00+02:00` (fractions of a second allowed); nil when it is none of these.
    public static func string(parsing text: String) -> String? {
        let styles = [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)]
        for style in styles {
            if let date = try? style.parse(text) { return string(date) }
        }
        if let day = try? Date.ISO8601FormatStyle().year().month().day().parse(text) { return string(day) }
        return nil
    }
}

import Foundation

/// Parses the dates feeds, sitemaps and HTTP headers use: ISO 8601 / RFC 3339
/// (`2024-05-01`, `2024-05-01T10:00:00.5+02:00`), RFC 822 / 1123
/// (`Wed, 01 May 2024 10:00:00 GMT`, `1 May 24 10:00 +0200`) and the two older HTTP-date
/// forms (RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, asctime `Sun Nov  6 08:49:37 1994`).
/// Hand-written so that it is `Sendable` and does not depend on locale.
///
///     InternetDate.parse("Wed, 01 May 2024 10:00:00 GMT")?.timeIntervalSince1970   // 1714557600
public enum InternetDate {
    /// The instant `text` names, or `nil` when it is neither format.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.unicodeScalars.first else { return nil }
        return CharacterSet.decimalDigits.contains(first) && trimmed.count >= 10
            && Array(trimmed.utf8)[4] == UInt8(ascii: "-") ? iso8601(trimmed) : rfc822(trimmed)
    }

    static func iso8601(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2),
              scanner.skip("-"), let day = scanner.number(2) else { return nil }
        var seconds = 0.0, offset = 0
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let hour = scanner.number(2), scanner.skip(":"), let minute = scanner.number(2) else { return nil }
            var second = 0.0
            if scanner.skip(":") {
                guard let whole = scanner.number(2) else { return nil }
                second = Double(whole)
                if scanner.skip(".") || scanner.skip(",") { second += scanner.fraction() }
            }
            seconds = Double(hour * 3600 + minute * 60) + second
            guard let zone = scanner.zoneOffset() else { return nil }
            offset = zone
        }
        guard scanner.atEnd else { return nil }
        return civil(year, month, day).map { Date(timeIntervalSince1970: Double($0) * 86_400 + seconds - Double(offset)) }
    }

    static func rfc822(_ text: String) -> Date? {
        var words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = words.first, Int(first) == nil, monthNumber(first) == nil {
            words.removeFirst()  // weekday
        }
        if let first = words.first, first.contains("-") {  // RFC 850: 06-Nov-94
            words.replaceSubrange(0...0, with: first.split(separator: "-").map(String.init))
        } else if words.count == 4, monthNumber(words[0]) != nil, words[2].contains(":") {  // asctime, in GMT
            words = [words[1], words[0], words[3], words[2], "GMT"]
        }
        guard words.count >= 4, let day = Int(words[0]), let month = monthNumber(words[1]),
              var year = Int(words[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        let clock = words[3].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, clock.allSatisfy({ $0 != nil }) else { return nil }
        let seconds = clock[0]! * 3600 + clock[1]! * 60 + (clock.count > 2 ? clock[2]! : 0)
        let offset = words.count > 4 ? zoneOffset(named: words[4]) : 0
        guard let offset, let days = civil(year, month, day) else { return nil }
        return Date(timeIntervalSince1970: Double(days * 86_400 + seconds - offset))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ word: String) -> Int? {
        months.firstIndex(of: String(word.lowercased().prefix(3))).map { $0 + 1 }
    }

    private static let zones = ["GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6,
                                "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]

    private static func zoneOffset(named word: String) -> Int? {
        if let hours = zones[word.uppercased()] { return hours * 3600 }
        var scanner = DigitScanner(word)
        return scanner.zoneOffset()
    }

    /// Seconds to wait from a `Retry-After` value: delta-seconds, or an HTTP-date relative
    /// to `now` (a past date is 0); `nil` when it is neither.
    public static func retryAfter(_ value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if let seconds = Int(text) { return seconds >= 0 ? Double(seconds) : nil }
        guard let date = parse(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date; nil for a month or day out of range.
    static func civil(_ year: Int, _ month: Int, _ day: Int) -> Int? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return Timestamp.daysSinceEpoch(year: year, month: month, day: day)
    }
}

/// A cursor over ASCII digits and punctuation for the date parsers.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
        index += 1
        return true
    }

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += width
        return value
    }

    mutating func fraction() -> Double {
        var value = 0.0, scale = 0.1
        while index < bytes.count, (48...57).contains(bytes[index]) {
            value += Double(bytes[index] - 48) * scale
            scale /= 10
            index += 1
        }
        return value
    }

    /// `Z`, `+02:00`, `-0500`, or nothing (UTC); `nil` when malformed.
    mutating func zoneOffset() -> Int? {
        if atEnd || skip("Z") || skip("z") { return 0 }
        let sign: Int
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
        guard let hours = number(2) else { return nil }
        _ = skip(":")
        let minutes = number(2) ?? 0
        return sign * (hours * 3600 + minutes * 60)
    }
}

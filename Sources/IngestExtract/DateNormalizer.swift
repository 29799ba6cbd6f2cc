import Foundation
import IngestCore

/// Turns the date spellings pages use into ISO 8601: "2024-05-01T10:00:00+02:00" stays
/// as it is (seconds added when missing), "May 1, 2024", "1 May 2024",
/// "Wed, 01 May 2024 10:00:00 GMT" and "2024/05/01" become "2024-05-01" or a full timestamp.
enum DateNormalizer {
    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]

    /// Month names in German, French, Spanish, Italian, Portuguese, Dutch, the Scandinavian
    /// languages, Romanian, Indonesian and Turkish, written out (with and without accents), in
    /// the form a date takes in Polish, Czech, Russian, Ukrainian, Greek and Finnish (the
    /// genitive or partitive: "5 marca 2024", "5 марта 2024"), and in Arabic (the Egyptian and
    /// Gulf names, and the Levantine ones of one word): "5. März 2024", "5 mars 2024",
    /// "5 de marzo de 2024", "07 أكتوبر 2020". Abbreviations are left out, as several are
    /// English words ("set", "gen", "mag"), and so are forms two languages give different
    /// months (Croatian's "listopada" is October, Polish's November).
    static let otherMonthNames: [String: Int] = {
        let names: [[String]] = [
            ["januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jänner", "ianuarie", "ocak", "stycznia", "ledna",
             "января", "січня", "ιανουαρίου", "tammikuuta", "يناير"],
            ["februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari", "februarie", "şubat", "subat",
             "lutego", "února", "unora", "февраля", "лютого", "φεβρουαρίου", "helmikuuta", "فبراير", "شباط"],
            ["märz", "maerz", "marz", "mars", "marzo", "março", "marco", "maart", "marts", "martie", "maret", "mart", "marca",
             "března", "brezna", "марта", "березня", "μαρτίου", "maaliskuuta", "مارس", "آذار"],
            ["avril", "abril", "aprile", "aprilie", "nisan", "kwietnia", "dubna", "апреля", "квітня", "απριλίου", "huhtikuuta",
             "أبريل", "ابريل", "إبريل", "نيسان"],
            ["mai", "mayo", "maggio", "maio", "mei", "maj", "mayıs", "mayis", "maja", "května", "kvetna", "мая", "травня", "μαΐου",
             "toukokuuta", "مايو", "أيار", "ايار"],
            ["juni", "juin", "junio", "giugno", "junho", "iunie", "haziran", "czerwca", "června", "cervna", "июня", "червня",
             "ιουνίου", "kesäkuuta", "يونيو", "يونية", "حزيران"],
            ["juli", "juillet", "julio", "luglio", "julho", "iulie", "temmuz", "lipca", "července", "cervence", "июля", "липня",
             "ιουλίου", "heinäkuuta", "يوليو", "يولية", "تموز"],
            ["août", "aout", "agosto", "augustus", "augusti", "agustus", "ağustos", "agustos", "sierpnia", "srpna", "августа",
             "серпня", "αυγούστου", "elokuuta", "أغسطس", "اغسطس"],
            ["septembre", "septiembre", "setiembre", "settembre", "setembro", "septembrie", "eylül", "eylul", "września",
             "wrzesnia", "září", "zari", "сентября", "вересня", "σεπτεμβρίου", "syyskuuta", "سبتمبر", "أيلول", "ايلول"],
            ["oktober", "octobre", "octubre", "ottobre", "outubro", "octombrie", "ekim", "października", "pazdziernika",
             "října", "rijna", "октября", "жовтня", "οκτωβρίου", "lokakuuta", "أكتوبر", "اكتوبر"],
            ["novembre", "noviembre", "novembro", "noiembrie", "kasım", "kasim", "listopadu", "ноября",
             "листопада", "νοεμβρίου", "marraskuuta", "نوفمبر"],
            ["dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro", "desember", "decembrie", "aralık",
             "aralik", "grudnia", "prosince", "декабря", "грудня", "δεκεμβρίου", "joulukuuta", "ديسمبر"],
        ]
        var table: [String: Int] = [:]
        for (index, words) in names.enumerated() { for word in words { table[word] = index + 1 } }
        return table
    }()

    /// The month a lower-case word names: an English name or its start of three letters or
    /// more ("sept", "March"; not "mayor"), or another language's full name.
    static func month(named lower: Substring) -> Int? {
        guard lower.count >= 3 else { return nil }
        if let value = months[String(lower.prefix(3))], monthNames[value - 1].hasPrefix(lower) { return value }
        return otherMonthNames[String(lower)]
    }

    static func normalize(_ raw: String) -> String? {
        let text = TextNormalizer.collapse(raw)
        guard !text.isEmpty, text.count < 120 else { return nil }
        return iso(text) ?? written(text) ?? epoch(text) ?? inText(text)
    }

    /// Seconds (10 digits) or milliseconds (13) since 1970, as some CMSs write a timestamp
    /// in a meta tag or `datetime`: a UTC instant, taken from 2000 on (a smaller number is
    /// more likely an id).
    private static func epoch(_ text: String) -> String? {
        guard text.utf8.count == 10 || text.utf8.count == 13, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(text) else { return nil }
        let seconds = text.utf8.count == 13 ? value / 1000 : value
        guard (946_684_800..<4_102_444_800).contains(seconds) else { return nil }
        return Timestamp.string(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Numeric dates: 2024-05-01, 2024/05/01, 20240501, with an optional time and zone.
    private static func iso(_ text: String) -> String? {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= chars.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let c = chars[index + offset]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            index += digits
            return value
        }
        func skip(_ allowed: Set<UInt8>) -> Bool {
            guard index < chars.count, allowed.contains(chars[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), (1990...2100).contains(year) else { return nil }
        let separated = skip([0x2D, 0x2F, 0x2E])
        guard let month = number(2), (1...12).contains(month) else { return nil }
        if separated { guard skip([0x2D, 0x2F, 0x2E]) else { return nil } }
        guard let day = number(2), (1...31).contains(day) else { return nil }
        let date = pad(year, 4) + "-" + pad(month) + "-" + pad(day)
        guard skip([0x54, 0x20]), let hour = number(2), hour < 24, skip([0x3A]), let minute = number(2), minute < 60
        else { return date }
        var second = 0
        if skip([0x3A]), let value = number(2) { second = min(value, 59) }
        // Fractions of a second are dropped.
        if skip([0x2E, 0x2C]) { while index < chars.count, chars[index] >= 0x30, chars[index] <= 0x39 { index += 1 } }
        _ = skip([0x20])
        let time = "T" + pad(hour) + ":" + pad(minute) + ":" + pad(second)
        return date + time + zone(Array(chars[index...]))
    }

    /// "Z", "+02:00", "+0200", "GMT", "UTC" → an ISO offset; anything else → none (local time).
    private static func zone(_ rest: [UInt8]) -> String {
        let text = String(decoding: rest, as: UTF8.self).trimmingCharacters(in: CharacterSetLite(" "))
        if text == "Z" || text == "GMT" || text == "UTC" || text == "+00:00" || text == "+0000" { return "Z" }
        let digits = text.filter(\.isNumber)
        if let sign = text.first, sign == "+" || sign == "-", digits.count == 4 || digits.count == 2 {
            let hours = digits.prefix(2), minutes = digits.count == 4 ? digits.suffix(2) : "00"
            return "\(sign)\(hours):\(minutes)"
        }
        return ""
    }

    /// Dates with a month name: "May 1, 2024", "1 May 2024", "Wed, 01 May 2024 10:00:00 GMT".
    private static func written(_ text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != ":" })
        var month: Int?, day: Int?, year: Int?, time: String?
        for (position, word) in words.enumerated() {
            if month == nil, word.count >= 3, let value = months[String(word.prefix(word.count == 4 ? 4 : 3))] ?? months[String(word.prefix(3))]
                ?? otherMonthNames[String(word)], word.allSatisfy(\.isLetter) {
                month = value
            } else if word.contains(":"), time == nil {
                let parts = word.split(separator: ":").compactMap { Int($0) }
                if parts.count >= 2, parts[0] < 24, parts[1] < 60 {
                    // "3:45 pm", "3:45 p.m.", "12:10 am": a 12-hour clock.
                    var hour = parts[0]
                    let next = words.dropFirst(position + 1).first
                    if hour < 12, next == "pm" || next == "p" { hour += 12 }
                    if hour == 12, next == "am" || next == "a" { hour = 0 }
                    time = pad(hour) + ":" + pad(parts[1]) + ":" + pad(parts.count > 2 ? min(parts[2], 59) : 0)
                }
            } else if let value = Int(word.filter(\.isNumber)), word.first?.isNumber == true {
                if value >= 1990, value <= 2100, year == nil { year = value }
                else if value >= 1, value <= 31, day == nil, word.count <= 4 { day = value }
            }
        }
        guard let month, let day, let year else { return nil }
        let date = pad(year, 4) + "-" + pad(month) + "-" + pad(day)
        guard let time else { return date }
        let zone = text.uppercased().contains("GMT") || text.uppercased().contains("UTC") ? "Z" : ""
        return date + "T" + time + zone
    }

    /// The first date written in running text ("Updated on July 9, 2025", "By Jane Doe - Mar
    /// 27, 2024", "12.12.2025"), as "YYYY-MM-DD". Stricter than `normalize`: the day, month
    /// and year must be next to each other, so "5 tips for May 2024" is no date.
    static func inText(_ text: String) -> String? {
        readings(in: text)?.date
    }

    /// The first date written in `text`, and its other readings when day and month could be
    /// swapped: "03/10/2023" is March 10 in the US and 3 October in most other places, and
    /// "09.10.2024" is read either way too. Another source of the page (its URL, its markup)
    /// tells which one it means. `startingWithin`: only a date that starts within that many
    /// characters of the text's start counts.
    /// `shortYears`: a date line's "31.10.23" counts too (day, month and a two-digit year
    /// between dots), as German, Nordic and Slavic sites print one by the headline; not in
    /// running text, where "WordPress 4.8.12" is a version. Its other readings put the month
    /// first, as Engadget writes "11.03.17", and the year first, as Japanese sites write "19.03.02".
    static func readings(in text: String, startingWithin limit: Int = .max, shortYears: Bool = false) -> (date: String, others: [String])? {
        guard let found = firstDate(in: text, shortYears: shortYears), text.distance(from: text.startIndex, to: found.start) <= limit
        else { return nil }
        func iso(_ year: Int, _ month: Int, _ day: Int) -> String { pad(year, 4) + "-" + pad(month) + "-" + pad(day) }
        let date = iso(found.year, found.month, found.day)
        let swapped = found.day <= 12 && found.day != found.month ? [iso(found.year, found.day, found.month)] : []
        switch found.other {
        case .none: return (date, [])
        case .swapped: return (date, swapped)
        case .yearFirst:
            let day = found.year % 100
            return (date, swapped + ((1...31).contains(day) ? [iso(2000 + found.day, found.month, day)] : []))
        }
    }

    /// What else a numeric date may mean: its day and month swapped, or a two-digit year first.
    private enum OtherReading { case none, swapped, yearFirst }

    /// Where the first date written in `text` starts.
    static func dateStart(in text: String) -> String.Index? {
        firstDate(in: text)?.start
    }

    private struct Token {
        var text: Substring
        var number: Int?
        /// The characters between the previous token and this one.
        var gap: Substring
    }

    /// `other`: what else the written form may mean (a numeric date with the year last, whose
    /// day and month are guessed from the separator).
    private static func firstDate(in text: String, shortYears: Bool = false)
        -> (start: String.Index, year: Int, month: Int, day: Int, other: OtherReading)? {
        // Every date below has a year, four ASCII digits in a row (or, in a date line, a dotted
        // "31.10.23"): scan bytes, not characters.
        guard hasFourDigits(text) || (shortYears && hasDottedShortDate(text)) else { return nil }
        var tokens: [Token] = []
        var index = text.startIndex, gapStart = text.startIndex
        while index < text.endIndex {
            let isDigit = text[index].isASCII && text[index].isNumber
            guard isDigit || text[index].isLetter else {
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex, (text[end].isASCII && text[end].isNumber) == isDigit, isDigit || text[end].isLetter {
                end = text.index(after: end)
            }
            let word = text[index..<end]
            tokens.append(Token(text: word, number: isDigit ? Int(word) : nil, gap: text[gapStart..<index]))
            index = end
            gapStart = end
        }
        func month(_ token: Token) -> Int? {
            guard token.number == nil, token.text.count >= 3 else { return nil }
            return DateNormalizer.month(named: Substring(token.text.lowercased()))
        }
        func year(_ token: Token) -> Int? {
            guard let value = token.number, token.text.count == 4, (1990...2100).contains(value) else { return nil }
            return value
        }
        func day(_ token: Token) -> Int? {
            guard let value = token.number, token.text.count <= 2, (1...31).contains(value) else { return nil }
            return value
        }
        /// The number after the sign at `index` ("年" then "3"), when in `range`.
        func signed(_ index: Int, _ signs: Set<Substring>, _ range: ClosedRange<Int>) -> Int? {
            guard index + 1 < tokens.count, signs.contains(tokens[index].text), let value = tokens[index + 1].number,
                  tokens[index + 1].text.count <= 2, range.contains(value) else { return nil }
            return value
        }
        let ordinals: Set<String> = ["st", "nd", "rd", "th"]
        for i in tokens.indices {
            var next = i + 1
            func take() -> Token? {
                guard next < tokens.count else { return nil }
                defer { next += 1 }
                if ordinals.contains(tokens[next].text.lowercased()), tokens[next].gap.isEmpty, next + 1 < tokens.count {
                    next += 1
                }
                // "5 de marzo de 2024", "12 de março de 2023".
                if tokens[next].text == "de" || tokens[next].text == "del", next + 1 < tokens.count { next += 1 }
                return tokens[next]
            }
            let first = tokens[i]
            // "2024年3月5日", "2024년 3월 5일": year, month and day each followed by its sign.
            if let y = year(first), let m = signed(i + 1, ["年", "년"], 1...12), let d = signed(i + 3, ["月", "월"], 1...31),
               i + 5 < tokens.count, tokens[i + 5].text.hasPrefix("日") || tokens[i + 5].text.hasPrefix("일") {
                return (first.text.startIndex, y, m, d, .none)
            }
            if let m = month(first), let second = take(), let d = day(second), let third = take(), let y = year(third) {
                return (first.text.startIndex, y, m, d, .none)
            }
            next = i + 1
            if let d = day(first), let second = take(), let m = month(second), let third = take(), let y = year(third) {
                return (first.text.startIndex, y, m, d, .none)
            }
            // Numeric: 2025-12-12, 12.12.2025, 02-12-2025 (dots and dashes: day first, as where
            // they are written), 7/22/2017 (slashes: month first unless it cannot be).
            guard i + 2 < tokens.count, first.number != nil else { continue }
            let b = tokens[i + 1], c = tokens[i + 2]
            let separator = b.gap
            guard ["-", "/", "."].contains(separator), c.gap == separator, let bn = b.number, let cn = c.number else { continue }
            if let y = year(first), b.text.count <= 2, c.text.count <= 2, (1...12).contains(bn), (1...31).contains(cn) {
                return (first.text.startIndex, y, bn, cn, .none)
            }
            // A date line's period ("12.01.26 — 10.04.26": a course, an event) dates no story.
            if shortYears, opensPeriod(text[c.text.endIndex...]) { return nil }
            // "31.10.23": a two-digit year as POSIX reads one (69–99 the 1900s, 00–68 the 2000s;
            // none before 1990, as for four digits), ending the number ("4.8.12.1" is a version).
            if shortYears, separator == ".", first.text.count <= 2, b.text.count <= 2, c.text.count == 2, let an = first.number,
               !(69...89).contains(cn), (1...12).contains(bn), (1...31).contains(an),
               i + 3 >= tokens.count || tokens[i + 3].number == nil || tokens[i + 3].gap != "." {
                return (first.text.startIndex, cn < 69 ? 2000 + cn : 1900 + cn, bn, an, .yearFirst)
            }
            guard let y = year(c), let an = first.number, first.text.count <= 2, b.text.count <= 2 else { continue }
            let dayFirst = separator == "." || separator == "-" || an > 12
            let (m, d) = dayFirst ? (bn, an) : (an, bn)
            if (1...12).contains(m), (1...31).contains(d) { return (first.text.startIndex, y, m, d, .swapped) }
        }
        return nil
    }

    /// Whether the text after a numeric date goes on to a second one: a dash, "bis", "to" or
    /// "until", then day, month and year ("– 10.04.26"; "- 10:30" is the time).
    private static func opensPeriod(_ rest: Substring) -> Bool {
        var rest = rest.drop { $0.isWhitespace }
        guard let mark = ["–", "—", "-", "bis ", "to ", "until ", "au "].first(where: { rest.lowercased().hasPrefix($0) }) else { return false }
        rest = rest.dropFirst(mark.count).drop { $0.isWhitespace }
        // Three numbers, the first two of one or two digits, joined by dots, slashes or dashes.
        var numbers = 0
        while numbers < 3 {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, numbers == 2 || digits.count <= 2 else { return false }
            numbers += 1
            rest = rest.dropFirst(digits.count)
            guard numbers < 3 else { break }
            guard let separator = rest.first, ".-/".contains(separator) else { return false }
            rest = rest.dropFirst()
        }
        return true
    }

    /// Whether `text` has a digit, a dot, one or two digits, a dot and two digits, as a date
    /// line's "31.10.23" does.
    static func hasDottedShortDate(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            func isDigit(_ index: Int) -> Bool { index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 }
            for index in bytes.indices where bytes[index] == UInt8(ascii: ".") && index > 0 && isDigit(index - 1) {
                let month = isDigit(index + 2) ? 2 : 1
                let dot = index + 1 + month
                if isDigit(index + 1), dot < bytes.count, bytes[dot] == UInt8(ascii: "."), isDigit(dot + 1), isDigit(dot + 2) { return true }
            }
            return false
        }
    }

    /// Whether `text` has four ASCII digits in a row, as a year token needs.
    static func hasFourDigits(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            run = byte >= 0x30 && byte <= 0x39 ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    /// A date from the URL path: /2024/05/01/ or /2024-05-01- or /20240501/ or /29-10-2021/.
    static func fromURLPath(_ url: String) -> String? {
        fromURLPath(url, monthIsEnough: false)
    }

    /// Whether the URL path is dated, if only to the month (/2015/03/slug/: a blog's archive
    /// of posts by month).
    static func isDatedPath(_ url: String) -> Bool {
        fromURLPath(url, monthIsEnough: true) != nil
    }

    /// `fromURLPath`; with `monthIsEnough`, a year and month without a day give "2015-03".
    private static func fromURLPath(_ url: String, monthIsEnough: Bool) -> String? {
        let parts = url.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "_" || $0 == "." })
        for index in parts.indices {
            guard let year = Int(parts[index]), parts[index].count == 4, (1990...2100).contains(year) else {
                if parts[index].count == 8, parts[index].allSatisfy(\.isNumber), let date = iso(String(parts[index])) {
                    return date
                }
                continue
            }
            // The year last, /29-10-2021/: taken only when one reading is a day, as a month and
            // a day both up to 12 may be written either way round.
            if index >= 2, parts[index - 2].count <= 2, parts[index - 1].count <= 2,
               let first = Int(parts[index - 2]), let second = Int(parts[index - 1]), (1...31).contains(first), (1...31).contains(second),
               (first > 12) != (second > 12) {
                return pad(year, 4) + "-" + pad(min(first, second)) + "-" + pad(max(first, second))
            }
            // The month as a number or a name: /2023/10/03/ or /2023/october/03/. A one-digit
            // day ends its segment (/2023/oct/3/): in /2023/10/3-questions-for/ or a version's
            // /2024-4-4-2024-5-0/ it is the start of the slug.
            guard index + 1 < parts.count, let month = urlMonth(parts[index + 1]) else { continue }
            if index + 2 < parts.count, let day = Int(parts[index + 2]), parts[index + 2].count <= 2, (1...31).contains(day),
               parts[index + 2].count == 2 || endsSegment(parts[index + 2], of: url) {
                return pad(year, 4) + "-" + pad(month) + "-" + pad(day)
            }
            if monthIsEnough { return pad(year, 4) + "-" + pad(month) }
        }
        return nil
    }

    /// Whether `part` (a piece of `url`) is followed by the end of its path segment.
    private static func endsSegment(_ part: Substring, of url: String) -> Bool {
        part.endIndex == url.endIndex || "/?#.".contains(url[part.endIndex])
    }

    /// "10", "oct", "October" → 10.
    private static func urlMonth(_ part: Substring) -> Int? {
        if let month = Int(part), part.count <= 2 { return (1...12).contains(month) ? month : nil }
        let lower = part.lowercased()
        return monthNames.firstIndex { lower == $0 || lower == $0.prefix(3) }.map { $0 + 1 }
    }

    /// Whether `day` ("2021-12-09") is the calendar day of `date` somewhere on Earth: the
    /// same day, or, when `date` is a timestamp with a zone, the day its instant falls on in
    /// some zone from UTC−12 to UTC+14. A page prints its own zone's day; the markup often
    /// gives the instant in UTC ("2021-12-10T02:17:00Z" is shown as "December 9"). A stamp
    /// with another offset is in the site's zone already: its own day or its UTC day.
    static func isDay(_ day: String, of date: String) -> Bool {
        if day.prefix(10) == date.prefix(10) { return true }
        let shown = Array(day.utf8)
        guard let (instant, offset) = instant(of: date), let shownYear = number(shown, 0, 4),
              let shownMonth = number(shown, 5, 2), let shownDate = number(shown, 8, 2) else { return false }
        let start = Timestamp.daysSinceEpoch(year: shownYear, month: shownMonth, day: shownDate) * 86_400
        // A stamp written in a zone of its own (+01:00) is the site's local time: its day is
        // the one written (checked above) or, for a page that prints UTC, the instant's UTC day.
        if offset != 0 { return instant >= start && instant < start + 86_400 }
        return instant >= start - 14 * 3_600 && instant < start + 86_400 + 12 * 3_600
    }

    /// The seconds since 1970 of a normalized stamp ("2021-12-10T02:17:00Z", "…-05:00") and
    /// its offset from UTC in minutes; nil for a bare day or a time without a zone.
    static func instant(of stamp: String) -> (seconds: Int, offset: Int)? {
        let bytes = Array(stamp.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"),
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2)
        else { return nil }
        var offset = 0
        switch bytes[19] {
        case UInt8(ascii: "Z"): break
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let hours = number(bytes, 20, 2), let minutes = number(bytes, 23, 2) else { return nil }
            offset = (hours * 60 + minutes) * (bytes[19] == UInt8(ascii: "+") ? 1 : -1)
        default: return nil
        }
        let local = Timestamp.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return (local - offset * 60, offset)
    }

    /// The number written in `bytes[start..<start + count]`, digits only.
    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        return bytes[start..<start + count].reduce(0) { value, byte in
            guard let value, byte >= 0x30, byte <= 0x39 else { return nil }
            return value * 10 + Int(byte - 0x30)
        }
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

import Foundation

extension Store {
    /// A store timestamp: ISO 8601 in UTC to the second, so that these strings sort as times.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// The store timestamp for a user's date: `2026-11-22`, `2026-11-22T08:00:00Z`,
    /// `2026-11-22T10:00:00+02:00` (fractions of a second allowed); nil when it is none of these.
    public static func timestamp(parsing text: String) -> String? {
        let styles = [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)]
        for style in styles {
            if let date = try? style.parse(text) { return timestamp(date) }
        }
        if let day = try? Date.ISO8601FormatStyle().year().month().day().parse(text) { return timestamp(day) }
        return nil
    }
}

import Foundation

/// How often a known article URL is revalidated with a conditional GET, by the article's
/// age (from its published date, else when it was first seen): news gets edited in its
/// first hours, rarely after a week.
///
/// | age          | revalidated every |
/// |--------------|-------------------|
/// | < 1 day      | 15 minutes        |
/// | < 7 days     | 6 hours           |
/// | < 30 days    | 3 days            |
/// | older        | 30 days           |
public struct RevalidationSchedule: Sendable, Equatable {
    /// (maximum age, interval) rows, youngest first; the last interval applies beyond them.
    public var table: [(age: TimeInterval, interval: TimeInterval)] = [
        (86_400, 15 * 60),
        (7 * 86_400, 6 * 3600),
        (30 * 86_400, 3 * 86_400),
    ]
    public var oldestInterval: TimeInterval = 30 * 86_400
    /// A run this much before the due time still revalidates (cron jitter).
    public var slack: TimeInterval = 60

    public init() {}

    /// The revalidation interval for an article of this age.
    public func interval(age: TimeInterval) -> TimeInterval {
        table.first { age < $0.age }?.interval ?? oldestInterval
    }

    /// Whether an article born at `born` and last checked at `lastChecked` is due at `now`.
    public func isDue(born: Date, lastChecked: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastChecked) >= interval(age: now.timeIntervalSince(born)) - slack
    }

    /// Equal when every row, the oldest interval and the slack are equal (tuples are not `Equatable`).
    public static func == (a: Self, b: Self) -> Bool {
        a.oldestInterval == b.oldestInterval && a.slack == b.slack
            && a.table.map(\.age) == b.table.map(\.age) && a.table.map(\.interval) == b.table.map(\.interval)
    }
}

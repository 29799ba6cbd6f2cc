import Foundation
import IngestCore

/// When to poll a source next, from what the server and the feed say about caching,
/// kept within bounds so a cron job every few minutes neither hammers a feed nor misses news.
///
/// The hint is the largest of RSS `<ttl>`, `Cache-Control: max-age` (`s-maxage`) and
/// `Expires` minus `Date`; `no-cache`/`no-store` count as no hint. Without a hint the
/// source is polled every `defaultInterval`. After an error only `Retry-After` delays it.
public struct PollSchedule: Sendable, Equatable {
    /// Never poll one source more often than this.
    public var minimumInterval: TimeInterval = 5 * 60
    /// Used when neither the feed nor the server gives a hint.
    public var defaultInterval: TimeInterval = 10 * 60
    /// Never wait longer than this, whatever the hint (news must not be missed for a day).
    public var maximumInterval: TimeInterval = 6 * 3600
    /// The longest `Retry-After` honoured after an error.
    public var maximumRetryAfter: TimeInterval = 24 * 3600
    /// A run this much before the due time still polls, so cron jitter does not skip a turn.
    public var slack: TimeInterval = 60

    public init() {}

    /// The next poll time after a successful poll (200 or 304) at `now`.
    public func nextPoll(now: Date, headers: [String: String], timeToLive: TimeInterval?) -> Date {
        let hints = [timeToLive, Self.maxAge(headers), Self.expiresIn(headers)].compactMap { $0 }
        let interval = hints.max() ?? defaultInterval
        return now.addingTimeInterval(min(max(interval, minimumInterval), maximumInterval))
    }

    /// The next poll time after a failed poll: `Retry-After` if the server sent one (bounded),
    /// else `nil`, meaning the next run tries again.
    public func nextPollAfterFailure(now: Date, headers: [String: String]) -> Date? {
        guard let wait = headers["retry-after"].flatMap({ InternetDate.retryAfter($0, now: now) }) else { return nil }
        return now.addingTimeInterval(min(max(wait, minimumInterval), maximumRetryAfter))
    }

    /// Whether a source whose next poll is `nextPoll` is polled by a run at `now`.
    public func isDue(nextPoll: Date?, now: Date, force: Bool) -> Bool {
        guard !force, let nextPoll else { return true }
        return nextPoll.timeIntervalSince(now) <= slack
    }

    /// `Cache-Control` `s-maxage` or `max-age` seconds; `nil` for `no-cache`/`no-store`.
    static func maxAge(_ headers: [String: String]) -> TimeInterval? {
        guard let value = headers["cache-control"]?.lowercased() else { return nil }
        let directives = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if directives.contains(where: { $0 == "no-cache" || $0 == "no-store" }) { return nil }
        for name in ["s-maxage", "max-age"] {
            if let directive = directives.first(where: { $0.hasPrefix(name + "=") }),
               let seconds = Double(directive.dropFirst(name.count + 1).trimmingCharacters(in: CharacterSet(charactersIn: "\""))) {
                return seconds
            }
        }
        return nil
    }

    /// `Expires` minus the server's `Date` (or the local time when absent).
    static func expiresIn(_ headers: [String: String]) -> TimeInterval? {
        guard let expires = headers["expires"].flatMap(InternetDate.parse) else { return nil }
        let serverNow = headers["date"].flatMap(InternetDate.parse) ?? Date()
        return expires.timeIntervalSince(serverNow)
    }
}

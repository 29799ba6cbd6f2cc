import Foundation
import IngestCore

/// When to poll a source next, from what the server and the feed say about caching,
/// kept within bounds so a cron job every few minutes neither hammers a feed nor misses news.
///
/// The hint is the largest of RSS `<ttl>`, `Cache-Control: max-age` (`s-maxage`) and
/// `Expires` minus `Date`; `no-cache`/`no-store` count as no hint. Without a hint the
/// source is polled every `defaultInterval` (within the bounds). After failed polls in a row
/// the source backs off: that interval × 2^(failures−1), at most `maximumBackoff` (10 min,
/// 20 min, 40 min … 24 h), or a longer `Retry-After` if the server sent one.
public struct PollSchedule: Sendable, Equatable {
    /// Never poll one source more often than this.
    public var minimumInterval: TimeInterval = 5 * 60
    /// Used when neither the feed nor the server gives a hint.
    public var defaultInterval: TimeInterval = 10 * 60
    /// Never wait longer than this, whatever the hint (news must not be missed for a day).
    public var maximumInterval: TimeInterval = 6 * 3600
    /// The longest `Retry-After` honoured after an error.
    public var maximumRetryAfter: TimeInterval = 24 * 3600
    /// The longest wait between polls of a failing source: a dead feed costs one request a
    /// day, and one that comes back is read again within a day.
    public var maximumBackoff: TimeInterval = 24 * 3600
    /// A run this much before the due time still polls, so cron jitter does not skip a turn.
    public var slack: TimeInterval = 60

    public init() {}

    /// The next poll time after a successful poll (200 or 304) at `now`.
    public func nextPoll(now: Date, headers: [String: String], timeToLive: TimeInterval?) -> Date {
        let hints = [timeToLive, Self.maxAge(headers), Self.expiresIn(headers)].compactMap { $0 }
        return now.addingTimeInterval(bounded(hints.max() ?? defaultInterval))
    }

    /// `interval` kept within `minimumInterval`…`maximumInterval`.
    private func bounded(_ interval: TimeInterval) -> TimeInterval {
        min(max(interval, minimumInterval), maximumInterval)
    }

    /// The next poll time after the `failures`-th failed poll in a row (1 for the first):
    /// the backoff, or the server's `Retry-After` (bounded) when that is longer.
    public func nextPollAfterFailure(now: Date, headers: [String: String], failures: Int) -> Date {
        // The base is a healthy source's hintless interval (so a configured minimum above
        // 10 min is never undercut); in Double a huge count gives infinity, which the cap ends.
        let backoff = min(bounded(defaultInterval) * pow(2, Double(max(failures, 1) - 1)), maximumBackoff)
        let retryAfter = headers["retry-after"].flatMap { InternetDate.retryAfter($0, now: now) }
            .map { min(max($0, minimumInterval), maximumRetryAfter) } ?? 0
        return now.addingTimeInterval(max(backoff, retryAfter))
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

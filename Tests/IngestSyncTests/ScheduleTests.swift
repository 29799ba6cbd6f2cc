import Foundation
import Testing
@testable import IngestSync

@Suite("poll and revalidation schedules")
struct ScheduleTests {
    static let now = Date(timeIntervalSince1970: 1_714_557_600)  // Wed, 01 May 2024 10:00:00 GMT

    /// Headers, RSS ttl, and the expected seconds until the next poll (bounds 5 min…6 h, default 10 min).
    static let polls: [([String: String], TimeInterval?, TimeInterval)] = [
        ([:], nil, 600),
        ([:], 30 * 60, 1800),
        (["cache-control": "public, max-age=900"], nil, 900),
        (["cache-control": "max-age=60"], nil, 300),
        (["cache-control": "max-age=604800"], nil, 6 * 3600),
        (["cache-control": "s-maxage=1200, max-age=60"], nil, 1200),
        (["cache-control": "no-cache, max-age=3600"], nil, 600),
        (["expires": "Wed, 01 May 2024 11:00:00 GMT", "date": "Wed, 01 May 2024 10:00:00 GMT"], nil, 3600),
        (["expires": "Wed, 01 May 2024 09:00:00 GMT", "date": "Wed, 01 May 2024 10:00:00 GMT"], nil, 300),
        (["cache-control": "max-age=600"], 60 * 60, 3600),
        (["retry-after": "7200"], nil, 600),
    ]

    @Test(arguments: polls)
    func nextPollAfterSuccess(headers: [String: String], ttl: TimeInterval?, expected: TimeInterval) {
        let next = PollSchedule().nextPoll(now: Self.now, headers: headers, timeToLive: ttl)
        #expect(next.timeIntervalSince(Self.now) == expected)
    }

    /// Headers, failed polls in a row → seconds to wait: the backoff doubles from the default
    /// interval up to a day; a longer `Retry-After` wins, bounded to a day.
    static let failures: [([String: String], Int, TimeInterval)] = [
        ([:], 1, 600),
        ([:], 2, 1200),
        ([:], 4, 4800),
        ([:], 8, 76_800),
        ([:], 9, 86_400),
        ([:], 10_000, 86_400),
        (["retry-after": "120"], 1, 600),
        (["retry-after": "7200"], 1, 7200),
        (["retry-after": "7200"], 5, 9600),
        (["retry-after": "999999"], 1, 86_400),
        (["retry-after": "Wed, 01 May 2024 12:00:00 GMT"], 1, 7200),
    ]

    @Test(arguments: failures)
    func nextPollAfterFailure(headers: [String: String], failures: Int, expected: TimeInterval) {
        let next = PollSchedule().nextPollAfterFailure(now: Self.now, headers: headers, failures: failures)
        #expect(next.timeIntervalSince(Self.now) == expected)
    }

    @Test func dueness() {
        let schedule = PollSchedule()
        #expect(schedule.isDue(nextPoll: nil, now: Self.now, force: false))
        #expect(!schedule.isDue(nextPoll: Self.now.addingTimeInterval(600), now: Self.now, force: false))
        #expect(schedule.isDue(nextPoll: Self.now.addingTimeInterval(600), now: Self.now, force: true))
        #expect(schedule.isDue(nextPoll: Self.now.addingTimeInterval(30), now: Self.now, force: false))
    }

    /// Article age, time since the last check, and whether a revalidation is due.
    static let revalidations: [(TimeInterval, TimeInterval, Bool)] = [
        (3600, 10 * 60, false),
        (3600, 15 * 60, true),
        (2 * 86_400, 3600, false),
        (2 * 86_400, 6 * 3600, true),
        (10 * 86_400, 86_400, false),
        (10 * 86_400, 3 * 86_400, true),
        (400 * 86_400, 10 * 86_400, false),
        (400 * 86_400, 30 * 86_400, true),
    ]

    @Test(arguments: revalidations)
    func revalidation(age: TimeInterval, sinceCheck: TimeInterval, due: Bool) {
        let schedule = RevalidationSchedule()
        #expect(schedule.isDue(born: Self.now.addingTimeInterval(-age),
                               lastChecked: Self.now.addingTimeInterval(-sinceCheck), now: Self.now) == due)
    }
}

import Foundation
import IngestCore
import Testing
@testable import IngestSync

/// The source outcome as tables: a GET's result → what it answered, and how a poll ended
/// plus the source's previous state → the state remembered. `SyncRunTests` drives the same
/// decisions through whole runs against fakes.
@Suite struct SourceDecisionTests {
    static let url = "https://a.example/feed.xml"
    static let now = Date(timeIntervalSince1970: 1_714_557_600)  // Wed, 01 May 2024 10:00:00 GMT

    static func answer(_ status: Int, _ headers: [String: String] = [:]) -> Result<FetchResponse, FetchError> {
        .success(FetchResponse(status: status, finalURL: url, headers: headers))
    }

    static let answers: [(String, Result<FetchResponse, FetchError>, SourceAnswer)] = [
        ("a message without the URL is given it", .failure(.cancelled),
         .failed("\(url): the fetch was cancelled", headers: [:])),
        ("message already naming the URL", .failure(.disallowedByRobots(url: url)),
         .failed("disallowed by robots.txt: \(url)", headers: [:])),
        ("304", answer(304), .notModified(FetchResponse(status: 304, finalURL: url))),
        ("200", answer(200), .body(FetchResponse(status: 200, finalURL: url))),
        ("204", answer(204), .body(FetchResponse(status: 204, finalURL: url))),
        ("404", answer(404), .failed("HTTP 404 from \(url)", headers: [:])),
        ("503 keeps Retry-After", answer(503, ["retry-after": "120"]),
         .failed("HTTP 503 from \(url)", headers: ["retry-after": "120"])),
        ("301 left over", answer(301), .failed("HTTP 301 from \(url)", headers: [:])),
    ]

    @Test(arguments: answers.map(\.0))
    func classifies(_ name: String) throws {
        let (_, result, expected) = try #require(Self.answers.first { $0.0 == name })
        #expect(SourceAnswer.decide(result, url: Self.url) == expected)
    }

    static let old = Validators(etag: "\"v1\"")
    static let new = Validators(etag: "\"v2\"", lastModified: "Wed, 01 May 2024 09:00:00 GMT")
    static let child = ["https://a.example/s1.xml": Validators(etag: "\"c1\"", lastmod: "2024-05-01T08:00:00Z")]
    /// A source that announced a feed, listed a child sitemap and failed last time.
    static let previous = SourceState(name: "a", validators: old, feedURL: "https://a.example/rss",
                                      children: ["https://a.example/s0.xml": Validators(etag: "\"c0\"")],
                                      lastPolled: now.addingTimeInterval(-3600), nextPoll: now.addingTimeInterval(-60),
                                      lastError: "HTTP 500 from https://a.example/rss",
                                      failingSince: failingSince, failures: 2)
    static let failingSince = now.addingTimeInterval(-7200)

    /// `previous` after a poll at `now`, with the fields a row changes; an `error` makes it
    /// the third failure in a row, still failing since `failingSince`.
    static func expected(validators: Validators = old, feedURL: String? = "https://a.example/rss",
                         children: [String: Validators]? = nil, nextPoll seconds: TimeInterval?,
                         error: String? = nil) -> SourceState {
        SourceState(name: "a", validators: validators, feedURL: feedURL, children: children ?? previous.children,
                    lastPolled: now, nextPoll: seconds.map { now.addingTimeInterval($0) }, lastError: error,
                    failingSince: error == nil ? nil : failingSince, failures: error == nil ? 0 : 3)
    }

    static let outcomes: [(String, SourceOutcome, SourceState)] = [
        ("304 clears the error, default interval", .notModified(headers: [:]), expected(nextPoll: 600)),
        ("304 with max-age", .notModified(headers: ["cache-control": "max-age=3600"]), expected(nextPoll: 3600)),
        ("third failure forgets the feed, backs off 4 × 10 min", .failed(error: "e", headers: [:]),
         expected(feedURL: nil, nextPoll: 2400, error: "e")),
        ("failure with a shorter Retry-After keeps the backoff", .failed(error: "e", headers: ["retry-after": "120"]),
         expected(feedURL: nil, nextPoll: 2400, error: "e")),
        ("failure with a longer Retry-After waits it", .failed(error: "e", headers: ["retry-after": "7200"]),
         expected(feedURL: nil, nextPoll: 7200, error: "e")),
        ("failure with a long Retry-After waits a day at most", .failed(error: "e", headers: ["retry-after": "999999"]),
         expected(feedURL: nil, nextPoll: 24 * 3600, error: "e")),
        ("failure after reading the homepage keeps its validators", .failed(error: "e", headers: [:], validators: new),
         expected(validators: new, feedURL: nil, nextPoll: 2400, error: "e")),
        ("read: new validators, feed and children stay", .read(.init(validators: new)),
         expected(validators: new, nextPoll: 600)),
        ("read: the feed's ttl beats a shorter max-age",
         .read(.init(validators: new, headers: ["cache-control": "max-age=60"], timeToLive: 1800)),
         expected(validators: new, nextPoll: 1800)),
        ("read: a week's max-age is capped at 6 h", .read(.init(validators: new, headers: ["cache-control": "max-age=604800"])),
         expected(validators: new, nextPoll: 6 * 3600)),
        ("read: an announced feed replaces the old", .read(.init(validators: new, feedURL: "https://a.example/atom")),
         expected(validators: new, feedURL: "https://a.example/atom", nextPoll: 600)),
        ("read: child sitemaps replace the old", .read(.init(validators: new, children: child)),
         expected(validators: new, children: child, nextPoll: 600)),
        ("read: a cut-off body drops its validators, backs off", .read(.init(validators: new, problem: "cut off")),
         expected(validators: Validators(), nextPoll: 2400, error: "cut off")),
        ("read: an unreadable child keeps the source's validators",
         .read(.init(validators: new, children: child, childProblems: ["c2 failed", "c3 failed"])),
         expected(validators: new, children: child, nextPoll: 2400, error: "c2 failed; c3 failed")),
        ("read: problems listed source first", .read(.init(validators: new, problem: "cut off", childProblems: ["c2 failed"])),
         expected(validators: Validators(), nextPoll: 2400, error: "cut off; c2 failed")),
    ]

    @Test(arguments: outcomes.map(\.0))
    func remembers(_ name: String) throws {
        let (_, outcome, expected) = try #require(Self.outcomes.first { $0.0 == name })
        let state = outcome.state(after: Self.previous, now: Self.now, schedule: PollSchedule())
        #expect(state == expected)
        #expect(outcome.error == expected.lastError)
    }

    /// Failed polls in a row from a healthy source: each doubles the wait from the default
    /// interval up to a day, `failingSince` stays at the first; one success clears it all.
    static let streak: [(failures: Int, wait: TimeInterval)] =
        [(1, 600), (2, 1200), (3, 2400), (4, 4800), (5, 9600), (6, 19_200), (7, 38_400), (8, 76_800), (9, 86_400), (10, 86_400)]

    @Test func backsOffThenRecovers() {
        var state = SourceState(name: "a")
        var now = Self.now
        for row in Self.streak {
            state = SourceOutcome.failed(error: "HTTP 500", headers: [:]).state(after: state, now: now, schedule: PollSchedule())
            #expect(state.failures == row.failures)
            #expect(state.failingSince == Self.now)
            #expect(state.nextPoll == now.addingTimeInterval(row.wait))
            now = state.nextPoll ?? now
        }
        state = SourceOutcome.notModified(headers: [:]).state(after: state, now: now, schedule: PollSchedule())
        #expect(state.failures == 0 && state.failingSince == nil && state.lastError == nil)
        #expect(state.nextPoll == now.addingTimeInterval(600))
    }

    /// The bounds from feeds.json `settings.schedule` decide the waits: a `max-age` of a day
    /// is cut to the configured 2 h, a 1-minute `max-age` raised to 30 min, and a failing
    /// source's backoff runs from 30 min and stops at the configured 6 h instead of a day.
    @Test func configuredBoundsTakeEffect() throws {
        let data = Data(#"{"settings": {"schedule": {"minSourceIntervalMinutes": 30, "maxSourceIntervalMinutes": 120, "maxBackoffHours": 6}}, "sources": [{"name": "a", "url": "http://a.example/"}]}"#.utf8)
        let schedule = try FeedsConfig.parse(data).settings.poll
        let waits: [(String, TimeInterval)] = [("max-age=86400", 2 * 3600), ("max-age=60", 30 * 60)]
        for (cacheControl, wait) in waits {
            let state = SourceOutcome.notModified(headers: ["cache-control": cacheControl])
                .state(after: Self.previous, now: Self.now, schedule: schedule)
            #expect(state.nextPoll == Self.now.addingTimeInterval(wait), "\(cacheControl)")
        }
        // The backoff starts from the configured minimum (30 min, not the default 10): a
        // failing source is never polled more often than a healthy one.
        var state = SourceState(name: "a")
        let backoffs: [TimeInterval] = [1800, 3600, 7200, 14_400, 21_600, 21_600]
        for wait in backoffs {
            state = SourceOutcome.failed(error: "HTTP 500", headers: [:]).state(after: state, now: Self.now, schedule: schedule)
            #expect(state.nextPoll == Self.now.addingTimeInterval(wait), "failures: \(state.failures)")
        }
    }
}

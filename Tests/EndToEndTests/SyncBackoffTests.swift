import Foundation
import IngestTesting
import LoopbackServer
import Testing

/// A source that keeps failing backs off instead of failing every cron run: through the
/// binary, with faketime moving its clock past the backoff.
@Suite struct SyncBackoffTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func source(_ name: String, in summary: [String: Any], key: String = "sources") -> [String: Any]? {
        (summary[key] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    @Test func aFailingSourceBacksOffIsShownInStatusAndClearsWhenItRecovers() throws {
        let world = try SmallWorld()
        defer { world.server.stop() }
        let temp = TemporaryDirectory("ingest-backoff")
        defer { temp.remove() }
        let dir = temp.url
        try world.feedsJSON.write(to: dir.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
        world.server.route("/atom.xml", site: 1) { _ in .status(500) }
        func feedPolls() -> Int { world.server.requests("/atom.xml", site: 1).count }
        func sync(_ extra: [String] = [], clockOffset: String? = nil) throws -> IngestBinary.Result {
            try IngestBinary.run(["sync", "--json"] + extra, in: dir, clockOffset: clockOffset)
        }
        func status() throws -> [String: Any] { try json(IngestBinary.run(["status", "--json"], in: dir).stdout) }

        // The first failure fails the run (the fetcher's own retries make one poll several requests).
        let first = try sync()
        #expect(first.status == 3, "\(first.stderr)")
        let polls = feedPolls()
        #expect(polls >= 1)

        // A cron run right after: site-b is backing off, not polled, and does not fail the run.
        let second = try sync()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(feedPolls() == polls)
        #expect(second.stderr.contains("source site-b is backing off (failed polls in a row: 1), next try after "), "\(second.stderr)")
        let summary = try json(second.stdout)
        #expect(source("site-b", in: summary)?["polled"] as? Bool == false)
        #expect(source("site-b", in: summary)?["ok"] as? Bool == false)
        #expect(summary["sources_failed"] as? Int == 0 && summary["sources_backing_off"] as? Int == 1)

        // status shows when it started failing, why, and when it is tried next.
        let failing = try #require(source("site-b", in: try status(), key: "source_states"))
        let since = try #require(failing["failing_since"] as? String)
        #expect(failing["last_result"] as? String == "failed")
        #expect((failing["last_error"] as? String)?.contains("HTTP 500") == true)
        #expect(failing["failures"] as? Int == 1)
        let next = try #require((failing["next_poll"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
        let polled = try #require((failing["last_polled"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
        #expect(next.timeIntervalSince(polled) == 600, "the first backoff is the default interval")
        #expect(failing["articles"] as? Int == 0)
        let healthy = try #require(source("site-a", in: try status(), key: "source_states"))
        #expect(healthy["last_result"] as? String == "ok" && healthy["failing_since"] is NSNull)
        #expect(healthy["articles"] as? Int == 2)
        let text = try IngestBinary.run(["status"], in: dir).stdout
        #expect(text.contains("  site-b: 0 articles, failing since \(since) (failed polls in a row: 1)"), "\(text)")

        // --force polls it anyway; the second failure in a row doubles the wait.
        let forced = try sync(["--force"])
        #expect(forced.status == 3, "\(forced.stderr)")
        #expect(feedPolls() == 2 * polls)
        let twice = try #require(source("site-b", in: try status(), key: "source_states"))
        #expect(twice["failures"] as? Int == 2 && twice["failing_since"] as? String == since)

        // The site comes back; an hour later (past the 20 min backoff) it is polled and read.
        world.route("/atom.xml", site: 1, world.atomFeed)
        let recovered = try sync(clockOffset: "+1h")
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(feedPolls() == 2 * polls + 1)
        let clear = try #require(source("site-b", in: try status(), key: "source_states"))
        #expect(clear["last_result"] as? String == "ok")
        #expect(clear["failing_since"] is NSNull && clear["last_error"] is NSNull && clear["failures"] as? Int == 0)
        #expect(clear["articles"] as? Int == 2)
    }
}

import Foundation
import IngestTesting
import LoopbackServer
import Testing

/// A body that is not all there (issue #13) is a failed fetch through the real binary: no copy
/// is stored from it, a stored copy keeps its good revision, and the next run fetches it again.
@Suite struct SyncTruncatedBodyTests {
    private func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func aCutBodyNeverReplacesAStoredRevisionNorBecomesACopy() throws {
        let world = try SmallWorld()
        defer { world.server.stop() }
        let temp = TemporaryDirectory("ingest-truncated")
        defer { temp.remove() }
        let dir = temp.url
        try world.feedsJSON.write(to: dir.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
        #expect(try IngestBinary.run(["sync"], in: dir).status == 0)
        let before = try IngestBinary.run(["export", "--copies"], in: dir).stdout

        // Edited pages, each arriving cut short: the connection closes before the announced
        // length (council), or the announced length is shorter than the page sent (orchestra:
        // it stops mid-paragraph). A new page announced by the feed is cut too.
        let council = SmallWorld.page(title: "Harbour council delays vote", paragraphs: SmallWorld.paragraphs(seed: 2).dropLast() + ["Corrected."],
                                      canonical: nil)
        let orchestra = SmallWorld.page(title: "Orchestra opens its new season", paragraphs: SmallWorld.paragraphs(seed: 3).dropLast() + ["Corrected."],
                                        canonical: nil)
        let fresh = SmallWorld.page(title: "Bridge reopens", paragraphs: SmallWorld.paragraphs(seed: 4), canonical: nil)
        let html = "text/html; charset=utf-8"
        world.server.route("/news/harbour-council-vote", site: 0) { _ in
            LoopbackResponse.text(council).truncated(at: council.utf8.count / 2)
        }
        let shortLength = Array(orchestra.utf8).firstRange(of: Array("Corrected".utf8))!.lowerBound + 4
        world.server.route("/world/orchestra-new-season", site: 1) { _ in
            LoopbackResponse(headers: [("Content-Type", html), ("Content-Length", String(shortLength))], body: Array(orchestra.utf8))
        }
        world.server.route("/news/bridge-reopens", site: 0) { _ in LoopbackResponse.text(fresh).truncated(at: fresh.utf8.count - 40) }
        let feed = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Site A</title>
            <item><title>Council</title><link>\(world.server.url("/news/harbour-council-vote", site: 0))</link></item>
            <item><title>Bridge</title><link>\(world.server.url("/news/bridge-reopens", site: 0))</link></item>
            </channel></rss>
            """
        world.route("/feed.xml", site: 0, feed)

        let cut = try IngestBinary.run(["sync", "--revalidate", "--json"], in: dir)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(cut.stdout.utf8)) as? [String: Any], "\(cut.stderr)")
        #expect(summary["new"] as? Int == 0 && summary["updated"] as? Int == 0, "\(cut.stdout)")
        #expect(summary["failed"] as? Int == 3, "\(cut.stdout)")
        let problems = summary["problems"] as? [String] ?? []
        func problem(_ path: String, site: Int) -> String? {
            problems.first { $0.hasPrefix(world.server.url(path, site: site) + ": ") }
        }
        #expect(problem("/news/harbour-council-vote", site: 0)?.contains("truncated body: the connection closed after \(council.utf8.count / 2) of \(council.utf8.count) announced bytes") == true, "\(problems)")
        #expect(problem("/world/orchestra-new-season", site: 1)?.contains("truncated page: the HTML stops mid-element at its Content-Length of \(shortLength) bytes") == true, "\(problems)")
        #expect(problem("/news/bridge-reopens", site: 0)?.contains("truncated body") == true, "\(problems)")
        #expect(try IngestBinary.run(["export", "--copies"], in: dir).stdout == before, "stored revisions untouched, nothing new")

        // Whole again: the next run fetches the new page again at once, and a revalidation the
        // known ones (a failed revalidation waits for the article's next check otherwise).
        world.route("/news/harbour-council-vote", site: 0, council)
        world.route("/world/orchestra-new-season", site: 1, orchestra)
        world.route("/news/bridge-reopens", site: 0, fresh)
        let whole = try IngestBinary.run(["sync", "--revalidate", "--json"], in: dir)
        let after = try #require(try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any], "\(whole.stderr)")
        #expect(after["new"] as? Int == 1 && after["updated"] as? Int == 2 && after["failed"] as? Int == 0, "\(whole.stdout)")
        let copies = try objects(try IngestBinary.run(["export", "--copies"], in: dir).stdout)
        #expect(copies.filter { ($0["text"] as? String)?.hasSuffix("Corrected.") == true }.count == 2)
    }
}

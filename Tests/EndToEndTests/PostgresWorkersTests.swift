import Foundation
import IngestTesting
import LoopbackServer
import Testing

/// Several `ingest sync` workers at once on one PostgreSQL store (issue #16), against a real
/// server (`scripts/with-postgres`): a loopback world of `sites` sites whose pages answer after
/// a delay, with wire copies across sites, synced by three workers and by one sync into a
/// directory for comparison.
@Suite(.enabled(if: TestDatabase.available, Comment(rawValue: TestDatabase.skipReason)), .serialized)
struct PostgresWorkersTests {
    /// The world: every site's feed lists `perSite` articles; every fourth is a copy of the next
    /// site's article before it, with a line added (one story, two copies).
    final class World: @unchecked Sendable {
        // Safe: `inFlight` and `most` are only touched under `lock`.
        let server: LoopbackServer
        let sites: Int, perSite: Int
        private let lock = NSLock()
        private var inFlight: [Int]
        private var most: [Int]

        init(sites: Int = 6, perSite: Int = 8, latency: Duration = .milliseconds(30)) throws {
            server = try LoopbackServer(sites: sites)
            self.sites = sites
            self.perSite = perSite
            inFlight = Array(repeating: 0, count: sites)
            most = inFlight
            for site in 0..<sites {
                var items = ""
                for i in 0..<perSite {
                    let path = "/news/story-\(site)-\(i)"
                    var paragraphs = SmallWorld.paragraphs(seed: UInt64(site * 100 + i + 10))
                    if i % 4 == 3 {
                        paragraphs = SmallWorld.paragraphs(seed: UInt64(((site + 1) % sites) * 100 + i - 1 + 10))
                            + ["Reporting by the wire desk \(site)."]
                    }
                    route(path, site: site, latency: latency,
                          SmallWorld.page(title: "Story \(i) of site \(site)", paragraphs: paragraphs, canonical: nil))
                    items += "<item><title>Story \(i)</title><link>\(server.url(path, site: site))</link></item>"
                }
                route("/feed.xml", site: site, latency: latency,
                      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Site \(site)</title>\(items)</channel></rss>")
            }
        }

        /// Serves `body` after `latency`, with an ETag, counting requests in flight per site.
        private func route(_ path: String, site: Int, latency: Duration, _ body: String) {
            let etag = "\"\(path.hashValue & 0xFFFFFF)-\(body.utf8.count)\""
            let type = path.hasSuffix(".xml") ? "application/xml" : "text/html; charset=utf-8"
            server.route(path, site: site) { [self] request in
                lock.withLock {
                    inFlight[site] += 1
                    most[site] = max(most[site], inFlight[site])
                }
                Thread.sleep(forTimeInterval: Double(latency.components.attoseconds) / 1e18)
                lock.withLock { inFlight[site] -= 1 }
                if request.headers["if-none-match"] == etag { return .status(304, headers: [("ETag", etag)]) }
                var response = LoopbackResponse.text(body, contentType: type)
                response.headers.append(("ETag", etag))
                return response
            }
        }

        /// The most requests any site had in flight at once.
        var mostInFlight: Int { lock.withLock { most.max() ?? 0 } }

        /// Article pages answered with a body (not 304), as "site path".
        func articleFetches(since first: Int = 0) -> [String] {
            Array(server.requests().dropFirst(first))
                .filter { $0.path.hasPrefix("/news/") && $0.headers["if-none-match"] == nil }
                .map { "\($0.site) \($0.path)" }
        }

        /// perHostConcurrency 2 and a small overall concurrency, so that a worker leases two
        /// origins at a time and the three workers share the sites.
        var feedsJSON: String {
            let sources = (0..<sites).map { #"{"name": "site-\#($0)", "url": "\#(server.url("/feed.xml", site: $0))", "kind": "rss"}"# }
            return #"{"settings": {"perHostDelayMs": 0, "perHostConcurrency": 2, "concurrency": 4, "timeoutSeconds": 10}, "sources": [\#(sources.joined(separator: ","))]}"#
        }
    }

    /// `count` concurrent `ingest sync`s into `store`.
    /// `count` syncs started together, one thread each (`concurrentPerform` runs no more at once
    /// than it has idle cores, so beside other suites it ran them one after another).
    static func syncs(_ count: Int, store: String, in directory: URL) -> [IngestBinary.Result?] {
        let results = ResultBox(count: count), done = DispatchGroup()
        for i in 0..<count {
            done.enter()
            Thread {
                results.set(i, try? IngestBinary.run(["sync", "--json", "--store", store], in: directory))
                done.leave()
            }.start()
        }
        done.wait()
        return results.values
    }

    @Test func threeWorkersShareARoundLikeOneSync() throws {
        let world = try World()
        let db = try TestDatabase()
        let temp = TemporaryDirectory("ingest-pg-workers")
        defer { world.server.stop(); db.drop(); temp.remove() }
        try world.feedsJSON.write(to: temp.url.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)

        let single = try IngestBinary.run(["sync", "--store", "dir"], in: temp.url)
        #expect(single.status == 0, "\(single.stderr)")
        let before = world.server.requests().count

        let workers = Self.syncs(3, store: db.url, in: temp.url)
        for result in workers {
            #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
        }
        // They shared the round instead of taking turns (where the first would store everything).
        let stored = workers.map { result in
            ((try? JSONSerialization.jsonObject(with: Data((result?.stdout ?? "").utf8))) as? [String: Any])?["new"] as? Int ?? 0
        }
        #expect(stored.reduce(0, +) == world.sites * world.perSite && stored.filter { $0 > 0 }.count >= 2, "\(stored)")
        let pages = world.articleFetches(since: before)
        #expect(pages.count == world.sites * world.perSite, "every article fetched: \(pages.count)")
        #expect(Set(pages).count == pages.count, "none twice: \(pages.sorted())")
        #expect(world.mostInFlight <= 2, "perHostConcurrency across the workers: \(world.mostInFlight)")

        let fromDirectory = try PostgresCommandTests.copies(try IngestBinary.run(["export", "--copies", "--store", "dir"], in: temp.url).stdout)
        let fromDatabase = try PostgresCommandTests.copies(try IngestBinary.run(["export", "--copies", "--store", db.url], in: temp.url).stdout)
        #expect(fromDatabase.copies.count == world.sites * world.perSite, "every article once")
        #expect(fromDatabase.stories.count < fromDatabase.copies.count, "wire copies share stories")
        #expect(fromDatabase.stories == fromDirectory.stories, "the same story partition as one sync into a directory")

        let again = world.server.requests().count
        for result in Self.syncs(3, store: db.url, in: temp.url) {
            #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
        }
        #expect(world.articleFetches(since: again).isEmpty, "a second round downloads no article")
    }

    @Test func aKilledWorkersOriginsGoToTheNextWorkers() throws {
        let world = try World(sites: 4, perSite: 12, latency: .milliseconds(150))
        let db = try TestDatabase()
        let temp = TemporaryDirectory("ingest-pg-workers")
        defer { world.server.stop(); db.drop(); temp.remove() }
        try world.feedsJSON.write(to: temp.url.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)

        let victim = Process()
        victim.executableURL = IngestBinary.url
        victim.arguments = ["sync", "--store", db.url]
        victim.currentDirectoryURL = temp.url
        victim.standardError = FileHandle.nullDevice
        try victim.run()
        // Killed once some copies are committed and others are still to come.
        var committed = 0
        for _ in 0..<400 where committed == 0 {
            Thread.sleep(forTimeInterval: 0.05)
            committed = Int((try? db.sql("SELECT count(*) FROM ingest_copies")) ?? "") ?? 0
        }
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(committed > 0 && committed < world.sites * world.perSite, "killed mid-run: \(committed) copies")

        for result in Self.syncs(2, store: db.url, in: temp.url) {
            #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
        }
        let export = try PostgresCommandTests.copies(try IngestBinary.run(["export", "--copies", "--store", db.url], in: temp.url).stdout)
        #expect(export.copies.count == world.sites * world.perSite, "nothing lost, nothing twice")
        let urls = try IngestBinary.run(["export", "--copies", "--store", db.url], in: temp.url).stdout
            .split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["url"] as? String
            }
        #expect(Set(urls).count == urls.count && urls.count == world.sites * world.perSite)
    }
}

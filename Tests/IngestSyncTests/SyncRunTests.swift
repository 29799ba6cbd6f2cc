import Foundation
import IngestCore
import IngestDiscover
import IngestTesting
import Testing
@testable import IngestSync

/// The sync engine over several epochs of an in-memory web.
@Suite("sync engine")
struct SyncRunTests {
    static let start = Date(timeIntervalSince1970: 1_714_557_600)

    let web = FakeWeb()
    let store = FakeStore()
    let clusterer = FakeClusterer()
    let clock = TestClock(start)

    func sync(_ sources: [FeedsConfig.Source], force: Bool = false,
              settings: FeedsConfig.Settings = FeedsConfig.Settings()) async throws -> SyncSummary {
        web.resetRequests()
        let clock = self.clock
        let run = SyncRun(config: FeedsConfig(settings: settings, sources: sources), fetcher: web, discoverer: FeedDiscoverer(), extractor: FakeExtractor(),
                          clusterer: clusterer, store: store, options: SyncOptions(force: force), clock: { clock.now })
        var events: [SyncEvent] = []
        run.onEvent = { events.append($0) }
        let summary = try await run.run()
        // Every planned page reports exactly one outcome, and every polled source one event.
        var planned = 0, pages = 0, lastDone = 0, polls: [Int] = []
        for event in events {
            switch event {
            case .polling(_, let done, let total):
                polls.append(done)
                #expect(total == summary.sources.filter(\.polled).count)
            case .planned(let count): planned = count
            case .page(_, _, _, let done, let total):
                pages += 1
                lastDone = done
                #expect(total == planned)
            case .sourcePolled: break
            }
        }
        #expect(pages == planned && lastDone == planned)
        // Polling progress: a start, then one step per polled source as it answers.
        #expect(polls == Array(0...summary.sources.filter(\.polled).count))
        #expect(events.filter { if case .sourcePolled = $0 { true } else { false } }.count == summary.sources.filter(\.polled).count)
        return summary
    }

    func copyID(_ url: String) -> String { SyncIdentity.copyID(canonicalURL: url) }

    static let a1 = "https://wire.example/world/ceasefire-talks"
    static let a2 = "https://wire.example/world/markets-rally"
    static let a3 = "https://wire.example/world/new-story-three"
    static let m1 = "https://mirror.example/news/ceasefire-copy"
    static let live = "https://wire.example/world/live-blog-updates-today"
    static let local1 = "http://127.0.0.1:8080/news/local-story-one"
    static let internal1 = "http://10.0.0.5/news/internal-story-here"
    static let sneaky = "http://127.0.0.1:9/news/sneaky-local-story"

    static let sources = [
        FeedsConfig.Source(name: "wire", url: "https://wire.example/feed.xml", kind: .rss),
        FeedsConfig.Source(name: "mirror", url: "https://mirror.example/atom", kind: .atom),
        FeedsConfig.Source(name: "section", url: "https://wire.example/sections/world", kind: .html),
        FeedsConfig.Source(name: "broken", url: "https://broken.example/feed", kind: .rss),
        FeedsConfig.Source(name: "local", url: "http://127.0.0.1:8080/feed", kind: .auto),
        FeedsConfig.Source(name: "pub", url: "https://pub.example/feed", kind: .rss),
    ]

    func epochOne() {
        web["https://wire.example/feed.xml"] = .ok(rss([
            (Self.a1 + "?utm_source=rss&utm_medium=feed", "w1"), (Self.a2, "w2"),
            ("javascript:alert(1)", nil), ("file:///etc/passwd", nil),
        ]), etag: "wire-1")
        web["https://mirror.example/atom"] = .ok(atom(Self.a1, Self.m1, "https://short.example/x/1234567"), etag: "mirror-1")
        web["https://short.example/x/1234567"] = .redirect(Self.a1)
        web["https://wire.example/sections/world"] = .ok(
            "<html><body><a href='/about'>About</a><a href='/world/live-blog-updates-today'>Live</a>"
                + "<a href='/world/markets-rally'>Markets</a><a href='/category/world'>World</a></body></html>")
        web["https://broken.example/feed"] = .status(503, headers: ["retry-after": "120"])
        web["http://127.0.0.1:8080/feed"] = .ok(rss(Self.local1, Self.internal1))
        web["https://pub.example/feed"] = .ok(rss(Self.sneaky))
        web[Self.a1] = .ok("title: Ceasefire\nCeasefire talks resume\nBody one.", etag: "a1-v1")
        web[Self.a2] = .ok("Markets rally\nBody two.", etag: "a2-v1")
        web[Self.m1] = .ok("canonical: \(Self.m1)?utm_medium=x\nCeasefire talks resume\nMirror edition.", etag: "m1-v1")
        web[Self.live] = .ok("kind: not-article\nminute by minute")
        web[Self.local1] = .ok("Local story\nText.")
        web[Self.internal1] = .ok("Internal story\nText.")
        web[Self.sneaky] = .ok("Sneaky\nShould never be fetched.")
    }

    @Test func epochsOfNewEditedDeletedScrolledAndTransient() async throws {
        // Epoch 1: everything is new.
        epochOne()
        let first = try await sync(Self.sources)
        #expect(first.new == 5)
        #expect(first.merged == 1, "the mirror's wire copy joins the wire story")
        #expect(first.sources.map(\.new) == [2, 1, 0, 0, 2, 0])
        #expect(first.sources.map(\.ok) == [true, true, true, false, true, true])
        #expect(first.sources[3].error?.contains("503") == true)
        #expect(first.sourcesOK == 5 && first.sourcesFailed == 1 && first.isPartialFailure)
        #expect(first.exitCode == 3 && store.summaries.last?.exitCode == 3)
        #expect(first.skipped == 2, "the not-article page and the private link on a public source")
        #expect(first.problems.contains { $0.hasPrefix(Self.live) && $0.contains("not an article") })
        #expect(Set(store.liveCopies.keys) == Set([Self.a1, Self.a2, Self.m1, Self.local1, Self.internal1].map(copyID)))
        #expect(store.liveCopies[copyID(Self.m1)]?.url == Self.m1, "canonical URL without utm_")
        #expect(store.revisions.count == 5, "the utm, canonical and redirect routes to a1 made one copy")
        #expect(!web.requests.contains { $0.url.hasPrefix("javascript") || $0.url.hasPrefix("file") })
        #expect(first.requests == web.requests.count)
        #expect(first.bytes > 0)
        #expect(store.summaries.count == 1)

        // Private addresses: allowed for configured sources and links on a private source only.
        let sourceRequests = web.requests.filter { $0.purpose == .source }
        #expect(!sourceRequests.isEmpty && sourceRequests.allSatisfy { $0.allowPrivateAddresses })
        #expect(web.requests(to: Self.local1).map(\.allowPrivateAddresses) == [true])
        #expect(web.requests(to: Self.internal1).map(\.allowPrivateAddresses) == [true])
        #expect(web.requests(to: Self.sneaky).map(\.allowPrivateAddresses) == [false])
        #expect(web.requests(to: Self.a1).map(\.allowPrivateAddresses) == [false])
        #expect(store.urls[Self.sneaky]?.copyID == nil)

        // Epoch 2, 20 minutes later: a1 scrolled out, a2 edited, a3 new, m1 404, local1 410.
        clock.advance(minutes: 20)
        web["https://wire.example/feed.xml"] = .ok(rss([(Self.a2, "w2"), (Self.a3, "w3")]), etag: "wire-2")
        web[Self.a2] = .ok("Markets rally\nBody two, corrected.", etag: "a2-v2")
        web[Self.a3] = .ok("Third story\nBody three.", etag: "a3-v1")
        web[Self.m1] = .status(404)
        web[Self.local1] = .status(410)
        web["https://broken.example/feed"] = .ok(rss())
        let second = try await sync(Self.sources)
        #expect(second.new == 1 && second.updated == 1 && second.deleted == 2)
        #expect(second.sources.map(\.deleted) == [0, 1, 0, 0, 1, 0])
        #expect(second.sourcesFailed == 0 && second.exitCode == 0)
        #expect(store.liveCopies[copyID(Self.a1)] != nil, "scrolled out of the feed is not deleted")
        #expect(web.requests(to: Self.a1).map(\.etag) == ["a1-v1"], "revalidated with a conditional GET")
        #expect(store.revisionCount(ofCopy: copyID(Self.a2)) == 2)
        #expect(store.deletedCopies == Set([copyID(Self.m1), copyID(Self.local1)]))
        #expect(store.deletedStories == ["s-Local story"], "a1 still carries the ceasefire story")
        #expect(web.requests(to: Self.live).isEmpty, "a not-article page is not fetched again soon")
        #expect(second.unchanged >= 2)

        // Epoch 3: transient failures never delete.
        clock.advance(minutes: 20)
        web[Self.a3] = .status(503)
        web[Self.a2] = .failure(.timeout(url: Self.a2, message: "timeout after 20 s"))
        let third = try await sync(Self.sources)
        #expect(third.deleted == 0 && third.failed == 2)
        #expect(store.liveCopies[copyID(Self.a2)] != nil && store.liveCopies[copyID(Self.a3)] != nil)
        #expect(third.problems.contains { $0.contains("timeout") && $0.contains("retried next run") })

        // Epoch 4: both back; the 503 page unchanged, the timed-out one fetched again.
        clock.advance(minutes: 20)
        web[Self.a3] = .ok("Third story\nBody three.", etag: "a3-v1")
        web[Self.a2] = .ok("Markets rally\nBody two, corrected.", etag: "a2-v2")
        let fourth = try await sync(Self.sources)
        #expect(fourth.new == 0 && fourth.updated == 0 && fourth.deleted == 0 && fourth.failed == 0)
        #expect(web.requests(to: Self.a3).map(\.etag) == ["a3-v1"])
        #expect(store.revisions.count == 7)
    }

    @Test func aRunBeforeAnythingIsDueCostsNothingAndForcePollsConditionally() async throws {
        epochOne()
        _ = try await sync(Self.sources)
        clock.advance(minutes: 1)
        let quiet = try await sync(Self.sources)
        #expect(quiet.requests == 0 && web.requests.isEmpty)
        #expect(quiet.sources.allSatisfy { !$0.polled || $0.name == "broken" })
        let waiting = try #require(quiet.sources.first { $0.name == "broken" })
        #expect(waiting.polled == false, "Retry-After 120 s is honoured")
        #expect(!waiting.ok && waiting.error?.contains("503") == true && waiting.error?.contains("2024-05-01T10:10:00Z") == true,
                "Retry-After 120 s is shorter than the first backoff, 10 min")
        #expect(waiting.error?.hasPrefix("backing off (failed polls in a row: 1), next try after") == true)
        #expect(quiet.exitCode == 0, "a source backing off was not polled: it does not fail the run")
        #expect(quiet.sourcesFailed == 0 && quiet.sourcesBackingOff == 1)

        let forced = try await sync(Self.sources, force: true)
        #expect(web.requests(to: "https://wire.example/feed.xml").map(\.etag) == ["wire-1"])
        #expect(forced.new == 0 && forced.updated == 0)
        #expect(web.requests.allSatisfy { $0.purpose == .source }, "no article is due a minute later")
    }

    /// feeds.json `settings.schedule` reaches the engine: with sources polled at most hourly
    /// and day-old articles re-checked hourly, a run 20 minutes later requests nothing (the
    /// defaults would poll the feed after 10 and revalidate the article after 15), one an
    /// hour later requests both.
    @Test func configuredSchedulesDecideWhatARunRequests() async throws {
        var settings = FeedsConfig.Settings()
        settings.poll.minimumInterval = 3600
        settings.revalidation.table = [(age: 86_400, interval: 3600)]
        let source = [FeedsConfig.Source(name: "wire", url: "https://wire.example/feed.xml", kind: .rss)]
        web["https://wire.example/feed.xml"] = .ok(rss(Self.a1), etag: "wire-1")
        web[Self.a1] = .ok("Ceasefire talks resume\nBody one.", etag: "a1-v1")
        #expect(try await sync(source, settings: settings).new == 1)
        clock.advance(minutes: 20)
        _ = try await sync(source, settings: settings)
        #expect(web.requests.isEmpty)
        clock.advance(minutes: 40)
        _ = try await sync(source, settings: settings)
        #expect(web.requests(to: "https://wire.example/feed.xml").count == 1)
        #expect(web.requests(to: Self.a1).count == 1)
    }

    @Test func aNotArticlePageIsTriedAgainOnlyAfterThirtyDays() async throws {
        let source = [FeedsConfig.Source(name: "wire", url: "https://wire.example/feed.xml", kind: .rss)]
        web["https://wire.example/feed.xml"] = .ok(rss(Self.live))
        web[Self.live] = .ok("kind: not-article\nminute by minute")
        #expect(try await sync(source).skipped == 1)
        clock.advance(minutes: 29 * 24 * 60)
        _ = try await sync(source)
        #expect(web.requests(to: Self.live).isEmpty)
        clock.advance(minutes: 24 * 60)
        web[Self.live] = .ok("Live blog wrapped up\nNow an article.")
        #expect(try await sync(source).new == 1)
    }

    @Test func aChangedURLWithTheSameGUIDIsTheSameCopy() async throws {
        let source = [FeedsConfig.Source(name: "wire", url: "https://wire.example/feed.xml", kind: .rss)]
        let old = "https://wire.example/world/first-headline-slug", new = "https://wire.example/world/better-headline-slug"
        web["https://wire.example/feed.xml"] = .ok(rss([(old, "guid-42")]))
        web[old] = .ok("First headline\nBody.")
        _ = try await sync(source)
        clock.advance(minutes: 2)
        web["https://wire.example/feed.xml"] = .ok(rss([(new, "guid-42")]))
        web[old] = .status(404)
        web[new] = .ok("Better headline\nBody.")
        let second = try await sync(source, force: true)
        #expect(second.new == 0 && second.updated == 1 && second.deleted == 0)
        #expect(store.liveCopies.count == 1)
        #expect(store.revisionCount(ofCopy: copyID(old)) == 2)
        #expect(store.urls[new]?.copyID == copyID(old) && store.urls[new]?.isAlias == false)
        #expect(store.urls[old]?.isAlias == true, "the old URL is now an alias, not revalidated")
    }

    @Test func aDeletedCopyIsRecheckedOnlyWhileListedAndRevivedBy200() async throws {
        let listed = "https://wire.example/world/briefly-missing-story", unlisted = "https://wire.example/world/gone-for-good-story"
        let source = [FeedsConfig.Source(name: "wire", url: "https://wire.example/feed.xml", kind: .rss)]
        web["https://wire.example/feed.xml"] = .ok(rss(listed, unlisted))
        web[listed] = .ok("Missing\nBody.")
        web[unlisted] = .ok("Gone\nBody.")
        _ = try await sync(source)
        clock.advance(minutes: 20)
        web[listed] = .status(404)
        web[unlisted] = .status(410)
        #expect(try await sync(source).deleted == 2)
        clock.advance(minutes: 20)
        web["https://wire.example/feed.xml"] = .ok(rss(listed))
        web[listed] = .ok("Missing\nBody.")
        web[unlisted] = .ok("Gone\nBody.")
        let revived = try await sync(source)
        #expect(revived.updated == 1 && revived.new == 0)
        #expect(store.revisionCount(ofCopy: copyID(listed)) == 2)
        #expect(store.liveCopies[copyID(unlisted)] == nil)
        #expect(web.requests(to: unlisted).isEmpty)
    }

    @Test func aNewURLThatFailedTransientlyIsRetriedEvenIfItsFeedWouldAnswer304() async throws {
        let source = [FeedsConfig.Source(name: "wire", url: "https://wire.example/feed.xml", kind: .rss)]
        let url = "https://wire.example/world/flaky-server-story"
        web["https://wire.example/feed.xml"] = .ok(rss(url), etag: "feed-1")
        web[url] = .status(503)
        let first = try await sync(source)
        #expect(first.failed == 1 && first.new == 0)
        clock.advance(minutes: 1)
        web[url] = .ok("Flaky\nBody.")
        let second = try await sync(source)
        #expect(web.requests(to: "https://wire.example/feed.xml").map(\.etag) == [nil], "due at once, unconditional")
        #expect(second.new == 1)
        #expect(store.sources["wire"]?.validators.etag == "feed-1")
    }

    /// A store that fails (disk full) after a number of copy revisions, like a killed run.
    final class FailingStore: SyncStore {
        let inner: FakeStore
        var revisionsLeft: Int
        init(_ inner: FakeStore, revisionsLeft: Int) { self.inner = inner; self.revisionsLeft = revisionsLeft }
        struct DiskFull: Error {}
        func sourceState(named name: String) -> SourceState? { inner.sourceState(named: name) }
        func allURLStates() -> [URLState] { inner.allURLStates() }
        func copy(id: String) -> StoredCopy? { inner.copy(id: id) }
        func saveCopy(_ copy: CopyInput) throws {
            guard revisionsLeft > 0 else { throw DiskFull() }
            revisionsLeft -= 1
            try inner.saveCopy(copy)
        }
        func markCopyDeleted(id: String, at date: Date) throws { try inner.markCopyDeleted(id: id, at: date) }
        func addStoryAlias(_ oldID: String, storyID: String) throws { try inner.addStoryAlias(oldID, storyID: storyID) }
        func saveURLState(_ state: URLState) throws { try inner.saveURLState(state) }
        func saveSourceState(_ state: SourceState) throws { try inner.saveSourceState(state) }
        func saveRunSummary(_ summary: SyncSummary) throws { try inner.saveRunSummary(summary) }
    }

    @Test func aRunStoppedHalfwayIsCompletedByTheNextOneWithoutDuplicates() async throws {
        let urls = (0..<6).map { "https://wire.example/world/interrupted-story-\($0)-here" }
        let source = [FeedsConfig.Source(name: "wire", url: "https://wire.example/feed.xml", kind: .rss)]
        web["https://wire.example/feed.xml"] = .ok(rss(urls.map { ($0, nil) }), etag: "feed-1")
        for url in urls { web[url] = .ok("\(url)\nBody.") }
        var options = SyncOptions()
        options.maxInFlight = 1
        let broken = SyncRun(config: FeedsConfig(sources: source), fetcher: web, discoverer: FeedDiscoverer(), extractor: FakeExtractor(),
                             clusterer: clusterer, store: FailingStore(store, revisionsLeft: 2), options: options)
        await #expect(throws: FailingStore.DiskFull.self) { try await broken.run() }
        #expect(store.revisions.count == 2 && store.sources["wire"] == nil)

        let rerun = try await sync(source)
        #expect(rerun.new == 4)
        #expect(store.revisions.count == 6 && store.liveCopies.count == 6)
    }

    @Test func onlyA404Or410DeletesAKnownCopy() async throws {
        let urls = (0..<8).map { "https://wire.example/world/story-number-\($0)-of-eight" }
        let answers: [FakeWeb.Page] = [
            .status(403), .status(500), .status(429, headers: ["retry-after": "60"]), .status(301),
            .failure(.tooLarge(url: urls[4], limit: 5_000_000)), .failure(.disallowedByRobots(url: urls[5])),
            .failure(.transport(url: urls[6], code: 6, message: "Could not resolve host")),
            .ok("kind: not-article\nWe are down for maintenance"),
        ]
        let source = [FeedsConfig.Source(name: "wire", url: "https://wire.example/feed.xml", kind: .rss)]
        web["https://wire.example/feed.xml"] = .ok(rss(urls.map { ($0, nil) }))
        for url in urls { web[url] = .ok("\(url)\nBody.") }
        #expect(try await sync(source).new == answers.count)
        clock.advance(minutes: 20)
        for (url, answer) in zip(urls, answers) { web[url] = answer }
        let summary = try await sync(source)
        #expect(summary.deleted == 0 && summary.updated == 0)
        #expect(store.liveCopies.count == answers.count)
        #expect(summary.failed == 3, "500, 429 and the DNS failure are retried next run")
        #expect(summary.skipped == 5)
    }

    @Test func sitemapIndexIsFollowedAndUnchangedChildrenSkipped() async throws {
        let source = [FeedsConfig.Source(name: "maps", url: "https://map.example/index.xml", kind: .sitemap)]
        func index(_ newsLastmod: String) -> String {
            "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                + "<sitemap><loc>/news.xml.gz</loc><lastmod>\(newsLastmod)</lastmod></sitemap>"
                + "<sitemap><loc>/archive.xml</loc><lastmod>2023-01-01</lastmod></sitemap></sitemapindex>"
        }
        let news = String(decoding: Fixture.bytes("sitemaps/news-sitemap.xml"), as: UTF8.self)
        web["https://map.example/index.xml"] = .ok(index("2024-05-01T09:00:00Z"))
        web["https://map.example/news.xml.gz"] = .ok(news, etag: "news-1")
        web["https://map.example/archive.xml"] = .ok(
            "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>https://map.example/old/archived-story-one</loc></url></urlset>")
        for url in ["https://map.example/world/summit-ends-without-deal", "https://map.example/world/markets-react-to-summit",
                    "https://map.example/old/archived-story-one"] {
            web[url] = .ok("\(url)\nBody.")
        }
        let first = try await sync(source)
        #expect(first.new == 3 && first.sourcesFailed == 0)

        clock.advance(minutes: 30)
        web["https://map.example/index.xml"] = .ok(index("2024-05-01T10:25:00Z"))
        _ = try await sync(source)
        #expect(web.requests(to: "https://map.example/archive.xml").isEmpty, "the same lastmod as last time")
        #expect(web.requests(to: "https://map.example/news.xml.gz").map(\.etag) == ["news-1"])
    }

    /// A child whose index gives it a new `lastmod` is read again even when that date is
    /// earlier than our last poll (a stale or skewed publisher clock); one whose `lastmod` did
    /// not change is skipped even when it is later than our clock.
    @Test func aChildSitemapChangedWhenItsLastmodChangedWhateverTheClocks() async throws {
        let source = [FeedsConfig.Source(name: "maps", url: "https://map.example/index.xml", kind: .sitemap)]
        func index(news: String, future: String) -> String {
            "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                + "<sitemap><loc>/news.xml</loc><lastmod>\(news)</lastmod></sitemap>"
                + "<sitemap><loc>/future.xml</loc><lastmod>\(future)</lastmod></sitemap></sitemapindex>"
        }
        func urlset(_ paths: [String]) -> String {
            "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                + paths.map { "<url><loc>https://map.example\($0)</loc></url>" }.joined() + "</urlset>"
        }
        for path in ["/a/first-story-here", "/a/second-story-here", "/b/future-story-here"] {
            web["https://map.example" + path] = .ok("https://map.example\(path)\nBody.")
        }
        web["https://map.example/index.xml"] = .ok(index(news: "2001-01-01T00:00:00Z", future: "2999-01-01T00:00:00Z"), etag: "i1")
        web["https://map.example/news.xml"] = .ok(urlset(["/a/first-story-here"]), etag: "n1")
        web["https://map.example/future.xml"] = .ok(urlset(["/b/future-story-here"]), etag: "f1")
        #expect(try await sync(source).new == 2)

        clock.advance(minutes: 30)
        // The index changed: news.xml has a new article and a new (still ancient) lastmod.
        web["https://map.example/index.xml"] = .ok(index(news: "2001-01-02T00:00:00Z", future: "2999-01-01T00:00:00Z"), etag: "i2")
        web["https://map.example/news.xml"] = .ok(urlset(["/a/first-story-here", "/a/second-story-here"]), etag: "n2")
        let second = try await sync(source)
        #expect(second.new == 1, "the new article in a child dated before our last poll is found")
        #expect(web.requests(to: "https://map.example/news.xml").map(\.etag) == ["n1"], "read again, conditionally")
        #expect(web.requests(to: "https://map.example/future.xml").isEmpty, "an unchanged lastmod is not re-read")
    }

    @Test func sitemapBudgetGoesToTheNewestChildren() async throws {
        let source = [FeedsConfig.Source(name: "maps", url: "https://map.example/index.xml", kind: .sitemap)]
        let children = (0..<60).map { day in
            "<sitemap><loc>https://map.example/day-\(day).xml</loc><lastmod>2024-03-0\(1 + day / 24)T\(String(format: "%02d", day % 24)):00:00Z</lastmod></sitemap>"
        }
        web["https://map.example/index.xml"] = .ok("<sitemapindex>" + children.joined() + "</sitemapindex>")
        _ = try await sync(source)
        let fetched = Set(web.requests.map(\.url)).filter { $0.contains("/day-") }
        #expect(fetched.count == 50)
        #expect(fetched == Set((10..<60).map { "https://map.example/day-\($0).xml" }))
    }

    @Test func homepageGivenAsAutoFollowsItsAnnouncedFeedAndRemembersIt() async throws {
        let source = [FeedsConfig.Source(name: "home", url: "https://home.example/", kind: .auto)]
        web["https://home.example/"] = .ok(
            "<html><head><link rel='alternate' type='application/rss+xml' href='/rss'></head><body></body></html>")
        web["https://home.example/rss"] = .ok(rss("https://home.example/news/homepage-feed-story"), etag: "r1")
        web["https://home.example/news/homepage-feed-story"] = .ok("Home story\nBody.")
        let first = try await sync(source)
        #expect(first.new == 1)
        #expect(store.sources["home"]?.feedURL == "https://home.example/rss")
        let second = try await sync(source, force: true)
        #expect(web.requests(to: "https://home.example/").isEmpty, "the feed is polled directly")
        #expect(web.requests(to: "https://home.example/rss").map(\.etag) == ["r1"])
        #expect(second.sourcesFailed == 0)
    }

    /// The engine hands discovery the charset the fetcher found for a source, as it does for
    /// an article: a Windows-1251 section page's links lead to the right URLs.
    @Test func aSectionPageInWindows1251LeadsToItsArticlesURLs() async throws {
        let source = [FeedsConfig.Source(name: "mir", url: "https://ru.example/mir", kind: .html)]
        web["https://ru.example/mir"] = .encoded(Fixture.bytes("charset/section-page-windows-1251.html"),
                                                 charset: "windows-1251")
        for (index, url) in Fixture.windows1251SectionLinks.enumerated() { web[url] = .ok("Story \(index)\nBody \(index).") }
        let summary = try await sync(source)
        #expect(Set(web.requests.map(\.url)) == Set(["https://ru.example/mir"] + Fixture.windows1251SectionLinks))
        #expect(summary.new == 2)
    }

    @Test func brokenFeedFailsOnlyItsSource() async throws {
        let sources = [FeedsConfig.Source(name: "bad", url: "https://bad.example/feed", kind: .rss),
                       FeedsConfig.Source(name: "good", url: "https://good.example/feed", kind: .rss)]
        web["https://bad.example/feed"] = .ok("<html><body>Maintenance</body></html>")
        web["https://good.example/feed"] = .ok(rss("https://good.example/a/good-story-here"))
        web["https://good.example/a/good-story-here"] = .ok("Good\nBody.")
        let summary = try await sync(sources)
        #expect(summary.sources.map(\.ok) == [false, true])
        #expect(summary.sources[0].error?.contains("not a rss document") == true)
        #expect(summary.new == 1)
        #expect(store.sources["bad"]?.lastError != nil)
    }

    @Test func aTruncatedFeedIsReportedAndWhatItListedIsStillSynced() async throws {
        let source = [FeedsConfig.Source(name: "cut", url: "https://cut.example/feed", kind: .auto)]
        web["https://cut.example/feed"] = .ok(String(decoding: Fixture.bytes("feeds/truncated-rss.xml"), as: UTF8.self), etag: "cut-1")
        web["https://cut.example/news/survives-the-cut"] = .ok("Survivor\nBody.")
        let summary = try await sync(source)
        #expect(summary.sources[0].ok == false)
        #expect(summary.sources[0].error?.contains("truncated") == true)
        #expect(summary.new == 1 && summary.sources[0].new == 1)
        #expect(store.sources["cut"]?.validators == Validators(), "read in full next time, never a 304 on a cut copy")
    }
}

@Suite("sync engine concurrency")
struct SyncConcurrencyTests {
    @Test func sourcesAndArticlesAreFetchedInParallel() async throws {
        let web = FakeWeb(latency: .milliseconds(20))
        var sources: [FeedsConfig.Source] = []
        for site in 0..<4 {
            let feed = "https://site\(site).example/feed"
            let links = (0..<10).map { "https://site\(site).example/news/story-number-\($0)-of-many" }
            web[feed] = .ok(rss(links.map { ($0, nil) }))
            for link in links { web[link] = .ok("\(link)\nBody.") }
            sources.append(FeedsConfig.Source(name: "site\(site)", url: feed, kind: .rss))
        }
        var options = SyncOptions()
        options.maxInFlight = 8
        let run = SyncRun(config: FeedsConfig(sources: sources), fetcher: web, discoverer: FeedDiscoverer(), extractor: FakeExtractor(),
                          clusterer: FakeClusterer(), store: FakeStore(), options: options)
        let summary = try await run.run()
        #expect(summary.new == 40)
        #expect(web.mostInFlight > 1, "requests overlap")
        #expect(web.mostInFlight <= 8, "the engine bounds its own queue")
    }
}

@Suite("job order")
struct JobOrderTests {
    @Test func jobsAlternateBetweenHosts() {
        let urls = ["https://a.example/1", "https://a.example/2", "https://a.example/3",
                    "https://b.example/1", "https://c.example/1", "https://c.example:8443/2?x=1", "https://c.example/2"]
        let jobs = urls.map { FetchJob(url: $0, source: "s", validators: Validators(), allowPrivate: false) }
        #expect(SyncRun.interleavedByHost(jobs).map(\.url) == [
            "https://a.example/1", "https://b.example/1", "https://c.example/1", "https://c.example:8443/2?x=1",
            "https://a.example/2", "https://c.example/2", "https://a.example/3",
        ])
        #expect(SyncRun.authority(of: "http://h.example:81?q") == "h.example:81")
    }
}

@Suite("import")
struct ImportTests {
    @Test func importStoresPagesOnceAndReportsFailures() async throws {
        let web = FakeWeb(), store = FakeStore()
        web["https://wire.example/world/imported-story-here"] = .ok("Imported\nBody.")
        web["file:///tmp/saved/page.html"] = .ok("canonical: https://paper.example/news/saved-page-story?utm_source=x\nSaved\nBody.")
        web["file:///tmp/saved/plain.html"] = .ok("Plain saved\nBody.")
        web["https://wire.example/world/missing-story-here"] = .status(404)
        let run = SyncRun(config: FeedsConfig(sources: []), fetcher: web, discoverer: FeedDiscoverer(), extractor: FakeExtractor(),
                          clusterer: FakeClusterer(), store: store)
        let summary = try await run.importPages([
            "https://wire.example/world/imported-story-here?utm_medium=email", "https://wire.example/world/imported-story-here",
            "file:///tmp/saved/page.html", "file:///tmp/saved/plain.html", "https://wire.example/world/missing-story-here",
        ])
        #expect(summary.new == 3 && summary.skipped == 1 && summary.exitCode == 3)
        #expect(Set(store.liveCopies.values.map(\.url)) == ["https://wire.example/world/imported-story-here",
                                                            "https://paper.example/news/saved-page-story",
                                                            "file:///tmp/saved/plain.html"])
        #expect(store.liveCopies.values.allSatisfy { $0.source == "import" })
        // The utm_ twin is the same URL after normalising: fetched once.
        #expect(web.requests.map(\.url).sorted() == ["file:///tmp/saved/page.html", "file:///tmp/saved/plain.html",
                                                      "https://wire.example/world/imported-story-here",
                                                      "https://wire.example/world/missing-story-here"])
        #expect(web.requests.allSatisfy { $0.allowPrivateAddresses })
        #expect(store.summaries.isEmpty, "an import does not replace the last sync's summary")

        let again = try await run.importPages(["https://wire.example/world/imported-story-here"])
        #expect(again.new == 0 && again.unchanged == 1)
    }

    @Test func aSavedFileCannotReplaceACopyASourceStores() async throws {
        let web = FakeWeb(), store = FakeStore()
        let story = "https://wire.example/world/sourced-story-here"
        web["https://wire.example/feed.xml"] = .ok(rss(story))
        web[story] = .ok("Sourced\nThe wire's own text.")
        web["file:///tmp/saved/forged.html"] = .ok("canonical: \(story)\nForged\nSomeone else's text.")
        let run = SyncRun(config: FeedsConfig(sources: [.init(name: "wire", url: "https://wire.example/feed.xml", kind: .rss)]),
                          fetcher: web, discoverer: FeedDiscoverer(), extractor: FakeExtractor(), clusterer: FakeClusterer(), store: store)
        _ = try await run.run()
        let imported = try await run.importPages(["file:///tmp/saved/forged.html"])
        #expect(imported.new == 1)
        let wireCopy = SyncIdentity.copyID(canonicalURL: story)
        let sourced = try #require(store.liveCopies[wireCopy])
        #expect(sourced.source == "wire" && store.revisionCount(ofCopy: wireCopy) == 1, "the wire's copy is untouched")
        #expect(store.liveCopies.values.contains { $0.url == "file:///tmp/saved/forged.html" && $0.source == "import" })
    }
}

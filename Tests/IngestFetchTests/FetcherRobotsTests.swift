import IngestCore
import IngestFetch
import LoopbackServer
import Testing

@Suite struct FetcherRobotsTests {
    @Test func obeysDisallowAndFetchesRobotsOncePerOrigin() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/robots.txt") { _ in
            .text("User-agent: *\nDisallow: /private/\nAllow: /private/press/\n", contentType: "text/plain")
        }
        server.route("/*") { _ in .text("ok") }
        let fetcher = Fetcher(settings: .fast { $0.obeyRobots = true })
        defer { fetcher.shutdown() }

        let results = await withTaskGroup(of: (String, Result<FetchResponse, FetchError>).self) { group in
            for path in ["/news/1", "/private/secret", "/private/press/release", "/news/2"] {
                group.addTask { (path, await fetcher.get(server.url(path))) }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for allowed in ["/news/1", "/news/2", "/private/press/release"] {
            #expect(results[allowed]?.value?.body == Array("ok".utf8), "\(allowed)")
        }
        #expect(results["/private/secret"]?.error == .disallowedByRobots(url: server.url("/private/secret")))
        #expect(server.requests("/private/secret").isEmpty)  // never fetched
        #expect(server.requests("/robots.txt").count == 1)
        #expect(FetchError.disallowedByRobots(url: "u").description == "disallowed by robots.txt: u")
    }

    @Test func crawlDelayRaisesTheOriginDelay() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/robots.txt") { _ in .text("User-agent: ingest-test\nCrawl-delay: 0.4\n", contentType: "text/plain") }
        server.route("/p/*") { _ in .text("ok") }
        let fetcher = Fetcher(settings: .fast { $0.obeyRobots = true; $0.perHostConcurrency = 4 })
        defer { fetcher.shutdown() }

        await withTaskGroup(of: Void.self) { group in
            for index in 0..<3 { group.addTask { _ = await fetcher.get(server.url("/p/\(index)")) } }
        }
        let times = server.requests().filter { $0.path.hasPrefix("/p/") }.map(\.receivedAt).sorted()
        #expect(times.count == 3)
        for (earlier, later) in zip(times, times.dropFirst()) { #expect(seconds(earlier, later) >= 0.38) }
    }

    /// Each hop of a redirect is a request of its own: the target origin's robots.txt decides.
    @Test func robotsIsCheckedOnEveryRedirectHop() async throws {
        let server = try LoopbackServer(sites: 2)
        defer { server.stop() }
        server.route("/robots.txt", site: 1) { _ in .text("User-agent: *\nDisallow: /private/\n", contentType: "text/plain") }
        server.route("/go") { _ in .status(302, headers: [("Location", server.url("/private/x", site: 1))]) }
        server.route("/private/x", site: 1) { _ in .text("secret") }
        let fetcher = Fetcher(settings: .fast { $0.obeyRobots = true })
        defer { fetcher.shutdown() }

        #expect(await fetcher.get(server.url("/go")).error == .disallowedByRobots(url: server.url("/private/x", site: 1)))
        #expect(server.requests("/go").count == 1)
        #expect(server.requests("/robots.txt").filter { $0.site == 1 }.count == 1)
        #expect(server.requests("/private/x").isEmpty)
    }

    /// A site asking for more than `maxCrawlDelay` between requests gets `maxCrawlDelay`: without
    /// the clamp these three fetches would take 200 s and hit the time limit.
    @Test(.timeLimit(.minutes(1)))
    func aLargeCrawlDelayIsClamped() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/robots.txt") { _ in .text("User-agent: *\nCrawl-delay: 100\n", contentType: "text/plain") }
        server.route("/p/*") { _ in .text("ok") }
        let fetcher = Fetcher(settings: .fast { $0.obeyRobots = true; $0.perHostConcurrency = 4; $0.maxCrawlDelay = 0.3 })
        defer { fetcher.shutdown() }

        await withTaskGroup(of: Void.self) { group in
            for index in 0..<3 { group.addTask { _ = await fetcher.get(server.url("/p/\(index)")) } }
        }
        let times = server.requests().filter { $0.path.hasPrefix("/p/") }.map(\.receivedAt).sorted()
        #expect(times.count == 3)
        for (earlier, later) in zip(times, times.dropFirst()) { #expect(seconds(earlier, later) >= 0.28) }
    }

    /// An origin whose robots.txt cannot be reached is not refused for it: the page's own
    /// fetch then reports what is really wrong (here, nothing listens on the port).
    @Test func anUnreachableRobotsAllowsAndThePageReportsTheRealError() async throws {
        let closed = try LoopbackServer()
        let url = closed.url("/page")
        closed.stop()  // the port is now closed
        let fetcher = Fetcher(settings: .fast { $0.obeyRobots = true; $0.retries = 0 })
        defer { fetcher.shutdown() }
        let error = try #require(await fetcher.get(url).error)
        #expect(error != .disallowedByRobots(url: url))
        #expect(error.description.hasPrefix("network error"), "\(error)")
    }

    @Test func missingRobotsAllowsAndServerErrorDisallows() async throws {
        let server = try LoopbackServer(sites: 2)
        defer { server.stop() }
        server.route("/robots.txt", site: 1) { _ in .status(500) }
        server.route("/page") { _ in .text("ok") }
        let fetcher = Fetcher(settings: .fast { $0.obeyRobots = true; $0.retries = 0 })
        defer { fetcher.shutdown() }

        #expect(await fetcher.get(server.url("/page")).value?.body == Array("ok".utf8))  // robots.txt is a 404 on site 0
        #expect(await fetcher.get(server.url("/page", site: 1)).error == .disallowedByRobots(url: server.url("/page", site: 1)))
    }
}

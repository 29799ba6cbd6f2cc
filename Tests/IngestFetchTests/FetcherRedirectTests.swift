import IngestFetch
import LoopbackServer
import Testing

@Suite struct FetcherRedirectTests {
    @Test func followsRedirectsAndReportsEveryHop() async throws {
        let server = try LoopbackServer(sites: 2)
        defer { server.stop() }
        server.route("/start") { _ in .redirect(to: "/middle", status: 301) }
        server.route("/middle") { _ in .redirect(to: server.url("/end", site: 1), status: 307) }
        server.route("/end", site: 1) { _ in .text("<p>end</p>") }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let page = try #require(await fetcher.get(server.url("/start")).value)
        #expect(page.requestedURL == server.url("/start"))
        #expect(page.finalURL == server.url("/end", site: 1))
        #expect(page.redirects == [
            .init(url: server.url("/start"), status: 301, location: server.url("/middle")),
            .init(url: server.url("/middle"), status: 307, location: server.url("/end", site: 1)),
        ])
        #expect(page.body == Array("<p>end</p>".utf8))
    }

    @Test func stopsARedirectLoop() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/a") { _ in .redirect(to: "/b") }
        server.route("/b") { _ in .redirect(to: "/a") }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        #expect(await fetcher.get(server.url("/a")).error == .redirectLoop(url: server.url("/a")))
        #expect(server.requests("/a").count == 1 && server.requests("/b").count == 1)
    }

    @Test(arguments: [(5, true), (6, false)])
    func followsAtMostMaxRedirects(_ hops: Int, _ succeeds: Bool) async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/hop/*") { request in
            let n = Int(request.path.split(separator: "/").last!)!
            return n < hops ? .redirect(to: "/hop/\(n + 1)") : .text("done")
        }
        let fetcher = Fetcher(settings: .fast { $0.maxRedirects = 5 })
        defer { fetcher.shutdown() }

        let result = await fetcher.get(server.url("/hop/0"))
        if succeeds {
            #expect(result.value?.redirects.count == 5)
            #expect(result.value?.finalURL == server.url("/hop/5"))
        } else {
            #expect(result.error == .tooManyRedirects(url: server.url("/hop/0"), limit: 5))
            #expect(server.requests().count == 6)  // the 7th URL is never asked for
        }
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"])
    func refusesRedirectsToOtherSchemes(_ target: String) async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/go") { _ in .redirect(to: target) }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let scheme = String(target.prefix { $0 != ":" })
        #expect(await fetcher.get(server.url("/go")).error == .unsupportedScheme(scheme, url: target))
    }
}

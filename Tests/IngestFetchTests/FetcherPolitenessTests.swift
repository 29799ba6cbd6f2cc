import IngestFetch
import LoopbackServer
import Testing

@Suite struct FetcherPolitenessTests {
    @Test func timesOutASlowServer() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/slow") { _ in LoopbackResponse.text("late").delayed(by: .seconds(5)) }
        let fetcher = Fetcher(settings: .fast { $0.timeout = 0.4; $0.retries = 0 })
        defer { fetcher.shutdown() }

        guard case .timeout(let url, let message) = await fetcher.get(server.url("/slow")).error else {
            Issue.record("expected a timeout")
            return
        }
        #expect(url == server.url("/slow"))
        // curl's own clock ("timed out after N milliseconds"): the test process's wall clock
        // also counts time the busy test pool took to resume this task.
        let curlMilliseconds = message.split(separator: " ").drop { $0 != "after" }.dropFirst().first.flatMap { Int($0) }
        #expect(try #require(curlMilliseconds) < 2_000)
    }

    @Test func abortsATransferBelowTheLowSpeedLimit() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/drip") { _ in
            LoopbackResponse.text(String(repeating: "x", count: 100)).dripped(1, every: .milliseconds(300))
        }
        let fetcher = Fetcher(settings: .fast { $0.lowSpeedLimit = 1000; $0.lowSpeedTime = 1; $0.retries = 0 })
        defer { fetcher.shutdown() }

        // The whole body would take 30 s; curl's low-speed abort is what ends it here.
        guard case .timeout(_, let message) = await fetcher.get(server.url("/drip")).error else {
            Issue.record("expected a low-speed timeout")
            return
        }
        #expect(message.contains("too slow"))
    }

    @Test func waitsForRetryAfterOn503() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/busy") { _ in
            server.requests("/busy").count == 1 ? .status(503, headers: [("Retry-After", "1")]) : .text("ok")
        }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let page = try #require(await fetcher.get(server.url("/busy")).value)
        #expect(page.body == Array("ok".utf8))
        let sent = server.requests("/busy")
        #expect(sent.count == 2)
        #expect(seconds(sent[0].receivedAt, sent[1].receivedAt) >= 0.95)  // backoff alone would be 0.1 s
    }

    /// A 429 or a 503 with Retry-After holds back the whole origin, not just its URL.
    @Test(arguments: [429, 503])
    func aRateLimitBacksOffItsOriginWhileAnotherProceeds(status: Int) async throws {
        let server = try LoopbackServer(sites: 2)
        defer { server.stop() }
        server.route("/a", site: 0) { _ in
            server.requests("/a").count == 1 ? .status(status, headers: [("Retry-After", "1")]) : .text("a")
        }
        server.route("/a2", site: 0) { _ in .text("a2") }
        server.route("/b", site: 1) { _ in .text("b") }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let first = Task { await fetcher.get(server.url("/a")) }
        // The 429/503 has been answered and the fetcher has held the origin back before
        // /a2 is asked for (an event, not a guessed sleep).
        try #require(try await eventually { fetcher.originHoldBacks == 1 })
        let sameOrigin = Task { await fetcher.get(server.url("/a2")) }
        let otherOrigin = try #require(await fetcher.get(server.url("/b", site: 1)).value)
        #expect(otherOrigin.body == Array("b".utf8))
        #expect(await first.value.value?.body == Array("a".utf8))
        #expect(await sameOrigin.value.value?.body == Array("a2".utf8))

        let limited = try #require(server.requests("/a").first).receivedAt
        let other = try #require(server.requests("/b").first).receivedAt
        let heldBack = try #require(server.requests("/a2").first).receivedAt
        // Order, not elapsed time, shows the other origin did not wait: it was served before
        // the held-back request of the limited origin. Lower bounds on a wait are safe on a
        // loaded machine (load only lengthens them).
        #expect(other < heldBack)
        #expect(seconds(limited, heldBack) >= 0.95)   // the same origin waited
        #expect(seconds(limited, server.requests("/a")[1].receivedAt) >= 0.95)
    }

    @Test(arguments: [(1, 2), (2, 3)])
    func respectsPerHostAndOverallConcurrency(_ perHost: Int, _ overall: Int) async throws {
        let server = try LoopbackServer(sites: 2)
        defer { server.stop() }
        let perSite = [InFlight(), InFlight()]
        let total = InFlight()
        server.route("/page/*") { request in
            InFlight.hold([perSite[request.site], total], for: 0.15)
            return .text("ok")
        }
        let fetcher = Fetcher(settings: .fast { $0.perHostConcurrency = perHost; $0.concurrency = overall })
        defer { fetcher.shutdown() }

        await withTaskGroup(of: Void.self) { group in
            for index in 0..<6 {
                group.addTask { _ = await fetcher.get(server.url("/page/\(index)", site: index % 2)) }
            }
        }
        #expect(server.requests().count == 6)
        #expect(perSite.map(\.maximum).max()! <= perHost)
        #expect(total.maximum <= overall)
        #expect(total.maximum >= min(overall, 2 * perHost) - 1)  // and the limits are actually used
    }

    @Test func spacesRequestsToOneOriginByTheDelay() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/p/*") { _ in .text("ok") }
        let fetcher = Fetcher(settings: .fast { $0.perHostDelay = 0.2; $0.perHostConcurrency = 4 })
        defer { fetcher.shutdown() }

        await withTaskGroup(of: Void.self) { group in
            for index in 0..<3 { group.addTask { _ = await fetcher.get(server.url("/p/\(index)")) } }
        }
        let times = server.requests().map(\.receivedAt).sorted()
        #expect(times.count == 3)
        for (earlier, later) in zip(times, times.dropFirst()) { #expect(seconds(earlier, later) >= 0.18) }
    }
}

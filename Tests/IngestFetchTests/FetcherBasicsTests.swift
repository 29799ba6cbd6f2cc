import IngestCore
import Foundation
import IngestFetch
import LoopbackServer
import Testing

@Suite struct FetcherBasicsTests {
    @Test func fetchesAPageWithHeadersUserAgentAndRemoteIP() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/page") { _ in .text("<p>hello</p>", headers: [("X-Custom", "Yes"), ("ETag", "\"e1\"")]) }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let page = try #require(await fetcher.get(server.url("/page")).value)
        #expect(page.status == 200)
        #expect(page.body == Array("<p>hello</p>".utf8))
        #expect(page.headers["x-custom"] == "Yes")
        #expect(page.etag == "\"e1\"")
        #expect(page.finalURL == server.url("/page"))
        #expect(page.redirects.isEmpty)
        #expect(page.remoteIP == "127.0.0.1")
        #expect(page.charset == "UTF-8")
        let request = try #require(server.requests("/page").first)
        #expect(request.headers["user-agent"] == "ingest-test/1.0 (+https://example.org/contact)")
        let encodings = request.headers["accept-encoding"] ?? ""
        #expect(encodings.contains("gzip") && encodings.contains("br"))
    }

    @Test func conditionalRequestGetsNotModified() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let lastModified = "Tue, 14 Nov 2023 22:13:20 GMT"
        server.route("/article") { request in
            if request.headers["if-none-match"] == "\"v1\"" || request.headers["if-modified-since"] == lastModified {
                return .status(304, headers: [("ETag", "\"v1\"")])
            }
            return .text("<p>article</p>", headers: [("ETag", "\"v1\""), ("Last-Modified", lastModified)])
        }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let first = try #require(await fetcher.get(server.url("/article")).value)
        #expect(!first.notModified)
        #expect(first.etag == "\"v1\"" && first.lastModified == lastModified)

        let byETag = try #require(await fetcher.get(server.url("/article"), etag: first.etag).value)
        #expect(byETag.notModified && byETag.status == 304 && byETag.body.isEmpty)
        let byDate = try #require(await fetcher.get(server.url("/article"), lastModified: first.lastModified).value)
        #expect(byDate.notModified)

        let sent = server.requests("/article")
        #expect(sent.count == 3)
        #expect(sent[0].headers["if-none-match"] == nil)
        #expect(sent[1].headers["if-none-match"] == "\"v1\"")
        #expect(sent[2].headers["if-modified-since"] == lastModified)

        // A validator with a line break is not sent (it could smuggle in a header).
        _ = await fetcher.get(server.url("/article"), etag: "\"v1\"\r\nX-Evil: 1")
        #expect(server.requests("/article")[3].headers["x-evil"] == nil)
        #expect(server.requests("/article")[3].headers["if-none-match"] == nil)
    }

    @Test func otherStatusesAreAnswersAndOnlyTransientOnesAreRetried() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/gone") { _ in .status(404) }
        server.route("/broken") { _ in .status(500) }
        let fetcher = Fetcher(settings: .fast { $0.retries = 2 })
        defer { fetcher.shutdown() }

        let gone = await fetcher.get(server.url("/gone")).value
        #expect(gone?.status == 404 && gone?.finalURL == server.url("/gone"))
        #expect(server.requests("/gone").count == 1)
        #expect(await fetcher.get(server.url("/broken")).value?.status == 500)
        #expect(server.requests("/broken").count == 3)
    }

    @Test func aFinalErrorStatusCarriesItsHeaders() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/busy") { _ in .status(503, headers: [("Retry-After", "3600")]) }
        // A Retry-After beyond retryAfterMax is not waited for: the 503 comes back at once.
        let fetcher = Fetcher(settings: .fast { $0.retries = 2; $0.retryAfterMax = 1 })
        defer { fetcher.shutdown() }

        let busy = await fetcher.get(server.url("/busy")).value
        #expect(busy?.status == 503)
        #expect(busy?.headers["retry-after"] == "3600")
    }

    @Test func truncatedBodyIsRetried() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/flaky") { _ in
            var response = LoopbackResponse.text(String(repeating: "x", count: 1000))
            if server.requests("/flaky").count == 1 { response.truncateAfter = 10 }
            return response
        }
        server.route("/dead") { _ in LoopbackResponse(body: Array(repeating: 65, count: 100)).truncated(at: 5) }
        let fetcher = Fetcher(settings: .fast { $0.retries = 1 })
        defer { fetcher.shutdown() }

        let page = try #require(await fetcher.get(server.url("/flaky")).value)
        #expect(page.body.count == 1000)
        #expect(server.requests("/flaky").count == 2)
        // Cut short every time (curl's CURLE_PARTIAL_FILE): a truncated body with the counts, never a page.
        let dead = await fetcher.get(server.url("/dead")).error
        #expect(dead == .truncated(url: server.url("/dead"), received: 5, announced: 100))
        #expect(dead?.description == "truncated body: the connection closed after 5 of 100 announced bytes: \(server.url("/dead"))")
        #expect(server.requests("/dead").count == 2)
    }

    @Test func refusesSchemesOtherThanHTTP() async throws {
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }
        #expect(await fetcher.get("ftp://example.org/file").error == .unsupportedScheme("ftp", url: "ftp://example.org/file"))
        #expect(await fetcher.get("file:///etc/passwd").error == .unsupportedScheme("file", url: "file:///etc/passwd"))
        #expect(await fetcher.get("not a url").error == .invalidURL("not a url"))
    }

    @Test func shutdownFailsPendingFetchesAndLaterOnes() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/slow") { _ in LoopbackResponse.text("late").delayed(by: .seconds(5)) }
        let fetcher = Fetcher(settings: .fast())
        let pending = Task { await fetcher.get(server.url("/slow")) }
        try #require(try await eventually { !server.requests("/slow").isEmpty })
        fetcher.shutdown()
        // The server answers only after 5 s: `.shutDown` instead of the page shows the fetch
        // was ended, not waited for (no wall-clock bound needed).
        #expect(await pending.value.error == .shutDown)
        #expect(await fetcher.get(server.url("/slow")).error == .shutDown)
        #expect(FetchError.shutDown.description == "the fetcher was shut down")
    }

    @Test func cancellingTheTaskEndsRunningAndQueuedFetches() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/slow/*") { _ in LoopbackResponse.text("late").delayed(by: .seconds(5)) }
        let fetcher = Fetcher(settings: .fast { $0.perHostConcurrency = 1 })
        defer { fetcher.shutdown() }

        let running = Task { await fetcher.get(server.url("/slow/1")) }
        try #require(try await eventually { !server.requests().isEmpty })
        let queued = Task { await fetcher.get(server.url("/slow/2")) }  // waits for the origin's only slot
        // Cancelled once it is in the driver's queue (not before it was submitted, which
        // would end it as cancelled without testing the queue).
        try #require(try await eventually { fetcher.submittedTransfers == 2 })
        queued.cancel()
        #expect(await queued.value.error == .cancelled)
        running.cancel()
        // As above: a page would mean the fetch ran to the server's late answer.
        #expect(await running.value.error == .cancelled)
        #expect(server.requests("/slow/2").isEmpty)
        #expect(FetchError.cancelled.description == "the fetch was cancelled")
    }
}

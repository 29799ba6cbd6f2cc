import IngestFetch
import IngestTesting
import LoopbackServer
import Testing

@Suite struct FetcherBodyTests {
    @Test(arguments: [("gzip", "gz"), ("br", "br"), ("zstd", "zst")])
    func decodesCompressedBodies(_ encoding: String, _ suffix: String) async throws {
        let plain = Fixture.bytes("fetch/page.html")
        let compressed = Fixture.bytes("fetch/page.html.\(suffix)")
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/page") { _ in
            LoopbackResponse(headers: [("Content-Type", "text/html"), ("Content-Encoding", encoding)], body: compressed)
        }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let page = try #require(await fetcher.get(server.url("/page")).value)
        #expect(compressed.count < plain.count / 10)
        #expect(page.body == plain)
        #expect(server.requests("/page").first?.headers["accept-encoding"]?.contains(encoding) == true)
    }

    /// A server that announces fewer bytes than it sends: curl stops at the Content-Length and
    /// reports success, so a page whose HTML stops mid-element there is refused as truncated
    /// (and retried), while a whole page, a cut that ends at a tag and other types pass.
    @Test func anHTMLPageCutMidElementByAShortContentLengthIsTruncated() async throws {
        let page = Array("<!DOCTYPE html><html><body><article><p>The council voted on Tuesday to delay the harbour plan.</p></article></body></html>".utf8)
        let cut = page.firstRange(of: Array("voted".utf8))!.lowerBound  // inside the paragraph's text
        let atTag = page.firstRange(of: Array("<p>".utf8))!.upperBound  // right after a tag
        let server = try LoopbackServer()
        defer { server.stop() }
        @Sendable func short(_ length: Int, type: String = "text/html; charset=utf-8") -> LoopbackResponse {
            LoopbackResponse(headers: [("Content-Type", type), ("Content-Length", String(length))], body: page)
        }
        server.route("/mid-text") { _ in short(cut) }
        server.route("/mid-tag") { _ in short(cut - 1 - 30) }
        server.route("/at-tag") { _ in short(atTag) }
        server.route("/whole") { _ in short(page.count) }
        server.route("/plain") { _ in short(cut, type: "text/plain") }
        let fetcher = Fetcher(settings: .fast { $0.retries = 1 })
        defer { fetcher.shutdown() }

        let midText = await fetcher.get(server.url("/mid-text")).error
        #expect(midText == .truncated(url: server.url("/mid-text"), received: cut, announced: cut))
        #expect(midText?.description == "truncated page: the HTML stops mid-element at its Content-Length of \(cut) bytes: \(server.url("/mid-text"))")
        #expect(server.requests("/mid-text").count == 2, "retried like a network error")
        #expect(await fetcher.get(server.url("/mid-tag")).error == .truncated(url: server.url("/mid-tag"), received: cut - 31, announced: cut - 31))
        #expect(await fetcher.get(server.url("/at-tag")).value?.body == Array(page.prefix(atTag)))
        #expect(await fetcher.get(server.url("/whole")).value?.body == page)
        #expect(await fetcher.get(server.url("/plain")).value?.body == Array(page.prefix(cut)))
    }

    @Test func refusesAnOversizeBodyWithContentLength() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/big") { _ in LoopbackResponse(body: Array(repeating: 120, count: 200_000)) }
        let fetcher = Fetcher(settings: .fast { $0.maxPageBytes = 100_000 })
        defer { fetcher.shutdown() }
        #expect(await fetcher.get(server.url("/big")).error == .tooLarge(url: server.url("/big"), limit: 100_000))
        #expect(server.requests("/big").count == 1)  // not retried
    }

    @Test func refusesAnOversizeBodyWithoutContentLength() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/stream") { _ in
            var response = LoopbackResponse()
            response.raw = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n".utf8)
                + Array(repeating: 120, count: 300_000)
            return response
        }
        let fetcher = Fetcher(settings: .fast { $0.maxPageBytes = 100_000 })
        defer { fetcher.shutdown() }
        #expect(await fetcher.get(server.url("/stream")).error == .tooLarge(url: server.url("/stream"), limit: 100_000))
    }

    @Test func stopsAGzipBombAtTheLimit() async throws {
        let bomb = Fixture.bytes("fetch/bomb-20mb-zeros.gz")  // 20 MB of zeros in ~20 KB
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/bomb") { _ in LoopbackResponse(headers: [("Content-Encoding", "gzip")], body: bomb) }
        let fetcher = Fetcher(settings: .fast { $0.maxPageBytes = 1_000_000 })
        defer { fetcher.shutdown() }
        #expect(bomb.count < 1_000_000)
        #expect(await fetcher.get(server.url("/bomb")).error == .tooLarge(url: server.url("/bomb"), limit: 1_000_000))
    }

    @Test func detectsWindows1251LabelledOnlyInMeta() async throws {
        let bytes = Fixture.bytes("charset/windows-1251-meta-only.html")
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/ru") { _ in LoopbackResponse(headers: [("Content-Type", "text/html")], body: bytes) }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let page = try #require(await fetcher.get(server.url("/ru")).value)
        #expect(page.charset == "windows-1251")
        #expect(page.body == bytes)  // raw bytes are kept
        #expect(String(decoding: page.utf8Body(), as: UTF8.self).contains("<p>Привет, мир</p>"))
    }

    @Test func headerCharsetAndUnlabelledUTF8() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let utf8 = Fixture.bytes("charset/utf8-no-label.html")
        server.route("/plain") { _ in LoopbackResponse(headers: [("Content-Type", "text/html")], body: utf8) }
        server.route("/koi") { _ in
            LoopbackResponse(headers: [("Content-Type", "text/html; charset=KOI8-R")], body: [0xF0, 0xD2, 0xC9])  // "При"
        }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let plain = try #require(await fetcher.get(server.url("/plain")).value)
        #expect(plain.charset == "UTF-8")
        #expect(plain.utf8Body() == utf8)
        let koi = try #require(await fetcher.get(server.url("/koi")).value)
        #expect(koi.charset == "KOI8-R")
        #expect(String(decoding: koi.utf8Body(), as: UTF8.self) == "При")
    }
}

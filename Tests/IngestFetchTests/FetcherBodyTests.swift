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

import Foundation
@testable import IngestPipeline
import IngestStore
import Testing

/// The `response` and `request` blocks of a WARC export: a kept head is written as received
/// (only the lines about removed codings renamed), a capture kept before heads were as before.
@Suite struct WARCExportHeadTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private func capture(head: [UInt8]? = nil, request: [UInt8]? = nil) -> RawCapture {
        RawCapture(copy: "c1", contentHash: "sha256:1", url: "http://a.test/x?y=1", finalURL: "http://a.test:8080/x?y=1",
                   status: 200, headers: [["content-encoding", "gzip"], ["content-type", "text/html"], ["set-cookie", "a=1, b=2"]],
                   fetched: "2026-11-01T00:00:00Z", ip: "127.0.0.1", body: "sha1:X", length: 4, head: head, request: request)
    }

    @Test func aHeadWithoutCodingsIsWrittenByteForByte() {
        let head = bytes("HTTP/1.1 200 Fine Thanks\r\nX-Odd-CASE: one\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 4\r\n\r\n")
        #expect(WARCArchive.decodedHead(head, bodyLength: 4) == head)
        let (_, response) = WARCArchive.exchange(capture(head: head), body: bytes("abcd"))
        #expect(response.block == head + bytes("abcd"))
    }

    @Test func removedCodingsAreRenamedAndTheBodysLengthFollows() {
        let head = bytes("HTTP/2 200 \r\ncontent-encoding: gzip\r\ncontent-length: 120\r\nvary: Accept-Encoding\r\n\r\n")
        #expect(WARCArchive.decodedHead(head, bodyLength: 4) == bytes(
            "HTTP/2 200 \r\nX-Crawler-content-encoding: gzip\r\nX-Crawler-content-length: 120\r\nContent-Length: 4\r\nvary: Accept-Encoding\r\n\r\n"))
    }

    @Test func aChunkedHeadGetsTheBodysLengthAtItsEnd() {
        let head = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: identity\r\n\r\n")
        #expect(WARCArchive.decodedHead(head, bodyLength: 7) == bytes(
            "HTTP/1.1 200 OK\r\nX-Crawler-Transfer-Encoding: chunked\r\nContent-Encoding: identity\r\nContent-Length: 7\r\n\r\n"))
    }

    @Test func foldedLinesAndBareLineFeedsStayAsTheyCame() {
        let head = bytes("HTTP/1.0 200 OK\nX-Long: a\n  content-length: 9\nContent-Length: 3\n\n")
        #expect(WARCArchive.decodedHead(head, bodyLength: 3) == head)
    }

    @Test func aKeptRequestHeadIsWrittenAsSent() {
        let request = bytes("GET /x?y=1 HTTP/1.1\r\nHost: a.test:8080\r\nUser-Agent: ingest/1\r\nAccept: */*\r\n\r\n")
        let (written, _) = WARCArchive.exchange(capture(head: bytes("HTTP/1.1 200 OK\r\n\r\n"), request: request), body: [])
        #expect(written.block == request)
    }

    /// Captures from before heads were kept export exactly as they did.
    @Test func aCaptureWithoutHeadsIsRebuiltAsBefore() {
        let (request, response) = WARCArchive.exchange(capture(), body: bytes("abcd"))
        #expect(request.block == bytes("GET /x?y=1 HTTP/1.1\r\nHost: a.test:8080\r\n\r\n"))
        #expect(response.block == bytes("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nset-cookie: a=1, b=2\r\ncontent-length: 4\r\n\r\nabcd"))
    }

    /// Heads go into `raw/captures.jsonl` as JSON strings: every byte comes back, and a line
    /// written before them (no `head`, `request`) still reads, and is written without them.
    @Test func headsSurviveJSONAndOldLinesStillRead() throws {
        let head: [UInt8] = bytes("HTTP/1.1 200 OK\r\nX-Name: caf") + [0xE9, 0x00, 0xFF] + bytes("\r\n\r\n")
        let kept = capture(head: head, request: bytes("GET / HTTP/1.1\r\n\r\n"))
        let decoded = try JSONDecoder().decode(RawCapture.self, from: try JSONEncoder().encode(kept))
        #expect(decoded.headBytes == head)
        #expect(decoded.requestBytes == bytes("GET / HTTP/1.1\r\n\r\n"))
        let old = #"{"copy":"c1","content_hash":"sha256:1","url":"http://a.test/","final_url":"http://a.test/","status":200,"headers":[["content-type","text/html"]],"fetched":"2026-11-01T00:00:00Z","ip":null,"body":"sha1:X","length":4}"#
        let oldCapture = try JSONDecoder().decode(RawCapture.self, from: Data(old.utf8))
        #expect(oldCapture.head == nil && oldCapture.request == nil)
        let again = String(decoding: try JSONEncoder().encode(oldCapture), as: UTF8.self)
        #expect(!again.contains("\"head\"") && !again.contains("\"request\""))
    }
}

import Foundation
import IngestWARC
import Testing
@testable import IngestPipeline

/// Which WARC records `ingest import` takes as pages, and what it makes of their HTTP answers.
@Suite struct ArchivedPageTests {
    static func record(_ type: WARCRecord.RecordType = .response, url: String? = "https://example.com/a",
                       date: String? = "2026-11-01T08:00:00Z", http: String) -> WARCRecord {
        var headers: [(name: String, value: String)] = []
        if let url { headers.append(("WARC-Target-URI", url)) }
        if let date { headers.append(("WARC-Date", date)) }
        headers.append(("WARC-IP-Address", "192.0.2.7"))
        return WARCRecord(type: type, headers: headers, block: Array(http.utf8))
    }

    static let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\nETag: \"v1\"\r\n\r\n<p>hi</p>"

    @Test(arguments: [
        (record(.request, http: "GET / HTTP/1.1\r\n\r\n"), "a request record"),
        (record(.revisit, http: page), "a revisit record"),
        (record(url: nil, http: page), "not an http(s) response"),
        (record(url: "dns:example.com", http: page), "not an http(s) response"),
        (record(date: nil, http: page), "no valid WARC-Date"),
        (record(date: "yesterday", http: page), "no valid WARC-Date"),
        (record(http: "HTTP/1.1 404 Not Found\r\n\r\n"), "HTTP 404"),
        (record(http: "HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n"), "HTTP 301"),
        (record(http: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}"), "not HTML (image/png)"),
        (record(http: "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx"), "Content-Encoding br"),
        (record(http: "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nnot gzip"), "a compressed body that does not inflate within maxPageBytes"),
        (record(http: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), "a chunked body that is cut short or malformed"),
        (record(http: "no http here"), "no HTTP response in the record"),
        (record(http: "HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 101)), "larger than maxPageBytes"),
    ])
    func skipsWithAReason(_ record: WARCRecord, _ reason: String) {
        switch ArchivedPage.decide(record, maxPageBytes: 100) {
        case .success(let page): Issue.record("taken as a page: \(page.url)")
        case .failure(let skip): #expect(skip.reason == reason)
        }
    }

    @Test func takesAnHTMLAnswerAsTheFetcherWouldHaveIt() throws {
        let page = try ArchivedPage.decide(Self.record(http: Self.page), maxPageBytes: 100).get()
        #expect(page.url == "https://example.com/a")
        #expect(page.response.fetchedAt == Date(timeIntervalSince1970: 1_793_520_000))
        #expect(page.response.charset == "windows-1251")
        #expect(page.response.etag == "\"v1\"")
        #expect(page.response.remoteIP == "192.0.2.7")
        #expect(page.response.body == Array("<p>hi</p>".utf8))
    }

    @Test func removesTransferAndContentCodingsAsCurlDoes() throws {
        let html = Array("<html><body><p>Привет</p></body></html>".utf8)
        let gzipped = GzipMemberCompressor().member(html)
        var chunked = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        chunked += Array(String(gzipped.count, radix: 16).utf8) + [13, 10] + gzipped + Array("\r\n0\r\n\r\n".utf8)
        let record = WARCRecord(type: .response, headers: [("WARC-Target-URI", "http://example.com/"),
                                                           ("WARC-Date", "2026-11-01T08:00:00Z")], block: chunked)
        let page = try ArchivedPage.decide(record, maxPageBytes: 1000).get()
        #expect(page.response.body == html)
        #expect(page.response.headers["content-encoding"] == nil)
        #expect(page.response.charset == "UTF-8")
    }
}

import Foundation
import IngestTesting
import LoopbackServer
import Testing

/// `ingest extract` run as a user would, on fixture files.
@Suite struct ExtractCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/articles")

    func path(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    @Test func jsonlHasOneRecordPerInputInOrderWithSpecFields() throws {
        let inputs = [path("metadata-visible-byline-time.html"), path("listing-page.html"),
                      path("structure-headings-lists-tables.html")]
        let result = try IngestBinary.run(["extract", "--format", "jsonl"] + inputs)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let records = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(records.map { $0["input"] as? String } == inputs)
        let fields: Set<String> = ["input", "kind", "reason", "title", "text", "author", "published", "modified",
                                   "site", "url", "language", "description"]
        for record in records { #expect(Set(record.keys) == fields) }
        #expect(records[0]["kind"] as? String == "article")
        #expect(records[0]["author"] as? String == "Omar Haddad")
        #expect(records[0]["published"] as? String == "2023-09-14T07:30:00+03:00")
        #expect(records[0]["reason"] is NSNull)
        #expect(records[1]["kind"] as? String == "not-article")
        #expect((records[1]["reason"] as? String)?.hasPrefix("listing page") == true)
        #expect((records[2]["text"] as? String)?.contains("\n\nWhere the money goes\n\n") == true)
    }

    @Test func unreadableFileAndURLFailWithExitCodeThreeButOthersArePrinted() throws {
        let missing = path("does-not-exist.html")
        let unreachable = "http://127.0.0.1:\(closedLoopbackPort())/story"
        let result = try IngestBinary.run(["extract", "--format", "jsonl", missing, unreachable, path("no-body.html")])
        #expect(result.status == 3)
        #expect(result.stderr.contains("does-not-exist.html: no such file"))
        #expect(result.stderr.contains("\(unreachable): network error"))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[2].contains("\"kind\": \"article\""))
    }

    /// The fetcher hands every status back as an answer; `extract` takes only a 2xx as the
    /// page, so a 404 whose error page reads like an article fails with its status.
    @Test func aURLAnsweringAnErrorStatusFailsWithThatStatus() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let story = String(repeating: "<p>This error page is long enough prose to read as a story if it were taken.</p>", count: 6)
        server.route("/gone") { _ in
            LoopbackResponse(status: 404, headers: [("Content-Type", "text/html")],
                             body: Array("<html><head><title>T</title></head><body><article>\(story)</article></body></html>".utf8))
        }
        let result = try IngestBinary.run(["extract", "--format", "jsonl", server.url("/gone")])
        #expect(result.status == 3)
        #expect(result.stderr.contains("\(server.url("/gone")): HTTP 404: \(server.url("/gone"))"))
        let record = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(record["kind"] as? String == "not-article")
        #expect(record["reason"] as? String == "failed: HTTP 404: \(server.url("/gone"))")
        #expect(record["text"] as? String == "")
    }

    /// A story of four paragraphs opening "Привет, мир" in windows-1251, with no charset label.
    static let windows1251Page: [UInt8] = {
        let greeting: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x2C, 0x20, 0xEC, 0xE8, 0xF0]
        let paragraph = Array("<p>".utf8) + greeting
            + Array(". The rest of this paragraph is plain ASCII prose, long enough to be read as a story.</p>".utf8)
        return Array("<html><head><title>T</title></head><body><article>".utf8)
            + Array(repeating: paragraph, count: 4).flatMap { $0 } + Array("</article></body></html>".utf8)
    }()

    @Test func aURLIsFetchedAndDecodedFromItsHeaderCharset() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let page = Self.windows1251Page  // labelled only by the HTTP header
        server.route("/ru") { _ in
            LoopbackResponse(headers: [("Content-Type", "text/html; charset=windows-1251")], body: page)
        }
        let result = try IngestBinary.run(["extract", "--format", "jsonl", server.url("/ru")])
        #expect(result.status == 0)
        let record = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((record["text"] as? String)?.contains("Привет, мир") == true)
        #expect(server.requests("/ru").first?.headers["user-agent"]?.hasPrefix("ingest/") == true)
    }

    /// A saved page that names no charset (its server's header is lost) and is not UTF-8 is
    /// read in the charset its bytes read best in, not as windows-1252.
    @Test func aSavedFileWithoutACharsetIsReadInTheOneItsBytesReadBestIn() throws {
        let folder = TemporaryDirectory("ingest-charset")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("ru.html")
        try Data(Self.windows1251Page).write(to: file)
        let result = try IngestBinary.run(["extract", "--format", "jsonl", file.path])
        #expect(result.status == 0)
        let record = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((record["text"] as? String)?.contains("Привет, мир") == true)
    }

    @Test func textFormatShowsMetadataThenText() throws {
        let result = try IngestBinary.run(["extract", path("metadata-visible-byline-time.html")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("kind: article"))
        #expect(result.stdout.contains("title: New bridge opens after six years"))
        #expect(result.stdout.contains("The crossing cuts the journey"))
    }

    @Test func jsonFormatIsOneArray() throws {
        let result = try IngestBinary.run(["extract", "--format", "json", path("no-body.html"), path("frameset.html")])
        #expect(result.status == 0)
        let array = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[1]["kind"] as? String == "not-article")
    }

    @Test func noInputIsAUsageError() throws {
        let result = try IngestBinary.run(["extract"])
        #expect(result.status == 64)
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try IngestBinary.run(["extract", "--format", "xml", path("no-body.html")])
        #expect(result.status == 64)
    }
}

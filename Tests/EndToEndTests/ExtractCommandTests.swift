import Foundation
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
        let result = try IngestBinary.run(["extract", "--format", "jsonl", missing,
                                           "https://example.com/story", path("no-body.html")])
        #expect(result.status == 3)
        #expect(result.stderr.contains("does-not-exist.html: no such file"))
        #expect(result.stderr.contains("fetching URLs is not wired yet"))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[2].contains("\"kind\": \"article\""))
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

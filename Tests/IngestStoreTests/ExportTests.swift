import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

@Suite struct ExportTests {
    /// A store with three stories, one merged, one copy revised and one deleted.
    private func makeStore(_ temp: TempDirectory) throws -> Store {
        let store = try Store.open(directory: temp.store, access: .write, clock: clock(0))
        _ = try store.append(copies: [sampleCopy(1, story: "s1"), sampleCopy(2, story: "s1"),
                                      sampleCopy(3, story: "s2"), sampleCopy(4, story: "s3"), sampleCopy(5, story: "s3")])
        _ = try store.append(copies: [sampleCopy(3, story: "s2", version: 2)])
        _ = try store.markDeleted(copyIDs: ["copy-4"])
        try store.append(aliases: [StoryAlias(from: "s3", to: "s2")])
        return store
    }

    @Test func storiesCarrySpecFieldsWithNullsAndTheirCopies() throws {
        let temp = TempDirectory()
        let stories = try jsonObjects(makeStore(temp).exported())
        #expect(stories.map { $0["id"] as? String } == ["s1", "s2"])
        #expect(Set(stories[0].keys) == ["id", "url", "title", "text", "author", "published", "published_utc", "site",
                                         "language", "content_hash", "first_seen", "updated", "revision", "copies"])
        #expect(stories[1]["author"] is NSNull)  // copy-3 has no authors
        #expect(stories[1]["revision"] as? Int == 2)
        let copies = try #require(stories[1]["copies"] as? [[String: Any]])
        #expect(copies.map { $0["url"] as? String } == ["https://site0.test/article/3", "https://site2.test/article/5"])
        #expect(Set(copies[0].keys) == ["url", "title", "source", "first_seen", "content_hash"])
    }

    @Test func perCopyRecordsNameTheirStory() throws {
        let temp = TempDirectory()
        let copies = try jsonObjects(makeStore(temp).exported(ExportOptions(perCopy: true, includeDeleted: true)))
        #expect(copies.map { $0["story"] as? String } == ["s1", "s1", "s2", "s2", "s2"])
        #expect(copies.map { $0["deleted"] as? Bool } == [nil, nil, nil, true, nil])
        #expect(Set(copies[0].keys) == ["story", "url", "title", "text", "author", "published", "published_utc", "site",
                                        "language", "source", "first_seen", "updated", "content_hash", "revision"])
        #expect(copies[0]["site"] as? String == "site1.test" && copies[0]["language"] as? String == "en")
        #expect(copies[0]["updated"] is String)
    }

    @Test func anUnchangedStoreExportsByteIdentically() throws {
        let temp = TempDirectory()
        let first = try makeStore(temp).exported()
        let reopened = try Store.open(directory: temp.store, access: .write, clock: clock(999))
        _ = try reopened.append(copies: [sampleCopy(1, story: "s1"), sampleCopy(3, story: "s2", version: 2)])
        #expect(try reopened.exported() == first)
        #expect(try Store.open(directory: temp.store, access: .read).exported() == first)
    }

    @Test func sinceKeepsRecordsUpdatedAtOrAfterTheDate() throws {
        let temp = TempDirectory()
        do { _ = try Store.open(directory: temp.store, access: .write, clock: clock(0)).append(copies: [sampleCopy(1)]) }
        let store = try Store.open(directory: temp.store, access: .write, clock: clock(86_400 * 3))
        _ = try store.append(copies: [sampleCopy(2)])
        let since = try #require(Timestamp.string(parsing: "2026-01-02"))
        #expect(since == "2026-01-02T00:00:00Z")
        #expect(try jsonObjects(store.exported(ExportOptions(filter: ExportFilter(since: since)))).map { $0["id"] as? String } == ["story-2"])
        #expect(Timestamp.string(parsing: "2026-01-02T03:00:00+02:00") == "2026-01-02T01:00:00Z")
        #expect(Timestamp.string(parsing: "yesterday") == nil)
    }

    @Test func publishedIsAlsoGivenInUTC() throws {
        let temp = TempDirectory()
        var copy = sampleCopy(1)
        copy.article.metadata.published = "2026-01-02T03:00:00+02:00"
        _ = try Store.open(directory: temp.store, access: .write, clock: clock(0)).append(copies: [copy, sampleCopy(2)])
        let stories = try jsonObjects(Store.open(directory: temp.store, access: .read).exported())
        #expect(stories[0]["published"] as? String == "2026-01-02T03:00:00+02:00", "the page's own form is kept")
        #expect(stories[0]["published_utc"] as? String == "2026-01-02T01:00:00Z")
    }

    /// The filter is a pure decision over a record's fields.
    @Test func filterDecidesOnDatesSitesSourcesAndLanguages() {
        func accepts(_ filter: ExportFilter, published: String? = "2026-03-10T23:30:00-02:00", site: String? = "News.Example",
                     language: String? = "en-GB", sources: [String] = ["wire", "import"]) -> Bool {
            filter.accepts(updated: "2026-03-01T00:00:00Z", published: published, firstSeen: "2026-02-01T00:00:00Z",
                           site: site, language: language, sources: sources)
        }
        #expect(accepts(ExportFilter()))
        #expect(accepts(ExportFilter(since: "2026-03-01T00:00:00Z")) && !accepts(ExportFilter(since: "2026-03-01T00:00:01Z")))
        #expect(accepts(ExportFilter(until: "2026-03-01T00:00:00Z")) && !accepts(ExportFilter(until: "2026-02-28T23:59:59Z")))
        // published is compared in UTC: 23:30 at -02:00 is the next day.
        #expect(accepts(ExportFilter(dateField: .published, since: "2026-03-11T00:00:00Z")))
        #expect(!accepts(ExportFilter(dateField: .published, since: "2026-03-01T00:00:00Z"), published: nil))
        #expect(accepts(ExportFilter(dateField: .firstSeen, until: "2026-02-01T00:00:00Z")))
        #expect(!accepts(ExportFilter(dateField: .firstSeen, since: "2026-02-02T00:00:00Z")))
        #expect(accepts(ExportFilter(sites: ["news.example"])) && !accepts(ExportFilter(sites: ["other.example"])))
        #expect(!accepts(ExportFilter(sites: ["news.example"]), site: nil))
        #expect(accepts(ExportFilter(sources: ["import"])) && !accepts(ExportFilter(sources: ["feed"])))
        #expect(accepts(ExportFilter(languages: ["en"])) && accepts(ExportFilter(languages: ["EN-gb"])))
        #expect(!accepts(ExportFilter(languages: ["e"])) && !accepts(ExportFilter(languages: ["en"]), language: nil))
        #expect(accepts(ExportFilter(languages: ["fr", "en"])))
    }

    @Test func filtersApplyToStoriesAndCopies() throws {
        let temp = TempDirectory()
        let store = try makeStore(temp)
        let bySite = try jsonObjects(store.exported(ExportOptions(filter: ExportFilter(sites: ["site1.test"]))))
        #expect(bySite.map { $0["id"] as? String } == ["s1"], "a story by its representative's site")
        let copies = try jsonObjects(store.exported(ExportOptions(perCopy: true, filter: ExportFilter(sites: ["site2.test"]))))
        #expect(copies.map { $0["url"] as? String } == ["https://site2.test/article/2", "https://site2.test/article/5"])
        let published = ExportFilter(dateField: .published, since: "2026-01-04T00:00:00Z", until: "2026-01-05T00:00:00Z")
        let dated = try jsonObjects(store.exported(ExportOptions(perCopy: true, filter: published)))
        #expect(dated.map { $0["published"] as? String } == ["2026-01-04T10:00:00Z"])
        #expect(try store.exported(ExportOptions(filter: ExportFilter(sources: ["import"]))).isEmpty)
    }

    @Test func csvCanStartWithAByteOrderMark() throws {
        let temp = TempDirectory()
        let store = try makeStore(temp)
        let path = temp.store + "-bom.csv"
        try store.export(ExportOptions(format: .csv, byteOrderMark: true), to: .file(path: path))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(bytes.prefix(5)) == [0xEF, 0xBB, 0xBF, UInt8(ascii: "i"), UInt8(ascii: "d")])
        #expect(try !store.exported(ExportOptions(format: .csv)).hasPrefix("\u{FEFF}"))
    }

    @Test func csvWithDeletedHasADeletedColumn() throws {
        let temp = TempDirectory()
        let store = try makeStore(temp)
        let copies = CSVReader.parse(try store.exported(ExportOptions(format: .csv, perCopy: true, includeDeleted: true)))
        #expect(copies.first?.last == "deleted")
        #expect(copies.dropFirst().map { $0[1] } == (1...5).map { "https://site\($0 % 3).test/article/\($0)" })
        #expect(copies.dropFirst().map(\.last) == ["false", "false", "false", "true", "false"])
        let stories = CSVReader.parse(try store.exported(ExportOptions(format: .csv, includeDeleted: true)))
        #expect(stories.first?.last == "deleted" && stories.dropFirst().map(\.last) == ["false", "false"])
        #expect(CSVReader.parse(try store.exported(ExportOptions(format: .csv))).first?.contains("deleted") == false)
    }

    @Test func csvQuotesCommasQuotesAndNewlines() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.store, access: .write)
        let title = #"He said "hi", then left"#
        let text = "Line one, with comma.\n\nLine \"two\"\r\nend"
        _ = try store.append(copies: [sampleCopy(1, title: title, text: text), sampleCopy(2, title: "plain")])
        let csv = try store.exported(ExportOptions(format: .csv))
        let rows = CSVReader.parse(csv)
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.count == 15 })
        #expect(rows[1][2] == title)
        #expect(rows[1][3] == text)
        #expect(rows[1][13] == "1")
        #expect(rows[2][2] == "plain")
        #expect(csv.contains(#""He said ""hi"", then left""#))
    }

    @Test func outputFileIsReplacedWholeWithNoTempLeft() throws {
        let temp = TempDirectory()
        let store = try makeStore(temp)
        let path = temp.path + "/out.jsonl"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let counts = try store.export(ExportOptions(), to: .file(path: path))
        #expect(counts.records == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == store.exported())
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["out.jsonl", "store"])
    }
}

/// A strict RFC 4180 reader for checking the writer.
enum CSVReader {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if quoted {
                if c == "\"" {
                    let next = text.index(after: index)
                    if next < text.endIndex && text[next] == "\"" { field.append("\""); index = next } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\r\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
            index = text.index(after: index)
        }
        return rows
    }
}

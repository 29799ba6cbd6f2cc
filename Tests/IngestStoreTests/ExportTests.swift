import Foundation
import TestSupport
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
        #expect(Set(stories[0].keys) == ["id", "url", "title", "text", "author", "published", "site", "language",
                                         "content_hash", "first_seen", "updated", "revision", "copies"])
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
        #expect(Set(copies[0].keys) == ["story", "url", "title", "text", "author", "published", "source",
                                        "first_seen", "content_hash", "revision"])
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
        let since = try #require(Store.timestamp(parsing: "2026-01-02"))
        #expect(since == "2026-01-02T00:00:00Z")
        #expect(try jsonObjects(store.exported(ExportOptions(since: since))).map { $0["id"] as? String } == ["story-2"])
        #expect(Store.timestamp(parsing: "2026-01-02T03:00:00+02:00") == "2026-01-02T01:00:00Z")
        #expect(Store.timestamp(parsing: "yesterday") == nil)
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
        #expect(rows.allSatisfy { $0.count == 14 })
        #expect(rows[1][2] == title)
        #expect(rows[1][3] == text)
        #expect(rows[1][12] == "1")
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

import Foundation
import IngestTesting
import Testing

/// The commands with `--store postgresql://…` against a real server (`scripts/with-postgres`),
/// one fresh database per test.
@Suite(.enabled(if: TestDatabase.available, Comment(rawValue: TestDatabase.skipReason)), .serialized)
struct PostgresCommandTests {
    /// The wall clock frozen for both stores (faketime), so that they carry the same timestamps.
    static let frozen = "2026-12-01 10:00:00"

    /// A `--copies` export as its copies (each line without its story id) and its partition
    /// (the sets of URLs that share a story).
    static func copies(_ export: String) throws -> (copies: Set<String>, stories: Set<Set<String>>) {
        var copies: Set<String> = [], stories: [String: Set<String>] = [:]
        for line in export.split(separator: "\n") {
            var record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let story = try #require(record.removeValue(forKey: "story") as? String)
            stories[story, default: []].insert(try #require(record["url"] as? String))
            copies.insert(String(decoding: try JSONSerialization.data(withJSONObject: record, options: .sortedKeys), as: UTF8.self))
        }
        return (copies, Set(stories.values))
    }

    @Test func theSamePagesExportTheSameBytesAsADirectoryStore() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let temp = TemporaryDirectory("ingest-pg")
        defer { temp.remove() }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/articles")
        let pages = ["metadata-visible-byline-time.html", "metadata-jsonld-two-authors.html", "listing-page.html",
                     "metadata-byline-labels-published.html"].map { fixtures.appendingPathComponent($0).path }
        // One page per run: the pages of one import are handled in parallel, in any order.
        for store in ["dir", db.url] {
            for page in pages {
                let result = try IngestBinary.run(["import", page, "--store", store], in: temp.url, clockOffset: Self.frozen)
                #expect(result.status == (page.hasSuffix("listing-page.html") ? 3 : 0), "\(result.stderr)")
            }
        }
        for format in [["--format", "jsonl"], ["--copies"], ["--format", "csv"], ["--include-deleted"]] {
            let fromDirectory = try IngestBinary.run(["export", "--store", "dir"] + format, in: temp.url)
            let fromDatabase = try IngestBinary.run(["export", "--store", db.url] + format, in: temp.url)
            #expect(fromDatabase.status == 0, "\(fromDatabase.stderr)")
            #expect(fromDirectory.stdout.split(separator: "\n").count >= 3)
            #expect(fromDatabase.stdout == fromDirectory.stdout, "\(format)")
        }
    }

    @Test func syncExportStatusAndCompactWorkAsWithADirectory() throws {
        let setup = try Setup()
        defer { setup.close() }
        let (world, db, temp) = (setup.world, setup.db, setup.temp)

        let intoDirectory = try IngestBinary.run(["sync", "--store", "dir"], in: temp.url, clockOffset: Self.frozen)
        #expect(intoDirectory.status == 0, "\(intoDirectory.stderr)")
        let intoDatabase = try IngestBinary.run(["sync", "--store", db.url], in: temp.url, clockOffset: Self.frozen)
        #expect(intoDatabase.status == 0, "\(intoDatabase.stderr)")
        #expect(intoDatabase.stderr.contains("4 new"), "\(intoDatabase.stderr)")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/postgresql:"), "no directory named after the URL")

        // Which copy a sync stores first depends on which source answers first, and that copy
        // names the story; the copies and how they are grouped do not.
        let fromDirectory = try Self.copies(try IngestBinary.run(["export", "--copies", "--store", "dir"], in: temp.url).stdout)
        let fromDatabase = try Self.copies(try IngestBinary.run(["export", "--copies", "--store", db.url], in: temp.url).stdout)
        #expect(fromDirectory.copies.count == 4 && fromDirectory.stories.count == 3)
        #expect(fromDatabase.copies == fromDirectory.copies)
        #expect(fromDatabase.stories == fromDirectory.stories)

        // The fetch states came back from the database: a second sync downloads no article body.
        // (The clock moved on from the frozen one, so the articles are due for revalidation.)
        let articlesBefore = world.articleRequests().count
        #expect(try IngestBinary.run(["sync", "--force", "--store", db.url], in: temp.url).status == 0)
        let again = world.articleRequests().dropFirst(articlesBefore)
        #expect(!again.isEmpty && again.allSatisfy { $0.headers["if-none-match"] != nil }, "conditional requests only (304)")

        let status = try IngestBinary.run(["status", "--json", "--store", db.url], in: temp.url)
        #expect(status.status == 0, "\(status.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(json["directory"] as? String == db.url, "named by its URL")
        #expect(json["copies"] as? Int == 4 && json["exists"] as? Bool == true, "\(status.stdout)")
        #expect((json["last_sync"] as? [String: Any])?["exit_code"] as? Int == 0)

        let before = try IngestBinary.run(["export", "--store", db.url], in: temp.url).stdout
        let compact = try IngestBinary.run(["compact", "--store", db.url], in: temp.url)
        #expect(compact.status == 0, "\(compact.stderr)")
        #expect(try IngestBinary.run(["export", "--store", db.url], in: temp.url).stdout == before, "compaction changes no export")
    }

    @Test func concurrentSyncsAllSucceedAndFetchEachPageOnce() throws {
        let setup = try Setup()
        defer { setup.close() }
        let (world, db, temp) = (setup.world, setup.db, setup.temp)
        for result in PostgresWorkersTests.syncs(3, store: db.url, in: temp.url) {
            #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
        }
        let pages = world.articleRequests().map(\.path)
        #expect(pages.count == Set(pages).count && pages.count == 4, "\(pages)")
        let export = try IngestBinary.run(["export", "--copies", "--store", db.url], in: temp.url).stdout
        #expect(export.split(separator: "\n").count == 4)
    }

    @Test func migrateMovesAStoreAndBack() throws {
        let setup = try Setup()
        defer { setup.close() }
        let (world, db, temp) = (setup.world, setup.db, setup.temp)
        #expect(try IngestBinary.run(["sync"], in: temp.url).status == 0)
        let there = try IngestBinary.run(["migrate", "--from", "store", "--to", db.url], in: temp.url)
        #expect(there.status == 0, "\(there.stderr)")
        let back = try IngestBinary.run(["migrate", "--from", db.url, "--to", "back"], in: temp.url)
        #expect(back.status == 0, "\(back.stderr)")
        let original = try IngestBinary.run(["export", "--copies", "--include-deleted"], in: temp.url).stdout
        #expect(!original.isEmpty)
        #expect(try IngestBinary.run(["export", "--copies", "--include-deleted", "--store", db.url], in: temp.url).stdout == original)
        #expect(try IngestBinary.run(["export", "--copies", "--include-deleted", "--store", "back"], in: temp.url).stdout == original)
        let again = try IngestBinary.run(["migrate", "--from", "store", "--to", db.url], in: temp.url)
        #expect(again.status == 1 && again.stderr.contains("already holds a store"), "\(again.stderr)")
        #expect(try IngestBinary.run(["migrate", "--from", "store", "--to", "elsewhere"], in: temp.url).status == 64)
    }

    @Test func aNewerSchemaOrAnUnreachableServerIsExit1AndWritesNothing() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let temp = TemporaryDirectory("ingest-pg")
        defer { temp.remove() }
        let feeds = #"{"sources": [{"name": "a", "url": "http://127.0.0.1:PORT/feed.xml"}]}"#
            .replacingOccurrences(of: "PORT", with: "\(closedLoopbackPort())")
        try feeds.write(to: temp.url.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
        try SmallWorld.page(title: "A page", paragraphs: SmallWorld.paragraphs(seed: 4), canonical: nil)
            .write(to: temp.url.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)
        let first = try IngestBinary.run(["import", "page.html", "--store", db.url], in: temp.url)
        #expect(first.status == 0, "\(first.stderr)")
        try db.sql("UPDATE ingest_schema SET version = 99")
        for command in [["sync"], ["status"], ["export"], ["compact"], ["import", "x.html"]] {
            let result = try IngestBinary.run(command + ["--store", db.url], in: temp.url)
            #expect(result.status == 1 && result.stderr.contains("written by a newer ingest"), "\(command): \(result.stderr)")
        }
        let closed = "postgresql://ingest:secret@127.0.0.1:\(closedLoopbackPort())/news"
        for command in [["sync"], ["status"], ["export"]] {
            let result = try IngestBinary.run(command + ["--store", closed], in: temp.url)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("postgresql://ingest@127.0.0.1:") && !result.stderr.contains("secret"), "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["feeds.json", "page.html"], "nothing created")
    }
}

/// Results written by concurrent iterations, each to its own slot.
final class ResultBox: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var slots: [IngestBinary.Result?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: IngestBinary.Result?) { lock.withLock { slots[index] = value } }

    var values: [IngestBinary.Result?] { lock.withLock { slots } }
}

/// A loopback world, a fresh database and a working directory holding the world's feeds.json.
struct Setup {
    let world: SmallWorld
    let db: TestDatabase
    let temp = TemporaryDirectory("ingest-pg")

    init() throws {
        world = try SmallWorld()
        db = try TestDatabase()
        try world.feedsJSON.write(to: temp.url.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
    }

    func close() {
        world.server.stop()
        db.drop()
        temp.remove()
    }
}

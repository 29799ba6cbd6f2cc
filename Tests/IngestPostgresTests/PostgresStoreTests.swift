import Foundation
import IngestCore
import IngestPipeline
@testable import IngestPostgres
import IngestStore
import IngestTesting
import Testing

/// The PostgreSQL store against a real server (`scripts/with-postgres`), one fresh database per test.
@Suite(.enabled(if: TestDatabase.available, Comment(rawValue: TestDatabase.skipReason)), .serialized)
struct PostgresStoreTests {
    /// A copy whose text depends on `i` and `version`.
    static func copy(_ i: Int, story: String? = nil, version: Int = 1) -> CopyInput {
        CopyInput(id: "copy-\(i)", story: story ?? "story-\(i)", url: "https://site\(i % 3).test/article/\(i)",
                  metadata: ArticleMetadata(title: "Title \(i)", authors: i % 2 == 0 ? ["A. Writer"] : [],
                                            published: "2026-01-0\(1 + i % 9)T10:00:00Z", site: "site\(i % 3).test",
                                            language: "en"),
                  text: "Paragraph one of \(i) v\(version).\n\nParagraph two.", source: "feed", contentHash: "sha256:\(i)-v\(version)")
    }

    /// Writes a small store with every kind of record through the engine's interface.
    /// Two sync workers open on one database at once (no waiting).
    static func twoWorkers(_ db: TestDatabase) throws -> (LiveStore, LiveStore) {
        let url = try PostgresURL(db.url)
        return (try LiveStore.open(postgres: url, worker: true), try LiveStore.open(postgres: url, worker: true))
    }

    static func fill(_ live: LiveStore, from first: Int = 0, count: Int = 6) throws {
        let adapter = live.adapter
        for i in first..<first + count {
            try adapter.saveCopy(copy(i))
            try adapter.saveURLState(URLState(url: "https://site\(i % 3).test/article/\(i)", copyID: "copy-\(i)", source: "feed",
                                              etag: "\"e\(i)\"", firstSeen: Date()))
        }
        try adapter.saveCopy(copy(first + 1, version: 2))  // a revision
        try adapter.saveCopy(copy(first + 2, story: "story-\(first)"))  // a merge
        try adapter.addStoryAlias("story-\(first + 2)", storyID: "story-\(first)")
        try adapter.markCopyDeleted(id: "copy-\(first + 3)", at: Date())
        try adapter.saveSourceState(SourceState(name: "feed"))
        try adapter.saveRunSummary(SyncSummary(started: Date(), ended: Date(), seconds: 1))
        try live.finish()
    }

    static func exported(_ location: String, perCopy: Bool = false) throws -> String {
        let path = NSTemporaryDirectory() + "/ingest-pg-export-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Pipeline.withReadableStore(location) { directory in
            try Store.export(directory: directory, ExportOptions(perCopy: perCopy, includeDeleted: true), to: .file(path: path))
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func theSchemaIsCreatedVersionedAndEmpty() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        #expect(try db.sql("SELECT to_regclass('ingest_schema') IS NULL") == "t", "a reader creates nothing")
        #expect(try Self.exported(db.url).isEmpty)
        _ = try PostgresStore(url: PostgresURL(db.url), writing: true)
        #expect(try db.sql("SELECT version FROM ingest_schema") == "\(PostgresStore.schemaVersion)")
        let tables = try db.sql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE tablename LIKE 'ingest_%'")
        #expect(tables == "ingest_aliases,ingest_copies,ingest_dedup,ingest_dedup_snapshot,ingest_fetch,ingest_leases,ingest_politeness,ingest_politeness_slots,ingest_runs,ingest_schema,ingest_sources,ingest_stories")
        _ = try PostgresStore(url: PostgresURL(db.url), writing: true)  // a second open migrates nothing
        #expect(try db.sql("SELECT count(*) FROM ingest_schema") == "1")
    }

    @Test func aNewerSchemaIsRefusedAndLeftAlone() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try Self.fill(try LiveStore.open(postgres: PostgresURL(db.url)))
        try db.sql("UPDATE ingest_schema SET version = 99")
        for writing in [true, false] {
            #expect(throws: PostgresStoreError.newerSchema(url: try PostgresURL(db.url).description, found: 99,
                                                            supported: PostgresStore.schemaVersion)) {
                _ = try PostgresStore(url: PostgresURL(db.url), writing: writing)
            }
        }
        #expect(throws: PostgresStoreError.self) { _ = try Pipeline.open(store: db.url) }
        #expect(try db.sql("SELECT version FROM ingest_schema") == "99")
    }

    @Test func aDirectoryStoreMovesToPostgresAndBackByteForByte() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let temp = TemporaryDirectory("ingest-pg")
        defer { temp.remove() }
        let original = temp.path + "/store", back = temp.path + "/back"
        try Self.fill(try LiveStore.open(directory: original))
        try Pipeline.migrate(from: original, to: db.url)
        try Pipeline.migrate(from: db.url, to: back)
        for name in Store.recordFileNames + [Store.dedupSnapshotFileName, "format.json"] {
            let before = FileManager.default.contents(atPath: original + "/" + name)
            #expect(before != nil && before == FileManager.default.contents(atPath: back + "/" + name), "\(name)")
        }
        for perCopy in [false, true] {
            let fromDirectory = try Self.exported(original, perCopy: perCopy)
            #expect(fromDirectory.contains("copy-5") || fromDirectory.contains("story-5"))
            #expect(try Self.exported(db.url, perCopy: perCopy) == fromDirectory)
        }
        #expect(throws: PostgresStoreError.notEmpty(try PostgresURL(db.url).description)) {
            try Pipeline.migrate(from: original, to: db.url)
        }
        #expect(throws: PostgresStoreError.notEmpty(back)) { try Pipeline.migrate(from: db.url, to: back) }
    }

    @Test func eachCommitPointIsInTheDatabaseBeforeTheRunEnds() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let live = try LiveStore.open(postgres: PostgresURL(db.url))
        try live.adapter.saveCopy(Self.copy(1))
        try live.adapter.saveURLState(URLState(url: "https://site1.test/article/1", copyID: "copy-1", source: "feed", firstSeen: Date()))
        try live.adapter.saveSourceState(SourceState(name: "feed"))
        // The writer is still open (as a killed one would be): what it committed is there.
        #expect(try db.sql("SELECT count(*) FROM ingest_copies") == "1")
        #expect(try db.sql("SELECT count(*) FROM ingest_fetch") == "1")
        #expect(try db.sql("SELECT count(*) FROM ingest_sources") == "1")
        #expect(try db.sql("SELECT line FROM ingest_copies").contains("\"id\":\"copy-1\""))
        #expect(try Self.exported(db.url).contains("story-1"), "readers see it while the writer runs")
    }

    @Test func twoWritersTakeTurnsAndNeitherLosesAnything() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let url = try PostgresURL(db.url)
        var first: LiveStore? = try LiveStore.open(postgres: url)
        try first!.adapter.saveCopy(Self.copy(1))
        let waited = Flag(), opened = Flag(), finished = Flag()
        let second = Thread {
            defer { finished.set() }
            do {
                let live = try LiveStore.open(postgres: url, onWait: { waited.set() })
                opened.set()
                try live.adapter.saveCopy(Self.copy(2))
                try live.finish()
            } catch {
                Issue.record("second writer: \(error)")
            }
        }
        second.start()
        #expect(waited.wait(seconds: 20), "the second writer finds the lock held")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(!opened.isSet, "and waits while the first one writes")
        try first!.finish()
        first = nil  // closes the connection: the lock is free
        #expect(opened.wait(seconds: 20))
        #expect(finished.wait(seconds: 20))
        let export = try Self.exported(db.url)
        #expect(export.contains("\"story-1\"") && export.contains("\"story-2\""), "\(export)")
        #expect(try db.sql("SELECT count(DISTINCT line) FROM ingest_copies") == "2")
    }

    @Test func aKilledWritersLockIsFreedByTheServer() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        _ = try PostgresStore(url: PostgresURL(db.url), writing: true)
        // Another process takes the writers' lock, idles (as a writer between commits does)
        // and is killed while holding it.
        let holder = Process(), input = Pipe()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["psql", db.url, "-X", "-q"]
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("SELECT pg_advisory_lock(\(PostgresStore.writerLockKey));\n".utf8))
        defer { if holder.isRunning { holder.terminate() } }
        var held = false
        for _ in 0..<200 {
            held = try db.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") == "1"
            if held { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(held)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let start = Date()
        let live = try LiveStore.open(postgres: PostgresURL(db.url))
        try Self.fill(live)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(try db.sql("SELECT count(*) FROM ingest_copies") != "0")
    }

    @Test func aConnectionLostMidRunFailsTheCommitAndKeepsTheOnesBefore() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let live = try LiveStore.open(postgres: PostgresURL(db.url))
        try live.adapter.saveCopy(Self.copy(1))
        try live.adapter.saveSourceState(SourceState(name: "feed"))
        try db.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        #expect(throws: PostgresStoreError.self) {
            try live.adapter.saveCopy(Self.copy(2))  // commits (and fails) here or at the source state
            try live.adapter.saveSourceState(SourceState(name: "feed"))
        }
        #expect(try db.sql("SELECT count(*) FROM ingest_copies") == "1", "the first commit stays, the failed one left nothing")
        #expect(try db.sql("SELECT count(*) FROM ingest_sources") == "1")
        let export = try Self.exported(db.url)
        #expect(export.contains("story-1") && !export.contains("story-2"))
    }

    @Test func aKilledWritersLocalCopyIsRemovedByTheNextWriter() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let temp = TemporaryDirectory("ingest-pg-tmp")
        defer { temp.remove() }
        // A process that existed and is gone: a child that has exited and been reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let orphan = temp.path + "/ingest-pgcopy.\(child.processIdentifier).abc123"
        let alive = temp.path + "/ingest-pgcopy.\(getpid()).def456"
        for dir in [orphan, alive] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        setenv("TMPDIR", temp.path, 1)
        defer { unsetenv("TMPDIR") }
        try Self.fill(try LiveStore.open(postgres: PostgresURL(db.url)))
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(FileManager.default.fileExists(atPath: alive), "a running process's copy stays")
    }

    @Test func twoWorkersCommitInTurnAndSeeEachOthersCopiesBeforeDeciding() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let (first, second) = try Self.twoWorkers(db)
        let sharing = (try #require(first.adapter.sharing), try #require(second.adapter.sharing))
        let text = "The harbour council voted on Tuesday to delay the new ferry terminal.\n\nA second paragraph of the same report."
        var stories: [String] = []
        try sharing.0.exclusively {
            let assignment = first.clusterer.assign(copyID: "copy-1", text: text)
            stories.append(assignment.storyID)
            var copy = Self.copy(1, story: assignment.storyID)
            copy.article.text = text
            try first.adapter.saveCopy(copy)
        }
        // The second worker opened before the first committed: its section catches up first,
        // so the same text joins the first worker's story instead of starting another.
        try sharing.1.exclusively {
            #expect(try second.adapter.copy(id: "copy-1") != nil, "the other worker's copy is in the local copy")
            let assignment = second.clusterer.assign(copyID: "copy-2", text: text)
            stories.append(assignment.storyID)
            var copy = Self.copy(2, story: assignment.storyID)
            copy.article.text = text
            try second.adapter.saveCopy(copy)
        }
        try sharing.0.exclusively { try first.adapter.saveCopy(Self.copy(3)) }
        try first.finish()
        try second.finish()
        #expect(stories[0] == stories[1], "one story for one text")
        #expect(try db.sql("SELECT string_agg(n::text, ',' ORDER BY n) FROM ingest_copies") == "1,2,3", "lines numbered in turn")
        let export = try Self.exported(db.url, perCopy: true)
        #expect([1, 2, 3].allSatisfy { export.contains("https://site\($0 % 3).test/article/\($0)") }, "\(export)")
    }

    @Test func aWorkerFindingAnotherInItsSectionGoesOnAndCommitsLater() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let (first, second) = try Self.twoWorkers(db)
        let sharing = (try #require(first.adapter.sharing), try #require(second.adapter.sharing))
        var ran = false
        try sharing.0.exclusively {
            try first.adapter.saveCopy(Self.copy(1))
            // The first worker is in its section: the second does not wait for it, and runs nothing.
            #expect(try !sharing.1.exclusivelyIfFree { ran = true })
        }
        #expect(!ran)
        var caughtUp = false
        let committed = try sharing.1.exclusivelyIfFree {
            ran = true
            caughtUp = try second.adapter.copy(id: "copy-1") != nil
            try second.adapter.saveCopy(Self.copy(2))
        }
        #expect(committed && ran)
        #expect(caughtUp, "caught up with the first worker's commit")
        try first.finish()
        try second.finish()
        #expect(try db.sql("SELECT string_agg(n::text, ',' ORDER BY n) FROM ingest_copies") == "1,2")
    }

    @Test func aWorkerTakesInTheOthersCommitsBeforeWaitingForTheCommitLock() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let (first, second) = try Self.twoWorkers(db)
        let sharing = (try #require(first.adapter.sharing), try #require(second.adapter.sharing))
        try sharing.0.exclusively { try first.adapter.saveCopy(Self.copy(1)) }
        try sharing.0.exclusively {
            try first.adapter.saveCopy(Self.copy(2))
            // The commit lock is the first worker's: the second runs nothing, but what the first
            // committed before (copy-1, not copy-2 of this open section) is in its local copy and
            // its dedup index already, taken in without holding up the first.
            #expect(try !sharing.1.exclusivelyIfFree {})
            #expect(try second.adapter.copy(id: "copy-1") != nil)
            #expect(second.clusterer.index.storyID(ofCopy: "copy-1") != nil)
            #expect(try second.adapter.copy(id: "copy-2") == nil)
        }
        var caughtUp = false
        try sharing.1.exclusively { caughtUp = try second.adapter.copy(id: "copy-2") != nil }
        #expect(caughtUp, "the rest pulled under the lock")
        try first.finish()
        try second.finish()
    }

    /// Two stories sharing half their text and a copy that matches both (the dedup
    /// `SettlingTests`' case): taken bridge first, as here, the three make one story; settled
    /// (longest text first), they do not.
    static func bridgedCopies() throws -> [(id: String, text: String)] {
        let seed4 = try dedupFixture("seed-004.txt"), seed2 = try dedupFixture("seed-002.txt")
        let background = Array(seed4[0...3]), ownA = Array(seed2[3...5]), ownB = Array(seed4[6...8])
        return [("https://c.example/bridge", (background + [ownA[1], ownB[0]]).joined(separator: "\n\n")),
                ("https://a.example/story", (background + ownA).joined(separator: "\n\n")),
                ("https://b.example/story", (background + ownB).joined(separator: "\n\n"))]
    }

    @Test func onlyTheLastWorkerToFinishSettlesTheRoundAndItSettlesEveryonesCopies() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let (first, second) = try Self.twoWorkers(db)
        let copies = try Self.bridgedCopies()
        // As a sync stores them: each in the story its index gives it on arrival, merges as aliases.
        func store(_ i: Int, by worker: LiveStore) throws {
            try #require(worker.adapter.sharing).exclusively {
                let assignment = worker.clusterer.assign(copyID: copies[i].id, text: copies[i].text)
                try worker.adapter.saveCopy(CopyInput(id: copies[i].id, story: assignment.storyID, url: copies[i].id,
                                                      text: copies[i].text, source: "feed", contentHash: worker.clusterer.contentHash(of: copies[i].text)))
                for merged in assignment.mergedStoryIDs { try worker.adapter.addStoryAlias(merged, storyID: assignment.storyID) }
            }
        }
        try store(0, by: first)
        try store(1, by: second)
        try store(2, by: first)
        func stories() throws -> Set<Set<String>> {
            var stories: [String: Set<String>] = [:]
            for line in try Self.exported(db.url, perCopy: true).split(separator: "\n") {
                let copy = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                stories[try #require(copy["story"] as? String), default: []].insert(try #require(copy["url"] as? String))
            }
            return Set(stories.values)
        }
        #expect(try stories() == [Set(copies.map(\.id))], "in arrival order the bridge joins all three")
        try first.finish(settling: true)
        #expect(try db.sql("SELECT count(*) FROM ingest_dedup_snapshot") == "0", "a worker finishing before another settles nothing")
        #expect(try stories().count == 1)
        // The first is still connected (finished, not gone): the second is the last all the same.
        try withExtendedLifetime(first) { try second.finish(settling: true) }
        #expect(try db.sql("SELECT count(*) FROM ingest_dedup_snapshot") == "1")
        #expect(try stories().count > 1, "the last worker settled the first one's copies too")
        #expect(try stories().reduce(0) { $0 + $1.count } == 3)
    }

    @Test func leasesGoToOneWorkerAtATimeAndADeadHoldersAtOnce() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let url = try PostgresURL(db.url)
        let start = try PostgresStore(url: url, writing: true).databaseNow()
        let origins = ["a.test", "b.test", "c.test"]
        var holder: PostgresStore? = try PostgresStore(url: url, writing: true)
        let other = try PostgresStore(url: url, writing: true)
        #expect(try holder!.claim(origins, roundStart: start, limit: 2) == ["a.test", "b.test"])
        #expect(try other.claim(origins, roundStart: start, limit: 2) == ["c.test"], "held ones are skipped")
        try other.finish(["c.test"])
        #expect(try other.claim(origins, roundStart: start, limit: 2) == [], "done this round, the rest held")
        holder = nil  // its connection closes, as a killed worker's does
        var freed: [String] = []
        for _ in 0..<100 where freed.isEmpty {
            freed = try other.claim(origins, roundStart: start, limit: 5)
            if freed.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(freed == ["a.test", "b.test"], "a gone holder's leases are free")
        let later = try other.databaseNow()
        try other.finish(freed)
        #expect(try other.claim(origins, roundStart: later, limit: 5) == ["c.test"], "a later round takes what was done before it")
    }

    @Test func aLaterClaimTakesAFairShareOfTheOriginsLeft() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let url = try PostgresURL(db.url)
        let start = try PostgresStore(url: url, writing: true).databaseNow()
        let origins = (1...7).map { "site\($0).test" }
        let first = try PostgresStore(url: url, writing: true), second = try PostgresStore(url: url, writing: true)
        try first.lockForSharedWriting()
        try second.lockForSharedWriting()  // two sync workers running
        #expect(try first.claim(origins, roundStart: start, limit: 1) == ["site1.test"], "a first claim takes its limit")
        #expect(try first.claim(origins, roundStart: start, limit: 1, fairShare: true).count == 3, "6 left for 2 workers")
        #expect(try second.claim(origins, roundStart: start, limit: 1, fairShare: true).count == 2, "3 left for 2 workers")
        #expect(try first.claim(origins, roundStart: start, limit: 1, fairShare: true) == ["site7.test"])
        #expect(try second.claim(origins, roundStart: start, limit: 5, fairShare: true) == [], "none left")
    }

    @Test func firstClaimsOfWorkersStartedTogetherSplitTheOriginsEvenly() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let url = try PostgresURL(db.url)
        let start = try PostgresStore(url: url, writing: true).databaseNow()
        let origins = (1...20).map { String(format: "site%02d.test", $0) }
        let workers = try (0..<3).map { _ in try PostgresStore(url: url, writing: true) }
        for worker in workers { try worker.lockForSharedWriting() }  // three sync workers running
        let taken = try workers.map { try $0.claim(origins, roundStart: start, limit: 8, first: true).count }
        #expect(taken == [7, 7, 6], "a fetcher's 8 each would leave the last 4")
    }

    @Test func workersOfAnotherDatabaseOnTheServerDoNotCountForTheShares() throws {
        let db = try TestDatabase(), other = try TestDatabase()
        defer { db.drop(); other.drop() }
        let elsewhere = try (0..<2).map { _ in try PostgresStore(url: PostgresURL(other.url), writing: true) }
        for worker in elsewhere { try worker.lockForSharedWriting() }  // another store's sync workers
        let url = try PostgresURL(db.url)
        let start = try PostgresStore(url: url, writing: true).databaseNow()
        let origins = (1...20).map { String(format: "site%02d.test", $0) }
        let alone = try PostgresStore(url: url, writing: true)
        try alone.lockForSharedWriting()
        #expect(try alone.claim(origins, roundStart: start, limit: 8, first: true).count == 8, "its fetcher's 8, not a third")
        #expect(try alone.claim(origins, roundStart: start, limit: 1, fairShare: true).count == 12, "every origin left")
    }

    @Test func anUnreachableServerIsAnErrorAndWritesNothing() throws {
        let url = try PostgresURL("postgresql://ingest@127.0.0.1:\(closedLoopbackPort())/none")
        #expect(throws: PostgresStoreError.self) { _ = try LiveStore.open(postgres: url) }
    }
}

/// A one-way flag between threads.
final class Flag: @unchecked Sendable {
    // Safe: `value` is only read and written under `condition`'s lock.
    private let condition = NSCondition()
    private var value = false

    var isSet: Bool { condition.withLock { value } }

    func set() {
        condition.withLock {
            value = true
            condition.broadcast()
        }
    }

    /// Waits until set, at most `seconds`; returns whether it was.
    func wait(seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        return condition.withLock {
            while !value && condition.wait(until: deadline) {}
            return value
        }
    }
}

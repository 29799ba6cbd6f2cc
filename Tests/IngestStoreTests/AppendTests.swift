import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

@Suite struct AppendTests {
    @Test func reappendingTheSameCopiesAddsNothing() throws {
        let temp = TempDirectory()
        let inputs = (0..<3).map { sampleCopy($0) }
        do {
            let store = try Store.open(directory: temp.store, access: .write)
            #expect(try store.append(copies: inputs).map(\.change) == [.added, .added, .added])
            #expect(try store.append(copies: inputs).map(\.change) == [.unchanged, .unchanged, .unchanged])
        }
        let store = try Store.open(directory: temp.store, access: .write)  // as a rerun after a crash
        #expect(try store.append(copies: inputs).map(\.change) == [.unchanged, .unchanged, .unchanged])
        #expect(try lines(of: "copies.jsonl", in: temp.store).count == 3)
        #expect(store.lastSequenceNumber == 3)
    }

    @Test func aNewTextIsANewRevisionThatKeepsFirstSeen() throws {
        let temp = TempDirectory()
        do {
            _ = try Store.open(directory: temp.store, access: .write, clock: clock(0)).append(copies: [sampleCopy(1)])
        }
        let store = try Store.open(directory: temp.store, access: .write, clock: clock(3600))
        let result = try #require(try store.append(copies: [sampleCopy(1, version: 2)]).first)
        #expect(result.change == .revised)
        #expect(result.revision.revision == 2)
        #expect(result.revision.firstSeen == "2026-01-01T00:00:00Z")
        #expect(result.revision.updated == "2026-01-01T01:00:00Z")
        let story = try #require(try jsonObjects(store.exported()).first)
        #expect(story["revision"] as? Int == 2)
        #expect(story["updated"] as? String == "2026-01-01T01:00:00Z")
        #expect(story["first_seen"] as? String == "2026-01-01T00:00:00Z")
    }

    @Test func movingToAnotherStoryKeepsTheRevision() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.store, access: .write)
        _ = try store.append(copies: [sampleCopy(1, story: "a")])
        let moved = try #require(try store.append(copies: [sampleCopy(1, story: "b")]).first)
        #expect(moved.change == .reassigned)
        #expect(moved.revision.revision == 1)
        #expect(try store.copy(id: "copy-1")?.story == "b")
    }

    @Test func aTombstoneHidesTheCopyUntilItComesBack() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.store, access: .write)
        _ = try store.append(copies: [sampleCopy(1), sampleCopy(2)])
        #expect(try store.markDeleted(copyIDs: ["copy-1", "unknown"]).map(\.change) == [.deleted])
        #expect(try store.markDeleted(copyIDs: ["copy-1"]).map(\.change) == [.unchanged])
        #expect(try jsonObjects(store.exported()).map { $0["id"] as? String } == ["story-2"])
        let all = try jsonObjects(store.exported(ExportOptions(includeDeleted: true)))
        #expect(all.map { $0["id"] as? String } == ["story-1", "story-2"])
        #expect(all[0]["deleted"] as? Bool == true)
        #expect(all[1]["deleted"] == nil)
        #expect(try store.append(copies: [sampleCopy(1)]).map(\.change) == [.reassigned])
        #expect(try jsonObjects(store.exported()).count == 2)
    }

    @Test func oneBatchCanCarryTwoRevisionsOfACopy() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.store, access: .write)
        let results = try store.append(copies: [sampleCopy(1), sampleCopy(1, version: 2), sampleCopy(1, version: 2)])
        #expect(results.map(\.change) == [.added, .revised, .unchanged])
        #expect(results.map(\.revision.seq) == [1, 2, 2])
        #expect(try lines(of: "copies.jsonl", in: temp.store).count == 2)
    }

    @Test func replayStartsAfterTheDedupWatermark() throws {
        let temp = TempDirectory()
        do {
            let store = try Store.open(directory: temp.store, access: .write)
            _ = try store.append(copies: (0..<4).map { sampleCopy($0) })
            try store.recordDedupSnapshot(watermark: store.lastSequenceNumber)
            _ = try store.append(copies: [sampleCopy(1, version: 2), sampleCopy(9)])
        }
        let store = try Store.open(directory: temp.store, access: .read)
        #expect(store.dedupWatermark == 4)
        #expect(store.dedupSnapshotPath == temp.store + "/dedup-index.snapshot")
        var replayed: [String] = []
        try store.forEachLatestCopyRevision(after: store.dedupWatermark) { replayed.append("\($0.id)@\($0.seq)") }
        #expect(replayed == ["copy-1@5", "copy-9@6"])
    }

    @Test func statesAreStoredOnceAndTheLastOneWins() throws {
        let temp = TempDirectory()
        do {
            let store = try Store.open(directory: temp.store, access: .write)
            _ = try store.append(copies: [sampleCopy(1)])  // a state names a copy only once it is stored
            let first = FetchRecord(url: "https://a.test/1", copy: "copy-1", etag: "\"1\"", failures: 0, aliases: ["guid-1"])
            var second = first
            second.etag = "\"2\""
            try store.put(fetchRecords: [first, first])
            try store.put(fetchRecords: [second])
            try store.put(fetchRecords: [second])
            try store.put(sourceStates: [SourceState(name: "feed", validators: Validators(etag: "x")),
                                         SourceState(name: "feed", validators: Validators(etag: "y"))])
            var run = SyncSummary(started: Date(timeIntervalSince1970: 0), ended: Date(timeIntervalSince1970: 9), seconds: 9)
            run.exitCode = 3
            run.sources = [.init(name: "feed", ok: false, error: "404")]
            try store.record(syncRun: run)
        }
        #expect(try lines(of: "fetch.jsonl", in: temp.store).count == 2)
        let store = try Store.open(directory: temp.store, access: .read)
        #expect(try store.fetchRecord(url: "https://a.test/1")?.etag == "\"2\"")
        #expect(try store.fetchRecord(url: "https://a.test/2") == nil)
        #expect(store.sourceState(name: "feed")?.validators.etag == "y")
        #expect(store.lastSyncRun?.exitCode == 3)
        #expect(store.lastSyncRun?.sourcesFailed == 1)
    }

    @Test func mergesFoldStoriesAndRefuseCycles() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.store, access: .write)
        _ = try store.append(copies: [sampleCopy(1, story: "a"), sampleCopy(2, story: "b"), sampleCopy(3, story: "c")])
        try store.append(aliases: [StoryAlias(from: "c", to: "b"), StoryAlias(from: "b", to: "a"),
                                   StoryAlias(from: "a", to: "c"), StoryAlias(from: "b", to: "a")])
        #expect(try lines(of: "aliases.jsonl", in: temp.store).count == 2)
        #expect(store.survivingStory(of: "c") == "a")
        let stories = try jsonObjects(store.exported())
        #expect(stories.map { $0["id"] as? String } == ["a"])
        #expect((stories[0]["copies"] as? [Any])?.count == 3)
        let copies = try jsonObjects(store.exported(ExportOptions(perCopy: true)))
        #expect(copies.map { $0["story"] as? String } == ["a", "a", "a"])
    }
}

import Foundation
import IngestTesting
import Testing
@testable import IngestStore

/// SIGKILLs the store's writers at random moments, then checks that nothing committed was lost,
/// nothing is duplicated and every file still parses.
@Suite struct KillLoopTests {
    static let items = 250

    /// Runs the harness with `arguments` and SIGKILLs it a random delay after it opened the
    /// store, until it has been killed `times` times in the work. A run that finished before
    /// its kill counts as a rerun and halves the delay window, since reruns of an almost
    /// complete store are quick.
    private func killRepeatedly(_ arguments: [String], times: Int, maxDelay: useconds_t,
                                afterEach check: () throws -> Void = {}) throws {
        var generator = SplitMix(seed: 0x1234_5678)
        var killed = 0
        var window = UInt64(maxDelay)
        for _ in 0..<(5 * times) where killed < times {
            let (process, out) = try Harness.start(arguments)
            // Timed from the moment the store is open, never from process start.
            try #require(Harness.firstLine(out) == "opened\n", "the harness never opened the store")
            usleep(useconds_t(generator.next() % window))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }  // not a pid reaped and reused
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                killed += 1
            } else {
                window = max(window / 2, 2_000)
            }
            try check()
        }
        #expect(killed >= times)
    }

    @Test func killedAppendsLoseAndDuplicateNothing() throws {
        let temp = TempDirectory()
        try killRepeatedly(["append", temp.store, "\(Self.items)"], times: 20, maxDelay: 400_000)
        #expect(try Harness.run(["append", temp.store, "\(Self.items)"]) == 0)
        try checkStore(temp.store)
    }

    @Test func killedCompactionsLeaveTheStoreReadingTheSame() throws {
        let temp = TempDirectory()
        #expect(try Harness.run(["append", temp.store, "\(Self.items)"]) == 0)
        let before = try CompactionTests.allExports(temp.store)
        try killRepeatedly(["compact", temp.store], times: 20, maxDelay: 150_000) {
            let after = try CompactionTests.allExports(temp.store, variants: 1)
            #expect(after[0] == before[0])
        }
        #expect(try Harness.run(["compact", temp.store]) == 0)
        #expect(try CompactionTests.allExports(temp.store) == before)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: temp.store)).contains { $0.hasSuffix(".tmp") })
        try checkStore(temp.store)
    }

    /// Every line parses; no copy revision, fetch state or story is duplicated; every item is
    /// there with the revisions and deletions the harness made.
    private func checkStore(_ directory: String) throws {
        for file in Store.FileName.records {
            for line in try lines(of: file, in: directory) {
                #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line.utf8)) }
            }
        }
        let revisions = try lines(of: "copies.jsonl", in: directory).map {
            try JSONDecoder().decode(CopyRevision.self, from: Data($0.utf8))
        }
        #expect(revisions.map(\.seq) == revisions.map(\.seq).sorted())
        #expect(Set(revisions.map(\.seq)).count == revisions.count)
        let states = revisions.map { "\($0.id) \($0.contentHash) \($0.deleted) \($0.story)" }
        #expect(Set(states).count == states.count)
        let storyRecords = try lines(of: "stories.jsonl", in: directory).map {
            try JSONDecoder().decode(StoryRecord.self, from: Data($0.utf8))
        }
        #expect(Set(storyRecords.map { "\($0.id) \($0.revision)" }).count == storyRecords.count)
        let fetch = try lines(of: "fetch.jsonl", in: directory)
        #expect(Set(fetch).count == fetch.count)

        let store = try Store.open(directory: directory, access: .read)
        let copies = try jsonObjects(store.exported(ExportOptions(perCopy: true, includeDeleted: true)))
        #expect(copies.count == Self.items)
        for (i, copy) in copies.enumerated() {
            #expect(copy["url"] as? String == "https://example.test/\(i)")
            #expect(copy["revision"] as? Int == (i % 5 == 0 ? 2 : 1))
            #expect(copy["deleted"] as? Bool == (i % 11 == 0 ? true : nil))
        }
        let stories = try jsonObjects(store.exported(ExportOptions(includeDeleted: true)))
        let ids = stories.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        #expect(stories.reduce(0) { $0 + (($1["copies"] as? [Any])?.count ?? 0) } == Self.items)
        #expect(store.lastSyncRun?.exitCode == 0)
        #expect(store.dedupWatermark == store.lastSequenceNumber)
    }
}

import Foundation
import IngestTesting
import Testing
@testable import IngestStore

/// `runs.jsonl`: a run's counters are kept, and runs recorded before them still read.
@Suite struct SyncRunRecordTests {
    private let counters = SyncRunSummary.Counters(unchanged: 240, merged: 4, requests: 260, bytes: 3_100_000, seconds: 4.283)

    @Test func aRunsCountersSurviveReopening() throws {
        let temp = TempDirectory()
        let run = SyncRunSummary(started: "2026-01-01T00:00:00Z", ended: "2026-01-01T00:00:05Z", exitCode: 0,
                                 sources: [.init(name: "feed", ok: true, new: 12, updated: 3, deleted: 1)],
                                 counters: counters)
        try Store.open(directory: temp.store, access: .write).record(syncRun: run)
        let totals = try #require(try Store.open(directory: temp.store, access: .read).lastSyncRun?.totals)
        #expect([totals.new, totals.updated, totals.deleted, totals.failedSources] as [Int] == [12, 3, 1, 0])
        #expect([totals.unchanged, totals.merged, totals.requests, totals.bytes] as [Int?] == [240, 4, 260, 3_100_000])
        #expect(totals.seconds == 4.283)
    }

    @Test func aRunRecordedBeforeTheCountersReadsWithoutThem() throws {
        let temp = TempDirectory()
        try Store.open(directory: temp.store, access: .write).record(syncRun: SyncRunSummary(
            started: "2026-01-01T00:00:00Z", ended: "2026-01-01T00:00:05Z", exitCode: 0, sources: []))
        // The line as the store wrote it before the counters existed.
        let old = #"{"ended":"2026-01-01T00:01:00Z","exit_code":3,"sources":[],"started":"2026-01-01T00:00:00Z","#
            + #""totals":{"deleted":0,"failed_sources":1,"new":2,"updated":0}}"# + "\n"
        try Data(old.utf8).write(to: URL(fileURLWithPath: temp.store + "/runs.jsonl"))
        let run = try #require(try Store.open(directory: temp.store, access: .read).lastSyncRun)
        #expect(run.exitCode == 3 && run.totals.new == 2 && run.totals.failedSources == 1)
        #expect(run.totals.unchanged == nil && run.totals.requests == nil && run.totals.seconds == nil)
        let encoded = String(decoding: try JSONEncoder().encode(run.totals), as: UTF8.self)
        #expect(!encoded.contains("unchanged") && !encoded.contains("seconds"), "absent, not null: \(encoded)")
    }
}

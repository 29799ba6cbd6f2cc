import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

/// `runs.jsonl`: the engine's `SyncSummary` is kept in the store's own layout, its counters
/// survive reopening, and lines written before (or since) read back to the same bytes.
@Suite struct SyncRunRecordTests {
    @Test func aRunsCountersSurviveReopening() throws {
        let temp = TempDirectory()
        var run = SyncSummary(started: Date(timeIntervalSince1970: 1_767_225_600), ended: Date(timeIntervalSince1970: 1_767_225_605),
                              seconds: 4.2834)
        var source = SyncSummary.Source(name: "feed")
        (source.new, source.updated, source.deleted) = (12, 3, 1)
        run.sources = [source, SyncSummary.Source(name: "slow", ok: false, error: "HTTP 503", polled: false)]
        (run.new, run.updated, run.deleted) = (12, 3, 1)
        (run.unchanged, run.merged, run.requests, run.bytes) = (240, 4, 260, 3_100_000)
        run.exitCode = 0
        try Store.open(directory: temp.store, access: .write).record(syncRun: run)
        let back = try #require(try Store.open(directory: temp.store, access: .read).lastSyncRun)
        #expect([back.new, back.updated, back.deleted, back.sourcesFailed, back.sourcesBackingOff] as [Int] == [12, 3, 1, 0, 1])
        #expect(back.countersKept && [back.unchanged, back.merged, back.requests, back.bytes] as [Int] == [240, 4, 260, 3_100_000])
        #expect(back.seconds == 4.283, "kept to the millisecond")
        #expect(back.started == run.started && back.ended == run.ended && back.exitCode == 0)
        #expect(back.sources.map(\.polled) == [true, false] && back.sources[1].error == "HTTP 503")
    }

    @Test func aRunRecordedBeforeTheCountersReadsWithoutThem() throws {
        let run = try #require(try lastRun(readFrom: Self.lineBeforeCounters))
        #expect(run.exitCode == 3 && run.new == 2 && run.sourcesFailed == 1)
        #expect(!run.countersKept)
    }

    /// Lines as the store wrote them before the counters, before `polled`, and now: each reads
    /// back to the same line, so status shows and compaction keeps what was written.
    @Test(arguments: [lineBeforeCounters, lineBeforePolled, lineWithBackoff])
    func aStoredLineReadsBackToTheSameBytes(line: String) throws {
        let temp = TempDirectory()
        let run = try #require(try lastRun(readFrom: line, in: temp))
        let store = try Store.open(directory: temp.store, access: .read)
        #expect(String(decoding: try store.encoder.encode(RunRecord(run)), as: UTF8.self) == line)
        #expect(store.status().lastSync == run)
    }

    @Test func aLineWhoseDatesDoNotReadIsDamaged() throws {
        let line = Self.lineBeforeCounters.replacingOccurrences(of: "2026-01-01T00:01:00Z", with: "yesterday")
        #expect(throws: StoreError.self) { try lastRun(readFrom: line) }
    }

    static let lineBeforeCounters = #"{"ended":"2026-01-01T00:01:00Z","exit_code":3,"sources":[{"deleted":0,"error":"HTTP 404","name":"a","new":2,"ok":false,"updated":0}],"#
        + #""started":"2026-01-01T00:00:00Z","totals":{"deleted":0,"failed_sources":1,"new":2,"updated":0}}"#
    static let lineBeforePolled = #"{"ended":"2026-01-01T00:01:00Z","exit_code":0,"sources":[{"deleted":1,"error":null,"name":"a","new":2,"ok":true,"updated":3}],"#
        + #""started":"2026-01-01T00:00:00Z","totals":{"bytes":3100000,"deleted":1,"failed_sources":0,"merged":4,"new":2,"requests":260,"#
        + #""seconds":4.283,"unchanged":240,"updated":3}}"#
    static let lineWithBackoff = #"{"ended":"2026-01-01T00:01:00Z","exit_code":0,"sources":[{"deleted":0,"error":"HTTP 503","name":"a","new":0,"ok":false,"#
        + #""polled":false,"updated":0}],"started":"2026-01-01T00:00:00Z","totals":{"bytes":0,"deleted":0,"failed_sources":0,"merged":0,"#
        + #""new":0,"requests":0,"seconds":0.001,"unchanged":0,"updated":0}}"#

    private func lastRun(readFrom line: String, in temp: TempDirectory = TempDirectory()) throws -> SyncSummary? {
        try Store.open(directory: temp.store, access: .write).record(syncRun: SyncSummary(started: Date(timeIntervalSince1970: 0)))
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: temp.store + "/runs.jsonl"))
        return try Store.open(directory: temp.store, access: .read).lastSyncRun
    }
}

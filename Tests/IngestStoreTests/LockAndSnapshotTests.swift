import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

@Suite struct LockAndSnapshotTests {
    @Test func aSecondWriterIsRefusedWithTheHoldersPid() throws {
        let temp = TempDirectory()
        let (holder, out) = try Harness.start(["hold", temp.store])
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }; holder.waitUntilExit() }
        // The harness prints "locked" once it holds the lock.
        #expect(Harness.firstLine(out) == "locked\n")
        #expect(throws: StoreError.locked(path: temp.store + "/lock", pid: holder.processIdentifier)) {
            try Store.open(directory: temp.store, access: .write)
        }
        // Readers never wait for the writer.
        #expect(try Store.open(directory: temp.store, access: .read).status().exists)
    }

    @Test func theLockIsFreedWhenTheWriterCloses() throws {
        let temp = TempDirectory()
        var first: Store? = try Store.open(directory: temp.store, access: .write)
        #expect(throws: StoreError.locked(path: temp.store + "/lock", pid: getpid())) {
            try Store.open(directory: temp.store, access: .write)
        }
        _ = first
        first = nil
        #expect(try Store.open(directory: temp.store, access: .write).access == .write)
    }

    @Test func aReaderSeesTheStoreAsItWasWhenItOpened() throws {
        let temp = TempDirectory()
        let writer = try Store.open(directory: temp.store, access: .write)
        _ = try writer.append(copies: (0..<10).map { sampleCopy($0) })
        let reader = try Store.open(directory: temp.store, access: .read)
        let before = try reader.exported()
        _ = try writer.append(copies: (10..<20).map { sampleCopy($0) } + [sampleCopy(3, version: 2)])
        _ = try writer.markDeleted(copyIDs: ["copy-4"])
        try writer.append(aliases: [StoryAlias(from: "story-5", to: "story-6")])
        try writer.compact()
        #expect(try reader.exported() == before)
        #expect(try jsonObjects(before).count == 10)
        #expect(try jsonObjects(Store.open(directory: temp.store, access: .read).exported()).count == 18)
    }

    /// A writer commits copies, then the fetch states naming them, then merges: a reader that
    /// opens copies.jsonl before a batch and fetch.jsonl after it must not call the store damaged.
    @Test func readersOpeningWhileAWriterCommitsNeverSeeMissingRecords() throws {
        let temp = TempDirectory()
        let (writer, _) = try Harness.start(["append", temp.store, "2000"])
        defer { if writer.isRunning { kill(writer.processIdentifier, SIGKILL) }; writer.waitUntilExit() }
        var opens = 0
        while writer.isRunning {
            #expect(throws: Never.self) { _ = try Store.open(directory: temp.store, access: .read) }
            if opens % 10 == 0 {
                #expect(throws: Never.self) {
                    _ = try exportedText { try Store.export(directory: temp.store, ExportOptions(perCopy: true), to: $0) }
                }
            }
            opens += 1
        }
        #expect(writer.terminationStatus == 0)
        #expect(opens > 20, "the readers raced the writer")
    }

    /// The race is microseconds wide: the retry itself is tested here.
    @Test func aReaderRetriesMissingRecordsTwiceThenReportsThem() throws {
        var calls = 0
        let missing = StoreError.missing(path: "p", reason: "r")
        #expect(try Store.retryingSnapshotRaces { calls += 1; if calls < 3 { throw missing }; return calls } == 3)
        calls = 0
        #expect(throws: missing) { try Store.retryingSnapshotRaces { calls += 1; throw missing } }
        #expect(calls == 3)
        calls = 0
        #expect(throws: StoreError.notAStore(path: "p")) {
            try Store.retryingSnapshotRaces { calls += 1; throw StoreError.notAStore(path: "p") }
        }
        #expect(calls == 1, "only missing records are retried")
    }

    @Test func readersWhileAnotherProcessWritesSeeWholeGrowingSnapshots() throws {
        let temp = TempDirectory()
        let (writer, _) = try Harness.start(["append", temp.store, "300"])
        defer { if writer.isRunning { kill(writer.processIdentifier, SIGKILL) }; writer.waitUntilExit() }
        var previous = 0, snapshots = 0
        while writer.isRunning && snapshots < 200 {
            let reader = try Store.open(directory: temp.store, access: .read)  // empty before the writer creates it
            let copies = try jsonObjects(reader.exported(ExportOptions(perCopy: true, includeDeleted: true)))
            #expect(copies.count >= previous)
            #expect(copies.enumerated().allSatisfy { $1["url"] as? String == "https://example.test/\($0)" })
            previous = copies.count
            snapshots += 1
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(snapshots > 1)
        #expect(try jsonObjects(Store.open(directory: temp.store, access: .read).exported(ExportOptions(perCopy: true, includeDeleted: true))).count == 300)
    }

    @Test func aTornLastLineIsIgnoredByReadersAndRepairedByTheNextWriter() throws {
        let temp = TempDirectory()
        do { _ = try Store.open(directory: temp.store, access: .write).append(copies: (0..<3).map { sampleCopy($0) }) }
        let copies = temp.store + "/copies.jsonl"
        let whole = try Data(contentsOf: URL(fileURLWithPath: copies))
        let torn = try FileHandle(forWritingTo: URL(fileURLWithPath: copies))
        try torn.seekToEnd()
        try torn.write(contentsOf: Data(#"{"authors":[],"content_hash":"sha256:x","deleted":false,"first_se"#.utf8))
        try torn.close()

        #expect(try jsonObjects(Store.open(directory: temp.store, access: .read).exported()).count == 3)
        let writer = try Store.open(directory: temp.store, access: .write)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copies)) == whole)
        _ = try writer.append(copies: [sampleCopy(3)])
        let after = try lines(of: "copies.jsonl", in: temp.store)
        #expect(after.count == 4)
        for line in after {
            #expect(throws: Never.self) { try JSONDecoder().decode(CopyRevision.self, from: Data(line.utf8)) }
        }
        #expect(writer.lastSequenceNumber == 4)
    }

    @Test func aLastLineOfZerosIsIgnoredByReadersAndDroppedByTheNextWriter() throws {
        let temp = TempDirectory()
        do { _ = try Store.open(directory: temp.store, access: .write).append(copies: [sampleCopy(0)]) }
        let fetch = temp.store + "/copies.jsonl"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: fetch))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0, 0, 0, 0, 0x0A]))  // what a crashed file system can leave
        try handle.close()
        #expect(try Store.open(directory: temp.store, access: .read).status().copies == 1)
        let writer = try Store.open(directory: temp.store, access: .write)
        #expect(try lines(of: "copies.jsonl", in: temp.store).count == 1)
        #expect(try writer.copy(id: "copy-0")?.id == "copy-0")
    }
}

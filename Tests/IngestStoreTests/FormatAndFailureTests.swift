import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

@Suite struct FormatAndFailureTests {
    @Test func aStoreFromANewerVersionIsRefused() throws {
        let temp = TempDirectory()
        try FileManager.default.createDirectory(atPath: temp.store, withIntermediateDirectories: true)
        try Data(#"{"format":"ingest-store","version":99}"#.utf8).write(to: URL(fileURLWithPath: temp.store + "/format.json"))
        let expected = StoreError.newerFormat(path: temp.store + "/format.json", found: 99, supported: 1)
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .read) }
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .write) }
        #expect(expected.description.contains("newer ingest"))
        #expect(!FileManager.default.fileExists(atPath: temp.store + "/copies.jsonl"))
    }

    @Test(.enabled(if: ReadOnlyDirectory.available, "root needs chattr +i to make a directory unwritable"))
    func anUnwritableDirectoryGivesAnErrorNamingThePath() throws {
        let temp = TempDirectory()
        do { _ = try Store.open(directory: temp.store, access: .write).append(copies: [sampleCopy(1)]) }
        try #require(ReadOnlyDirectory.make(temp.store))
        defer { ReadOnlyDirectory.undo(temp.store) }
        do {
            _ = try Store.open(directory: temp.store, access: .write)
            Issue.record("opened a read-only store for writing")
        } catch let error as StoreError {
            guard case let .io(path, _, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(path.hasPrefix(temp.store))
            #expect(error.description.contains(temp.store))
        }
        // What was committed is still there for readers.
        #expect(try Store.open(directory: temp.store, access: .read).copy(id: "copy-1")?.id == "copy-1")
    }

    @Test func aDirectoryOfOtherFilesIsNotTakenOver() throws {
        let temp = TempDirectory()
        try FileManager.default.createDirectory(atPath: temp.store, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: temp.store + "/notes.txt"))
        #expect(throws: StoreError.notAStore(path: temp.store)) { try Store.open(directory: temp.store, access: .write) }
        // A reader (status, export) says the same, rather than "empty".
        #expect(throws: StoreError.notAStore(path: temp.store)) { try Store.open(directory: temp.store, access: .read) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.store) == ["notes.txt"])
    }

    @Test func aMissingStoreReadsAsEmpty() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.store, access: .read)
        #expect(try store.exported() == "")
        #expect(try store.exported(ExportOptions(format: .csv)) == "id,url,title,text,author,published,published_utc,site,language,content_hash,first_seen,updated,revision,copies,copy_urls\r\n")
        #expect(store.status().exists == false)
        #expect(!FileManager.default.fileExists(atPath: temp.store))
    }
}

/// A full disk, made with a tiny tmpfs (needs root and mount; shown as skipped otherwise,
/// and CI, which has both, fails if it would skip).
@Suite struct DiskFullTests {
    @Test(.enabled(if: SmallDisk.available, "needs root and mount for a 96 KB tmpfs"))
    func aFullDiskFailsTheBatchNamingThePathAndKeepsWhatWasCommitted() throws {
        let temp = TempDirectory()
        defer { withExtendedLifetime(temp) {} }  // removed only after the unmount below
        let mountPoint = temp.path + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try #require(SmallDisk.mount(kilobytes: 96, at: mountPoint))
        defer { SmallDisk.unmount(mountPoint) }
        let directory = mountPoint + "/store"
        let store = try Store.open(directory: directory, access: .write)
        _ = try store.append(copies: [sampleCopy(1)])
        let committed = try store.exported()
        let huge = sampleCopy(2, text: String(repeating: "x", count: 200_000))
        do {
            _ = try store.append(copies: [sampleCopy(3), huge])
            Issue.record("a 200 KB record fitted on a 96 KB disk")
        } catch let error as StoreError {
            #expect(error == .io(path: directory + "/copies.jsonl", operation: "append", errno: ENOSPC))
            #expect(error.description.contains("No space left on device"))
        }
        #expect(try store.exported() == committed)
        #expect(try store.copy(id: "copy-3") == nil)
        let reopened = try Store.open(directory: directory, access: .read)
        #expect(try reopened.exported() == committed)
    }

    /// CI runs as root on a machine that can mount: a skip there would hide a test.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["INGEST_CI"] == "1", "only where CI promises root"))
    func ciRunsThePrivilegedTests() {
        #expect(SmallDisk.available, "the disk-full tests would be skipped")
        #expect(ReadOnlyDirectory.available, "the unwritable-directory test would be skipped")
    }
}

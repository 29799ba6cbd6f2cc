// Drives the store the way a sync does, for the kill-loop tests: they SIGKILL it at random
// moments, run it again to completion and check the store.
//
//   StoreCrashHarness append DIR N   add N copies in batches (with revisions, merges, deletions)
//   StoreCrashHarness compact DIR    compact the store
//   StoreCrashHarness hold DIR       take the write lock, print "locked", sleep
//
// append and compact print "opened" once the store is open for writing, so that a kill
// counts only when it lands in the work being tested, not in process start-up.
import Foundation
import IngestCore
import IngestStore

/// Deterministic content of item `i` at `version`.
func input(_ i: Int, version: Int) -> CopyInput {
    let paragraph = "Item \(i), version \(version): a sentence, with \"quotes\" and a comma. "
    return CopyInput(id: "copy-\(i)", story: "story-\(i / 3)", url: "https://example.test/\(i)",
                     metadata: ArticleMetadata(title: "Title \(i) v\(version)", authors: ["Reporter \(i % 7)"],
                                               site: "example.test", language: "en"),
                     text: String(repeating: paragraph, count: 20), source: "feed-\(i % 4)", contentHash: "sha256:item-\(i)-v\(version)")
}

func append(_ store: Store, count: Int) throws {
    let items = Array(0..<count)
    // Pass 1: every item once; a rerun re-appends the ones already stored (they must not
    // duplicate) but never reverts an item that a later pass changed.
    for batch in stride(from: 0, to: count, by: 8).map({ Array(items[$0..<min($0 + 8, count)]) }) {
        let fresh = try batch.filter { i in
            guard let stored = try store.copy(id: "copy-\(i)") else { return true }
            return !stored.deleted && stored.contentHash == input(i, version: 1).contentHash
        }
        _ = try store.append(copies: fresh.map { input($0, version: 1) })
        try store.put(urlStates: batch.map {
            URLState(url: "https://example.test/\($0)", copyID: "copy-\($0)", source: "feed-0", etag: "\"e\($0)\"",
                     firstSeen: Date(timeIntervalSince1970: 1_767_225_600))
        })
        // Merge every fourth story into the one before it.
        let merges = batch.filter { $0 % 12 == 0 && $0 > 0 }
        try store.append(aliases: merges.map { StoryAlias(from: "story-\($0 / 3)", to: "story-\($0 / 3 - 1)") })
    }
    // Pass 2: an edit for every fifth item; pass 3: every eleventh item answers 404.
    for i in stride(from: 0, to: count, by: 5) where try store.copy(id: "copy-\(i)")?.deleted == false {
        _ = try store.append(copies: [input(i, version: 2)])
    }
    _ = try store.markDeleted(copyIDs: stride(from: 0, to: count, by: 11).map { "copy-\($0)" })
    try store.put(sourceStates: (0..<4).map { SourceState(name: "feed-\($0)", validators: Validators(etag: "\"s\($0)\"")) })
    var run = SyncSummary(started: Date(timeIntervalSince1970: 0), ended: Date(timeIntervalSince1970: 60), seconds: 60)
    var source = SyncSummary.Source(name: "feed-0")
    source.new = count
    run.sources = [source]
    try store.record(syncRun: run)
    try store.recordDedupSnapshot(watermark: store.lastSequenceNumber)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: StoreCrashHarness append|compact|hold DIR [N]\n".utf8))
    exit(64)
}
do {
    let store = try Store.open(directory: arguments[2], access: .write)
    switch arguments[1] {
    case "append":
        FileHandle.standardOutput.write(Data("opened\n".utf8))
        try append(store, count: Int(arguments[3]) ?? 100)
    case "compact":
        FileHandle.standardOutput.write(Data("opened\n".utf8))
        try store.compact()
    case "hold":
        FileHandle.standardOutput.write(Data("locked\n".utf8))
        sleep(30)
    default: exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("StoreCrashHarness: \(error)\n".utf8))
    exit(1)
}

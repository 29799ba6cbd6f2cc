import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

@Suite struct StoryRevisionTests {
    /// The story line of `id` in the export, read through a fresh reader.
    private func story(_ id: String, in directory: String) throws -> [String: Any]? {
        try jsonObjects(Store.open(directory: directory, access: .read).exported()).first { $0["id"] as? String == id }
    }

    private func duplicate(_ i: Int, hash: String, text: String = "Same wire text.") -> CopyInput {
        var copy = sampleCopy(i, story: "s")
        copy.contentHash = hash
        copy.article.text = text
        return copy
    }

    @Test func anExactDuplicateTakingOverChangesNothing() throws {
        let temp = TempDirectory()
        do {
            _ = try Store.open(directory: temp.store, access: .write, clock: clock(0))
                .append(copies: [duplicate(1, hash: "sha256:same"), duplicate(2, hash: "sha256:same")])
        }
        let before = try #require(try story("s", in: temp.store))
        _ = try Store.open(directory: temp.store, access: .write, clock: clock(7200)).markDeleted(copyIDs: ["copy-1"])
        let after = try #require(try story("s", in: temp.store))
        #expect(after["url"] as? String == "https://site2.test/article/2")
        #expect(after["revision"] as? Int == 1)
        #expect(after["updated"] as? String == before["updated"] as? String)
    }

    @Test func anotherTextTakingOverIsANewerRevision() throws {
        let temp = TempDirectory()
        do {
            let store = try Store.open(directory: temp.store, access: .write, clock: clock(0))
            _ = try store.append(copies: [duplicate(1, hash: "sha256:a"), duplicate(2, hash: "sha256:b", text: "Other.")])
            _ = try store.append(copies: [duplicate(1, hash: "sha256:a2", text: "Edited.")])
        }
        #expect(try story("s", in: temp.store)?["revision"] as? Int == 2)
        _ = try Store.open(directory: temp.store, access: .write, clock: clock(7200)).markDeleted(copyIDs: ["copy-1"])
        let after = try #require(try story("s", in: temp.store))
        #expect(after["text"] as? String == "Other.")
        #expect(after["revision"] as? Int == 3)
        #expect(after["updated"] as? String == "2026-01-01T02:00:00Z")
    }

    @Test func anEditToAnotherCopyLeavesTheStoryAlone() throws {
        let temp = TempDirectory()
        do {
            _ = try Store.open(directory: temp.store, access: .write, clock: clock(0))
                .append(copies: [duplicate(1, hash: "sha256:a"), duplicate(2, hash: "sha256:b")])
        }
        let before = try story("s", in: temp.store).map { try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys) }
        _ = try Store.open(directory: temp.store, access: .write, clock: clock(60))
            .append(copies: [duplicate(2, hash: "sha256:b2", text: "Edited copy.")])
        let after = try #require(try story("s", in: temp.store))
        #expect(after["revision"] as? Int == 1)
        #expect(after["updated"] as? String == "2026-01-01T00:00:00Z")
        #expect(try JSONSerialization.data(withJSONObject: after, options: .sortedKeys) != before)  // its copy ref changed
    }

    @Test func aLostStoryRecordIsRewrittenByTheNextWriter() throws {
        let temp = TempDirectory()
        do {
            let store = try Store.open(directory: temp.store, access: .write, clock: clock(0))
            _ = try store.append(copies: [duplicate(1, hash: "sha256:a")])
            _ = try store.append(copies: [duplicate(1, hash: "sha256:a2", text: "Edited.")])
        }
        let complete = try Store.open(directory: temp.store, access: .read).exported()
        // As if killed between the copies batch and its story record.
        let stories = temp.store + "/stories.jsonl"
        let first = try #require(try lines(of: "stories.jsonl", in: temp.store).first)
        try Data((first + "\n").utf8).write(to: URL(fileURLWithPath: stories))
        #expect(try story("s", in: temp.store)?["revision"] as? Int == 2)  // the copy's own, meanwhile
        _ = try Store.open(directory: temp.store, access: .write, clock: clock(0))
        #expect(try lines(of: "stories.jsonl", in: temp.store).count == 2)
        #expect(try Store.open(directory: temp.store, access: .read).exported() == complete)
    }
}

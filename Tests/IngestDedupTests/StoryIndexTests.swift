import Foundation
import Testing
@testable import IngestDedup

@Suite struct StoryIndexTests {
    /// An index holding the five seeds under ids "seed-0"…"seed-4".
    private func seededIndex() -> (StoryIndex, [String]) {
        var index = StoryIndex()
        let ids = seedNames.enumerated().map { index.add(copyID: "seed-\($0.offset)", text: fixture($0.element)).storyID }
        return (index, ids)
    }

    /// The story text (paragraphs) of seed 002, a long wire-style story used as a base below.
    private let base = Edit.paragraphs(fixture("seed-002.txt")).filter { $0.split(separator: " ").count >= 8 }

    /// Adds the base with chrome, then `copy`; returns whether the copy joined the base's story.
    private func joinsBase(_ copy: String) -> Bool {
        var index = StoryIndex()
        let original = index.add(copyID: "original", text: Edit.chrome(base))
        let result = index.add(copyID: "copy", text: copy)
        return result.joinedExistingStory && result.storyID == original.storyID
    }

    // MARK: Seed rule

    @Test func fiveSeedsAreFiveStories() {
        let (_, ids) = seededIndex()
        #expect(Set(ids).count == 5)
    }

    @Test func repairedCopyOfSeed000JoinsSeed000() {
        var (index, ids) = seededIndex()
        let copy = index.add(copyID: "repaired", text: fixture("seed-000-repaired.txt"))
        #expect(copy.joinedExistingStory)
        #expect(copy.storyID == ids[0])
        #expect(copy.mergedStoryIDs.isEmpty)
    }

    @Test func sameLongSubscriptionPleaDoesNotMerge() {
        // Seeds 001 and 003 carry the same ~1,000-character "Dear Reader" plea.
        var index = StoryIndex()
        let a = index.add(copyID: "a", text: fixture("seed-001.txt"))
        let b = index.add(copyID: "b", text: fixture("seed-003.txt"))
        #expect(a.storyID != b.storyID)
        #expect(!b.joinedExistingStory)
    }

    // MARK: One test per transformation

    @Test func exactCopyWithOtherChromeJoins() {
        #expect(joinsBase(["Menu", "Subscribe"].joined(separator: "\n") + "\n" + base.joined(separator: "\n") + "\nAdvertisement"))
    }

    @Test func newHeadlineJoins() {
        #expect(joinsBase(Edit.chrome(["WATCH: Kremlin talks end with promise of closer ties — report"] + base)))
    }

    @Test func trimmedEndingJoins() {
        #expect(joinsBase(Edit.chrome(Array(base.prefix(base.count * 6 / 10)))))
    }

    @Test func datelineJoins() {
        var body = base
        body[0] = "MOSCOW (AP) — " + body[0]
        #expect(joinsBase(Edit.chrome(body)))
    }

    @Test func editorsNoteAndUpdateJoin() {
        let body = ["Editor's note: This story has been updated to include comments from the Israeli prime minister's office."]
            + base + ["UPDATE (5:52 p.m.): Adds comment from officials in paragraph 9."]
        #expect(joinsBase(Edit.chrome(body)))
    }

    @Test func droppedAndSwappedCharactersJoin() {
        #expect(joinsBase(Edit.chrome(base.map { Edit.damage($0) })))
    }

    @Test func reflowedParagraphsAndOtherQuotesJoin() {
        #expect(joinsBase(Edit.reflow(base.map(Edit.straightQuotes)).joined(separator: "\n")))
    }

    @Test func readMoreLineJoins() {
        #expect(joinsBase(Edit.chrome(base + ["Read more: Netanyahu heads to Moscow for talks on Syria"])))
    }

    // MARK: One test per hard-negative kind

    @Test func distinctStoriesOnOneTopicStayApart() {
        let (index, ids) = seededIndex()
        #expect(Set(ids).count == 5)
        #expect(index.copyCount(ofStory: ids[2]) == 1)
    }

    @Test func followUpReusingBackgroundParagraphsStaysApart() {
        var index = StoryIndex()
        let original = index.add(copyID: "original", text: Edit.chrome(base))
        let fresh = Edit.paragraphs(fixture("followup-new-paragraphs.txt"))
        let followUp = index.add(copyID: "followup", text: Edit.chrome(fresh + Array(base.suffix(2))))
        #expect(followUp.storyID != original.storyID)
    }

    /// The length guard: a text wholly inside a story (a digest quoting its longest paragraph,
    /// about a fifth of it, long enough to be judged by containment) is not a copy of it.
    @Test func aQuotedParagraphIsNotACopyOfItsStory() throws {
        let longest = try #require(base.max { $0.count < $1.count })
        #expect(longest.count >= 500 && Double(longest.count) < 0.2 * Double(base.joined().count))
        #expect(!joinsBase(longest))
    }

    /// A site that prints the whole story as one paragraph (and damaged) plus an editor's note:
    /// the shared text is all in one block, but the copy has almost nothing of its own outside
    /// it, unlike a brief under a plea (fails if one-block evidence always needed containment 0.9).
    @Test func storyPrintedAsOneDamagedParagraphJoins() {
        let story = Edit.paragraphs(fixture("seed-003.txt"))
        var index = StoryIndex()
        let original = index.add(copyID: "original", text: story.joined(separator: "\n\n"))
        let note = "Editor's note: This story has been updated with a statement from officials in the ninth paragraph."
        let copy = index.add(copyID: "one-paragraph", text: Edit.damage(story.joined(separator: " ")) + "\n\n" + note)
        #expect(copy.storyID == original.storyID && copy.joinedExistingStory)
    }

    @Test func shortBriefOnTheSameTopicStaysApart() {
        var (index, ids) = seededIndex()
        let brief = index.add(copyID: "brief", text: fixture("brief-same-topic.txt"))
        #expect(!ids.contains(brief.storyID))
        #expect(!brief.joinedExistingStory)
    }

    @Test func shortTextsSharingAStockSentenceStayApartButExactShortCopiesJoin() {
        let note = "Editor's note: This story has been updated with a statement from officials in the ninth paragraph."
        var index = StoryIndex()
        let a = index.add(copyID: "a", text: Edit.chrome([note, "The harbour reopened on Monday after the storm damaged two piers and a fuel depot."]))
        let b = index.add(copyID: "b", text: Edit.chrome([note, "Three candidates filed papers for the mayoral race before the deadline on Friday."]))
        #expect(a.storyID != b.storyID)
        let copy = index.add(copyID: "c", text: "Home\n" + note + "\nThe harbour reopened on Monday after the storm damaged two piers and a fuel depot.")
        #expect(copy.storyID == a.storyID)
    }

    // MARK: Bridging, deletion, determinism, persistence

    @Test func copyBridgingTwoStoriesThatDoNotMatchEachOtherJoinsOnlyOne() {
        let story = Edit.paragraphs(fixture("seed-003.txt")).filter { $0.split(separator: " ").count >= 8 }
        let half = story.count / 2
        var index = StoryIndex()
        let first = index.add(copyID: "first-half", text: Edit.chrome(Array(story[..<half])))
        let second = index.add(copyID: "second-half", text: Edit.chrome(Array(story[half...])))
        #expect(first.storyID != second.storyID)
        let full = index.add(copyID: "full", text: Edit.chrome(story))
        #expect([first.storyID, second.storyID].contains(full.storyID))
        #expect(full.mergedStoryIDs.isEmpty)
        #expect(index.resolve(storyID: second.storyID) == second.storyID)
        #expect(index.copyCount(ofStory: first.storyID) + index.copyCount(ofStory: second.storyID) == 3)
    }

    @Test func revisionThatMakesTwoStoriesOneMergesThemIntoTheOlder() {
        var index = StoryIndex()
        let first = index.add(copyID: "first", text: Edit.chrome(base))
        let other = index.add(copyID: "other", text: fixture("seed-004.txt"))
        #expect(first.storyID != other.storyID)
        // The other page is corrected to carry the same wire story: its story's text is now
        // that story, and the two are one.
        let revised = index.update(copyID: "other", text: Edit.chrome(base.map { Edit.damage($0) }))
        #expect(revised.storyID == first.storyID)
        #expect(revised.mergedStoryIDs == [other.storyID])
        #expect(index.resolve(storyID: other.storyID) == first.storyID)
        #expect(index.copyCount(ofStory: first.storyID) == 2)
    }

    @Test func removingCopiesUpdatesTheirStory() {
        var index = StoryIndex()
        let a = index.add(copyID: "a", text: Edit.chrome(base))
        index.add(copyID: "b", text: Edit.chrome(base.map { Edit.damage($0) }))
        #expect(index.copyCount(ofStory: a.storyID) == 2)
        #expect(index.remove(copyID: "a") == a.storyID)
        #expect(index.storyID(ofCopy: "a") == nil)
        #expect(index.copyCount(ofStory: a.storyID) == 1)
        // The remaining copy still draws new copies into the story.
        #expect(index.add(copyID: "c", text: Edit.chrome(base)).storyID == a.storyID)
        index.remove(copyID: "b")
        index.remove(copyID: "c")
        #expect(index.copyCount(ofStory: a.storyID) == 0)
        #expect(index.remove(copyID: "missing") == nil)
    }

    @Test func revisionKeepsItsStoryId() {
        var index = StoryIndex()
        let first = index.add(copyID: "a", text: Edit.chrome(base))
        let revised = index.update(copyID: "a", text: Edit.chrome(base + ["UPDATE: The Kremlin later confirmed the meeting."]))
        #expect(revised.storyID == first.storyID)
        #expect(index.copyCount == 1)
    }

    @Test func sameInputsInSameOrderGiveSameIds() {
        let texts = seedNames.map(fixture) + [fixture("seed-000-repaired.txt")]
        func run() -> [String] {
            var index = StoryIndex()
            return texts.enumerated().map { index.add(copyID: "copy-\($0.offset)", text: $0.element).storyID }
        }
        #expect(run() == run())
    }

    @Test func snapshotSurvivesARestartAndKeepsAdding() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-\(UUID().uuidString).idx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var (index, ids) = seededIndex()
        index.remove(copyID: "seed-4")
        index.watermark = 42
        try index.save(to: path)

        var restored = try StoryIndex.load(from: path)
        #expect(restored.watermark == 42)
        #expect(restored.copyCount == 4)
        #expect(restored.storyID(ofCopy: "seed-1") == ids[1])
        #expect(restored.storyID(ofCopy: "seed-4") == nil)
        let copy = restored.add(copyID: "repaired", text: fixture("seed-000-repaired.txt"))
        let expected = index.add(copyID: "repaired", text: fixture("seed-000-repaired.txt"))
        #expect(copy == expected)
        #expect(copy.storyID == ids[0])
    }

    /// A story whose first copy was deleted is still judged on that copy's text after a restart:
    /// the representative's sketch is saved even though the copy is gone.
    @Test func removedRepresentativeSurvivesASnapshot() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-\(UUID().uuidString).idx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var index = StoryIndex()
        let story = index.add(copyID: "original", text: Edit.chrome(base))
        index.add(copyID: "copy", text: Edit.chrome(base.map { Edit.damage($0) }))
        index.remove(copyID: "original")
        try index.save(to: path)
        var restored = try StoryIndex.load(from: path)
        let slot = try #require(restored.slotOfID[UInt64(story.storyID, radix: 16)!])
        #expect(restored.representative[Int(slot)] == 0)      // the removed original, kept first
        #expect(restored.docStory[0] == -1 && restored.copyCount == 1)
        #expect(restored.storyID(ofCopy: "original") == nil)
        let again = restored.add(copyID: "again", text: Edit.chrome(base))
        #expect(again.storyID == story.storyID && again.joinedExistingStory)
    }

    /// `snapshot-v1.bin` was written by the previous release (`ingest import` of the ferry page,
    /// a trimmed copy of it and the orchard page): it loads, keeps its story ids, and each story's
    /// first copy becomes its representative. Copy ids are sync's (`c` + FNV-1a of the file URL).
    /// Both fixtures have 12 LSH bands, as every snapshot before 2026-12-06: their copies keep
    /// those keys and are still found by them (a new copy joins its story).
    @Test func versionOneSnapshotLoadsWithItsStoryIds() throws {
        var index = try snapshotFixture(version: 1)
        #expect(index.copyCount == 3)
        #expect(index.storyID(ofCopy: "c458e8758c2cf8235") == "0a412a41f292b458")
        #expect(index.storyID(ofCopy: "c2d1e53cb5dd7f947") == "0a412a41f292b458")
        #expect(index.storyID(ofCopy: "c0a285eddb39df308") == "f8c7db31fa038b34")
        #expect(index.representative[Int(index.slotOfID[0x0a41_2a41_f292_b458]!)] == 0)
        let copy = index.add(copyID: "orchard-again", text: fixture("short-orchard.txt"))
        #expect(copy.storyID == "f8c7db31fa038b34" && copy.joinedExistingStory)
    }

    /// `snapshot-v2.bin` was written by the release before shared blocks were learned (`ingest
    /// import` of a trimmed ferry page, the ferry page and the orchard page with the plea): it
    /// loads with its story ids and representatives and nothing learned, and saves as version 4.
    @Test func versionTwoSnapshotLoadsWithItsStoryIds() throws {
        var index = try snapshotFixture(version: 2)
        #expect(index.copyCount == 3 && index.sharedBlocks == SharedBlocks())
        #expect(index.storyID(ofCopy: "c13c5b383f70987fd") == "ab56ea05d198069f")
        #expect(index.storyID(ofCopy: "c6855bb8796922488") == "ab56ea05d198069f")
        #expect(index.storyID(ofCopy: "c7df0feafd256555d") == "332dbe48a6613c3b")
        #expect(index.representative[Int(index.slotOfID[0xab56_ea05_d198_069f]!)] == 0)
        let copy = index.add(copyID: "orchard-again", text: fixture("short-orchard.txt"))
        #expect(copy.storyID == "332dbe48a6613c3b" && copy.joinedExistingStory)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-\(UUID().uuidString).idx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try index.save(to: path)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))[8..<12] == [4, 0, 0, 0])
        #expect(try StoryIndex.load(from: path).storyID(ofCopy: "orchard-again") == "332dbe48a6613c3b")
    }

    /// Loads `snapshot-v<version>.bin`, written by the release that wrote that version.
    private func snapshotFixture(version: UInt8) throws -> StoryIndex {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/dedup/snapshot-v\(version).bin")
        #expect(try [UInt8](Data(contentsOf: url))[8..<12] == [version, 0, 0, 0])  // really that version
        return try StoryIndex.load(from: url.path)
    }

    /// A loaded index has room to grow: the first adds of the next run rebuild nothing.
    @Test func loadedIndexHasHeadroom() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-\(UUID().uuidString).idx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Distinct texts (words numbered per document), so that no two are candidates.
        let text = { (n: Int) in (0..<12).map { "w\((n * 7_919 + $0 * 104_729) % 1_000_003)" }.joined(separator: " ") + "." }
        var index = StoryIndex()
        for n in 0..<5_000 { index.add(copyID: "brief-\(n)", text: text(n)) }
        try index.save(to: path)
        var restored = try StoryIndex.load(from: path)
        let bytes = restored.estimatedByteCount
        for n in 5_000..<5_200 { restored.add(copyID: "brief-\(n)", text: text(n)) }
        #expect(restored.estimatedByteCount == bytes)
        #expect(restored.copyCount == 5_200)
    }

    @Test func corruptSnapshotIsRejected() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-\(UUID().uuidString).idx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (index, _) = seededIndex()
        try index.save(to: path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoryIndex.SnapshotError.self) { try StoryIndex.load(from: path) }
    }
}

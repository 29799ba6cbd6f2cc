import Foundation
import Testing
@testable import IngestDedup

/// Stories written from one beat's stock sentences, each with its own names, places and
/// figures (`port-strike-stories-from-one-template.txt`: sixteen stories from fourteen
/// sentences, eleven to thirteen each). Any two of them share three quarters of their text word for word
/// (114 of the 120 pairs pass the containment rule on their exact shingles), which is what a copy
/// with edits looks like; what tells them apart is that the shared wording is in many texts.
@Suite struct TemplatedStoryTests {
    private let stories = fixture("port-strike-stories-from-one-template.txt").components(separatedBy: "\n=====\n")
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Stories before the wording is known to be common are judged by their whole text (they
    /// may merge). A shingle is its bin's minimum in about two stories of three here (each
    /// leaves out a few of the sentences), so 8 counts (`CommonMinima.commonAt`) take about a
    /// dozen stories; every later one is a story of its own.
    private let early = 12
    @Test func storiesFromOneTemplateStayApartOnceTheTemplateIsCommon() {
        #expect(stories.count == 16)
        var index = StoryIndex()
        let ids = stories.enumerated().map { index.add(copyID: "story-\($0.offset)", text: $0.element).storyID }
        let later = ids.dropFirst(early)
        #expect(Set(later).count == later.count)
        #expect(Set(ids.prefix(early)).isDisjoint(with: later))
    }

    /// Wire copies of the later stories (a dateline, the last paragraph dropped) still join
    /// their own story: the names and figures are their own evidence.
    @Test func wireCopiesOfTemplatedStoriesJoinTheirOwnStory() {
        var index = StoryIndex()
        let ids = stories.enumerated().map { index.add(copyID: "story-\($0.offset)", text: $0.element).storyID }
        for (n, story) in stories.enumerated().dropFirst(early) {
            var paragraphs = Edit.paragraphs(story)
            paragraphs[0] = "TOLLMOUTH, May 3 (Wire) — " + paragraphs[0]
            let copy = index.add(copyID: "copy-\(n)", text: paragraphs.dropLast().joined(separator: "\n\n"))
            #expect(copy.storyID == ids[n], "copy of story \(n)")
        }
    }

    /// A story's own wording does not become common however many sites reprint it: copies
    /// wholly inside it are the same text again, not new texts.
    @Test func manyCopiesOfOneStoryKeepItsWordingItsOwn() {
        var index = StoryIndex()
        let paragraphs = Edit.paragraphs(stories[0])
        let story = index.add(copyID: "original", text: stories[0]).storyID
        for n in 0..<12 {
            let copy = index.add(copyID: "copy-\(n)", text: Edit.chrome(n % 2 == 0 ? paragraphs : Array(paragraphs.dropLast())))
            #expect(copy.storyID == story, "copy \(n)")
        }
        #expect(!index.commonMinima.counts.values.contains { $0 >= CommonMinima.commonAt })
    }

    /// What was counted survives a snapshot: a story from the template added after a restart
    /// stays apart as it would have before.
    @Test func countedMinimaSurviveASnapshot() throws {
        var index = StoryIndex()
        let ids = stories.dropLast().enumerated().map { index.add(copyID: "story-\($0.offset)", text: $0.element).storyID }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-\(UUID().uuidString).idx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try index.save(to: path)
        var loaded = try StoryIndex.load(from: path)
        #expect(loaded.commonMinima == index.commonMinima)
        let last = loaded.add(copyID: "story-15", text: stories[15])
        #expect(!last.joinedExistingStory && !ids.contains(last.storyID))
    }
}

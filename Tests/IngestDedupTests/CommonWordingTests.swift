import Foundation
import IngestTesting
import Testing
@testable import IngestDedup

/// A store where most of a story's wording is also in many unrelated texts (background
/// paragraphs every text of a beat carries): the wording is counted common, so a match resting
/// on it must be backed by the story's own evidence. An edited copy keeps that evidence in its
/// shingles even where every sentence changed.
@Suite struct CommonWordingTests {
    private let background = fixture("seed-003.txt")
    private let story = fixture("seed-003.txt") + "\n\n" + fixture("seed-002.txt")

    /// `count` unrelated texts: the background, then 800 words of their own (deterministic
    /// sentences of words drawn from the other seeds), so any two share the background alone
    /// (about half of each: not a copy).
    private func unrelated(_ count: Int) -> [String] {
        let words = (fixture("seed-001.txt") + " " + fixture("seed-004.txt")).split(whereSeparator: \.isWhitespace)
        var random = SplitMix(seed: 12)
        return (0..<count).map { _ in
            let own = (0..<8).map { _ in
                (0..<5).map { _ in (0..<20).map { _ in String(words.randomElement(using: &random)!) }.joined(separator: " ") + "." }
                    .joined(separator: " ")
            }
            return ([background] + own).joined(separator: "\n\n")
        }
    }

    /// A copy with damaged characters (one letter in 80 dropped, a pair in 240 swapped) keeps
    /// none of the story's own sentences whole, but most of its own shingles: it joins the
    /// story, though most of what the two agree on is common.
    @Test func anEditedCopyJoinsItsStoryWhenMostOfItsWordingIsCommon() throws {
        var index = StoryIndex()
        let others = unrelated(24).enumerated().map { index.add(copyID: "other-\($0.offset)", text: $0.element).storyID }
        #expect(Set(others).count == others.count)
        let original = index.add(copyID: "story", text: story)
        #expect(!original.joinedExistingStory)
        let copy = Edit.chrome(Edit.paragraphs(story).map { Edit.damage($0, every: 80) })
        // The case this is about: most of the evidence is common, and the sentences fail.
        let diagnosis = try #require(index.diagnose(text: copy, against: "story"))
        #expect(diagnosis.agreeingOnCommon * 2 > diagnosis.agreeing)
        #expect(diagnosis.ownBins >= index.rule.minimumOwnBins)
        #expect(index.add(copyID: "copy", text: copy).storyID == original.storyID)
    }

    /// The unrelated texts' own evidence is not shared: a new one stays apart however common
    /// the background is, as the story does.
    @Test func unrelatedTextsSharingTheCommonWordingStayApart() {
        var index = StoryIndex()
        let texts = unrelated(25)
        let ids = texts.enumerated().map { index.add(copyID: "other-\($0.offset)", text: $0.element).storyID }
        #expect(Set(ids).count == ids.count)
        #expect(!index.add(copyID: "story", text: story).joinedExistingStory)
    }
}

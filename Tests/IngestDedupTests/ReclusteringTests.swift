import Testing
@testable import IngestDedup

/// Re-clustering a store's copies: a wrong merge is split, a missed one is made, ids stay with
/// the stories that keep their copies, and every old id still resolves.
@Suite struct ReclusteringTests {
    private let ferry = Edit.paragraphs(fixture("short-ferry.txt"))
    private let orchard = Edit.paragraphs(fixture("short-orchard.txt"))
    private let library = Edit.paragraphs(fixture("short-library.txt"))

    private let merged = "00000000000000aa", library1 = "00000000000000cc"
    private let twinA = "00000000000000dd", twinB = "00000000000000ee"

    /// A store as an older rule left it: the ferry and orchard stories wrongly merged into one
    /// id; the library story once; a copy of the library story filed as a story of its own.
    private var copies: [(id: String, story: String, text: String)] {
        [("ferry-1", merged, Edit.chrome(ferry)),
         ("orchard-1", merged, Edit.chrome(orchard)),
         ("ferry-2", merged, Edit.chrome(ferry.map { Edit.damage($0) })),
         ("ferry-3", merged, ferry.joined(separator: "\n")),
         ("orchard-2", merged, Edit.reflow(orchard).joined(separator: "\n\n")),
         ("library-1", library1, Edit.chrome(library)),
         ("library-2", twinB, Edit.chrome(library.map(Edit.straightQuotes)))]
    }

    private func plan() -> Reclustering {
        var plan = Reclustering()
        for copy in copies { plan.add(copyID: copy.id, story: copy.story, text: copy.text) }
        return plan
    }

    @Test func aWrongMergeIsSplitAndTheLargerPartKeepsTheId() throws {
        let result = plan().finish()
        let index = result.index
        #expect(result.copies == 7 && result.stories == 3)
        // The ferry copies (three of five) keep the merged id; the orchard copies move together.
        for copy in ["ferry-1", "ferry-2", "ferry-3"] { #expect(index.storyID(ofCopy: copy) == merged) }
        let orchardID = try #require(index.storyID(ofCopy: "orchard-1"))
        #expect(orchardID != merged && ![library1, twinA, twinB].contains(orchardID))
        #expect(index.storyID(ofCopy: "orchard-2") == orchardID)
        #expect(result.moves["orchard-1"] == orchardID && result.moves["orchard-2"] == orchardID)
        #expect(result.splits == [Reclustering.Change(storyID: merged, others: [merged, orchardID], copies: 5)])
        #expect(index.resolve(storyID: merged) == merged)
    }

    @Test func aMissedMergeIsMadeAndTheOldIdResolves() {
        let result = plan().finish()
        // The library copy filed apart joins the library story, which keeps its id.
        #expect(result.index.storyID(ofCopy: "library-2") == library1)
        #expect(result.moves["library-2"] == library1)
        #expect(result.aliases.contains { $0 == (twinB, library1) })
        #expect(result.merges == [Reclustering.Change(storyID: library1, others: [library1, twinB], copies: 2)])
        #expect(result.index.resolve(storyID: twinB) == library1)
    }

    @Test func storiesThatKeepTheirCopiesKeepTheirIdsAndNothingMoves() throws {
        let result = plan().finish()
        var again = Reclustering()
        for copy in copies {
            again.add(copyID: copy.id, story: try #require(result.index.storyID(ofCopy: copy.id)), text: copy.text)
        }
        let second = again.finish(aliases: result.aliases)
        #expect(second.moves.isEmpty && second.splits.isEmpty && second.merges.isEmpty && second.aliases.isEmpty)
        #expect(second.index.resolve(storyID: twinB) == library1)
    }

    @Test func recordedAliasesStayResolvableAndReserved() {
        let result = plan().finish(aliases: [(twinA, merged)])
        #expect(result.index.resolve(storyID: twinA) == merged)
        var index = result.index
        // A new story never takes an id the store issued before.
        let added = index.add(copyID: "new", text: Edit.chrome(Edit.paragraphs(fixture("seed-002.txt"))))
        #expect(![merged, library1, twinA, twinB].contains(added.storyID) && !added.joinedExistingStory)
    }
}

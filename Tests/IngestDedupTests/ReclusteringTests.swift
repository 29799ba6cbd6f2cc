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

/// Settling a round (`Reclustering(settling:)`, what `ingest sync` does at its end): the same
/// copies arriving in any order end in the same stories.
@Suite struct SettlingTests {
    /// Two stories sharing four paragraphs of background (about half of each, too little to
    /// match), and a copy carrying that background and one paragraph of each: it matches both.
    /// Taken in arrival order, the stories depend on which came first: the bridge after both
    /// joins one of them; the bridge first takes in both.
    private var copies: [(id: String, text: String)] {
        let seed4 = Edit.paragraphs(fixture("seed-004.txt")), seed2 = Edit.paragraphs(fixture("seed-002.txt"))
        let background = Array(seed4[0...3]), ownA = Array(seed2[3...5]), ownB = Array(seed4[6...8])
        return [("https://a.example/story", (background + ownA).joined(separator: "\n\n")),
                ("https://b.example/story", (background + ownB).joined(separator: "\n\n")),
                ("https://c.example/bridge", (background + [ownA[1], ownB[0]]).joined(separator: "\n\n"))]
    }

    /// A story the round does not touch: it keeps its id whatever happens.
    private let ferry = Edit.chrome(Edit.paragraphs(fixture("short-ferry.txt")))

    private static func partition(_ ids: [String], _ story: (String) -> String?) -> Set<Set<String>> {
        Set(Dictionary(grouping: ids) { story($0) ?? "" }.values.map(Set.init))
    }

    private static let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]

    @Test func theSameCopiesInAnyOrderSettleIntoTheSameStories() throws {
        var base = StoryIndex()
        let ferryID = base.add(copyID: "https://d.example/ferry", text: ferry).storyID
        let ids = copies.map(\.id)
        var arrived: Set<Set<Set<String>>> = []
        var settled: Set<Set<Set<String>>> = []
        for order in Self.orders {
            // What a sync stores: each copy in the story the index gave it on arrival.
            var index = base
            var stored: [String: String] = [:]
            for i in order { stored[copies[i].id] = index.add(copyID: copies[i].id, text: copies[i].text).storyID }
            arrived.insert(Self.partition(ids) { index.storyID(ofCopy: $0) })
            var plan = Reclustering(settling: base)
            for i in order { plan.add(copyID: copies[i].id, story: stored[copies[i].id]!, text: copies[i].text) }
            let result = plan.finish()
            settled.insert(Self.partition(ids) { result.index.storyID(ofCopy: $0) })
            // The store, once the moves are applied, agrees with the settled index.
            for id in ids { #expect(result.index.storyID(ofCopy: id) == result.moves[id] ?? stored[id]) }
            #expect(result.index.storyID(ofCopy: "https://d.example/ferry") == ferryID)
            // Ids the arrival order issued and the settled stories no longer hold still resolve.
            for (from, to) in result.aliases { #expect(result.index.resolve(storyID: from) == to) }
        }
        #expect(arrived.count > 1, "the fixture no longer depends on the order: it tests nothing")
        #expect(settled.count == 1)
    }

    /// The canonical order takes longer texts first, so the bridge (shorter than either story)
    /// joins one of them instead of taking in both, whatever its id's hash: `wire-0` hashes
    /// before both stories' ids, so a hash order would let it seed and merge them.
    @Test func theFullerCopiesSeedTheStoriesAndAShorterBridgeJoinsOne() throws {
        let a = copies[0], b = copies[1], bridge = copies[2]
        #expect(bridge.text.utf8.count < min(a.text.utf8.count, b.text.utf8.count), "the fixture's bridge must be the shortest")
        for bridgeID in ["https://c.example/wire-0", bridge.id] {
            var plan = Reclustering(settling: StoryIndex())
            // Stored as if the bridge arrived first and took in both (the story ids a sync gave).
            for copy in [(bridgeID, bridge.text), (a.id, a.text), (b.id, b.text)] { plan.add(copyID: copy.0, story: "1", text: copy.1) }
            let index = plan.finish().index
            let story = { (id: String) in index.storyID(ofCopy: id) }
            #expect(story(a.id) != story(b.id), "the bridge \(bridgeID) merged the two stories")
            #expect(story(bridgeID) == story(a.id) || story(bridgeID) == story(b.id))
        }
    }

    @Test func aStoryOfTheBaseKeepsItsIdWhenTheRoundJoinsIt() throws {
        var base = StoryIndex()
        let a = copies[0], c = copies[2]
        let storyA = base.add(copyID: a.id, text: a.text).storyID
        var index = base
        let stored = index.add(copyID: c.id, text: c.text).storyID
        var plan = Reclustering(settling: base)
        plan.add(copyID: c.id, story: stored, text: c.text)
        let result = plan.finish()
        #expect(stored == storyA && result.moves.isEmpty && result.aliases.isEmpty)
        #expect(result.index.storyID(ofCopy: c.id) == storyA && result.index.storyID(ofCopy: a.id) == storyA)
    }
}

import Foundation
import IngestCore
import IngestDedup
import IngestPipeline
import IngestStore
import IngestTesting
import Testing

/// A sync's round settled at its end (`StoryIndexClusterer.settle`): stores that received the
/// same copies in other orders hold the same stories, store and index agree, and a settle
/// killed anywhere is finished by the next writer with nothing lost.
@Suite struct SettleStoreTests {
    /// Two stories sharing half their text and a copy that matches both (see the dedup
    /// `SettlingTests`): in arrival order the stories depend on which came first.
    private func copies() throws -> [(id: String, text: String)] {
        let seed4 = try dedupFixture("seed-004.txt"), seed2 = try dedupFixture("seed-002.txt")
        let background = Array(seed4[0...3]), ownA = Array(seed2[3...5]), ownB = Array(seed4[6...8])
        return [("https://a.example/story", (background + ownA).joined(separator: "\n\n")),
                ("https://b.example/story", (background + ownB).joined(separator: "\n\n")),
                ("https://c.example/bridge", (background + [ownA[1], ownB[0]]).joined(separator: "\n\n"))]
    }

    /// Stores the copies in `order` as a sync does (each in the story the index gives it on
    /// arrival, merges as aliases), then finishes the run with `settle`.
    private func sync(_ order: [Int], into path: String, after step: (StoryIndexClusterer.ReclusterStep) throws -> Void = { _ in })
        throws {
        let store = try Store.open(directory: path, access: .write)
        let clusterer = try StoryIndexClusterer.load(for: store)
        let copies = try copies()
        for i in order {
            let (id, text) = copies[i]
            let assignment = clusterer.assign(copyID: id, text: text)
            _ = try store.append(copies: [CopyInput(id: id, story: assignment.storyID, url: id, text: text, source: "s",
                                                    contentHash: ContentHash.of(text))])
            if !assignment.mergedStoryIDs.isEmpty {
                try store.append(aliases: assignment.mergedStoryIDs.map { StoryAlias(from: $0, to: assignment.storyID) })
            }
        }
        try clusterer.settle(store, after: step)
    }

    /// The store's stories (copy sets), checking that a freshly loaded index agrees on each copy.
    private func partition(at path: String) throws -> Set<Set<String>> {
        let store = try Store.open(directory: path, access: .write)
        let clusterer = try StoryIndexClusterer.load(for: store)
        var stories: [String: Set<String>] = [:]
        try store.forEachLiveCopyInArrivalOrder { copy, story in
            #expect(clusterer.index.storyID(ofCopy: copy.id) == story, "index and store disagree on \(copy.id)")
            stories[story, default: []].insert(copy.id)
        }
        #expect(stories.values.reduce(0) { $0 + $1.count } == 3)  // nothing lost
        return Set(stories.values)
    }

    @Test func storesSyncedInOtherOrdersHoldTheSameStories() throws {
        let temp = TemporaryDirectory("ingest-settle")
        defer { temp.remove() }
        try sync([0, 1, 2], into: temp.path + "/first")
        try sync([2, 0, 1], into: temp.path + "/second")
        #expect(try partition(at: temp.path + "/first") == partition(at: temp.path + "/second"))
    }

    /// `ingest compact --recluster` takes the copies in settling's order too: a store a sync
    /// settled (bridge first, which the arrival order would merge with both) is a fixed point.
    @Test func reclusteringASettledStoreMovesNothing() throws {
        let temp = TemporaryDirectory("ingest-settle-recluster")
        defer { temp.remove() }
        try sync([2, 0, 1], into: temp.path + "/store")
        let settled = try partition(at: temp.path + "/store")
        #expect(settled.count == 2, "settled, the bridge joins one of the two stories")
        do {
            let result = try StoryIndexClusterer.recluster(try Store.open(directory: temp.path + "/store", access: .write))
            #expect(result.moves.isEmpty && result.aliases.isEmpty && result.splits.isEmpty && result.merges.isEmpty)
        }
        #expect(try partition(at: temp.path + "/store") == settled)
    }

    private struct Killed: Error {}

    /// Killed between any two of its writes, a settle leaves the store to be re-clustered by
    /// the next writer: store and index agree and no copy is lost.
    @Test(arguments: StoryIndexClusterer.ReclusterStep.allCases)
    func aSettleKilledAnywhereLeavesAConsistentStore(step: StoryIndexClusterer.ReclusterStep) throws {
        let temp = TemporaryDirectory("ingest-settle-kill")
        defer { temp.remove() }
        // Bridge first: the arrival order takes in all three, the settled one does not.
        #expect(throws: Killed.self) { try sync([2, 0, 1], into: temp.path + "/store") { if $0 == step { throw Killed() } } }
        #expect(try Store.open(directory: temp.path + "/store", access: .read).reclusterPending)
        _ = try partition(at: temp.path + "/store")
        #expect(try !Store.open(directory: temp.path + "/store", access: .read).reclusterPending)
    }
}

import Foundation
import IngestCore
import IngestDedup
import IngestPipeline
import IngestStore
import IngestSync
import IngestTesting
import Testing

/// `ingest compact --recluster` on a store an older rule clustered: a wrong merge is split, a
/// missed one made, ids stay with the stories that keep their copies, old ids still resolve,
/// no copy is lost, and the saved index goes on with the same ids.
@Suite struct ReclusterStoreTests {
    private let merged = "00000000000000aa", library = "00000000000000cc", apart = "00000000000000ee"

    private func input(_ id: String, _ story: String, _ paragraphs: [String]) -> CopyInput {
        let text = paragraphs.joined(separator: "\n\n")
        return CopyInput(id: id, story: story, url: "https://\(id).example/story", text: text, source: "import",
                         contentHash: ContentHash.of(text))
    }

    /// Seven copies as an older rule filed them: a ferry and an orchard story merged into one
    /// story (`merged`), and a copy of the library story filed apart (`apart`).
    private func writeWronglyClusteredStore(at path: String) throws -> Store {
        let ferry = try dedupFixture("short-ferry.txt"), orchard = try dedupFixture("short-orchard.txt")
        let libraryText = try dedupFixture("short-library.txt")
        let store = try Store.open(directory: path, access: .write)
        _ = try store.append(copies: [
            input("ferry-1", merged, ferry), input("orchard-1", merged, orchard),
            input("ferry-2", merged, ["Home | News"] + ferry), input("orchard-2", merged, orchard + ["Most read"]),
            input("ferry-3", merged, ferry.map { $0.replacingOccurrences(of: "'", with: "\u{2019}") }),
            input("library-1", library, libraryText), input("library-2", apart, libraryText + ["Share this"]),
        ])
        return store
    }

    @Test func aWrongMergeIsSplitIdsStayAndOldIdsResolve() throws {
        let temp = TemporaryDirectory("ingest-recluster")
        defer { temp.remove() }
        let path = temp.path + "/store"
        let orchard = try dedupFixture("short-orchard.txt")
        do {
            let store = try writeWronglyClusteredStore(at: path)
            let result = try StoryIndexClusterer.recluster(store)
            #expect(result.splits.map(\.storyID) == [merged] && result.merges.map(\.storyID) == [library])

            // The ferry copies keep the merged id; the orchard copies move to one new story.
            for copy in ["ferry-1", "ferry-2", "ferry-3"] { #expect(try store.copy(id: copy)?.story == merged) }
            let orchardStory = try #require(try store.copy(id: "orchard-1")?.story)
            let orchard2 = try store.copy(id: "orchard-2")?.story
            #expect(orchardStory != merged && orchard2 == orchardStory)
            #expect(try store.copy(id: "orchard-1")?.revision == 1)  // moved, text unchanged
            // The copy filed apart joined the library story; its old id resolves there.
            #expect(store.survivingStory(of: apart) == library)
            #expect(store.survivingStory(of: merged) == merged)
            // Nothing lost: every live copy is in one of the three stories.
            let stories = [merged, orchardStory, library]
            let live = try stories.flatMap { try store.liveCopyIDs(inStory: $0) }.sorted()
            #expect(live == ["ferry-1", "ferry-2", "ferry-3", "library-1", "library-2", "orchard-1", "orchard-2"])
        }
        // The next run loads the saved index: the same ids, and a new copy joins by them.
        let store = try Store.open(directory: path, access: .write)
        let clusterer = try StoryIndexClusterer.load(for: store)
        #expect(clusterer.index.storyID(ofCopy: "ferry-1") == merged)
        #expect(clusterer.index.resolve(storyID: apart) == library)
        let orchardStory = try #require(try store.copy(id: "orchard-1")?.story)
        #expect(clusterer.assign(copyID: "orchard-3", text: (orchard + ["Sign up"]).joined(separator: "\n\n")).storyID == orchardStory)
        // A second re-cluster finds nothing to change.
        let again = try StoryIndexClusterer.recluster(store)
        #expect(again.moves.isEmpty && again.splits.isEmpty && again.merges.isEmpty && again.aliases.isEmpty)
    }

    private struct Killed: Error {}

    /// Each copy's story in the store, and whether the index puts it in the same story.
    private func stories(of store: Store, _ clusterer: StoryIndexClusterer) throws -> [String: String] {
        var stories: [String: String] = [:]
        try store.forEachLiveCopyInArrivalOrder { copy, story in
            #expect(clusterer.index.storyID(ofCopy: copy.id) == story, "index and store disagree on \(copy.id)")
            stories[copy.id] = story
        }
        return stories
    }

    /// Where a test kills a re-clustering: at a step, or halfway through storing the moves
    /// (whole lines of the batch written, as a SIGKILL mid-write leaves them).
    enum Kill: Sendable, CustomTestStringConvertible {
        case after(StoryIndexClusterer.ReclusterStep)
        case halfwayThroughTheMoves
        var testDescription: String { "\(self)" }
    }

    /// Killed at each point between its durable writes, a re-clustering is finished by the
    /// next writer: store and index agree on every copy, the stories are the uninterrupted
    /// run's, every old id resolves the same in both, and nothing is lost.
    @Test(arguments: StoryIndexClusterer.ReclusterStep.allCases.map(Kill.after) + [.halfwayThroughTheMoves])
    func aReclusteringKilledAnywhereIsFinishedByTheNextWriter(kill: Kill) throws {
        let temp = TemporaryDirectory("ingest-recluster-kill")
        defer { temp.remove() }
        let expected: [String: String]
        do {
            let store = try writeWronglyClusteredStore(at: temp.path + "/reference")
            _ = try StoryIndexClusterer.recluster(store)
            expected = try stories(of: store, try StoryIndexClusterer.load(for: store))
        }
        let path = temp.path + "/store"
        do {
            let store = try writeWronglyClusteredStore(at: path)
            let copyLines = store.lastSequenceNumber  // a fresh store: one line per revision
            let stop: StoryIndexClusterer.ReclusterStep
            if case .after(let step) = kill { stop = step } else { stop = .moved }
            #expect(throws: Killed.self) {
                _ = try StoryIndexClusterer.recluster(store) { if $0 == stop { throw Killed() } }
            }
            if case .halfwayThroughTheMoves = kill {
                let file = path + "/copies.jsonl"
                let lines = try #require(FileManager.default.contents(atPath: file)).split(separator: 0x0A)
                #expect(lines.count > copyLines + 1)  // the fixture moves more than one copy
                try Data(lines.prefix(copyLines + 1).joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: file))
            }
        }
        let store = try Store.open(directory: path, access: .write)
        #expect(store.reclusterPending)
        let clusterer = try StoryIndexClusterer.load(for: store)
        #expect(!store.reclusterPending)
        #expect(try stories(of: store, clusterer) == expected)
        for old in [merged, library, apart] {
            #expect(clusterer.index.resolve(storyID: old) == store.survivingStory(of: old))
        }
        let live = try Set(expected.values).flatMap { try store.liveCopyIDs(inStory: $0) }.sorted()
        #expect(live == expected.keys.sorted())
        // The index the next writer saved is the one the run after it loads.
        let reopened = try Store.open(directory: temp.path + "/store", access: .read)
        #expect(!reopened.reclusterPending && reopened.dedupWatermark == store.lastSequenceNumber)
        #expect(try StoryIndexClusterer.recluster(store).moves.isEmpty)
    }
}

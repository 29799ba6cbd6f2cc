import Foundation
import IngestCore
import IngestDedup
import IngestExtract
import IngestPipeline
import IngestStore
import IngestSync
import IngestTesting
import Testing

/// The live adapters against a real store directory: what the engine saves comes back
/// whole in the next run, commits are ordered, and the dedup index survives a lost snapshot.
@Suite struct LiveStoreTests {
    /// Whole seconds: the store keeps timestamps to the second.
    private let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    private func text(_ seed: Int) -> String {
        (0..<6).map { p in
            (0..<30).map { w in "word\((seed * 7919 + p * 131 + w * 17) % 997)" }.joined(separator: " ") + "."
        }.joined(separator: "\n\n")
    }

    @Test func engineStatesComeBackWholeInTheNextRun() throws {
        let temp = TemporaryDirectory("ingest-live")
        defer { temp.remove() }
        let path = temp.path + "/store"
        let url = URLState(url: "https://a.example/x", copyID: "c1", isAlias: false, source: "feed-a", etag: "\"e1\"",
                           lastModified: "Sun, 22 Nov 2026 04:00:00 GMT", allowPrivateAddresses: true, firstSeen: t0,
                           lastChecked: t0.addingTimeInterval(60), published: t0.addingTimeInterval(-3600), gone: true)
        let alias = URLState(url: "guid:feed-a|42", copyID: "c1", isAlias: true, source: "feed-a", firstSeen: t0)
        let source = SourceState(name: "feed-a", validators: Validators(etag: "\"f\"", lastModified: nil),
                                 feedURL: "https://a.example/feed", children: ["https://a.example/s1.xml": Validators(etag: "\"s1\"")],
                                 lastPolled: t0, nextPoll: t0.addingTimeInterval(1200), lastError: "HTTP 503",
                                 failingSince: t0.addingTimeInterval(-600), failures: 2)
        do {
            let live = try LiveStore.open(directory: path)
            // States name a copy only once it is stored: the store refuses states without their copies.
            try live.adapter.saveCopy(CopyInput(
                id: "c1", story: "s1", url: "https://a.example/x", source: "feed-a",
                contentHash: "sha256:1", article: Article(metadata: ArticleMetadata(title: "t"), text: text(1))))
            try live.adapter.saveURLState(url)
            try live.adapter.saveURLState(alias)
            try live.adapter.saveSourceState(source)
            try live.finish()
        }
        let again = try LiveStore.open(directory: path)
        #expect(try again.adapter.allURLStates().sorted { $0.url < $1.url } == [alias, url].sorted { $0.url < $1.url })
        #expect(again.adapter.sourceState(named: "feed-a") == source)
    }

    @Test func copiesAreCommittedInBatchesBeforeTheStatesThatPointToThem() throws {
        let temp = TemporaryDirectory("ingest-live")
        defer { temp.remove() }
        let path = temp.path + "/store"
        let live = try LiveStore.open(directory: path)
        let adapter = StoreAdapter(live.store, batchSize: 3, maxDelay: 3600)
        for i in 0..<2 {
            try adapter.saveCopy(CopyInput(
                id: "c\(i)", story: "s\(i)", url: "https://a.example/\(i)", source: "a",
                contentHash: "sha256:\(i)", article: Article(metadata: ArticleMetadata(title: "t"), text: text(i))))
            try adapter.saveURLState(URLState(url: "https://a.example/\(i)", copyID: "c\(i)", source: "a", firstSeen: t0))
        }
        #expect(try adapter.copy(id: "c1")?.storyID == "s1", "the run sees its own buffered copies")
        let before = try Store.open(directory: path, access: .read)
        #expect(before.status().copies == 0 && before.status().trackedURLs == 0, "nothing committed below the batch size")
        try adapter.saveCopy(CopyInput(
                id: "c2", story: "s2", url: "https://a.example/2", source: "a",
            contentHash: "sha256:2", article: Article(metadata: ArticleMetadata(title: "t"), text: text(2))))
        let after = try Store.open(directory: path, access: .read)
        #expect(after.status().copies == 3 && after.status().trackedURLs == 2, "one batch: copies, then their states")
    }

    /// A slow run still commits: what waited `maxDelay` goes to disk with the next save.
    @Test func aBatchIsAlsoCommittedWhenItHasWaitedMaxDelay() throws {
        let temp = TemporaryDirectory("ingest-live")
        defer { temp.remove() }
        let path = temp.path + "/store"
        let live = try LiveStore.open(directory: path)
        let adapter = StoreAdapter(live.store, batchSize: 1000, maxDelay: 0.05)
        try adapter.saveCopy(CopyInput(
                id: "c0", story: "s0", url: "https://a.example/0", source: "a",
            contentHash: "sha256:0", article: Article(metadata: ArticleMetadata(title: "t"), text: text(0))))
        #expect(try Store.open(directory: path, access: .read).status().copies == 0)
        Thread.sleep(forTimeInterval: 0.1)  // a lower bound: a loaded machine only waits longer
        try adapter.saveURLState(URLState(url: "https://a.example/0", copyID: "c0", source: "a", firstSeen: t0))
        let after = try Store.open(directory: path, access: .read).status()
        #expect(after.copies == 1 && after.trackedURLs == 1)
    }

    /// With no further save (every worker waiting on one slow page), the run's timer call
    /// commits what has waited `maxDelay`, and not before.
    @Test func commitIfDueCommitsWhatWaitedMaxDelayWithoutAnotherSave() throws {
        let temp = TemporaryDirectory("ingest-live")
        defer { temp.remove() }
        let path = temp.path + "/store"
        let live = try LiveStore.open(directory: path)
        let adapter = StoreAdapter(live.store, batchSize: 1000, maxDelay: 0.5)
        try adapter.saveCopy(CopyInput(
            id: "c0", story: "s0", url: "https://a.example/0", source: "a",
            contentHash: "sha256:0", article: Article(metadata: ArticleMetadata(title: "t"), text: text(0))))
        try adapter.saveURLState(URLState(url: "https://a.example/0", copyID: "c0", source: "a", firstSeen: t0))
        try adapter.commitIfDue()
        #expect(try Store.open(directory: path, access: .read).status().copies == 0, "younger than maxDelay")
        Thread.sleep(forTimeInterval: 0.6)  // a lower bound: a loaded machine only waits longer
        try adapter.commitIfDue()
        let after = try Store.open(directory: path, access: .read).status()
        #expect(after.copies == 1 && after.trackedURLs == 1)
    }

    /// The end of a run compacts the store when superseded revisions are most of a large
    /// copies file, and leaves a small one alone.
    @Test func finishCompactsWhenWorthwhile() throws {
        let temp = TemporaryDirectory("ingest-live")
        defer { temp.remove() }
        let path = temp.path + "/store"
        let copies = path + "/copies.jsonl"
        func size() throws -> Int { try FileManager.default.attributesOfItem(atPath: copies)[.size] as? Int ?? 0 }
        func revise(_ live: LiveStore, times: Int, words: Int) throws {
            for revision in 1...times {
                let body = (0..<words).map { "w\(($0 * 31 + revision) % 1009)" }.joined(separator: " ")
                try live.adapter.saveCopy(CopyInput(
                id: "c0", story: "s0", url: "https://a.example/0", source: "a",
                    contentHash: "sha256:r\(revision)", article: Article(metadata: ArticleMetadata(title: "t"), text: body)))
                try live.adapter.commit()
            }
        }
        do {
            let live = try LiveStore.open(directory: path)
            try revise(live, times: 5, words: 200)
            try live.finish()
        }
        let small = try size()
        #expect(try lines(of: copies) == 5, "a small file is not worth compacting")
        do {
            let live = try LiveStore.open(directory: path)
            try revise(live, times: 40, words: 8_000)  // 40 revisions of ~50 KB: over 1 MiB, one copy
            #expect(try size() > 1 << 20 && live.store.compactionWorthwhile)
            try live.finish()
        }
        #expect(try lines(of: copies) == 1, "only the latest revision is left")
        #expect(try size() > small / 5 && size() < 1 << 20)
    }

    private func lines(of path: String) throws -> Int {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
    }

    @Test func theDedupIndexIsRebuiltFromTheStoreWhenItsSnapshotIsLost() throws {
        let temp = TemporaryDirectory("ingest-live")
        defer { temp.remove() }
        let path = temp.path + "/store"
        // A run killed after its commit and before its snapshot (its store is released on return).
        func killedRun() throws -> StoryAssignment {
            let live = try LiveStore.open(directory: path)
            let first = live.clusterer.assign(copyID: "c1", text: text(1))
            try live.adapter.saveCopy(CopyInput(
                id: "c1", story: first.storyID, url: "https://a.example/1", source: "a",
                contentHash: live.clusterer.contentHash(of: text(1)), article: Article(metadata: ArticleMetadata(title: "t"), text: text(1))))
            try live.adapter.commit()
            return first
        }
        let first = try killedRun()
        #expect(!FileManager.default.fileExists(atPath: path + "/dedup-index.snapshot"))
        let live = try LiveStore.open(directory: path)
        let copy = live.clusterer.assign(copyID: "c2", text: text(1) + "\n\nAdditional reporting by the desk.")
        #expect(copy.storyID == first.storyID && copy.joinedExistingStory)
        try live.finish()
        #expect(try StoryIndex.load(from: live.store.dedupSnapshotPath).storyID(ofCopy: "c2") == first.storyID)
    }

    @Test func aRunThatChangedNothingLeavesTheSnapshotAlone() throws {
        let temp = TemporaryDirectory("ingest-live")
        defer { temp.remove() }
        let path = temp.path + "/store"
        do {
            let live = try LiveStore.open(directory: path)
            let story = live.clusterer.assign(copyID: "c1", text: text(1))
            try live.adapter.saveCopy(CopyInput(
                id: "c1", story: story.storyID, url: "https://a.example/1", source: "a",
                contentHash: live.clusterer.contentHash(of: text(1)), article: Article(metadata: ArticleMetadata(title: "t"), text: text(1))))
            try live.finish()
        }
        func inode() throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path + "/dedup-index.snapshot")[.systemFileNumber] as? Int)
        }
        let written = try inode()
        do { try LiveStore.open(directory: path).finish() }
        #expect(try inode() == written, "an unchanged index is not rewritten")
        do {
            let live = try LiveStore.open(directory: path)
            live.clusterer.remove(copyID: "c1")
            try live.finish()
        }
        #expect(try inode() != written, "a changed index is saved (temp file renamed over it)")
    }
}

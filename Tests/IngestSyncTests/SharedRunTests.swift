import Foundation
import IngestCore
import IngestDiscover
import IngestTesting
import Testing
@testable import IngestSync

/// A run sharing its round with other runs (`SyncWorkSharing`): it polls and fetches only the
/// origins it leases, decides and writes only inside `exclusively`, and marks each origin done
/// after its source states are saved.
@Suite("sync engine, shared round")
struct SharedRunTests {
    /// Leases origins one at a time, except those `others` handle; checks where writes happen.
    final class Sharing: SyncWorkSharing {
        let others: Set<String>
        var handed: Set<String> = []
        var limits: [Int] = []
        var finished: [String] = []
        var inside = false
        var sections = 0

        init(others: Set<String>) { self.others = others }

        func claim(_ origins: [String], limit: Int) throws -> [String] {
            limits.append(limit)
            guard let next = origins.first(where: { !others.contains($0) && !handed.contains($0) }) else { return [] }
            handed.insert(next)
            return [next]
        }

        func finish(_ origins: [String]) throws { finished += origins }

        func exclusively(_ body: () throws -> Void) throws {
            #expect(!inside, "sections do not nest")
            inside = true
            defer { inside = false }
            sections += 1
            try body()
        }
    }

    /// The in-memory store, whose writes must come inside the sharing's sections (source
    /// states and the run summary aside: a real store takes its section for those itself).
    final class SharedStore: SyncStore {
        let base = FakeStore()
        let shared: Sharing
        var outsideWrites: [String] = []

        init(_ sharing: Sharing) { shared = sharing }

        var sharing: (any SyncWorkSharing)? { shared }
        private func check(_ what: String) { if !shared.inside { outsideWrites.append(what) } }

        func sourceState(named name: String) -> SourceState? { base.sourceState(named: name) }
        func allURLStates() throws -> [URLState] { base.allURLStates() }
        func copy(id: String) throws -> StoredCopy? { check("read \(id)"); return base.copy(id: id) }
        func saveCopy(_ copy: CopyInput) throws { check(copy.url); try base.saveCopy(copy) }
        func markCopyDeleted(id: String, at date: Date) throws { check(id); try base.markCopyDeleted(id: id, at: date) }
        func addStoryAlias(_ oldID: String, storyID: String) throws { check(oldID); try base.addStoryAlias(oldID, storyID: storyID) }
        func saveURLState(_ state: URLState) throws { check(state.url); try base.saveURLState(state) }
        func saveSourceState(_ state: SourceState) throws {
            #expect(!shared.finished.contains(SyncRun.origin(of: "https://\(state.name).example/")),
                    "an origin is finished only after its source state is saved")
            try base.saveSourceState(state)
        }
        func saveRunSummary(_ summary: SyncSummary) throws { try base.saveRunSummary(summary) }
    }

    @Test func aRunHandlesOnlyTheOriginsItLeasesAndWritesInSections() async throws {
        let web = FakeWeb()
        let pages = ["wire": ["https://wire.example/a/one-story", "https://wire.example/a/two-story"],
                     "mirror": ["https://mirror.example/b/three-story"],
                     "other": ["https://other.example/c/four-story"]]
        for (site, urls) in pages {
            web["https://\(site).example/feed.xml"] = .ok(rss(urls.map { ($0, nil) }))
            for url in urls { web[url] = .ok("Story at \(url)\nBody of \(url).") }
        }
        let sources = pages.keys.sorted().map { FeedsConfig.Source(name: $0, url: "https://\($0).example/feed.xml", kind: .rss) }
        var settings = FeedsConfig.Settings()
        settings.concurrency = 5
        settings.perHostConcurrency = 2
        let sharing = Sharing(others: ["other.example"])
        let store = SharedStore(sharing)
        let run = SyncRun(config: FeedsConfig(settings: settings, sources: sources), fetcher: web, discoverer: FeedDiscoverer(),
                          extractor: FakeExtractor(), clusterer: FakeClusterer(), store: store)
        let summary = try await run.run()

        #expect(summary.sources.map(\.name).sorted() == ["mirror", "wire"], "only the leased origins' sources")
        #expect(summary.new == 3)
        #expect(!web.requests.contains { $0.url.contains("other.example") }, "nothing of another run's origin")
        #expect(Set(store.base.revisions.map(\.url)) == Set(pages["wire"]! + pages["mirror"]!))
        #expect(store.outsideWrites.isEmpty, "every decision and write in a section: \(store.outsideWrites)")
        #expect(sharing.finished.sorted() == ["mirror.example", "wire.example"])
        #expect(sharing.limits.allSatisfy { $0 == 3 }, "enough origins to fill concurrency 5 at 2 per origin")
        #expect(sharing.limits.count == 3, "claims until none is left")
        #expect(store.base.summaries.count == 1)
    }
}

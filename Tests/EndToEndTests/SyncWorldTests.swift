import Foundation
import Testing

/// `ingest sync` run as cron would, over the loopback world across its epochs.
@Suite struct SyncWorldTests {
    /// Copy URLs per story id, from `export --copies` (live copies only unless asked).
    private func storiesByCopies(_ world: World, includeDeleted: Bool = false) throws -> [String: Set<String>] {
        let copies = try world.export(["--copies"] + (includeDeleted ? ["--include-deleted"] : []))
        return Dictionary(grouping: copies, by: { $0["story"] as! String }).mapValues { Set($0.map { $0["url"] as! String }) }
    }

    @Test func epochsAddEditDeleteAndKeepScrolledOutItems() throws {
        let world = try World()
        defer { world.stop() }
        try world.writeFeeds()

        let first = try world.sync()
        #expect(first.status == 0, "\(first.stderr)")
        // Wire copies are one story with every copy; distinct stories stay apart.
        #expect(Set(try storiesByCopies(world).values) == Set(world.expectedStories().values))
        let stories = try world.export()
        let wireURLs = world.expectedStories()[World.wireSeed]!
        let wire = try #require(stories.first { wireURLs.contains($0["url"] as! String) })
        #expect(Set((wire["copies"] as! [[String: Any]]).map { $0["url"] as! String }) == wireURLs)
        #expect(stories.count == world.expectedStories().count)
        // With --copies each copy keeps its own headline; the section page's navigation is never fetched.
        let titles = Dictionary(uniqueKeysWithValues: try world.export(["--copies"]).map { ($0["url"] as! String, $0["title"] as? String) })
        for article in world.currentArticles { #expect(titles[world.url(of: article)] == article.title) }
        let tribune = world.sites.first { $0.kind == "html" }!.index
        let navigation = ["/about/", "/contact/", "/category/", "/tag/"]
        #expect(!world.responses().contains { served in served.site == tribune && navigation.contains { served.path.hasPrefix($0) } })
        let firstIDs = Set(stories.map { $0["id"] as! String })

        world.advanceToEpoch1()
        let second = try world.sync()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Set(try storiesByCopies(world).values) == Set(world.expectedStories().values))
        let after = try world.export(["--copies", "--include-deleted"])
        func copy(seed: Int) -> [String: Any]? {
            let url = world.url(of: world.currentArticles.first { $0.seed == seed }!)
            return after.first { $0["url"] as? String == url }
        }
        // Edited → a new revision with the new text; deleted → tombstones; scrolled out → kept.
        #expect(copy(seed: World.Epoch1.edited)?["revision"] as? Int == 2)
        #expect((copy(seed: World.Epoch1.edited)?["text"] as? String)?.contains("corrected the figures") == true)
        #expect(copy(seed: 12)?["revision"] as? Int == 1)
        for seed in [World.Epoch1.notFound, World.Epoch1.gone] {
            #expect(copy(seed: seed)?["deleted"] as? Bool == true)
        }
        // Scrolled out of its feed is not deleted: the copy is still there, live.
        let scrolledOut = try #require(copy(seed: World.Epoch1.scrolledOut))
        #expect(scrolledOut["deleted"] == nil || scrolledOut["deleted"] as? Bool == false)
        let deletedStories = try world.export(["--include-deleted"]).filter { $0["deleted"] as? Bool == true }
        #expect(deletedStories.count == 2)
        // Story ids are stable: every story of epoch 0 that still lives keeps its id.
        let liveIDs = Set(try world.export().map { $0["id"] as! String })
        #expect(firstIDs.subtracting(liveIDs).count == 2)

        let status = try world.status()
        let lastSync = try #require(status["last_sync"] as? [String: Any])
        #expect(lastSync["exit_code"] as? Int == 0)
        let sources = try #require(lastSync["sources"] as? [[String: Any]])
        func counts(_ name: String) -> [Int?] {
            let source = sources.first { $0["name"] as? String == name }
            return ["new", "updated", "deleted"].map { source?[$0] as? Int }
        }
        #expect(counts("daily-rss") == [1, 0, 0])
        #expect(counts("gazette-atom") == [0, 1, 0])
        #expect(counts("courier-json") == [0, 0, 2])
        #expect(counts("herald-sitemap") == [0, 0, 0])
        #expect(counts("tribune-html") == [1, 0, 0])
    }
}

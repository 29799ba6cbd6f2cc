import Foundation
import LoopbackServer

/// A loopback news world for end-to-end tests: five sites (RSS, Atom, JSON Feed, sitemap
/// index → gzipped news sitemap, HTML section page) sharing one wire story, fault sites
/// (see `World+Faults.swift`), and epochs the test advances (see `World+Epochs.swift`).
/// Pages answer conditional requests (ETag, Last-Modified → 304); every response is logged.
///
/// `@unchecked Sendable`: the mutable state (`articles`, `extraRoutes`, `served`) is only
/// touched under `lock`; the server's handlers call in from its connection threads.
final class World: @unchecked Sendable {
    /// One response the world sent.
    struct Served: Sendable {
        var site: Int
        var path: String
        var status: Int
        var conditional: Bool
        var bodyBytes: Int
    }

    static let mainSites = 5
    let server: LoopbackServer
    let sites: [WorldSite]
    /// Temporary directory holding feeds.json and the store.
    let directory: URL
    let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 7200)

    private let lock = NSLock()
    private var articles: [WorldArticle] = []
    private var extraRoutes: [String: LoopbackServer.Handler] = [:]
    private var served: [Served] = []
    private var articleDelay: Duration = .zero
    /// Article pages ("site path") that answer after their own delay.
    private var stalls: [String: Duration] = [:]

    init() throws {
        server = try LoopbackServer(sites: World.mainSites + World.faultSites)
        sites = [
            WorldSite(index: 0, name: "daily-rss", displayName: "The Daily Ledger", kind: "rss", feedPath: "/feed.xml", articlePrefix: "/news/"),
            WorldSite(index: 1, name: "gazette-atom", displayName: "Harbour Gazette", kind: "atom", feedPath: "/atom.xml", articlePrefix: "/2026/11/"),
            WorldSite(index: 2, name: "courier-json", displayName: "Valley Courier", kind: "jsonfeed", feedPath: "/feed.json", articlePrefix: "/stories/"),
            WorldSite(index: 3, name: "herald-sitemap", displayName: "Northern Herald", kind: "sitemap", feedPath: "/sitemap-index.xml", articlePrefix: "/articles/"),
            WorldSite(index: 4, name: "tribune-html", displayName: "Coastal Tribune", kind: "html", feedPath: "/world/", articlePrefix: "/world/"),
        ]
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-world-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        articles = initialArticles()
        for site in 0..<(World.mainSites + World.faultSites) {
            server.route("/*", site: site) { [unowned self] request in respond(request) }
        }
        installFaults()
    }

    /// Stops the server and removes the temporary directory.
    func stop() {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var feedsPath: String { directory.appendingPathComponent("feeds.json").path }
    var storePath: String { directory.appendingPathComponent("store").path }

    /// The absolute URL of a path on a site.
    func url(_ path: String, site: Int) -> String { server.url(path, site: site) }
    func url(of article: WorldArticle) -> String { url(article.path, site: article.site) }

    /// The articles as of the current epoch.
    var currentArticles: [WorldArticle] { lock.withLock { articles } }

    /// Responses sent so far (optionally only since index `from`).
    func responses(from: Int = 0) -> [Served] { lock.withLock { Array(served.dropFirst(from)) } }

    /// Changes the world under the lock.
    func mutate(_ change: (inout [WorldArticle]) -> Void) { lock.withLock { change(&articles) } }

    /// Makes every article page answer after `delay` (a slow world, so a sync has a middle).
    func slowArticles(by delay: Duration) { lock.withLock { articleDelay = delay } }

    /// Makes one article page answer after `delay`, the others as before.
    func stall(_ article: WorldArticle, by delay: Duration) {
        lock.withLock { stalls["\(article.site) \(article.path)"] = delay }
    }

    /// Adds or replaces a raw route (fault sites) by `site` and path.
    func setRoute(_ path: String, site: Int, _ handler: @escaping LoopbackServer.Handler) {
        lock.withLock { extraRoutes["\(site) \(path)"] = handler }
    }

    // MARK: - Serving

    private func respond(_ request: LoopbackRequest) -> LoopbackResponse {
        let (response, isDocument) = lock.withLock { () -> (LoopbackResponse, Bool) in
            if let handler = extraRoutes["\(request.site) \(request.path)"] { return (handler(request), false) }
            guard let document = document(site: request.site, path: request.path) else {
                return (.text("<h1>Not found</h1>", status: 404), false)
            }
            let isArticle = articles.contains { $0.site == request.site && $0.path == request.path }
            return (isArticle ? document.delayed(by: stalls["\(request.site) \(request.path)"] ?? articleDelay) : document, true)
        }
        let final = isDocument ? Self.conditional(response, for: request) : response
        let conditional = request.headers["if-none-match"] != nil || request.headers["if-modified-since"] != nil
        lock.withLock {
            served.append(Served(site: request.site, path: request.path, status: final.status, conditional: conditional,
                                 bodyBytes: final.status == 304 ? 0 : final.body.count))
        }
        return final
    }

    /// Adds ETag and Last-Modified to a 200 and answers 304 when the request's validator matches.
    static func conditional(_ response: LoopbackResponse, for request: LoopbackRequest) -> LoopbackResponse {
        guard response.status == 200 else { return response }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in response.body { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let etag = "\"\(String(hash, radix: 16))\""
        if request.headers["if-none-match"] == etag { return .status(304, headers: [("ETag", etag)]) }
        var copy = response
        copy.headers += [("ETag", etag), ("Last-Modified", "Fri, 20 Nov 2026 08:00:00 GMT")]
        return copy
    }

    /// The feed, sitemap, section page or article at `path` on `site`, as of now (under the lock).
    private func document(site index: Int, path: String) -> LoopbackResponse? {
        guard index < sites.count else { return nil }
        let site = sites[index]
        let own = articles.filter { $0.site == index }
        let listed = own.filter(\.listed).map { (url: url(of: $0), article: $0) }
        if let article = own.first(where: { $0.path == path }) {
            guard article.status == 200 else { return .text("<h1>Gone</h1>", status: article.status) }
            let related = own.filter { $0.path != path }.prefix(3).map(\.path)
            return .text(ArticlePage.html(site: site, title: article.title, paragraphs: article.paragraphs,
                                          published: article.published, related: Array(related)))
        }
        switch (site.kind, path) {
        case ("rss", site.feedPath): return .text(FeedDocuments.rss(site, listed), contentType: "application/rss+xml")
        case ("atom", site.feedPath): return .text(FeedDocuments.atom(site, listed), contentType: "application/atom+xml")
        case ("jsonfeed", site.feedPath): return .text(FeedDocuments.jsonFeed(site, listed), contentType: "application/feed+json")
        case ("sitemap", site.feedPath):
            let lastmod = listed.map(\.article.entryDate).max() ?? start
            return .text(FeedDocuments.sitemapIndex(child: url("/sitemap-news.xml.gz", site: index), lastmod: lastmod),
                         contentType: "application/xml")
        case ("sitemap", "/sitemap-news.xml.gz"):
            return LoopbackResponse(headers: [("Content-Type", "application/gzip")],
                                    body: Gzip.wrap(Array(FeedDocuments.newsSitemap(site, listed).utf8)))
        case ("html", site.feedPath): return .text(FeedDocuments.sectionPage(site, listed))
        case (_, "/about/"), (_, "/contact/"), (_, "/category/politics/"), (_, "/category/business/"), (_, "/tag/climate/"):
            return .text("<html><body>\(ArticlePage.chrome(site))<h1>\(path)</h1><p>Contact the newsroom.</p></body></html>")
        default: return nil
        }
    }
}

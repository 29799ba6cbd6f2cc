import Foundation

/// The feed documents of a world site, one builder per kind, from its listed articles.
enum FeedDocuments {
    typealias Entry = (url: String, article: WorldArticle)

    static func rss(_ site: WorldSite, _ entries: [Entry], extraItems: String = "") -> String {
        let items = entries.map { url, article in
            """
            <item><title>\(ArticlePage.escape(article.title))</title><link>\(url)?utm_source=rss&amp;utm_medium=feed</link>
            <guid isPermaLink="false">\(site.name)-\(article.seed)-\(article.variant)</guid>
            <pubDate>\(WorldDates.rfc822(article.entryDate))</pubDate>
            <description>\(ArticlePage.escape(String(article.paragraphs[0].prefix(120))))</description></item>
            """
        }.joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>\(site.displayName)</title><link>/</link>
        <description>Latest news</description>
        \(items)
        \(extraItems)
        </channel></rss>
        """
    }

    static func atom(_ site: WorldSite, _ entries: [Entry]) -> String {
        let items = entries.map { url, article in
            """
            <entry><title>\(ArticlePage.escape(article.title))</title><link rel="alternate" href="\(url)"/>
            <id>tag:\(site.name),2026:\(article.seed)-\(article.variant)</id>
            <published>\(WorldDates.iso(article.published))</published><updated>\(WorldDates.iso(article.entryDate))</updated>
            <summary>\(ArticlePage.escape(String(article.paragraphs[0].prefix(120))))</summary></entry>
            """
        }.joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>\(site.displayName)</title>
        <id>tag:\(site.name),2026:feed</id><updated>\(WorldDates.iso(entries.map(\.article.entryDate).max() ?? Date()))</updated>
        \(items)
        </feed>
        """
    }

    static func jsonFeed(_ site: WorldSite, _ entries: [Entry]) -> String {
        let items: [[String: Any]] = entries.map { url, article in
            ["id": "\(article.seed)-\(article.variant)", "url": url, "title": article.title,
             "date_published": WorldDates.iso(article.published), "date_modified": WorldDates.iso(article.entryDate)]
        }
        let feed: [String: Any] = ["version": "https://jsonfeed.org/version/1.1", "title": site.displayName, "items": items]
        let data = try! JSONSerialization.data(withJSONObject: feed, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A sitemap index naming one child sitemap.
    static func sitemapIndex(child: String, lastmod: Date) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>\(child)</loc><lastmod>\(WorldDates.iso(lastmod))</lastmod></sitemap>
        </sitemapindex>
        """
    }

    /// A Google News sitemap (`news:publication_date`).
    static func newsSitemap(_ site: WorldSite, _ entries: [Entry]) -> String {
        let urls = entries.map { url, article in
            """
            <url><loc>\(url)</loc><lastmod>\(WorldDates.iso(article.entryDate))</lastmod>
            <news:news><news:publication><news:name>\(site.displayName)</news:name><news:language>en</news:language></news:publication>
            <news:publication_date>\(WorldDates.iso(article.published))</news:publication_date>
            <news:title>\(ArticlePage.escape(article.title))</news:title></news:news></url>
            """
        }.joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        \(urls)
        </urlset>
        """
    }

    /// A section page: article links among navigation (About, Contact, categories, tags, paging).
    static func sectionPage(_ site: WorldSite, _ entries: [Entry]) -> String {
        let teasers = entries.map { url, article in
            "<div class=\"teaser\"><h3><a href=\"\(url)\">\(ArticlePage.escape(article.title))</a></h3><p>\(ArticlePage.escape(String(article.paragraphs[0].prefix(100))))</p></div>"
        }.joined(separator: "\n")
        return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>World | \(site.displayName)</title></head><body>
        \(ArticlePage.chrome(site))
        <main><h1>World news</h1>
        \(teasers)
        <p class="more"><a href="/category/world/page/2/">Older stories</a> <a href="/author/jane-doe/">Jane Doe</a> <a href="/search?q=news">Search</a></p>
        </main>
        \(ArticlePage.footer(site))
        </body></html>
        """
    }
}

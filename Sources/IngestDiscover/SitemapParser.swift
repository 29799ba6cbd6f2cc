import IngestCore
import IngestMarkup

/// Sitemaps: `<urlset>` (with news and `lastmod` extensions), `<sitemapindex>`, and the
/// plain-text form (one URL a line).
enum SitemapParser {
    /// Entries of a `<urlset>` or the child sitemaps of a `<sitemapindex>`.
    static func xml(_ root: Node, baseURL: String) -> DiscoveryResult {
        var result = DiscoveryResult(kind: .sitemap)
        if root.name == "sitemapindex" {
            for sitemap in root.children(named: "sitemap") {
                guard let loc = sitemap.firstText("loc"), let url = CanonicalURL.resolve(loc, against: baseURL) else { continue }
                result.childSitemaps.append(SitemapReference(url: url, lastmod: sitemap.firstText("lastmod").flatMap(InternetDate.parse)))
            }
            return result
        }
        for item in root.children(named: "url") {
            guard let loc = item.firstText("loc"), let url = CanonicalURL.resolve(loc, against: baseURL) else { continue }
            let news = item.children(named: "news").first
            result.entries.append(DiscoveredEntry(
                url: url, title: news?.firstText("title"),
                published: news?.firstText("publication_date").flatMap(InternetDate.parse),
                lastmod: item.firstText("lastmod").flatMap(InternetDate.parse)))
        }
        return result
    }

    /// A text sitemap: every line that is an absolute http(s) URL; `nil` if no line is.
    static func text(_ body: String, baseURL: String) -> DiscoveryResult? {
        let urls = body.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let word = String(line).trimmed
            return word.hasPrefix("http") ? CanonicalURL.normalise(word) : nil
        }
        guard !urls.isEmpty else { return nil }
        return DiscoveryResult(kind: .sitemap, entries: urls.map { DiscoveredEntry(url: $0) })
    }
}

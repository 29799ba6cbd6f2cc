import IngestCore
import IngestMarkup

/// HTML pages: feed links announced in `<head>` and article links of a section page.
enum HTMLPageParser {
    /// Feed MIME types in order of preference. Plain `application/json` is left out: on
    /// WordPress it announces the REST API, not a feed.
    static let feedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json"]

    /// Feeds announced by `<link rel="alternate" type="…">`: RSS, then Atom, then JSON Feed,
    /// comment feeds after all the others.
    static func alternateFeeds(_ root: Node, baseURL: String) -> [String] {
        var found: [(rank: Int, url: String)] = []
        for link in root.descendants(named: "link") {
            let rel = (link.attribute("rel") ?? "").lowercased().split(separator: " ")
            guard rel.contains("alternate"), !rel.contains("stylesheet"),
                  let type = link.attribute("type")?.lowercased().trimmed,
                  let typeRank = feedTypes.firstIndex(of: type),
                  let href = link.attribute("href"), let url = CanonicalURL.resolve(href, against: baseURL),
                  !found.contains(where: { $0.url == url }) else { continue }
            let label = (href + " " + (link.attribute("title") ?? "")).lowercased()
            found.append((typeRank + (label.contains("comment") ? feedTypes.count : 0), url))
        }
        return found.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.url)
    }

    /// Same-site links that look like articles, in page order, each once.
    static func sectionPage(_ root: Node, baseURL: String) -> DiscoveryResult {
        var result = DiscoveryResult(kind: .html)
        guard let pageHost = CanonicalURL.host(of: baseURL) else { return result }
        let page = CanonicalURL.normalise(baseURL)
        var seen: Set<String> = []
        for anchor in root.descendants(named: "a") {
            guard let href = anchor.attribute("href"), let url = CanonicalURL.resolve(href, against: baseURL),
                  url != page, let host = CanonicalURL.host(of: url), ArticleLinkHeuristics.sameSite(host, pageHost),
                  ArticleLinkHeuristics.looksLikeArticle(url), seen.insert(url).inserted else { continue }
            let title = anchor.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            result.entries.append(DiscoveredEntry(url: url, title: title.nonEmpty))
        }
        return result
    }
}

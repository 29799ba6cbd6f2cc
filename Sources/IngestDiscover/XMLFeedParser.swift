import IngestCore
import IngestMarkup

/// RSS 0.9x/1.0 (RDF)/2.0 and Atom: the entries of an already parsed XML feed.
enum XMLFeedParser {
    static let atomNamespace = "http://www.w3.org/2005/Atom"

    /// Entries of an RSS document: every `<item>` (in `<channel>` for 0.9x/2.0, under the
    /// root for RSS 1.0), plus the channel's `<ttl>`.
    static func rss(_ root: Node, baseURL: String) -> DiscoveryResult {
        var result = DiscoveryResult(kind: .rss)
        let channel = root.children(named: "channel").first
        if let minutes = channel?.children(named: "ttl").first.flatMap({ Double($0.text.trimmed) }), minutes > 0 {
            result.timeToLive = minutes * 60
        }
        let items = root.children(named: "item") + (channel?.children(named: "item") ?? [])
        for item in items {
            let guidNode = item.children(named: "guid").first
            let guid = guidNode?.text.trimmed.nonEmpty ?? item.attribute("about")?.trimmed.nonEmpty
            let guidIsLink = guidNode.map { $0.attribute("isPermaLink")?.lowercased() != "false" } ?? (guid != nil)
            // FeedBurner's origLink names the article behind its redirect; then RSS `<link>`
            // text, then an Atom alternate link inside the item.
            let links = item.children(named: "link")
            let link = item.firstText("origLink")
                ?? links.lazy.filter { $0.namespace == nil }.compactMap { $0.text.trimmed.nonEmpty }.first
                ?? links.lazy.filter { ($0.attribute("rel") ?? "alternate") == "alternate" }
                    .compactMap { $0.attribute("href")?.trimmed.nonEmpty }.first
            guard let target = link ?? (guidIsLink ? guid : nil),
                  let url = CanonicalURL.resolve(target, against: baseURL) else { continue }
            result.entries.append(DiscoveredEntry(
                url: url, guid: guid, title: item.firstText("title"),
                published: (item.firstText("pubDate") ?? item.firstText("date")).flatMap(InternetDate.parse),
                updated: item.firstText("updated").flatMap(InternetDate.parse)))
        }
        return result
    }

    /// Entries of an Atom (1.0 or 0.3) feed: each `<entry>`'s alternate link.
    static func atom(_ root: Node, baseURL: String) -> DiscoveryResult {
        var result = DiscoveryResult(kind: .atom)
        for entry in root.children(named: "entry") {
            let links = entry.children(named: "link")
            let alternate = links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
            let id = entry.firstText("id")
            guard let href = alternate?.attribute("href") ?? id.flatMap({ CanonicalURL.normalise($0) }),
                  let url = CanonicalURL.resolve(href, against: baseURL) else { continue }
            result.entries.append(DiscoveredEntry(
                url: url, guid: id, title: entry.firstText("title"),
                published: (entry.firstText("published") ?? entry.firstText("issued")).flatMap(InternetDate.parse),
                updated: (entry.firstText("updated") ?? entry.firstText("modified")).flatMap(InternetDate.parse)))
        }
        return result
    }
}

extension Node {
    /// The trimmed text of the first child element with this local name, if not empty.
    func firstText(_ name: String) -> String? {
        children(named: name).first?.text.trimmed.nonEmpty
    }
}

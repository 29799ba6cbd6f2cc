/// What a source is: a feed format, a sitemap, an HTML section page, or `auto` (sniffed
/// from the content, never from the URL).
public enum FeedKind: String, Sendable, Equatable, CaseIterable, Codable {
    case auto, rss, atom, jsonfeed, sitemap, html
}

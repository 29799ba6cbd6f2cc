import Foundation

/// One site of the world: a port of the loopback server and the kind of its source.
struct WorldSite: Sendable {
    var index: Int
    /// The source name in feeds.json.
    var name: String
    var displayName: String
    var kind: String
    var feedPath: String
    /// Where its articles live (`/news/`, `/stories/12345-`…).
    var articlePrefix: String
}

/// One article page of the world as of the current epoch.
struct WorldArticle: Sendable {
    var site: Int
    /// The story it tells: copies with the same seed are one story.
    var seed: Int
    /// 0 for a story's own headline; others for wire copies' headlines.
    var variant = 0
    var path: String
    var paragraphs: [String]
    var published: Date
    /// The date its feed entry carries (bumped when edited or removed).
    var entryDate: Date
    /// 200, or 404 / 410 once deleted.
    var status = 200
    /// Still listed in its site's feed.
    var listed = true

    var title: String { StoryText.headline(seed: seed, variant: variant) }
}

extension WorldArticle {
    /// A copy of story `seed` on `site`; a wire copy (`variant` > 0) gets a dateline and,
    /// on every other site, loses its last paragraph.
    static func make(site: WorldSite, seed: Int, variant: Int = 0, published: Date) -> WorldArticle {
        var paragraphs = StoryText.paragraphs(seed: seed)
        if variant > 0 {
            paragraphs[0] = "RIVERTON, Nov 20 (Wire) — " + paragraphs[0]
            if variant % 2 == 0 { paragraphs.removeLast() }
        }
        let words = StoryText.headline(seed: seed, variant: variant).lowercased()
            .split { !$0.isLetter }.prefix(5).joined(separator: "-")
        let path = site.articlePrefix + (site.kind == "jsonfeed" ? "\(40_000 + seed * 10 + variant)-" : "") + words + "-\(seed)"
        return WorldArticle(site: site.index, seed: seed, variant: variant, path: path, paragraphs: paragraphs,
                            published: published, entryDate: published)
    }
}

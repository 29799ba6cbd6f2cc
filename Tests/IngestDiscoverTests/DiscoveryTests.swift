import Foundation
import IngestCore
@testable import IngestDiscover
import IngestTesting
import Testing

@Suite("discovery of article links")
struct DiscoveryTests {
    func discover(_ file: String, url: String, kind: FeedKind = .auto) throws -> DiscoveryResult {
        try FeedDiscovery.discover(Fixture.bytes(file), url: url, kind: kind)
    }

    @Test func rss2ResolvesNormalisesAndDropsForeignSchemes() throws {
        for kind in [FeedKind.auto, .rss] {
            let found = try discover("feeds/rss2-mixed-links.xml", url: "https://wire.example/feed.xml", kind: kind)
            #expect(found.kind == .rss)
            #expect(found.entries.map(\.url) == [
                "https://wire.example/world/ceasefire-talks-resume?id=7",
                "https://wire.example/business/markets-rally-on-rate-hopes",
                "https://wire.example/science/new-telescope-images",
            ])
            #expect(found.entries[0].guid == "wire-7")
            #expect(found.entries[0].title == "Ceasefire talks resume in Cairo")
            #expect(found.entries[0].published?.timeIntervalSince1970 == 1_714_557_600)
            #expect(found.entries[1].published?.timeIntervalSince1970 == 1_714_559_400)
            #expect(found.entries[2].published?.timeIntervalSince1970 == 1_714_554_900)
            #expect(found.timeToLive == TimeInterval(1800))
        }
    }

    @Test func rss091AndRss1() throws {
        let old = try discover("feeds/rss091.xml", url: "http://old.example/rss.xml")
        #expect(old.kind == .rss)
        #expect(old.entries.map(\.url) == ["http://old.example/stories/election-results-are-in.html",
                                            "http://old.example/stories/storm-hits-the-coast.html"])
        let rdf = try discover("feeds/rss1-rdf.xml", url: "https://rdf.example/index.rdf")
        #expect(rdf.kind == .rss)
        #expect(rdf.entries.map(\.url) == ["https://rdf.example/a/first-story-here", "https://rdf.example/a/second-story-here"])
        #expect(rdf.entries[0].guid == "https://rdf.example/a/first-story-here")
        #expect(rdf.entries[0].published?.timeIntervalSince1970 == 1_714_460_400)
    }

    @Test func atomTakesAlternateLinks() throws {
        let found = try discover("feeds/atom.xml", url: "https://atom.example/feed.atom")
        #expect(found.kind == .atom)
        #expect(found.entries.map(\.url) == ["https://atom.example/politics/parliament-passes-budget",
                                              "https://atom.example/sport/final-score-report"])
        #expect(found.entries[0].guid == "tag:atom.example,2024:1")
        #expect(found.entries[0].published?.timeIntervalSince1970 == 1_714_636_800)
        #expect(found.entries[0].updated?.timeIntervalSince1970 == 1_714_674_602)
    }

    @Test func feedKindsAcceptOneAnother() throws {
        #expect(try discover("feeds/atom.xml", url: "https://atom.example/feed", kind: .rss).kind == .atom)
        #expect(try discover("feeds/rss091.xml", url: "https://old.example/feed", kind: .jsonfeed).kind == .rss)
        #expect(try discover("feeds/jsonfeed-1.1.json", url: "https://json.example/feed", kind: .atom).kind == .jsonfeed)
    }

    @Test func jsonFeeds() throws {
        let found = try discover("feeds/jsonfeed-1.1.json", url: "https://json.example/feed.json")
        #expect(found.kind == .jsonfeed)
        #expect(found.entries.map(\.url) == ["https://json.example/tech/chip-shortage-eases",
                                              "https://json.example/tech/new-phone-launch-event",
                                              "https://elsewhere.example/report/annual-report-2024"])
        #expect(found.entries.map(\.guid) == ["1", "2", "3"])
        #expect(found.entries[0].updated?.timeIntervalSince1970 == 1_714_726_800)
        let old = try discover("feeds/jsonfeed-1.0.json", url: "https://json.example/feed.json", kind: .jsonfeed)
        #expect(old.entries.map(\.url) == ["https://json.example/x/old-format-story"])
        #expect(throws: DiscoveryError.self) {
            try discover("feeds/not-jsonfeed.json", url: "https://json.example/api", kind: .auto)
        }
    }

    @Test func sitemapsWithNewsAndLastmod() throws {
        let plain = try discover("sitemaps/urlset.xml", url: "https://map.example/sitemap.xml", kind: .sitemap)
        #expect(plain.entries.map(\.url) == ["https://map.example/news/first-mapped-story",
                                              "https://map.example/news/second-mapped-story"])
        #expect(plain.entries[0].lastmod?.timeIntervalSince1970 == 1_714_521_600)
        let news = try discover("sitemaps/news-sitemap.xml", url: "https://map.example/news.xml")
        #expect(news.kind == .sitemap)
        #expect(news.entries.map(\.title) == ["Summit ends without deal", "Markets react"])
        #expect(news.entries[0].published?.timeIntervalSince1970 == 1_714_711_500)
        #expect(news.entries[1].lastmod?.timeIntervalSince1970 == 1_714_716_000)
    }

    @Test func sitemapIndexListsChildren() throws {
        let index = try discover("sitemaps/sitemapindex.xml", url: "https://map.example/sitemap-index.xml")
        #expect(index.entries.isEmpty)
        #expect(index.childSitemaps.map(\.url) == ["https://map.example/sitemaps/news.xml.gz",
                                                   "https://map.example/sitemaps/archive-2023.xml"])
        #expect(index.childSitemaps[1].lastmod?.timeIntervalSince1970 == 1_703_980_800)
    }

    @Test func textSitemap() throws {
        let found = try discover("sitemaps/sitemap.txt", url: "https://map.example/sitemap.txt", kind: .sitemap)
        #expect(found.entries.map(\.url) == ["https://map.example/text/one-line-story", "https://map.example/text/two-line-story"])
    }

    @Test func gzippedSitemapIsInflated() throws {
        let zipped = try discover("sitemaps/news-sitemap.xml.gz", url: "https://map.example/news.xml.gz")
        let plain = try discover("sitemaps/news-sitemap.xml", url: "https://map.example/news.xml.gz")
        #expect(zipped == plain)
        #expect(zipped.entries.count == 2)
    }

    @Test func gzipBombAndTruncatedGzipFail() {
        let bomb = Fixture.bytes("sitemaps/gzip-bomb-20mb.gz")
        #expect(bomb.count < 30_000)
        #expect(throws: DiscoveryError("gzip: inflates to more than 1000000 bytes")) {
            try Gunzip.inflate(bomb, limit: 1_000_000)
        }
        #expect((try? Gunzip.inflate(bomb, limit: 25_000_000))?.count == 20_000_000)
        #expect(throws: DiscoveryError("gzip: truncated data")) {
            try Gunzip.inflate(Fixture.bytes("sitemaps/truncated.xml.gz"), limit: 1_000_000)
        }
        #expect(throws: DiscoveryError.self) {
            try FeedDiscovery.discover(bomb, url: "https://map.example/bomb.xml.gz", kind: .sitemap, inflateLimit: 1_000_000)
        }
    }

    /// Without a limit of its own, discovery stops a gzipped sitemap at 64 MiB inflated: four
    /// concatenated 20 MB members pass it, three do not.
    @Test func theDefaultInflateLimitIs64MiB() {
        let bomb = Fixture.bytes("sitemaps/gzip-bomb-20mb.gz")
        #expect(FeedDiscovery.defaultInflateLimit == 64 << 20)
        #expect(throws: DiscoveryError("gzip: inflates to more than 67108864 bytes")) {
            try FeedDiscovery.discover(Array(repeating: bomb, count: 4).flatMap { $0 }, url: "https://map.example/a.xml.gz",
                                       kind: .sitemap)
        }
        do {
            _ = try FeedDiscovery.discover(Array(repeating: bomb, count: 3).flatMap { $0 }, url: "https://map.example/b.xml.gz",
                                           kind: .sitemap)
        } catch {
            #expect(!"\(error)".hasPrefix("gzip:"), "60 MB is under the limit: \(error)")
        }
    }

    @Test func homepageAnnouncesFeedsRSSFirst() throws {
        let found = try discover("feeds/homepage-with-alternate.html", url: "https://home.example/")
        #expect(found.kind == .html)
        #expect(found.alternateFeeds == ["https://home.example/feeds/rss.xml", "https://home.example/feeds/atom.xml"])
    }

    @Test func wordpressHomepagePrefersTheMainFeedOverCommentsAndRESTAPI() throws {
        let found = try discover("feeds/wordpress-homepage.html", url: "https://wp.example/")
        #expect(found.alternateFeeds == ["https://wp.example/feed/", "https://wp.example/feed/json",
                                         "https://wp.example/comments/feed/"])
    }

    @Test func rssItemLinkVariants() throws {
        let found = try discover("feeds/rss2-feedburner-atom-links.xml", url: "https://site.example/feed")
        #expect(found.entries.map(\.url) == ["https://site.example/news/story-behind-the-proxy",
                                              "https://site.example/news/the-real-article-link",
                                              "https://site.example/news/atom-alternate-only"])
    }

    @Test func sectionPageKeepsArticlesOnly() throws {
        let found = try discover("feeds/section-page.html", url: "https://section.example/world", kind: .html)
        #expect(found.entries.map(\.url) == [
            "https://section.example/world/2024/05/01/ceasefire-talks-resume-in-cairo",
            "https://www.section.example/world/article-1234567",
            "https://section.example/europe/floods-force-thousands-from-homes.html",
        ])
        #expect(found.entries[0].title == "Ceasefire talks resume in Cairo")
        #expect(found.alternateFeeds.isEmpty)
        let accented = Array("<html><body><a href='/monde/les-négociations-reprennent-au-caire'>Négociations reprennent</a></body></html>".utf8)
        let french = try FeedDiscovery.discover(accented, url: "https://fr.example/monde", kind: .html)
        #expect(french.entries.map(\.title) == ["Négociations reprennent"])
        #expect(french.entries.map(\.url) == ["https://fr.example/monde/les-n%C3%A9gociations-reprennent-au-caire"])
    }

    /// A section page in Windows-1251 whose charset only the HTTP header states: parsed as
    /// UTF-8 its Cyrillic became U+FFFD or Latin-1 letters, in titles and in the article URLs
    /// built from its links.
    @Test func aSectionPageIsDecodedWithTheCharsetTheFetcherFound() throws {
        let bytes = Fixture.bytes("charset/section-page-windows-1251.html")
        let found = try FeedDiscovery.discover(bytes, url: "https://ru.example/mir", kind: .html, charset: "windows-1251")
        #expect(found.entries.map(\.title) == ["Переговоры возобновились в Женеве", "Новости дня"])
        #expect(found.entries.map(\.url) == Fixture.windows1251SectionLinks)
    }

    static let linkShapes: [(String, Bool)] = [
        ("https://s.example/world/2024/05/01/ceasefire-talks-resume", true),
        ("https://s.example/news/article-123456", true),
        ("https://s.example/politics/minister-resigns-after-scandal.html", true),
        ("https://s.example/1234567/some-story", true),
        ("https://s.example/story?id=987654", true),
        ("https://s.example/", false),
        ("https://s.example/about", false),
        ("https://s.example/contact-us", false),
        ("https://s.example/category/world-news-today", false),
        ("https://s.example/tag/climate-change-policy", false),
        ("https://s.example/author/jane-doe-smith", false),
        ("https://s.example/topics/middle-east-conflict", false),
        ("https://s.example/login", false),
        ("https://s.example/account/sign-in-to-continue", false),
        ("https://s.example/world/page/2", false),
        ("https://s.example/world-news-from-today?page=2", false),
        ("https://s.example/world", false),
        ("https://s.example/2024/05", false),
        ("https://s.example/images/flooded-street-in-the-city.jpg", false),
        ("https://s.example/files/annual-report-123456.pdf", false),
        ("https://s.example/search?q=flooded-street-report", false),
        ("https://s.example/news/tutoring-effectiveness-study?share=jetpack-whatsapp", false),
        ("https://s.example/news/tutoring-effectiveness-study?replytocom=123456", false),
    ]

    @Test(arguments: linkShapes)
    func articleLinkShape(url: String, isArticle: Bool) {
        #expect(ArticleLinkHeuristics.looksLikeArticle(url) == isArticle)
    }

    @Test func brokenFeedsFailAndTruncatedOnesKeepWhatParsed() throws {
        #expect(throws: DiscoveryError.self) {
            try discover("feeds/garbage.bin", url: "https://cut.example/feed", kind: .rss)
        }
        #expect(throws: DiscoveryError.self) {
            try discover("sitemaps/urlset.xml", url: "https://cut.example/feed", kind: .rss)
        }
        #expect(throws: DiscoveryError.self) {
            try discover("feeds/atom.xml", url: "https://cut.example/sitemap.xml", kind: .sitemap)
        }
        #expect(throws: DiscoveryError("empty body")) {
            try FeedDiscovery.discover(Array(" \n".utf8), url: "https://cut.example/feed", kind: .auto)
        }
        let cut = try discover("feeds/truncated-rss.xml", url: "https://cut.example/feed", kind: .rss)
        #expect(cut.entries.first?.url == "https://cut.example/news/survives-the-cut")
        #expect(cut.problem?.hasPrefix("truncated: the document ends before </rss>") == true)
        for file in ["feeds/rss2-mixed-links.xml", "feeds/rss1-rdf.xml", "feeds/atom.xml", "sitemaps/urlset.xml",
                     "sitemaps/sitemapindex.xml", "sitemaps/news-sitemap.xml.gz"] {
            #expect(try discover(file, url: "https://x.example/feed").problem == nil, "\(file)")
        }
    }

    @Test func externalEntitiesAreNotExpanded() throws {
        let found = try discover("feeds/xxe-rss.xml", url: "https://xxe.example/feed")
        #expect(found.entries.map(\.url) == ["https://xxe.example/news/entity-attack-story"])
        #expect(!(found.entries[0].title ?? "").contains("root:"))
    }
}

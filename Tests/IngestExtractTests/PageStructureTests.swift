import IngestCore
import Testing
@testable import IngestExtract

/// Documentation and shop collections are told by their layout, even when their markup
/// vouches for a story (og:type "article", a date).
@Suite struct PageStructureTests {
    let extractor = Extractor()

    @Test func datedManualPageThatDeclaresItsNextChapterIsDocumentation() throws {
        let article = extractor.extract(html: try Fixtures.bytes("documentation-chapter-dated.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "documentation page: code listings on a page that declares its previous or next chapter")
    }

    /// A blog post with five code listings whose `<link rel="prev">` and `rel="next"` lead to
    /// dated addresses, to the day or only to the month (the permalinks a blog chose):
    /// WordPress declares a post's neighbours in time, not chapters.
    @Test(arguments: [("2017/06/28", "2017/07/04"), ("2017/06", "2017/07")])
    func blogPostWhoseNeighboursAreDatedIsNoChapter(older: String, newer: String) {
        let head = "<link rel='prev' title='An older post' href='https://blog.example.com/\(older)/an-older-post/'>"
            + "<link rel='next' title='A newer post' href='https://blog.example.com/\(newer)/a-newer-post/'>"
        let steps = (1...5).map { number in
            "<p>Step \(number): run the command below in a terminal and check that the capture shows the requests the browser made.</p><pre>tshark -i eth0 -Y http.request -c \(number)</pre>"
        }.joined()
        let html = "<html><head>\(head)</head><body><article><h1>Showing visited addresses with Wireshark</h1>\(steps)</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: "https://blog.example.com/2017/06/29/wireshark-addresses/")
        #expect(article.kind == .article)
        #expect(article.text.contains("Step 5:"))
    }

    @Test func datedManualPageWithAVersionSwitcherIsDocumentation() throws {
        let article = extractor.extract(html: try Fixtures.bytes("documentation-version-switcher.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "documentation page: code listings and links to the same page in other versions or languages")
    }

    /// A blog's "next post" link (`<a rel="next">`) is no chapter sequence.
    @Test func datedTutorialWithANextPostLinkIsAnArticle() {
        let html = """
        <html><head><meta property="article:published_time" content="2025-03-01T09:00:00Z"></head>
        <body><main><h1>Setup guide</h1>\(PageKindTests.guide)<a rel="next" href="/blog/part-two">Next post</a></main></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: "https://blog.example/setup-guide")
        #expect(article.kind == .article)
    }

    @Test func gridOfPricedItemsAboveTheTextIsACollection() throws {
        let article = extractor.extract(html: try Fixtures.bytes("collection-priced-grid-above-text.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "collection page: a grid of 10 priced items above the main text")
    }

    /// A shop's category page: a short intro, then its products as priced cards, which stay
    /// out of the text and hold more letters than it.
    @Test func gridOfPricedItemsBelowAShortIntroIsACollection() throws {
        let article = extractor.extract(html: try Fixtures.bytes("collection-priced-grid-below-intro.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "collection page: a grid of 12 priced items below a short main text")
    }

    /// A two-paragraph brief that its JSON-LD types as a story, over a rail of twelve quotes
    /// that outweighs it: the markup's claim holds.
    @Test func typedBriefWithALongerRailOfPricedQuotesIsAnArticle() throws {
        let quotes = (1...12).map { item in
            "<div class='quote-card'><a href='/quote/tick\(item)'><img src='/logo/\(item).png' alt=''>Company \(item) Holdings TICK\(item) $1\(item).25 (0.4%)</a></div>"
        }.joined()
        let html = """
        <html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Chip stocks slip"}</script>
        <link rel="canonical" href="https://www.marketdesk.example/news/chip-stocks-slip"></head>
        <body><main><article><h1>Chip stocks slip</h1><p>Shares of the chip maker fell on Tuesday after it cut its forecast for the quarter.</p>
        <p>Two equipment suppliers warned about export rules, and the rest of the sector followed them lower.</p></article>
        <section class="quotes"><h2>Stocks in this story</h2>\(quotes)</section></main></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("Shares of the chip maker fell"))
    }

    @Test func storyWithARailOfPricedQuotesBelowIsAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-priced-rail-below.html"), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("Shares of the chip maker rose"))
    }

    @Test func listingThatVouchesByItsTypeIsNotAnArticleWhenItsDatedCardsAreAllItsText() throws {
        let article = extractor.extract(html: try Fixtures.bytes("listing-vouched-dated-cards.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "listing page: nearly all the text is dated cards linking to the site's own pages")
    }

    /// A story made of the site's own picks, each with prose and no date, stays a story when
    /// it vouches (a listicle of the site's workshops or recipes).
    @Test func storyThatVouchesMadeOfUndatedCardsIsAnArticle() {
        let cards = (1...5).map { item in
            "<div class='pick'><h2><a href='/workshops/\(item)'>Workshop \(item)</a></h2><p>Bring an apron and an afternoon: the tutor shows how to throw a bowl on the wheel, trim its foot and glaze it, and the kiln does the rest overnight.</p></div>"
        }.joined()
        let html = """
        <html><head><meta property="og:type" content="article"><link rel="canonical" href="https://clayhouse.example/blog/picks"></head>
        <body><main><h1>Five workshops for a winter weekend</h1><div class="picks">\(cards)</div></main></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
    }

    @Test(arguments: [
        ("$49.99", true), ("12,00 €", true), ("£ 5", true), ("¥\u{A0}300", true),
        ("US$", false), ("€ off everything", false), ("49.99", false), ("Save 20%", false),
    ])
    func aPriceIsACurrencySignNextToADigit(text: String, shows: Bool) {
        #expect(PageStructure.showsPrice(text) == shows)
    }

    @Test func aSwitcherLinksToTheSamePageNameInOtherDirectories() {
        let html = """
        <html><body><a href="/docs/17/sql-merge.html">17</a><a href="https://www.quarrydb.example/docs/16/sql-merge.html">16</a>
        <a href="../15/sql-merge.html?x=1">15</a><a href="sql-merge.html">this page</a><a href="/docs/18/sql-merge.html#top">this page</a>
        <a href="https://mirror.example/docs/14/sql-merge.html">elsewhere</a><a href="/docs/17/sql-select.html">another page</a></body></html>
        """
        let tree = PageTree.parse(html: Array(html.utf8), encoding: "UTF-8", url: nil)
        #expect(PageStructure.switcherLinks(tree, page: "https://www.quarrydb.example/docs/18/sql-merge.html", site: "quarrydb.example") == 3)
        #expect(PageStructure.switcherLinks(tree, page: "https://www.quarrydb.example/docs/18/index.html", site: "quarrydb.example") == 0)
    }

    /// A manual's page without code listings, dated and typed an article, is told by its
    /// switcher to the same page in other releases.
    @Test func manualPageWithAReleaseSwitcherIsDocumentation() throws {
        let article = extractor.extract(html: try Fixtures.bytes("documentation-release-switcher.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "documentation page: links to the same page in other releases of the manual")
    }

    /// A story linking to itself in other languages and to past years' editions is no manual.
    @Test func storyWithTranslationsAndPastEditionsIsAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-with-translations-and-past-editions.html"), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("For the fifth year running"))
    }

    @Test(arguments: [
        ("5.1", true), ("v2", true), ("3.x", true), ("17", true), ("dev", true), ("Latest", true),
        ("2024", false), ("v", false), ("5..1", false), ("en", false), ("news", false), ("1234", false),
    ])
    func aReleaseIsANumberedVersionOrADevelopmentLine(segment: String, isRelease: Bool) {
        #expect(PageStructure.isRelease(Substring(segment)) == isRelease)
    }

    @Test func aReleaseSwitcherLinksToTheSamePathWithOneReleaseChanged() {
        let html = """
        <html><body><a href="/en/5.1/ref/cache/">5.1</a><a href="https://docs.kestrel.example/en/dev/ref/cache/">dev</a>
        <a href="/en/4.2/ref/cache/#top">4.2</a><a href="/en/6.0/ref/cache/">this page</a><a href="/fr/5.1/ref/cache/">français</a>
        <a href="/en/5.1/ref/views/">another page</a><a href="https://mirror.example/en/3.0/ref/cache/">elsewhere</a></body></html>
        """
        let tree = PageTree.parse(html: Array(html.utf8), encoding: "UTF-8", url: nil)
        #expect(PageStructure.versionSwitcherLinks(tree, page: "https://docs.kestrel.example/en/6.0/ref/cache/", site: "docs.kestrel.example") == 3)
        #expect(PageStructure.versionSwitcherLinks(tree, page: "https://docs.kestrel.example/en/guide/ref/cache/", site: "docs.kestrel.example") == 0)
        let numbered = PageTree.parse(html: Array("<a href='/news/481'>a</a><a href='/news/483'>b</a><a href='/news/484'>c</a>".utf8), encoding: "UTF-8", url: nil)
        #expect(PageStructure.versionSwitcherLinks(numbered, page: "https://news.example/news/482", site: "news.example") == 0)
    }

    /// A thread's opening post is the page's text, followed by dated replies like it.
    @Test func threadWhoseTextIsTheFirstOfItsDatedPostsIsAForumThread() throws {
        let article = extractor.extract(html: try Fixtures.bytes("forum-thread-opening-post.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "forum thread or listing: the main text is the first of several like posts or entries, most of them dated")
    }

    /// A news site's endless scroll loads the next stories below the page's own, each like it,
    /// dated, under its own `<h1>`: the page's headline heads the first, as a thread's or a
    /// listing's title stands above its posts or entries. The text is the first story's
    /// whichever story is longest, whether the vote's winner climbs to the stream (plain
    /// stories) or is joined by its like siblings (stories that open with a section link,
    /// which the climb takes for teasers).
    @Test(arguments: [false, true])
    func storyFollowedByTheNextStoriesOfAnEndlessScrollIsAnArticle(sectionLinks: Bool) throws {
        var html = String(decoding: try Fixtures.bytes("story-with-endless-scroll.html"), as: UTF8.self)
        if sectionLinks { html = html.replacingOccurrences(of: "<h1>", with: "<a class=\"section\" href=\"/local\">Local</a> <h1>") }
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("The Route 9 bridge over the Miller River reopened"))
        #expect(article.text.hasSuffix("until the load test in July."))
    }

    /// A live blog is a run of dated entries, each linking to its own address on the site,
    /// and its text starts in the first one: the shape of a thread, but its schema.org type
    /// says it is a news story (a type that, unlike og:type, site builders do not stamp on
    /// every page).
    @Test func liveBlogOfDatedEntriesIsAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("live-blog-dated-entries.html"), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("The council opened the session"))
    }

    /// A story's dated comments below it are such a run too, but the story is not in it.
    @Test func storyFollowedByDatedCommentsIsAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-with-dated-comments.html"), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("A dripping tap wastes"))
    }

    /// The blocks the currency check skips hold no currency sign: every non-ASCII scalar of
    /// Unicode's category Sc is still looked up ("$" is found by the byte scan), so the
    /// shortcut changes no answer.
    @Test func currencyCheckSkipsOnlyBlocksWithoutCurrencySigns() {
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory == .currencySymbol else { continue }
            #expect(PageStructure.mayBeCurrency(value), "U+\(String(value, radix: 16, uppercase: true)) is a currency sign")
        }
        #expect(PageStructure.hasCurrencySign("Цена 12,00 €") && PageStructure.hasCurrencySign("価格 ¥500") && PageStructure.hasCurrencySign("가격 ₩9000"))
        #expect(!PageStructure.hasCurrencySign("Привет, мир: café, 日本語, 한국어"))
    }
    /// A manual's page, however it is typed and dated, lives in the site's documentation
    /// section; a story there names its author and states its day, and a page's own last
    /// segment is no section.
    @Test func anUnsignedPageInADocumentationSectionIsDocumentation() {
        func page(byline: String = "") -> [UInt8] {
            let paragraphs = (1...4).map { "<p>Step \($0): a pod runs one or more containers that share storage and network, and the scheduler places it on a node that has room for it.</p>" }
            return Array("""
            <html><head><title>Pods</title><meta property="og:type" content="article">
            <meta property="article:modified_time" content="2025-11-18T10:00:00Z"></head>
            <body><main><article><h1>Pods</h1>\(byline)\(paragraphs.joined())</article></main></body></html>
            """.utf8)
        }
        for address in ["https://kestrel.example/docs/concepts/pods/", "https://docs.kestrel.example/concepts/pods", "https://kestrel.example/wiki/Pods"] {
            let article = extractor.extract(html: page(), url: address)
            #expect(article.kind == .notArticle)
            #expect(article.reason?.hasPrefix("documentation page: its address is in a \"") == true)
        }
        let dated = "<p class='byline'>By Ana Ruiz, <time datetime='2025-11-18'>18 November 2025</time></p>"
        #expect(extractor.extract(html: page(byline: dated), url: "https://kestrel.example/docs/concepts/pods/").kind == .article)
        let undated = extractor.extract(html: page(byline: "<p class='byline'>By Ana Ruiz</p>"), url: "https://kestrel.example/docs/concepts/pods/")
        #expect(undated.reason == "documentation page: its address is in a \"docs\" section, and it states no date")
        #expect(extractor.extract(html: page(), url: "https://kestrel.example/news/docs").kind == .article)
        #expect(PageKind.Section.documentation.word(in: "https://kestrel.example/en/Manual/pods?from=docs/x") == "manual")
        #expect(PageKind.Section.documentation.word(in: "https://news.example/2025/11/18/docs-and-wikis") == nil)
        #expect(PageKind.Section.forum.word(in: "https://forums.kestrel.example/t/pods") == "forums")
    }
    /// A thread in a site's forum: its posts are signed and dated like a story's byline, but
    /// a story there is typed an article by its site.
    @Test func aThreadInAForumSectionIsAForumThread() {
        func page(type: String = "WebPage") -> [UInt8] {
            let posts = (1...3).map { "<p>Post \($0): I replaced the fan and the card still runs hot under load, so the paste or the case airflow may be the cause here.</p>" }
            return Array("""
            <html><head><title>Card runs hot after fan swap</title>
            <script type="application/ld+json">{"@type": "\(type)", "headline": "Card runs hot after fan swap", "author": {"@type": "Person", "name": "kestrel42"}, "datePublished": "2024-11-01"}</script></head>
            <body><main><h1>Card runs hot after fan swap</h1>\(posts.joined())</main></body></html>
            """.utf8)
        }
        let thread = extractor.extract(html: page(), url: "https://forums.kestrel.example/threads/card-runs-hot.3859/")
        #expect(thread.kind == .notArticle)
        #expect(thread.reason == "forum thread: its address is in a \"forums\" section, and it is not typed an article")
        #expect(extractor.extract(html: page(type: "NewsArticle"), url: "https://kestrel.example/forum/card-runs-hot").kind == .article)
        #expect(extractor.extract(html: page(), url: "https://kestrel.example/news/forum").kind == .article)
    }
    /// A site's front page, its offers (under "/services/", "/solutions/"), its shop's items
    /// and a blog's category and tag archives are no stories;
    /// a story whose page names its author and states its day keeps its kind whatever address
    /// it gives (some sites give every page their front page's address as canonical), and
    /// WordPress's plain story address ("/?p=123") is no front page. A name on an undated
    /// front page is a testimonial's or the company's own.
    @Test func anUnsignedFrontPageOrOfferIsNoStory() {
        func page(byline: String = "", canonical: String) -> [UInt8] {
            let paragraphs = (1...4).map { "<p>Point \($0): our team plans, builds and runs the data platform your analysts need, with weekly reports and a named engineer on call.</p>" }
            return Array("""
            <html><head><title>Data analytics services</title><link rel="canonical" href="\(canonical)"></head>
            <body><main><h1>Data analytics services</h1>\(byline)\(paragraphs.joined())</main></body></html>
            """.utf8)
        }
        let front = extractor.extract(html: page(canonical: "https://kestrel.example/"), url: nil)
        #expect(front.reason == "home page: its address is the site's root, and it names no author")
        let offer = extractor.extract(html: page(canonical: "https://kestrel.example/services/data/analytics"), url: nil)
        #expect(offer.reason == "service page: its address is in a \"services\" section, and it names no author")
        let dated = "<p class='byline'>By Ana Ruiz, <time datetime='2025-11-18'>18 November 2025</time></p>"
        #expect(extractor.extract(html: page(byline: dated, canonical: "https://kestrel.example/"), url: nil).kind == .article)
        let testimonial = extractor.extract(html: page(byline: "<p class='byline'>By Ana Ruiz</p>", canonical: "https://kestrel.example/"), url: nil)
        #expect(testimonial.reason == "home page: its address is the site's root, and it states no date")
        #expect(extractor.extract(html: page(canonical: "https://kestrel.example/?p=123"), url: nil).kind == .article)
        let item = extractor.extract(html: page(byline: "<p class='byline'>By Ana Ruiz</p>", canonical: "https://kestrel.example/products/analytics"), url: nil)
        #expect(item.reason == "product page: its address is in a \"products\" section, and it states no date")
        let archive = extractor.extract(html: page(canonical: "https://kestrel.example/category/analytics/"), url: nil)
        #expect(archive.reason == "listing page: its address is in a \"category\" section, and it names no author")
        #expect(extractor.extract(html: page(byline: dated, canonical: "https://kestrel.example/tag/analytics/our-new-platform"), url: nil).kind == .article)
        #expect(PageKind.isSiteRoot("https://kestrel.example") && PageKind.isSiteRoot("https://kestrel.example/#top"))
        #expect(!PageKind.isSiteRoot("https://.kestrel.example/") && !PageKind.isSiteRoot("https://kestrel.example/news") && !PageKind.isSiteRoot("file:///tmp/a.html"))
    }
}

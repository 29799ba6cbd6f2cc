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
}

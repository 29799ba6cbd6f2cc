import IngestCore
import Testing
@testable import IngestExtract

/// Authors and dates read from what the page shows: bylines, labels, microformats.
@Suite struct BylineTests {
    let extractor = Extractor()

    /// "Supported by" over the next line credits a sponsor, "Photos by" a photographer: the
    /// line after either is no author; "Written by" over a name still gives the author.
    @Test(arguments: [("Supported by", nil), ("Photos by", nil), ("Written by", "Marc Santora")] as [(String, String?)])
    func aCreditOverTheNextLineIsNoByline(_ label: String, _ author: String?) {
        let html = """
        <html><head><title>Bomb suspect charged</title></head><body><article>
        <header><div><p>\(label)</p></div><a href="#after">Marc Santora</a><h1>Bomb suspect charged</h1></header>
        <p>The man accused of setting off a bomb in Manhattan was charged on Tuesday, prosecutors said, after a day in hospital.</p>
        <p>He faces federal charges of using a weapon of mass destruction and bombing a place of public use, the complaint says.</p>
        </article></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == (author.map { [$0] } ?? []))
    }

    /// A byline box that carries its section's brand for screen readers only ("capital" in a
    /// `u-visually-hidden` span of an `authors__brand-identifier`) names the author after "von";
    /// a screen reader's "| By " label still leads to the name readers see.
    @Test func textForScreenReadersOnlyIsNoAuthor() {
        func authors(_ byline: String) -> [String] {
            let html = """
            <html><head><title>Why the criticism fades</title></head><body><article>
            <h1>Why the criticism fades</h1>\(byline)
            <p>Attacks on the candidate's character rarely land, the columnist argues, because voters have long priced them in.</p>
            <p>What moves them instead is the price of groceries and rent, which every campaign promises to bring down.</p>
            </article></body></html>
            """
            return extractor.extract(html: Array(html.utf8), url: nil).metadata.authors
        }
        #expect(authors("""
            <div class="authors"><span class="brand-identifier authors__brand-identifier"><span class="u-visually-hidden">capital</span></span>
            <ul><li class="authors__list-item"><span> von </span><span class="bold">Jemima Kelly</span></li></ul>
            <ul class="authors__meta-data"><li><time datetime="2024-11-05T15:36:00+01:00"> 05. November 2024 </time></li>
            <li><time datetime="2024-11-05T15:36:00+01:00"> 15:36 Uhr </time></li><li>3 Min</li><li><span><b>Lesezeit</b></span></li></ul></div>
            """) == ["Jemima Kelly"])
        #expect(authors("""
            <div class="article_meta_info"><span class="screen-reader-text">| By </span><span>Cara Stiles</span></div>
            """) == ["Cara Stiles"])
    }

    /// A date at the end of a long sentence near the headline (a photo's caption, "…, France,
    /// January 16, 2020. Photographer/Agency") is the picture's, not the story's: the date
    /// line under it gives the story's day. A date line that opens with the date still counts.
    @Test func aDateDeepInACaptionSentenceIsNoDateLine() {
        func published(_ caption: String) -> String? {
            let html = """
            <html><head><title>Protesters gather at a Paris theater</title></head><body><article>
            <h1>Protesters gather at a Paris theater</h1>
            <div class="entry-content"><div><img src="/photo.jpg" alt=""><br>\(caption)</div>
            <p>January 18, 2020</p>
            <p>PARIS (Reuters) - Protesters opposed to the government's pension plans tried to force their way into a theater where the president was watching a play.</p>
            <p>The president was taken out of the theater under police protection, a witness said, and the protesters stayed outside for more than an hour.</p>
            </div></article></body></html>
            """
            return extractor.extract(html: Array(html.utf8), url: nil).metadata.published
        }
        #expect(published("FILE PHOTO: The president delivers his new year wishes to the military during a ceremony at the air base near Orleans, France, January 16, 2020. Pool via REUTERS") == "2020-01-18")
        #expect(published("January 16, 2020: the president at the air base near Orleans.") == "2020-01-16")
    }

    /// A markup author written surname first ("Gillman, Steve") is the byline's "Steve
    /// Gillman"; with no byline shown it stays as written, and two people joined by a comma
    /// ("Ana Lima, Tom Berg") are not one name reordered.
    @Test func aSurnameFirstMarkupNameIsWrittenAsTheBylineShowsIt() {
        func authors(_ meta: String, byline: String?) -> [String] {
            let shown = byline.map { "<p class='author-name'>by <a href='/author/steve/'>\($0)</a></p>" } ?? ""
            let html = """
            <html><head><title>Hidden cash in your home</title><meta name="parsely-author" content="\(meta)"></head>
            <body><main><h1>Hidden cash in your home</h1>\(shown)
            <p>Old coins, gift cards and scrap metal can all be turned into money, if you know where to look and who is buying them.</p></main></body></html>
            """
            return extractor.extract(html: Array(html.utf8), url: nil).metadata.authors
        }
        #expect(authors("Gillman, Steve", byline: "Steve Gillman") == ["Steve Gillman"])
        #expect(authors("Gillman, Steve", byline: nil) == ["Gillman, Steve"])
        #expect(Metadata.isSurnameFirst("Gillman, Steve", of: "Steve Gillman"))
        #expect(!Metadata.isSurnameFirst("Ana Lima, Tom Berg", of: "Ana Lima"))
    }

    /// A box named for comments in the header, under the headline, is the byline line's
    /// comment count: the author it holds is the story's. A comment section below is not.
    @Test func aBylineInAHeaderBoxNamedForCommentsIsTheStorys() {
        let html = """
        <html><head><title>A lost city on a mountain peak</title></head><body><article>
        <header><h1>A lost city on a mountain peak</h1>
        <div class="entry-meta social-comments"><span class="author"><a href="/author/sage-lazzaro/">Sage Lazzaro</a></span>
        <span class="count"><a href="#comments">3 comments</a></span></div></header>
        <p>Archaeologists have found the remains of a city of the fourth century BC on a mountain peak in central Greece, they said.</p>
        <p>The walls run for more than two miles, and coins and pottery were found inside them during the first season of work.</p>
        </article><div id="comments" class="comments"><p class="author">By Jo Reader</p><p>What a find, thank you for the story.</p></div></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["Sage Lazzaro"])
    }

    /// A link to a person's page inside a paragraph of the story names whom it is about, not
    /// its author; one in a long byline line named as one still gives the author.
    @Test func aPersonLinkInTheStorysProseIsNoAuthor() {
        let html = """
        <html><head><title>Woman says she is Prince's widow</title></head><body><article>
        <header><h1>Woman says she is Prince's widow</h1></header>
        <p><a href="https://gossip.example/people/prince/"><strong>Prince</strong></a> was married when he died and wanted all of his
        money to go to his wife, according to a woman who has filed papers in the probate case in Minnesota this week.</p>
        <p>She says the two married in secret in 2003, and that she has the paperwork to prove it, though she has not shown it.</p>
        </article></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors.isEmpty)
        let byline = html.replacingOccurrences(of: "</h1></header>", with: """
        </h1><p class="entry-meta">Autor: <a rel="author" href="/?author=1">kinra</a> | Artikel veröffentlicht am Sonntag, 16. Dezember 2012 um 12:00 Uhr | Kategorie: Allgemein, Musik und Leute | 3 Kommentare</p></header>
        """)
        #expect(extractor.extract(html: Array(byline.utf8), url: nil).metadata.authors == ["kinra"])
    }

    @Test func bloggerPostedByAndAbbrPublished() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-blogger-posted-by.html"), url: nil)
        #expect(article.metadata.authors == ["Marta Kowalczyk"])
        #expect(article.metadata.published == "2008-05-02T21:14:00+02:00")
    }

    @Test func labelOverNameBeatsAnOrganisationAndNavigationDateIsIgnored() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-label-over-name.html"), url: nil)
        #expect(article.metadata.authors == ["Edzel Tabing"])
        #expect(article.metadata.published == "2025-08-04")
    }

    @Test func everyJSONLDAuthorInOrder() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-jsonld-two-authors.html"), url: nil)
        #expect(article.metadata.authors == ["Jared Newman", "Sam Singleton"])
        #expect(article.metadata.published == "2025-11-25T10:00:00Z")
    }

    /// A log-in pop-up's "Cancel" link in an element classed "login__as-creator" is no
    /// byline: the pop-up is hidden, and what a hidden box or dialog shows is never the story's.
    @Test func aHiddenLoginBoxsLinkIsNoAuthor() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-login-modal-link-is-no-author.html"), url: nil)
        #expect(article.metadata.authors.isEmpty)
    }

    /// A commenter's name and the comment's date, by the headline of a short story or
    /// anywhere below, are the comment's.
    @Test func aCommentsAuthorAndDateAreNotTheStorys() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-comment-author-and-date.html"), url: nil)
        #expect(article.metadata.authors.isEmpty)
        #expect(article.metadata.published == nil)
    }

    /// The headline's own box holds the story whatever its class says ("hero-banner-popup").
    @Test func aBylineInsideTheHeadlinesPopupClassedBoxIsTheStorys() {
        let html = "<html><body><section class=\"hero-banner-popup\"><h1>The harbour tram opens</h1>"
            + "<p class=\"byline\">By Jane Doe</p><time datetime=\"2025-11-12\">12 November 2025</time></section>"
            + "<p>The line opens on Monday, two weeks ahead of schedule, the city said.</p></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.metadata.authors == ["Jane Doe"])
        #expect(article.metadata.published == "2025-11-12")
    }

    /// A page that dates itself only in a meta line away from the headline (above its
    /// header) is dated by it, as htmldate reads date-classed elements anywhere.
    @Test func aDateInAMetaLineAwayFromTheHeadlineIsTheLastSource() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-date-in-a-meta-line-above-the-header.html"), url: nil)
        #expect(article.metadata.published == "2020-03-03")
    }

    /// Whether the byline by the headline vouches for the page, and the names it found.
    private func bylineByHeadline(_ html: [UInt8]) -> (vouches: Bool, authors: [String]) {
        let tree = PageTree.parse(html: html, encoding: "UTF-8", url: nil)
        let byline = Byline(tree: tree, headline: tree.elements.firstIndex { $0.tag == "h1" })
        return (byline.nearHeadline, byline.authors)
    }

    @Test func aCardsBylineBelowTheHeadlineDoesNotVouch() throws {
        let found = bylineByHeadline(try Fixtures.bytes("listing-card-bylines.html"))
        #expect(found.authors == ["Jane Doe"])
        #expect(!found.vouches)
    }

    @Test func theStorysOwnBylineVouchesAboveCardsWithBylines() {
        let cards = (1...5).map { "<div class=\"card\"><a href=\"/s/\($0)\">Story \($0)</a><p class=\"byline\">By Tom Reed</p></div>" }
        let html = "<html><body><header><h1>The harbour tram opens</h1><p>By Jane Doe</p></header>"
            + "<p>The line opens on Monday, two weeks ahead of schedule, the city said.</p>"
            + "<div class=\"related\">\(cards.joined())</div></body></html>"
        let found = bylineByHeadline(Array(html.utf8))
        #expect(found.authors == ["Jane Doe"])
        #expect(found.vouches)
    }

    /// The lead card has a class of its own, so no run of like siblings holds it: its
    /// heading, a link to another page above the name, shows it is a teaser.
    @Test func aTeaserCardsBylineDoesNotVouchWhenTheCardStandsAlone() throws {
        let found = bylineByHeadline(try Fixtures.bytes("listing-lead-card-byline.html"))
        #expect(found.authors == ["Jane Doe"])
        #expect(!found.vouches)
    }

    @Test func theStorysBylineVouchesAboveItsOwnLinkedSubheadings() {
        let html = "<html><body><h1>The harbour tram opens</h1><div class=\"body\"><p class=\"byline\">By Jane Doe</p>"
            + "<p>The line opens on Monday, two weeks ahead of schedule, the city said.</p>"
            + "<h2><a href=\"/timetable\">The timetable</a></h2><p>The first car leaves at six.</p></div></body></html>"
        let found = bylineByHeadline(Array(html.utf8))
        #expect(found.authors == ["Jane Doe"])
        #expect(found.vouches)
    }

    /// "Explore courses by category" is a heading's line, not a byline; a heading that is
    /// the byline ("<h3>By Jane Doe</h3>") still is one.
    @Test func aLabelInsideAHeadingsLineIsNoByline() {
        let html = "<html><body><h1>Courses</h1><h2>Explore courses <span>By Category</span></h2><p>Pick a subject to start.</p></body></html>"
        let found = bylineByHeadline(Array(html.utf8))
        #expect(found.authors.isEmpty)
        #expect(!found.vouches)
        let byline = "<html><body><h1>The harbour tram opens</h1><h3><span>By Jane Doe</span></h3><p>The line opens on Monday.</p></body></html>"
        #expect(bylineByHeadline(Array(byline.utf8)).authors == ["Jane Doe"])
    }

    /// A code listing under the headline is program text: "GROUP BY region" is no byline;
    /// the same words in a line of their own are.
    @Test func aCodeListingIsNoByline() {
        let code = "<html><body><h1>Grouping rows</h1><pre><code><span>SELECT</span> region <span>FROM</span> sales <span>GROUP BY</span> <span>Region</span> <span>HAVING</span> count(*) &gt; 1</code></pre><p>Groups are formed before the filter.</p></body></html>"
        #expect(bylineByHeadline(Array(code.utf8)).authors.isEmpty)
        let byline = "<html><body><h1>Grouping rows</h1><p><span>By Region Having</span></p><p>Groups are formed before the filter.</p></body></html>"
        #expect(bylineByHeadline(Array(byline.utf8)).authors == ["Region Having"])
    }

    /// A menu's "People" link goes to an author path ("/people/staff") but names an index of
    /// people; a link there with a person's name is a byline.
    @Test func aLinkNamedForAnIndexOfPeopleIsNoAuthor() {
        let menu = "<html><body><h1>News</h1><ul><li><a href=\"/people/staff\">People</a></li></ul><p>Tutoring works when it is part of the school day.</p></body></html>"
        #expect(bylineByHeadline(Array(menu.utf8)).authors.isEmpty)
        let byline = "<html><body><h1>News</h1><p><a href=\"/people/jane-doe\">Jane Doe</a></p><p>Tutoring works when it is part of the school day.</p></body></html>"
        #expect(bylineByHeadline(Array(byline.utf8)).authors == ["Jane Doe"])
    }

    @Test func authorPagesAreKnownByAPathSegmentBeforeTheLast() {
        #expect(Byline.isAuthorPath("https://example.com/author/jane-doe"))
        #expect(Byline.isAuthorPath("/Staff/jdoe/?ref=byline"))
        #expect(!Byline.isAuthorPath("https://example.com/authors"))
        #expect(!Byline.isAuthorPath("/news/story?from=/author/jane"))
        #expect(!Byline.isAuthorPath("/authorship/jane"))
        // A fragment is no path: a script's route on the site's home ("Member Login").
        #expect(!Byline.isAuthorPath("https://members.example.org/s/#/profile/my_info"))
        #expect(Byline.isAuthorPath("/profile/jane-doe#posts"))
        // "author" in other languages: German, Spanish, Portuguese, French, Italian sites.
        #expect(Byline.isAuthorPath("https://makronom.de/ueber-uns/autoren/Clara-Loew"))
        #expect(Byline.isAuthorPath("/autor/erbol"))
        #expect(Byline.isAuthorPath("https://lenouvelliste.com/auteur/79/roberson-alphonse"))
        #expect(Byline.isAuthorPath("/autori/mario-rossi/"))
        #expect(!Byline.isAuthorPath("/autorenportal"))
    }

    /// A link to "/autoren/…" by the headline names the story's author, as "/author/…" does.
    @Test func anAuthorLinkInAnotherLanguageIsTheByline() {
        let page = "<html><body><h1>Ein Gesetz für Ressourcen</h1><p><a href=\"https://example.de/ueber-uns/autoren/Clara-Loew\">Clara Löw</a></p><p>Deutschland verbraucht mehr Rohstoffe, als nachwachsen können; ein Gesetz soll das ändern.</p></body></html>"
        #expect(bylineByHeadline(Array(page.utf8)).authors == ["Clara Löw"])
    }

    @Test func theDateTheBylineShowsBeatsADeclaredDateItNeverShows() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-shown-date-not-declared.html"), url: nil)
        #expect(article.metadata.published == "2025-09-28")
        #expect(article.metadata.modified == "2025-09-28T06:58:21-04:00")
    }

    @Test func theDateTheBylineLabelsPublishedBeatsTheDeclaredUpdate() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-byline-labels-published.html"), url: nil)
        #expect(article.metadata.published == "2023-04-26")
    }

    @Test func anUpdatedLineGivesWayToAnOpenGraphPublicationDate() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-updated-line-beside-opengraph-published.html"), url: nil)
        #expect(article.metadata.published == "2016-02-25T23:48:16Z")
        #expect(article.metadata.modified == "2026-01-04T19:07:10Z")
        // Without `article:published_time` the shown update is the page's date, as before.
        let shown = extractor.extract(html: try Fixtures.bytes("metadata-updated-line-without-opengraph-published.html"), url: nil)
        #expect(shown.metadata.published == "2025-02-22")
    }

    @Test func aDatesLabelIsTheTextBeforeItThenItsClassWords() throws {
        func label(_ body: String) throws -> Byline.ShownDate.Label {
            let tree = PageTree.parse(html: Array("<html><body>\(body)</body></html>".utf8), encoding: "utf-8", url: nil)
            let index = try #require(tree.elements.indices.last { tree.elements[$0].tag == "time" })
            return Byline.label(tree, index)
        }
        // What the reader sees beats WordPress's "published updated" class.
        #expect(try label(#"<time class="entry-date published updated" datetime="2026-01-25">Updated January 25, 2026</time>"#) == .updated)
        #expect(try label(#"<span class="posted-on"><time class="entry-date published" datetime="2024-12-06"><strong>Last Updated:</strong> December 6, 2024</time></span>"#) == .updated)
        #expect(try label(#"<p><span>Published</span> <time datetime="2023-04-26">Apr 26, 2023</time></p>"#) == .published)
        // A sibling holding a date of its own is no label.
        #expect(try label(#"<p><span>Published Apr 26, 2023</span> <time datetime="2025-08-21">Aug 21, 2025</time></p>"#) == .none)
        #expect(try label(#"<time class="entry-date published updated" datetime="2026-01-25">January 25, 2026</time>"#) == .published)
        #expect(try label(#"<time class="entry-modified-time" datetime="2024-04-08">April 8, 2024</time>"#) == .updated)
    }

    @Test func aShownDayIsTheDeclaredInstantsDayInSomeZone() {
        #expect(DateNormalizer.isDay("2021-12-09", of: "2021-12-10T02:17:00Z"))
        #expect(DateNormalizer.isDay("2025-12-03", of: "2025-12-02T23:00:55-05:00"))
        #expect(DateNormalizer.isDay("2025-12-03", of: "2025-12-03"))
        // Date-only: no zone to move through.
        #expect(!DateNormalizer.isDay("2025-11-12", of: "2025-11-13"))
        // No zone on Earth shows 22:02 UTC on the 19th as the 18th.
        #expect(!DateNormalizer.isDay("2025-12-18", of: "2025-12-19T22:02:58Z"))
        // A stamp in a zone of its own is the site's local time: its day, or its UTC day.
        #expect(!DateNormalizer.isDay("2023-11-07", of: "2023-11-06T18:19:00+01:00"))
        #expect(DateNormalizer.isDay("2023-11-06", of: "2023-11-07T00:30:00+01:00"))
        #expect(!DateNormalizer.isDay("2025-02-28", of: "2025-03-02T01:00:00Z"))
    }

    @Test func theDeclaredInstantShownInTheSitesZoneIsKept() {
        let html = """
        <html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour reopens",
        "datePublished":"2021-12-10T02:17:00Z"}</script></head>
        <body><article><h1>Harbour reopens</h1><p class="meta">December 9, 2021</p>
        <p>The harbour reopened to fishing boats on Thursday evening after the storm damage to the outer wall was repaired.</p>
        </article></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.published == "2021-12-10T02:17:00Z")
    }

    /// A date the story cites below its first paragraphs, or below a section heading after
    /// the first (an event's "Date: 21.02.2020"), is no byline's: the declared date stands,
    /// though no header shows it; one shown above the story's text still beats it.
    @Test func aDateTheStoryCitesDoesNotReplaceTheDeclaredOne() {
        let prose = String(repeating: "The harbour reopened to fishing boats after the storm damage was repaired. ", count: 3)
        func published(_ line: String, afterParagraphs count: Int, heading: String = "") -> String? {
            let html = """
            <html><head><meta property="article:published_time" content="2021-11-12T13:00:00">
            <title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>
            \(String(repeating: "<p>\(prose)</p>", count: count))\(heading)<p><strong>\(line)</strong></p><p>\(prose)</p>
            </article></body></html>
            """
            return extractor.extract(html: Array(html.utf8), url: nil).metadata.published
        }
        #expect(published("Harbour Act, 25 December 2005:", afterParagraphs: 2) == "2021-11-12T13:00:00")
        #expect(published("14 November 2021", afterParagraphs: 1) == "2021-11-14")
        #expect(published("Open day: 14.11.2021, 10 am", afterParagraphs: 1, heading: "<h2>Open days</h2>") == "2021-11-12T13:00:00")
    }

    /// A `<meta name="date">` says not which date it is: the header's date beats it, though the
    /// page's foot shows it (a "last changed" stamp), while a declared publication date shown
    /// there stands.
    @Test func theHeadersDateBeatsAnUndeclaredMetaDateShownOnlyAtTheFoot() {
        func published(_ meta: String) -> String? {
            let html = """
            <html><head>\(meta)<title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>
            <p class="meta">13.10.2021</p>
            <p>\(String(repeating: "The harbour reopened to fishing boats after the storm damage was repaired. ", count: 3))</p>
            <ul>\(String(repeating: "<li><span>Harbour</span></li>", count: 40))</ul><p class="stamp">15.10.2021</p>
            </article></body></html>
            """
            return extractor.extract(html: Array(html.utf8), url: nil).metadata.published
        }
        #expect(published(#"<meta name="date" content="2021-10-15">"#) == "2021-10-13")
        #expect(published(#"<meta property="article:published_time" content="2021-10-15">"#) == "2021-10-15")
    }

    /// "Site :: Headline" titles put the site first: on a page without an `<h1>`, the heading
    /// that says the last part is the headline, and the reporter's line under it dates the story.
    @Test func aTitleWithTheSiteFirstFindsTheHeadline() {
        let html = """
        <html><head><meta property="og:title" content="Daily Example Mobile :: Harbour reopens to fishing boats">
        <title>Daily Example Mobile :: Harbour reopens to fishing boats</title></head><body>
        <div class="logo"><a href="/"><img src="/logo.png" alt="Daily Example Mobile"></a></div>
        <h2 class="sub_tit">Harbour reopens to fishing boats</h2>
        <div><span>Kim Lee, reporter | </span>
            2020-03-04 16:52:59
        </div>
        <div>\(String(repeating: "The harbour reopened to fishing boats after the storm damage was repaired. ", count: 4))</div>
        </body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.published == "2020-03-04")
    }

    /// "By" in the languages whose dates are read, the word that led to a dropped date, and a
    /// date's label where a name should be.
    @Test(arguments: [
        ("Von Andreas Hoffmann", "Andreas Hoffmann"), ("VON MORITZ GATHMANN am", "MORITZ GATHMANN"),
        ("Par Chokri GHARBI", "Chokri GHARBI"), ("Por Pedro Lázaro Rodríguez Gil", "Pedro Lázaro Rodríguez Gil"),
        ("By Jane Doe on", "Jane Doe"), ("Le Monde", "Le Monde"), ("Von", "Von"), ("Autor Redaktion", "Redaktion"),
    ])
    func bylineWordsInOtherLanguagesAreNoName(raw: String, name: String) {
        #expect(Metadata.cleanAuthor(raw) == name)
    }

    /// An author link's "Mehr von Jane Doe" ("More by"), as "More by Jane Doe".
    @Test func theNameAfterAnAuthorLinksByInOtherLanguages() {
        let html = """
        <html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>
        <p>\(String(repeating: "The harbour reopened to fishing boats after the storm damage was repaired. ", count: 3))</p>
        <a class="author-link" href="/autor/jane-doe">Mehr von Jane Doe</a></article></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["Jane Doe"])
    }

    @Test func aDatesLabelIsNoAuthor() {
        #expect(Metadata.cleanAuthor("Veröffentlicht am") == nil)
        #expect(Metadata.cleanAuthor("Published") == nil)
        // What is left of "Donnerstag, 12. Mai 2022" once its date is read.
        #expect(Metadata.cleanAuthor("Donnerstag") == nil)
        #expect(Metadata.cleanAuthor("Thursday") == nil)
        // A byline's date marked up as the Person's name.
        #expect(Metadata.cleanAuthor("NOVEMBER 20, 2019 10:43") == nil)
        #expect(Metadata.cleanAuthor("Agent 2019") == "Agent 2019")
    }

    @Test func aDeclaredDateTheBylineShowsIsKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-declared-date-shown.html"), url: nil)
        #expect(article.metadata.published == "2015-04-06T13:52:00-04:00")
    }

    @Test func organisationAuthorIsTheLastResort() {
        let html = """
        <html><head><script type="application/ld+json">{"@type":"Article","headline":"Budget passes",
        "author":{"@type":"Organization","name":"City Desk"}}</script></head>
        <body><h1>Budget passes</h1><p>The council passed the budget on Tuesday after a long night of amendments and votes.</p></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["City Desk"])
    }

    @Test(arguments: [
        ("Jared Newman and Sam Singleton · May 1, 2024", ["Jared Newman", "Sam Singleton"]),
        ("Ana Lima, Tom Berg, Eva Król", ["Ana Lima", "Tom Berg", "Eva Król"]),
        ("Dylan Bailey, MS, RD", ["Dylan Bailey, MS, RD"]),
        ("Dr. Vahid Osman - Mar 27, 2024", ["Dr. Vahid Osman"]),
        ("Newsdesk", ["Newsdesk"]),
        ("the numbers behind the vote", []),
        ("Updated", []),
        ("Jun 2 Written By", []),
    ])
    func bylineNames(byline: String, names: [String]) {
        #expect(Byline.names(byline) == names)
    }

    @Test(arguments: [
        ("Updated on July 9, 2025", "2025-07-09"),
        ("By Dr. Vahid Osman - Mar 27, 2024", "2024-03-27"),
        ("Mar. 5th, 2025", "2025-03-05"),
        ("1 May 2024", "2024-05-01"),
        ("12.12.2025", "2025-12-12"),
        ("7/22/2017", "2017-07-22"),
        ("22/7/2017", "2017-07-22"),
        ("Posted 2024-02-29 at noon", "2024-02-29"),
    ])
    func datesInText(text: String, iso: String) {
        #expect(DateNormalizer.inText(text) == iso)
    }

    @Test func aNumericDateWhoseDayAndMonthCanSwapHasTwoReadings() {
        #expect(DateNormalizer.readings(in: "03/10/2023")?.date == "2023-03-10")
        #expect(DateNormalizer.readings(in: "03/10/2023")?.others == ["2023-10-03"])
        #expect(DateNormalizer.readings(in: "09.10.2024")?.others == ["2024-09-10"])
        // One reading only: the day is over 12, the two are equal, or the month is written.
        #expect(DateNormalizer.readings(in: "22/7/2017")?.others == [])
        #expect(DateNormalizer.readings(in: "05/05/2020")?.others == [])
        #expect(DateNormalizer.readings(in: "3 October 2023")?.others == [])
        #expect(DateNormalizer.readings(in: "2023-03-10")?.others == [])
    }

    /// A date line's two-digit year ("31.10.23"), read day first as German sites write it, with
    /// the month first (Engadget's "11.03.17") and the year first (a Japanese "19.03.02") as
    /// its other readings; never in running text, nor a version number's, nor a period's.
    @Test func aDateLinesTwoDigitYearIsRead() {
        #expect(DateNormalizer.readings(in: "31.10.23", shortYears: true)?.date == "2023-10-31")
        #expect(DateNormalizer.readings(in: "31.10.23", shortYears: true)?.others == ["2031-10-23"])
        #expect(DateNormalizer.readings(in: "Kultur, 2.11.22", shortYears: true)?.date == "2022-11-02")
        #expect(DateNormalizer.readings(in: "11.03.17", shortYears: true)?.others == ["2017-11-03", "2011-03-17"])
        #expect(DateNormalizer.readings(in: "19.03.02", shortYears: true)?.others == ["2019-03-02"])
        #expect(DateNormalizer.readings(in: "31.10.23") == nil)
        #expect(DateNormalizer.readings(in: "WordPress 4.8.12.1", shortYears: true) == nil)
        #expect(DateNormalizer.readings(in: "Born 3.4.85", shortYears: true) == nil)
        // A period (a course's, an event's) dates no story; a time after a dash is no period.
        #expect(DateNormalizer.readings(in: "12.01.26 — 10.04.26", shortYears: true) == nil)
        #expect(DateNormalizer.readings(in: "12.01.2026 bis 10.04.2026", shortYears: true) == nil)
        #expect(DateNormalizer.readings(in: "19.12.2019 - 10:30", shortYears: true)?.date == "2019-12-19")
    }

    /// Through the extractor: a German byline's "31.10.23" is the story's day; a shown
    /// "11.03.17" whose month-first reading is the declared day, and a widget's year-first
    /// "19.03.02", leave the declared date as it is.
    @Test func aBylinesTwoDigitYearDatesTheStory() {
        let text = String(repeating: "<p>Der Gemeinderat hat am Dienstag beschlossen, den Hafen den ganzen Winter über für Fischerboote offen zu halten.</p>", count: 4)
        func page(_ head: String, _ byline: String) -> String? {
            let html = "<html><head><title>Hafen bleibt offen</title>\(head)</head><body><article><h1>Hafen bleibt offen</h1>"
                + "<div class='article-meta'>\(byline)</div>\(text)</article></body></html>"
            return extractor.extract(html: Array(html.utf8), url: nil).metadata.published
        }
        #expect(page("", "Von: Björn Jahner <span>|</span> <span>31.10.23</span>") == "2023-10-31")
        #expect(page("<meta property='article:published_time' content='2017-11-03T03:01:00'>", "<span class='date'>11.03.17</span>") == "2017-11-03T03:01:00")
        #expect(page("<meta property='article:published_time' content='2019-03-02T09:18:32Z'>", "<div class='powered-date'>posted at 19.03.02</div>") == "2019-03-02T09:18:32Z")
    }

    @Test func aShownNumericDateThatCanBeReadAsTheDeclaredOneIsIt() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-ambiguous-numeric-date-is-the-declared-one.html"), url: nil)
        #expect(article.metadata.published == "2024-09-10T16:07:00Z")
    }

    @Test func aShownNumericDateIsReadAsTheDateInThePagesOwnURL() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-ambiguous-numeric-date-read-as-the-url.html"), url: nil)
        #expect(article.metadata.published == "2023-10-03")
    }

    @Test func aPageWithoutH1ShowsItsDateUnderTheElementThatSaysTheTitle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-headline-without-h1.html"), url: nil)
        #expect(article.metadata.published == "2026-02-16")
    }

    @Test(arguments: ["5 tips for May 2024", "Mayor 5 2024 plan", "Top 10 of 2025", "Call 555-1234"])
    func notDatesInText(text: String) {
        #expect(DateNormalizer.inText(text) == nil)
    }

    // Round of 2026-12-06 (issue 11): dates shown where the byline reader did not look.

    /// A date line above the headline's own box, in the header block that holds both.
    @Test func aDateAboveTheHeadlinesBoxInTheSameHeader() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-date-above-the-headlines-box.html"), url: nil)
        #expect(article.metadata.published == "2024-11-03")
    }

    /// An author box below the story dates it with the date beside the names.
    @Test func theDateBesideAnAuthorBoxBelowTheStory() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-author-box-with-date-below-the-story.html"), url: nil)
        #expect(article.metadata.authors == ["Maya Lind", "Oskar Berg"])
        #expect(article.metadata.published == "2024-04-08")
    }

    /// A date-classed box with a tag list after its "Posted on" line: its first elements are read.
    @Test func aPostedLineAtTheTopOfALongMetaBox() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-posted-line-in-a-long-meta-box.html"), url: nil)
        #expect(article.metadata.published == "2023-04-13")
    }

    /// JSON-LD keeps a first version's date; OpenGraph and the byline give the story's.
    @Test func theDeclaredDateTheHeaderShowsAmongSeveral() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-shown-date-is-opengraphs-not-jsonlds.html"), url: nil)
        #expect(article.metadata.published == "2025-12-19T18:06:00Z")
    }

    /// "02-12-2025": with dashes the day comes first, as with dots; slashes stay month first.
    @Test func aDashedNumericDateIsDayFirst() {
        #expect(DateNormalizer.readings(in: "02-12-2025")?.date == "2025-12-02")
        #expect(DateNormalizer.readings(in: "02-12-2025")?.others == ["2025-02-12"])
        #expect(DateNormalizer.readings(in: "02/12/2025")?.date == "2025-02-12")
    }

    /// A page without `<h1>` whose `<h2>` says the title at more length: the date below it is the header's.
    @Test func aHeadlineInALongerH2() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-headline-in-a-longer-h2.html"), url: nil)
        #expect(article.metadata.published == "2025-12-17")
    }

    /// The export shows the byline as the page joins its names; the list keeps every name.
    @Test func namesShownJoinedByAndAreExportedSo() throws {
        let joined = extractor.extract(html: try Fixtures.bytes("metadata-jsonld-authors-shown-with-and.html"), url: nil)
        #expect(joined.metadata.authors == ["Ana Lima", "Tom Berg", "Ruth Okafor"])
        #expect(joined.metadata.author == "Ana Lima, Tom Berg, and Ruth Okafor")
        let box = extractor.extract(html: try Fixtures.bytes("metadata-author-box-with-date-below-the-story.html"), url: nil)
        #expect(box.metadata.author == "Maya Lind and Oskar Berg")
        let commas = extractor.extract(html: try Fixtures.bytes("metadata-byline-names-joined-by-commas.html"), url: nil)
        #expect(commas.metadata.authors == ["Ana Lima", "Tom Berg"])
        #expect(commas.metadata.author == "Ana Lima, Tom Berg")
    }

    /// Each name in wrappers of its own (a tooltip's button in two `<div>`s), the joining words
    /// between them: the byline line is the wrappers' common ancestor.
    @Test func namesInWrappersJoinedByAnd() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-byline-names-in-wrappers-joined-by-and.html"), url: nil)
        #expect(article.metadata.authors == ["Ana Lima", "Tom Berg", "Rankings Desk"])
        #expect(article.metadata.author == "Ana Lima, Tom Berg, and Rankings Desk")
    }

    /// An author box: the name in a paragraph, the date after it in an inline element. The
    /// paragraph ends a word, so the name is not read as "Luke KimDecember 17, 2025".
    @Test func aNameInABlockBeforeItsDate() {
        let html = "<html><body><article><h1>Introducing the new data accelerator for analytics</h1>"
            + "<div class='author-details'><p>Luke Kim</p><small>December 17, 2025</small></div>"
            + "<p>The accelerator keeps hot data in memory and spills the rest to local disks, so queries stay fast as tables grow.</p>"
            + "<p>It ships today for every plan, and the team will publish benchmarks against the previous engine next month.</p>"
            + "</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.metadata.authors == ["Luke Kim"])
        #expect(article.metadata.published == "2025-12-17")
    }

    /// The text of an element: a block ends a word as it starts one, and punctuation after a
    /// block stays by the word before it.
    @Test func aBlockEndsAWordButACommaAfterItStaysByTheName() {
        let html = "<html><body><div id='a'><div>Jane Doe</div>May 1, 2025</div>"
            + "<div id='b'><div><b>Ana Lima</b></div><span>, </span><div>Tom Berg</div></div></body></html>"
        let tree = PageTree.parse(html: Array(html.utf8), encoding: "UTF-8", url: nil)
        let a = tree.elements.indices.first { tree.elements[$0].attribute("id") == "a" }
        let b = tree.elements.indices.first { tree.elements[$0].attribute("id") == "b" }
        #expect(a.map(tree.text(of:)) == "Jane Doe May 1, 2025")
        #expect(b.map(tree.text(of:)) == "Ana Lima, Tom Berg")
    }

    /// A note anywhere that gives the story's first publication ("originally published on …
    /// but has been updated") beats the update the byline shows.
    @Test func anOriginallyPublishedNoteBeatsTheShownUpdate() {
        let html = """
        <html><head><title>The pros and cons of living in a tiny home</title></head><body>
        <article><h1>The pros and cons of living in a tiny home</h1><div><p>Chris Carroll</p><p>30 Sep 2022, 11:07am</p></div>
        <p>A tiny home costs less to build and to heat, but storage and space for guests are hard to find.</p>
        <p>Councils treat them differently, so check the rules before you buy a plot or a trailer.</p></article>
        <p class="disclaimer">This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.</p>
        </body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.published == "2019-09-26")
        let plain = html.replacingOccurrences(of: "originally published", with: "checked")
        #expect(extractor.extract(html: Array(plain.utf8), url: nil).metadata.published == "2022-09-30")
    }

    /// A page dated nowhere else is dated by a labelled date anywhere ("Last updated:" at its
    /// foot, past the header's reach), not by an unlabelled one.
    @Test func aLabelledDateAtThePagesFootDatesAnUndatedPage() {
        let html = """
        <html><head><title>Webcams</title></head><body><main><h1>Webcams</h1>
        \(String(repeating: "<p>Watch the valley from <b>four cameras</b>, refreshed every minute from sunrise to sunset.</p>", count: 130))
        <p style="text-align:right">Last updated: November 13, 2025</p></main></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.published == "2025-11-13")
        let unlabelled = html.replacingOccurrences(of: "Last updated: ", with: "Camera 4 installed ")
        #expect(extractor.extract(html: Array(unlabelled.utf8), url: nil).metadata.published == nil)
    }

    /// A page dated nowhere else (its date lines past the header's reach), whose only date line
    /// (a date in a box of its own, or opening a short line) is one day, is dated by it; not
    /// when it shows two days, nor by a date a sentence mentions.
    @Test func theOneDayAPageShowsDatesAnUndatedPage() {
        func published(_ lines: String) -> String? {
            let html = """
            <html><head><title>Maudlin</title></head><body><main><h1>Maudlin</h1>
            \(String(repeating: "<p>Maudlin means <b>tearfully sentimental</b>, from Mary Magdalene, often painted weeping.</p>", count: 130))
            \(lines)</main></body></html>
            """
            return Extractor().extract(html: Array(html.utf8), url: nil).metadata.published
        }
        #expect(published("<div style='color:#aaa'>Apr 7, 2009</div>") == "2009-04-07")
        #expect(published("<p>News date: <span>04/07/2009</span></p><div>Apr 7, 2009</div>") == "2009-04-07")
        #expect(published("<div>Apr 7, 2009</div><div>May 2, 2011</div>") == nil)
        // A few lines of one day date the page; more than a page's date has are a list's (and
        // a hostile page's 50,000 are not each looked for in cards: that took minutes).
        #expect(published(String(repeating: "<div>Apr 7, 2009</div>", count: 3)) == "2009-04-07")
        #expect(published(String(repeating: "<div>Apr 7, 2009</div>", count: Byline.maxLoneDates + 1)) == nil)
        #expect(published("<p>Offers expire Apr 7, 2009</p>") == nil)
        #expect(published("<p>For the period ended <span>April 7, 2009</span>, most funds beat their benchmarks.</p>") == nil)
    }

    /// "By: Jane Doe" is a byline as "By Jane Doe" is: the label may end in a colon.
    @Test func aByLabelWithAColon() {
        let html = """
        <html><head><title>Best high school tutors near you</title></head><body><article>
        <h1>Best high school tutors near you</h1><div class="by-div"><p>By: Elise Nass</p></div>
        <p>A good tutor knows the syllabus, sets work between sessions and tells parents what changed.</p></article></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["Elise Nass"])
        #expect(Byline.afterLabel("Written by: Ana Lima") == "Ana Lima")
    }

    /// An author-marked element that says more than the name ("Articles by Juliette", "This
    /// post was written by Jane Doe") names the author after its "by".
    @Test func anAuthorLinksNameFollowsItsBy() {
        func authors(_ line: String) -> [String] {
            let html = """
            <html><head><title>How to become a data analyst</title></head><body><article>
            <h1>How to become a data analyst</h1><div class="author-box">\(line)</div>
            <p>Start with spreadsheets and SQL, then learn one language for statistics and build three projects.</p></article></body></html>
            """
            return Extractor().extract(html: Array(html.utf8), url: nil).metadata.authors
        }
        #expect(authors("<a href=\"/author/juliette/\">Articles by Juliette</a>") == ["Juliette"])
        #expect(authors("<p class=\"author-bio\">This post was written by Jane Doe</p>") == ["Jane Doe"])
    }

    /// An author card puts the name and the role or reading time in elements of their own; the
    /// card's text runs them together, the author is the name alone ("Founder & Lead Reviewer"
    /// is no second author). A first name alone in its element is not cut from the surname.
    @Test func theNameAnAuthorCardShowsAloneIsTheAuthor() {
        func authors(_ card: String) -> [String] {
            let html = """
            <html><head><title>The best standing desks</title></head><body><article>
            <h1>The best standing desks</h1><div class="author">\(card)</div>
            <p>We raised and lowered each desk a hundred times and measured the wobble at full height.</p></article></body></html>
            """
            return Extractor().extract(html: Array(html.utf8), url: nil).metadata.authors
        }
        #expect(authors("<span>Sofia Kondrat</span> <span>EdTech Content writer</span>") == ["Sofia Kondrat"])
        #expect(authors("<a>Mateusz Haberny</a><span>Founder at Oakywood</span>") == ["Mateusz Haberny"])
        #expect(authors("<span>Rasmus Barslund</span> <span>Founder &amp; Lead Reviewer</span>") == ["Rasmus Barslund"])
        #expect(authors("<span>Jane</span> <span>Doe</span>") == ["Jane Doe"])
        #expect(authors("<a>Ana Lima</a> and <a>Tom Berg</a>") == ["Ana Lima", "Tom Berg"])
    }

    /// An author box that names its author only in the portrait's `alt` ("Jane Doe photo"),
    /// its text being the bio; a badge whose link's path has a "profile" segment is no portrait.
    @Test func authorBoxPortraitNamesTheAuthor() {
        let story = (1...4).map { "<p>Paragraph \($0): the clinic added evening hours after patients asked for them, and the waiting list shrank within a month, staff said.</p>" }.joined()
        let bio = "<p>She has written about health care for a decade, covering clinics, insurers and the people who rely on both, and lives in Ohio.</p>"
        func page(_ box: String) -> [UInt8] {
            Array("<html><body><article><h1>Clinics add evening hours</h1>\(story)\(box)</article></body></html>".utf8)
        }
        let portrait = "<div class='post-author-box'><div class='avatar'><img src='/a.jpg' alt='Jane Doe photo'></div>\(bio)</div>"
        #expect(extractor.extract(html: page(portrait), url: nil).metadata.authors == ["Jane Doe"])
        let badge = "<a href='https://bureau.example/us/oh/profile/clinic-123'><img src='/b.svg' alt='Accredited Business Bureau'></a>"
        #expect(extractor.extract(html: page(badge), url: nil).metadata.authors.isEmpty)
        let team = "<div class='post-author-box'><img src='/a.jpg' alt='Jane Doe'><img src='/b.jpg' alt='John Roe'>\(bio)</div>"
        #expect(extractor.extract(html: page(team), url: nil).metadata.authors.isEmpty)
    }

    /// "Author" after a name is the name's role ("Jane Doe | Author"), not a label over the next
    /// line (here the bio); "Written by" ending a line still labels the name below it.
    @Test func authorAfterANameIsItsRole() {
        let story = (1...4).map { "<p>Paragraph \($0): the plan adds a mile to the long run each week, so that new runners avoid injury, the coach said.</p>" }.joined()
        let bio = "<p>She has run twelve marathons and coaches beginners at a club in Calgary, where she also studies kinesiology.</p>"
        func page(_ card: String) -> [UInt8] {
            Array("<html><body><article><h1>A ten-week marathon plan</h1>\(story)</article><div class='author-card'>\(card)\(bio)</div></body></html>".utf8)
        }
        let role = "<div class='author-card-title'><p>Jane Doe</p><p>| Author</p></div>"
        #expect(extractor.extract(html: page(role), url: nil).metadata.authors == ["Jane Doe"])
        let label = "<div class='author-card-title'><p>Jun 2 · Written by</p></div><p>Jane Doe</p>"
        #expect(extractor.extract(html: page(label), url: nil).metadata.authors == ["Jane Doe"])
    }

    /// The site's navigation links its owner's social profile ("/profile/…" on another site)
    /// and may show today's date: neither is the story's byline.
    @Test func namesAndDatesInTheSiteNavigationAreNotTheStorys() {
        let story = (1...4).map { "<p>Paragraph \($0): a settings file in the repository decides who reviews each change, and the tool reads it on every push.</p>" }.joined()
        let html = "<html><body><header><a href='/'>Jane Doe</a><nav><a href='/blog'>blog</a>"
            + "<a href='https://social.example/profile/janedoe.example'>social</a><span>December 5, 2026</span></nav></header>"
            + "<article><h1>Configure your repositories</h1>\(story)</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.metadata.authors.isEmpty)
        #expect(article.metadata.published == nil)
    }

    /// A markup author that is the site's own name (`<meta name="author">` set once for the
    /// whole site) gives way to the person the byline by the headline shows; with no byline,
    /// or on a one-person site whose byline says the site's name, it stays.
    @Test func aSiteNamedAuthorGivesWayToTheBylinesPerson() {
        let story = (1...4).map { "<p>Tip \($0): carry a refillable bottle and a cloth bag, and a week's waste shrinks by a third, the group's survey found.</p>" }.joined()
        func authors(site: String, byline: String) -> [String] {
            let html = "<html><head><title>Reduce waste | \(site)</title><meta name='author' content='\(site)'></head><body>"
                + "<article><h1>How to reduce waste</h1>\(byline)\(story)</article></body></html>"
            return extractor.extract(html: Array(html.utf8), url: nil).metadata.authors
        }
        #expect(authors(site: "Example Trees", byline: "<div class='meta'>by Jane Doe ● December 23, 2025 ● 6 min read</div>") == ["Jane Doe"])
        #expect(authors(site: "Example Trees", byline: "") == ["Example Trees"])
        #expect(authors(site: "Jane Doe", byline: "<div class='byline'>Jane Doe 15 min read</div>") == ["Jane Doe"])
    }
}

import Testing
@testable import IngestExtract

/// Metadata from JSON-LD, OpenGraph, Dublin Core, visible markup and the URL.
@Suite struct MetadataTests {
    let extractor = Extractor()

    @Test func openGraphAndDublinCoreWithARelativeCanonical() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-opengraph-dublin-core.html"),
                                        url: "https://daily.example/news/2024/05/01/tram?utm_source=x")
        #expect(article.metadata.title == "Harbour tram line approved after decade of debate")
        #expect(article.metadata.authors == ["Jane Roe"])
        #expect(article.metadata.published == "2024-05-01")
        #expect(article.metadata.modified == "2024-05-02T08:15:00")
        #expect(article.metadata.site == "The Daily Example")
        #expect(article.canonicalURL == "https://daily.example/news/2024/05/01/harbour-tram-approved")
        #expect(article.metadata.language == "en")
        #expect(article.metadata.description == "The council backed the extension by 31 votes to 12.")
    }

    @Test func jsonLDInATopLevelArrayWinsOverAVisibleByline() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-jsonld-array-byline.html"), url: nil)
        #expect(article.metadata.title == "Inside the deal that saved the shipyard")
        #expect(article.metadata.authors == ["Ana Lima", "Tom Berg"])
        #expect(article.metadata.published == "2025-03-04")
        #expect(article.metadata.site == "Example News")
        #expect(article.metadata.language == "pt")
        #expect(article.metadata.description == "Workers, owners and the state: how the yard survived.")
    }

    @Test func visibleBylineAndTimeElement() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-visible-byline-time.html"), url: nil)
        #expect(article.metadata.title == "New bridge opens after six years")
        #expect(article.metadata.authors == ["Omar Haddad"])
        #expect(article.metadata.published == "2023-09-14T07:30:00+03:00")
    }

    @Test(arguments: [
        ("2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00+02:00"),
        ("2024-05-01T10:00:00.123Z", "2024-05-01T10:00:00Z"),
        ("2024-05-01T10:00", "2024-05-01T10:00:00"),
        ("2024-05-01 10:00:00 +0000", "2024-05-01T10:00:00Z"),
        ("2024/05/01", "2024-05-01"),
        ("20240501", "2024-05-01"),
        ("May 1, 2024", "2024-05-01"),
        ("1 May 2024", "2024-05-01"),
        ("Wed, 01 May 2024 10:00:00 GMT", "2024-05-01T10:00:00Z"),
        ("September 14, 2023 7:30 am", "2023-09-14T07:30:00"),
        ("Mar. 4, 2024 3:45 pm ET", "2024-03-04T15:45:00"),
        ("March 4, 2024 at 12:10 a.m.", "2024-03-04T00:10:00"),
        ("March 4, 2024 at 12:10 p.m.", "2024-03-04T12:10:00"),
        ("1709567100", "2024-03-04T15:45:00Z"),
        ("1709567100000", "2024-03-04T15:45:00Z"),
    ])
    func datesBecomeISO8601(raw: String, iso: String) {
        #expect(DateNormalizer.normalize(raw) == iso)
    }

    /// Dates written in other languages, as a byline shows them.
    @Test(arguments: [
        ("Veröffentlicht am 5. März 2024", "2024-03-05"),
        ("Publié le 12 août 2023 à 08h15", "2023-08-12"),
        ("Publicado el 5 de marzo de 2024", "2024-03-05"),
        ("Pubblicato il 3 settembre 2022", "2022-09-03"),
        ("12 de março de 2023", "2023-03-12"),
        ("gepubliceerd op 1 mei 2021", "2021-05-01"),
        ("2024年3月5日 10:00", "2024-03-05"),
        ("2024년 3월 5일", "2024-03-05"),
        ("20 septembrie 2020 16:20", "2020-09-20"),
        ("Opublikowano 5 marca 2024", "2024-03-05"),
        ("Publikováno 12. října 2021", "2021-10-12"),
        ("Опубликовано 3 сентября 2022", "2022-09-03"),
        ("Publicerad 1 augusti 2021", "2021-08-01"),
        ("12 Ağustos 2023", "2023-08-12"),
        ("5 Δεκεμβρίου 2019", "2019-12-05"),
        ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", "2020-10-07"),
        ("نشر في 3 أيار 2021", "2021-05-03"),
    ])
    func datesInOtherLanguages(text: String, iso: String) {
        #expect(DateNormalizer.inText(text) == iso)
    }

    @Test func aShownDateInGermanIsTheStorysDate() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-shown-date-in-german.html"), url: nil)
        #expect(article.metadata.published == "2024-03-05")
    }

    /// A template indents its lines: the date element's text is short, its white space is not.
    @Test func aDateInAnIndentedLabelledBoxIsShown() throws {
        let indent = "\n" + String(repeating: " ", count: 60)
        let html = """
            <html><head><title>Harbour tram approved</title></head><body><article>
            <h1>Harbour tram approved</h1>
            <div>\(indent)<h5>Datum: </h5>03.02.2022\(indent)<br>\(indent)<h5>Autor: </h5>se\(indent)</div>
            <p>\(String(repeating: "The council backed the tram extension by a wide margin on Tuesday. ", count: 12))</p>
            </article></body></html>
            """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.published == "2022-02-03")
        #expect(Byline.collapsedLength("03.02.2022\(indent)se\(indent)") == 14)
        // A sentence that names a date is prose, however few its letters without the spaces.
        let sentence = "Until 25 November 2019 you can still sign the petition at any town hall in the country, "
            + "or online with a citizen card, and we will be glad to see you at one of our stands in the city "
            + "on any of the market days of the month, to talk it over with you at length"
        let tree = PageTree.parse(html: Array("<html><body><span>\(sentence)</span></body></html>".utf8), encoding: "utf-8", url: nil)
        let span = try #require(tree.elements.indices.first { tree.elements[$0].tag == "span" })
        #expect(Byline.date(tree, span) == nil)
    }

    @Test func nonsenseIsNotADate() {
        #expect(DateNormalizer.normalize("yesterday") == nil)
        #expect(DateNormalizer.normalize("2024-13-45") == nil)
        // Ten digits before 2000 are more likely an id than a time.
        #expect(DateNormalizer.normalize("0123456789") == nil)
    }

    @Test func datesFromURLPaths() {
        #expect(DateNormalizer.fromURLPath("https://x.example/2025/09/04/story/") == "2025-09-04")
        #expect(DateNormalizer.fromURLPath("https://x.example/news/2025-09-04-story") == "2025-09-04")
        #expect(DateNormalizer.fromURLPath("https://x.example/news/story-123456") == nil)
        #expect(DateNormalizer.fromURLPath("https://x.example/blog/2023/october/03/story") == "2023-10-03")
        #expect(DateNormalizer.fromURLPath("https://x.example/blog/2023/Oct/3/story") == "2023-10-03")
        #expect(DateNormalizer.fromURLPath("https://x.example/2024/may-the-best-win/5") == nil)
        // A one-digit day that runs on into the slug is the slug's number, not a day.
        #expect(DateNormalizer.fromURLPath("https://x.example/2023/10/3-questions-for-tina/") == nil)
        #expect(DateNormalizer.fromURLPath("https://x.example/t/2024-4-4-2024-5-0-upgrade/71") == nil)
        #expect(DateNormalizer.fromURLPath("https://x.example/2023/10/03-questions/") == "2023-10-03")
        #expect(DateNormalizer.fromURLPath("https://x.example/2023/10/3.html") == "2023-10-03")
        #expect(DateNormalizer.isDatedPath("https://x.example/2023/10/3-questions-for-tina/"))
        // The year last: only when one of the two numbers can only be a day.
        #expect(DateNormalizer.fromURLPath("https://x.example/news/29-10-2021") == "2021-10-29")
        #expect(DateNormalizer.fromURLPath("https://x.example/news/10-29-2021/story") == "2021-10-29")
        #expect(DateNormalizer.fromURLPath("https://x.example/news/03-10-2021") == nil)
        // A month's directory dates a path, but gives no day.
        #expect(DateNormalizer.fromURLPath("https://x.example/2015/03/story/") == nil)
        #expect(DateNormalizer.isDatedPath("https://x.example/2015/03/story/"))
        #expect(DateNormalizer.isDatedPath("https://x.example/2025/09/04/story/"))
        #expect(!DateNormalizer.isDatedPath("https://x.example/docs/2015/install.html"))
        #expect(!DateNormalizer.isDatedPath("install.html"))
    }

    @Test func anUndatedMetaDateThatIsTheModificationGivesWayToTheShownDate() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-undeclared-date-is-the-modification.html"), url: nil)
        #expect(article.metadata.published == "2024-03-01T05:00:00")
        #expect(article.metadata.modified == "2024-07-05T14:20:08-04:00")
    }

    @Test func aPublicationDateMetaIsAPublishMeta() {
        let html = """
        <html><head><title>Sleep and memory</title><meta name="citation_publication_date" content="2022/06/01"></head>
        <body><article><h1>Sleep and memory</h1><p>Two nights of short sleep were enough to lower recall in the test.</p></article></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.published == "2022-06-01")
    }

    @Test func theEarliestOfSeveralPublishMetasIsTheStorysDate() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-earliest-publish-meta.html"), url: nil)
        #expect(article.metadata.published == "2021-02-16")
    }

    @Test func jsonLDWithRawNewlinesInStringsStillParses() {
        let ld = JSONLD(scripts: ["{\"@type\":\"NewsArticle\",\"headline\":\"Line one\nline two\",\"author\":\"A. Writer\"}"])
        #expect(ld.isArticle)
        #expect(ld.headline == "Line one line two")
        #expect(ld.authors == ["A. Writer"])
    }

    @Test func siteSuffixIsStrippedFromTitles() {
        #expect(Metadata.stripSiteSuffix("Tram line approved | The Daily Example") == "Tram line approved")
        #expect(Metadata.stripSiteSuffix("Rock - Paper - Scissors: a history of the game") == "Rock - Paper - Scissors: a history of the game")
    }

    @Test func doublyEscapedEntitiesInMetaValuesAreDecoded() {
        #expect(Entities.decode("Code Kata&#x3a; Strings &#8211; part 2") == "Code Kata: Strings – part 2")
        #expect(Entities.decode("And finally&amp;#8230; trouble") == "And finally… trouble")
        #expect(Entities.decode("Fish &amp; chips & peas &unknown;") == "Fish & chips & peas &unknown;")
    }

    @Test func siteNameSuffixIsStrippedOnlyWhenItIsTheSite() {
        #expect(Metadata.stripSiteName("Trams return | WFA", site: "WFA") == "Trams return")
        #expect(Metadata.stripSiteName("Trams return | Opinion", site: "Daily Example") == "Trams return | Opinion")
    }

    /// UTF-8 decoded again as windows-1252 before the page was written ("NOMADÂ®") is read
    /// back in the metadata as in the text: the page is valid UTF-8 and says so.
    @Test func doubleEncodedTitleSiteAndAuthorAreReadBack() throws {
        let article = extractor.extract(html: try Fixtures.bytes("metadata-double-encoded-title-and-names.html"), url: nil)
        #expect(article.metadata.title == "Leather case review by NOMAD®")
        #expect(article.metadata.site == "Café Reviews")
        #expect(article.metadata.authors == ["Renée Albrecht"])
    }

    @Test func aSingleHeadlineH1BeatsASearchEngineTitle() {
        let html = """
        <html><head><meta property="og:title" content="Trams: 7 Facts (2025 Guide)"></head>
        <body><h1>The city that fell in love with trams again</h1><p>Text.</p></body></html>
        """
        let article = Extractor().extract(html: Array(html.utf8), url: nil)
        #expect(article.metadata.title == "The city that fell in love with trams again")
    }

    /// Microdata belongs to its nearest item: a related story's card typed Article below the
    /// story names that story's date and author, not this page's.
    @Test func microdataOfARelatedStorysCardIsNotThePagesOwn() {
        let card = """
        <li><article itemscope itemtype="https://schema.org/Article"><a href="/other-story">Another story</a>
        <span itemprop="author">Card Writer</span><span itemprop="datePublished" content="2026-03-13T16:44:22Z">Mar 13</span></article></li>
        """
        let html = """
        <html><head><title>Harbour tram line approved</title><meta name="author" content="Jane Roe"></head>
        <body><main><h1>Harbour tram line approved</h1>
        <p>The council backed the extension by 31 votes to 12 after a decade of debate about the route.</p></main>
        <aside><ul>\(String(repeating: card, count: 2))</ul></aside></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.published == nil)
        let scoped = html.replacingOccurrences(of: "<main>", with: #"<main itemscope itemtype="https://schema.org/NewsArticle"><time itemprop="datePublished" datetime="2024-05-01">May 1</time>"#)
        #expect(extractor.extract(html: Array(scoped.utf8), url: nil).metadata.published == "2024-05-01")
    }

    /// A byline of Person items, one per author, each with several properties at once
    /// (`itemprop="author creator"`) and its name in `itemprop=name` between the byline's
    /// "By", commas and "and": every author, in the byline's order, and nothing of the byline's
    /// words. A date the theme marks as a Person's name is no author.
    @Test func everyPersonOfAMicrodataBylineIsAnAuthor() {
        func person(_ name: String, _ after: String) -> String {
            #"<span class="byline" itemprop="author creator" itemscope itemtype="https://schema.org/Person">"#
                + #"<a href="/people/\#(name.split(separator: " ")[1].lowercased())"><span itemprop="name">\#(name)</span></a>\#(after)</span>"#
        }
        let html = """
        <html><head><title>Clinics reopen after the outbreak</title></head><body><main><h1>Clinics reopen after the outbreak</h1>
        <p class="byline-dateline">By \(person("Kevin Sack", ", "))\(person("Sheri Fink", ", "))\(person("Pam Belluck", " and "))\(person("Adam Nossiter", ""))</p>
        <p>The clinics reopened on Monday, three months after the outbreak closed them, and the first patients were seen by noon.</p></main></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["Kevin Sack", "Sheri Fink", "Pam Belluck", "Adam Nossiter"])
        let dated = html.replacingOccurrences(of: #"<span itemprop="name">Adam Nossiter</span>"#,
                                              with: #"<span itemprop="name">Adam Nossiter</span><span itemprop="name">NOVEMBER 20, 2019 10:43</span>"#)
        #expect(extractor.extract(html: Array(dated.utf8), url: nil).metadata.authors == ["Kevin Sack", "Sheri Fink", "Pam Belluck", "Adam Nossiter"])
    }

    /// RDFa date properties on any element (Drupal's `<span property="schema:dateCreated"
    /// content="…">`, `property="dc:date dc:created"`) are read as microdata's, comments' aside.
    @Test func rdfaDatePropertiesAreRead() {
        func page(_ marks: String) -> [UInt8] {
            Array("""
            <html><head><title>Wine exports grow again</title></head>
            <body><main><h1>Wine exports grow again</h1>\(marks)
            <p>Exports rose by a tenth last year, the growers' association said, after two flat years of trade.</p></main>
            <section class="comments"><span property="schema:dateCreated" content="2022-02-03T08:00:00+00:00"></span></section></body></html>
            """.utf8)
        }
        let drupal8 = #"<span property="schema:dateCreated" content="2022-01-28T12:45:46+00:00" class="rdf-meta hidden"></span>"#
        #expect(extractor.extract(html: page(drupal8), url: nil).metadata.published == "2022-01-28T12:45:46Z")
        let drupal7 = #"<span property="dc:date dc:created" content="2019-07-07T18:44:31+02:00" datatype="xsd:dateTime"></span>"#
        #expect(extractor.extract(html: page(drupal7), url: nil).metadata.published == "2019-07-07T18:44:31+02:00")
        let modified = #"<span property="dcterms:modified" content="2023-05-02"></span>"#
        #expect(extractor.extract(html: page(modified), url: nil).metadata.modified == "2023-05-02")
        // Another vocabulary's "created" is not a publication date.
        #expect(extractor.extract(html: page(#"<span property="foaf:created" content="2019-07-07"></span>"#), url: nil).metadata.published == nil)
    }

    /// A UTC stamp a day off the address's day is the site's evening (or, east of UTC, early
    /// morning): when the page writes the same instant in its own offset (here in a script's
    /// data layer), that rendering is the published date, on the address's day. Not for
    /// another instant, nor without the address's day, nor for a stamp on the address's own day.
    @Test func utcStampIsWrittenInTheSitesOffsetWhenThePageGivesIt() {
        func published(meta: String, layer: String, url: String) -> String? {
            let html = """
            <html><head><title>Council passes the budget</title><meta property="article:published_time" content="\(meta)">
            <script>window.dataLayer = [{"publish": "\(layer)", "section": "news"}];</script></head>
            <body><main><h1>Council passes the budget</h1>
            <p>The council passed next year's budget late on Wednesday, after a debate that ran for six hours and ended in a narrow vote.</p></main></body></html>
            """
            return extractor.extract(html: Array(html.utf8), url: url).metadata.published
        }
        let dated = "https://news.example/2023/11/08/council-budget/"
        #expect(published(meta: "2023-11-09T03:28:35+00:00", layer: "2023-11-08T22:28:35-05:00", url: dated) == "2023-11-08T22:28:35-05:00")
        // Another instant in the data layer is not this one's rendering: the nearest offset
        // that puts the stamp on the address's day is written (`timeIsShownOnTheAddresssDay`).
        #expect(published(meta: "2023-11-09T03:28:35+00:00", layer: "2023-11-08T22:55:28-05:00", url: dated) == "2023-11-08T23:28:35-04:00")
        #expect(published(meta: "2023-11-09T03:28:35+00:00", layer: "2023-11-08T22:28:35-05:00", url: "https://news.example/council-budget/") == "2023-11-09T03:28:35Z")
        #expect(published(meta: "2023-11-08T13:28:35+00:00", layer: "2023-11-08T08:28:35-05:00", url: dated) == "2023-11-08T13:28:35Z")
        // A local time without a zone, the instant to the second five hours off: the offset is
        // written out; to the minute only, the match may be chance.
        #expect(published(meta: "2023-11-09T03:28:35+00:00", layer: "2023-11-08 22:28:35", url: dated) == "2023-11-08T22:28:35-05:00")
        #expect(published(meta: "2023-11-09T03:28:00+00:00", layer: "2023-11-08 22:28:00", url: dated) == "2023-11-08T23:28:00-04:00")
        // Another instant in UTC, twelve hours off to the second, is no zone-less local time.
        #expect(published(meta: "2023-11-09T03:28:35+00:00", layer: "2023-11-08T15:28:35.535Z", url: dated) == "2023-11-08T23:28:35-04:00")
        // The day at the very end of the page, alone or with the stamp: no read past the end.
        #expect(Metadata.localStamp(of: "2023-11-09T03:28:35Z", day: "2023-11-08", in: Array("…2023-11-08".utf8)) == nil)
        #expect(Metadata.localStamp(of: "2023-11-09T03:28:35Z", day: "2023-11-08", in: Array("…2023-11-08T22:28:35-05:00".utf8))
            == "2023-11-08T22:28:35-05:00")
        // East of UTC: the address's day is the day after the UTC stamp's.
        #expect(published(meta: "2023-11-07T23:15:20+00:00", layer: "2023-11-08T00:15:20+01:00", url: dated) == "2023-11-08T00:15:20+01:00")
    }

    /// A UTC stamp a day off the address's day, where the page writes it in no offset, is
    /// written in the nearest whole-hour offset that puts it on that day: a blog's New Year
    /// post at 00:11 in Berlin is "2018-12-31T23:11:59Z" in its meta and /2019/01/01/ in its
    /// address. Only within the zones' offsets (Kiribati's +14 to Hawaii's −10); the instant
    /// stays.
    @Test func timeIsShownOnTheAddresssDay() {
        func published(_ stamp: String, _ url: String) -> String? {
            let html = """
            <html><head><title>Into the new year</title><meta property="article:published_time" content="\(stamp)"></head>
            <body><main><h1>Into the new year</h1>
            <p>The year ended quietly here, with a walk by the river and a long list of books still to read in the new one.</p></main></body></html>
            """
            return extractor.extract(html: Array(html.utf8), url: url).metadata.published
        }
        let newYear = "https://blog.example/2019/01/01/into-the-new-year/"
        #expect(published("2018-12-31T23:11:59+00:00", newYear) == "2019-01-01T00:11:59+01:00")
        #expect(published("2018-12-31T10:30:00+00:00", newYear) == "2019-01-01T00:30:00+14:00")
        #expect(published("2018-12-31T09:30:00+00:00", newYear) == "2018-12-31T09:30:00Z")
        #expect(published("2019-01-02T09:30:00+00:00", newYear) == "2019-01-01T23:30:00-10:00")
        #expect(published("2019-01-02T10:30:00+00:00", newYear) == "2019-01-02T10:30:00Z")
        #expect(published("2018-12-31T23:11:59+00:00", "https://blog.example/into-the-new-year/") == "2018-12-31T23:11:59Z")
    }

    /// A saved page read from a file is dated by the address it gives itself: a day in the
    /// file's name is the user's (often the day it was saved), and moved the story's evening
    /// stamp to the next morning. A page that gives no address still has its file's.
    @Test func aSavedPagesFileNameDoesNotDateItsStory() {
        func published(canonical: String?, file: String) -> String? {
            let link = canonical.map { "<link rel=\"canonical\" href=\"\($0)\">" } ?? ""
            let html = """
            <html><head><title>Resort reopens</title>\(link)<meta property="article:published_time" content="2026-06-05T17:20:55+00:00"></head>
            <body><main><h1>Resort reopens</h1>
            <p>The lodge reopened after a long refit, two summers after the wildfire that closed it, with its old hall rebuilt in stone.</p></main></body></html>
            """
            return extractor.extract(html: Array(html.utf8), url: file).metadata.published
        }
        let saved = "file:///home/user/pages/lodge_2026_06_06.html"
        #expect(published(canonical: "https://news.example/travel/resort-reopens", file: saved) == "2026-06-05T17:20:55Z")
        #expect(published(canonical: "https://news.example/2026/06/06/resort-reopens", file: saved) == "2026-06-06T00:20:55+07:00")
        #expect(published(canonical: nil, file: saved) == "2026-06-06T00:20:55+07:00")
    }

    /// A site that credits itself by the short name in its address ("LTO" at lto.de, whose
    /// og:site_name is its long name) gives way to the person its byline shows.
    @Test func aMarkupAuthorThatIsTheSitesAddressNameGivesWayToTheByline() {
        let html = """
        <html><head><title>Complaint filed</title><meta name="author" content="LTO"><meta property="og:site_name" content="Legal Tribune Online">
        <link rel="canonical" href="https://www.lto.de/recht/complaint-filed"></head>
        <body><article><h1>Complaint filed</h1><p class="reader__meta-info">von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a></p>
        <p>A resident of the city has filed a constitutional complaint against the ruling, his lawyer said on Monday morning.</p>
        <p>The court has not said when it will decide whether to hear the case, which turns on the right of assembly.</p></article></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["Dr. Max Kolter"])
        #expect(Metadata.hostName("news.bbc.co.uk") == "bbc")
        #expect(Metadata.hostName("www.lto.de") == "lto")
        #expect(Metadata.hostName("127.0.0.1") == nil)
    }

    /// A schema.org Person may give its name only as `givenName` and `familyName` (Der
    /// Standard's three authors): each is an author, in order.
    @Test func personsGivenAndFamilyNamesMakeTheirName() {
        let html = """
        <html><head><title>Talks resume</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"Talks resume","author":[{"@type":"Person","givenName":"Birgit","familyName":"Baumann"},
        {"@type":"Person","givenName":"Anna Giulia","familyName":"Fink"},{"@type":"Person","familyName":"Marchart"}]}</script></head>
        <body><main><h1>Talks resume</h1><p>The two sides met again on Friday, after a month in which neither would speak to the other in public.</p></main></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["Birgit Baumann", "Anna Giulia Fink", "Marchart"])
    }

    /// A bare day (a Dublin Core `<meta>`) takes the time of a `<time>` of that day, but not
    /// a midnight stamp, which is a day too.
    @Test func bareDayTakesTheTimeOfATimeElementOfThatDay() {
        func page(_ datetime: String) -> [UInt8] {
            Array("""
            <html><head><title>Wine exports grow again</title><meta name="DC.date.issued" content="2015-01-28"></head>
            <body><main><h1>Wine exports grow again</h1>
            <p>Exports rose by a tenth last year, the growers' association said, after two flat years of trade.</p></main>
            <footer><time datetime="\(datetime)">Posted</time></footer></body></html>
            """.utf8)
        }
        #expect(extractor.extract(html: page("2015-01-28T15:41:20+01:00"), url: nil).metadata.published == "2015-01-28T15:41:20+01:00")
        #expect(extractor.extract(html: page("2015-01-28T00:00:00Z"), url: nil).metadata.published == "2015-01-28")
    }

    /// With no declared date, the header's date labelled as published is the story's, not the
    /// first date shown (the event the headline names).
    @Test func theHeadersPublishedDateBeatsAnEventDateInTheHeadline() {
        let html = """
        <html><head><title>Results of the regional championships</title></head>
        <body><main><h1>Results of the regional championships on 19.05.2007 in Aalen</h1>
        <p class="meta"><span class="author">Marc Weber</span> | <span class="published">20. Mai 2007</span></p>
        <p>Forty clubs sent their young athletes to the stadium, and the hosts won eleven of the twenty events held.</p></main></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.published == "2007-05-20")
        let unlabelled = html.replacingOccurrences(of: #"class="published""#, with: #"class="when""#)
        #expect(extractor.extract(html: Array(unlabelled.utf8), url: nil).metadata.published == "2007-05-19")
    }

    /// JSON-LD inside a CDATA section (XHTML's habit, bare or behind `//`) is read.
    @Test(arguments: ["<![CDATA[ \(MetadataTests.storyJSON) ]]>", "//<![CDATA[\n\(MetadataTests.storyJSON)\n//]]>"])
    func jsonLDInACDATASectionIsRead(_ script: String) {
        let html = """
        <html><head><title>Impeachment fails</title><script type="application/ld+json">\(script)</script></head>
        <body><main><h1>Impeachment fails</h1>
        <p>The motion fell short after most of the ruling party's lawmakers walked out of the chamber before the vote.</p></main></body></html>
        """
        let metadata = extractor.extract(html: Array(html.utf8), url: nil).metadata
        #expect(metadata.published == "2024-12-06T22:00:40Z")
        #expect(metadata.authors == ["Stella Kim", "Jennifer Jett"])
    }

    static let storyJSON = #"{"@context":{"@vocab":"http://schema.org"},"@type":"NewsArticle","headline":"Impeachment fails","datePublished":"2024-12-06T22:00:40Z","author":[{"@type":"Person","name":"Stella Kim"},{"@type":"Person","name":"Jennifer Jett"}]}"#

    /// An article's JSON-LD headline that neither the page's other titles nor its `<h1>` say
    /// (Wikipedia's short description of the subject) is not the title.
    @Test func aJSONLDHeadlineNoOtherTitleSaysIsNotTheTitle() {
        let html = """
        <html><head><title>New Zealand - Wikipedia</title><meta property="og:title" content="New Zealand - Wikipedia">
        <meta property="og:site_name" content="Wikipedia">
        <script type="application/ld+json">{"@type":"Article","name":"New Zealand","headline":"constitutional monarchy in Oceania"}</script></head>
        <body><main><h1>New Zealand</h1>
        <p>New Zealand is an island country in the southwestern Pacific Ocean, made up of two main islands and many smaller ones.</p></main></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.title == "New Zealand")
        // Said again by another title, it stands.
        let said = html.replacingOccurrences(of: "<h1>New Zealand</h1>", with: "<h1>Constitutional monarchy in Oceania</h1>")
        #expect(extractor.extract(html: Array(said.utf8), url: nil).metadata.title == "Constitutional monarchy in Oceania")
    }

    /// A markup author that is a user handle ("CC7567") gives way to the name the byline shows;
    /// with no byline it stands.
    @Test func aUserHandleGivesWayToTheBylinesName() {
        let html = """
        <html><head><title>The new trailer, frame by frame</title>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"The new trailer, frame by frame","author":"CC7567"}</script></head>
        <body><main><h1>The new trailer, frame by frame</h1><p class="byline">By James Akinaka</p>
        <p>The second trailer shows more of the villain than the first, and two scenes that the studio had kept secret until now.</p></main></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["James Akinaka"])
        let unsigned = html.replacingOccurrences(of: #"<p class="byline">By James Akinaka</p>"#, with: "")
        #expect(extractor.extract(html: Array(unsigned.utf8), url: nil).metadata.authors == ["CC7567"])
    }

    /// A `<meta name="author">` naming the company its copyright meta names is the rights
    /// holder, not a writer: the byline's name stands; with no byline the company does.
    @Test func theCopyrightHoldersNameGivesWayToTheBylinesName() {
        let html = """
        <html><head><title>The countdown to quantum computing</title><meta name="author" content="Cond&#xE9; Nast">
        <meta name="copyright" content="Copyright (c) Cond&#xE9; Nast 2022"></head>
        <body><main><h1>The countdown to quantum computing</h1><p class="byline">By Alex Hutchinson</p>
        <p>The encryption that protects online shopping remains, for now, effectively impregnable to any computer built so far.</p></main></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["Alex Hutchinson"])
        let unsigned = html.replacingOccurrences(of: #"<p class="byline">By Alex Hutchinson</p>"#, with: "")
        #expect(extractor.extract(html: Array(unsigned.utf8), url: nil).metadata.authors == ["Condé Nast"])
        #expect(Metadata.rightsHolder("© 2015–2022 Example Media GmbH. All rights reserved.") == "Example Media GmbH")
        #expect(Metadata.rightsHolder("Copyright 2022") == nil)
    }

    /// An update's label left where a name should be ("Zuletzt geändert: 18.10.2021") is no author.
    @Test func anUpdatesLabelIsNoAuthor() {
        #expect(Metadata.cleanAuthor("Zuletzt geändert") == nil)
        #expect(Metadata.cleanAuthor("Last updated") == nil)
        #expect(Metadata.cleanAuthor("Jane Doe") == "Jane Doe")
    }

    /// JSON-LD written entity-escaped into a `<meta>` ("script:ld+json") is read as a script's.
    @Test func jsonLDWrittenIntoAMetaIsRead() {
        let json = #"{"@context":"https://schema.org","@type":"Article","headline":"Full EV cars explained","datePublished":"2025-11-17T09:00:00Z","author":{"@type":"Person","name":"Jane Roe"}}"#
        let escaped = json.replacingOccurrences(of: "\"", with: "&quot;")
        let html = """
        <html><head><title>Full EV cars explained</title><meta name="script:ld+json" content="\(escaped)"></head>
        <body><main><h1>Full EV cars explained</h1>
        <p>An electric car runs on a battery alone, and charging at home costs less than fuel for most drivers.</p></main></body></html>
        """
        let metadata = extractor.extract(html: Array(html.utf8), url: nil).metadata
        #expect(metadata.published == "2025-11-17T09:00:00Z")
        #expect(metadata.authors == ["Jane Roe"])
    }

    /// Unscoped `itemprop="datePublished"`s that disagree are a listing's cards' dates, not the
    /// page's: the page's undeclared `date` meta and the header's date stand.
    @Test func microdataDatesThatDisagreeAreNotThePagesOwn() {
        func card(_ day: Int) -> String {
            #"<div class="card"><h3><a href="/story-\#(day)">Another story \#(day)</a></h3><span itemprop="author">Writer \#(day)</span>"#
                + #"<span itemprop="datePublished" content="2026-03-1\#(day)T12:00:00+00:00">Mar 1\#(day), 2026</span></div>"#
        }
        let html = """
        <html><head><title>Podcasts that inspire leaders</title><meta name="date" content="March 27, 2025"></head>
        <body><main><h1>Podcasts that inspire leaders</h1><div><span>Mar 27, 2025</span></div>
        <p>Eleven shows that the people who run technology teams listen to on the way to work, and why.</p>
        <aside>\((1...3).map(card).joined())</aside></main></body></html>
        """
        let metadata = extractor.extract(html: Array(html.utf8), url: nil).metadata
        #expect(metadata.published == "2025-03-27")
        // One such date is the page's.
        let single = html.replacingOccurrences(of: "\((1...3).map(card).joined())", with: card(1))
        #expect(extractor.extract(html: Array(single.utf8), url: nil).metadata.published?.prefix(10) == "2026-03-11")
    }

    /// A "Written by" summary card (`twitter:label1` / `twitter:data1`) names the author of a
    /// page that names none in its markup or byline.
    @Test func aWrittenByTwitterLabelNamesTheAuthor() {
        let html = """
        <html><head><title>How we cut build times</title><meta name="twitter:label1" content="Written by">
        <meta name="twitter:data1" content="Nawaz Dhandala"><meta name="twitter:label2" content="Est. reading time">
        <meta name="twitter:data2" content="5 minutes"></head>
        <body><main><h1>How we cut build times</h1>
        <p>Caching the dependency graph between runs took our median build from nine minutes to three.</p></main></body></html>
        """
        #expect(extractor.extract(html: Array(html.utf8), url: nil).metadata.authors == ["Nawaz Dhandala"])
        let other = html.replacingOccurrences(of: "Written by", with: "Filed under")
        #expect(extractor.extract(html: Array(other.utf8), url: nil).metadata.authors == [])
    }
}

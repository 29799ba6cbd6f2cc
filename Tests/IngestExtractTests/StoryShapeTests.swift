import Testing
@testable import IngestExtract

/// Story shapes of sites nobody tuned to: the whole story, and nothing around it.
@Suite struct StoryShapeTests {
    let extractor = Extractor()

    /// A numbered digest built by a page builder: every item sits four wrappers deep in its
    /// own row beside a small badge, and the first item is much longer than the others.
    @Test func everySectionOfAPageBuilderDigestIsKept() {
        let items = (1...6).map { number in
            let extra = number == 1
                ? String(repeating: "<p>The first change is the largest, since it moves the deadline for every household in the city by a month, and officials say it was overdue.</p>", count: 4)
                : ""
            return "<div class='row'><b>\(number)</b><div class='col'><b>★</b><div class='cell'><b>★</b><div class='text'><h2>\(number). Change number \(number)</h2>"
                + "<p>Change \(number) applies from May, when the new rules for waste collection take effect in all districts, the council said.</p>\(extra)</div></div></div></div>"
        }.joined()
        let html = "<html><body><article class='page'>\(items)</article><aside><a href='/x'>Other story</a></aside></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        for number in 1...6 {
            #expect(article.text.contains("\(number). Change number \(number)"))
        }
        #expect(!article.text.contains("Other story"))
    }

    /// A WordPress post's wrapper names the post's categories ("category-social"): the box
    /// that holds the headline and the story is the story's, though a furniture word is among
    /// its terms and an author box and a rail beside it hold more prose than it does.
    @Test func aBlogEntryNamedForItsCategoriesIsTheStory() {
        let story = (1...4).map { number in
            "<p>Part \(number): the network said the new check-in feature lets people share where they are with friends, see where their friends are, and find new places.</p>"
        }.joined()
        let rail = (1...8).map { number in
            "<div class='promo-box'><p>Sponsor \(number) explains at length why its cloud service helps companies of every size move their systems faster and at lower cost.</p></div>"
        }.joined()
        let html = "<html><body><div id='content'><div class='post-207120 post hentry category-mobile category-social'>"
            + "<h1>The network reveals the details behind its check-ins</h1><div class='entry'>\(story)</div></div>"
            + "<div class='author-block'><h2>About the author</h2><p>Anthony is a senior editor who covers media, advertising and social networks, and lives in San Francisco with his family.</p></div></div>"
            + "<div class='sidebar-rail'>\(rail)</div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Part 1: the network said"))
        #expect(article.text.contains("Part 4:"))
        #expect(!article.text.contains("Sponsor 1"))
    }

    /// A picture's rights line, named as such ("story-image-copyright") beside a label for
    /// screen readers, is furniture, not the story's opening.
    @Test func aPicturesCopyrightLineIsNotTheStory() {
        let story = (1...3).map { number in
            "<p>Part \(number): the singer said she had been told she could not perform her older songs at the awards, and asked fans for help.</p>"
        }.joined()
        let html = "<html><body><div class='story-body'><h1>Singer says she is barred from playing her old songs</h1>"
            + "<figure><span class='image-and-copyright-container'><img src='a.jpg' alt='The singer'><span class='off-screen'>Image copyright</span>"
            + "<span class='story-image-copyright'>Getty Images</span></span><figcaption>The singer at the awards last year</figcaption></figure>"
            + "\(story)</div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Part 1: the singer said"))
        #expect(!article.text.contains("Getty Images"))
    }

    /// A list told as a table (a wiki's "list of films"): the rows win the vote, and the
    /// paragraphs that introduce the list, beside the table, are the story's opening.
    @Test func aTablesIntroductionIsKeptWithItsRows() {
        let rows = (1...12).map { number in
            "<tr><th><a href='/wiki/Film_\(number)'>Film \(number)</a></th><td>19\(50 + number)</td><td>A clerk relives the same Tuesday, "
                + "over and over, until she finds out why the office clock stopped, film \(number).<sup><a href='#cite-\(number)'>[\(number)]</a></sup></td></tr>"
        }.joined()
        let references = (1...12).map { number in
            "<li><a href='#ref-\(number)'>^</a> <a href='/book/\(number)'>Time Travel in Popular Media, volume \(number)</a>, <a href='/isbn/\(number)'>ISBN 97807864780\(number)</a>.</li>"
        }.joined()
        let html = "<html><body><div id='content'><h1>List of films with time loops</h1><div class='parser-output'>"
            + "<p>This list of films features time loops, in which characters live the same period of time again and again until a condition is met.</p>"
            + "<table class='wikitable'><caption>Films with time loops</caption><thead><tr><th>Film</th><th>Year</th><th>Description</th></tr></thead>"
            + "<tbody>\(rows)</tbody></table><h2>References</h2><ol class='references'>\(references)</ol></div></div>"
            + "<div id='footer'><a href='/about'>About</a></div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("This list of films features time loops"))
        #expect(article.text.contains("until she finds out why the office clock stopped, film 12."))
        #expect(!article.text.contains("Time Travel in Popular Media"))
    }

    /// A story with a gallery embedded in its body, whose fifty captions ("legends") hold more
    /// prose than the story: the captions are not the story. A photo essay told only in its
    /// captions keeps them: there they are nearly all the page's prose.
    @Test func aGallerysCaptionsAreNotTheStoryTheyOutweigh() {
        let story = (1...4).map { number in
            "<p>Point \(number): hotel towels and sheets may not be as clean as they look, according to the managers who answered an online thread about the trade.</p>"
        }.joined()
        func captions(_ count: Int) -> String {
            "<ul class='legends'>" + (1...count).map { number in
                "<li><h2><span class='counter'>\(number)/\(count)</span> Picture \(number)</h2><p>Caption \(number): revenues at the listed club dipped by nearly a tenth in the year to June, after broadcasting and sponsorship deals dried up.</p></li>"
            }.joined() + "</ul>"
        }
        let html = "<html><body><article><h1>Seven secrets of hotel owners</h1><div class='text-wrapper' itemprop='articleBody'>\(story)"
            + "<div class='full-gallery'>\(captions(12))</div></div></article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.contains("Point 1:") && article.text.contains("Point 4:"))
        #expect(!article.text.contains("Caption 1:"))
        let essay = "<html><body><article><h1>A year on the river, in pictures</h1><div class='full-gallery'>\(captions(6))</div></article></body></html>"
        let pictures = extractor.extract(html: Array(essay.utf8), url: nil)
        #expect(pictures.kind == .article)
        #expect(pictures.text.contains("Caption 1:") && pictures.text.contains("Caption 6:"))
    }

    /// A short story in a page builder's rows, then a rail of cards teasing other stories
    /// with excerpts as long as the story's paragraphs: some cut with an ellipsis, some not.
    @Test func teaserCardsOfOtherStoriesAreNotTheStory() {
        let story = (1...4).map { number in
            "<p>Point \(number): the gym must keep its equipment safe, and a waiver signed at the door does not cover every injury, a lawyer said on Monday.</p>"
        }.joined()
        let cards = (1...5).map { number in
            let cut = number % 2 == 0 ? "and the agency has ninety days to answer..." : "and at our office,"
            return "<article class='card'><h3><a href='/story-\(number)'>Other story \(number)</a></h3><div class='excerpt'>"
                + "<p>When a claim for benefits is denied, applicants often wonder whether they can appeal, what the deadlines are, \(cut)</p>"
                + "</div><a href='/story-\(number)'>Read more</a></article>"
        }.joined()
        let html = "<html><body><div class='wrap'><div class='row'><div class='col'><div class='story'>\(story)</div></div></div>"
            + "<div class='row'><div class='grid'>\(cards)</div></div></div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Point 1:"))
        #expect(article.text.hasSuffix("a lawyer said on Monday."))
        #expect(!article.text.contains("applicants often wonder"))
    }

    /// The next story loaded below the page's own, each a whole `<article>` with its `<h1>`:
    /// the second is longer and wins the vote, but the page's story is the first, and the
    /// second is not appended to it. Story cards headed by an `<h1>` do not count as stories.
    @Test func theNextStoryLoadedBelowIsNotAppended() {
        func story(_ topic: String, _ count: Int) -> String {
            (1...count).map { "<p>\(topic), part \($0): the reporter spoke to officials, residents and experts, who gave different accounts of what happened next.</p>" }.joined()
        }
        let cards = (1...3).map { "<article class='card'><h1><a href='/other-\($0)'>Other story \($0)</a></h1></article>" }.joined()
        let html = "<html><body><div class='stream'><article id='main'><h1>Tension in the north</h1>\(story("Tension", 6))\(cards)</article>"
            + "<article id='second-article'><h1>A coach may return</h1>\(story("Coach", 9))</article></div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Tension, part 1:"))
        #expect(article.text.contains("Tension, part 6:"))
        #expect(!article.text.contains("Coach, part"))
    }

    /// A paper's short abstract, then forty citations inside the same body: each citation is
    /// a run of names and commas that outvoted the abstract, which was lost. The citations
    /// stay, after the abstract, as the story's list of sources.
    @Test func aListOfCitationsDoesNotOutvoteTheAbstract() {
        let abstract = ["Background", "Design", "Results", "Conclusion"].map { section in
            "<h2>\(section):</h2><p>\(section) of the study: seasonal vaccination of adults near the age threshold was compared with the rates just below it.</p>"
        }.joined()
        let citations = (1...40).map { number in
            "<li><span class='label'>\(number). </span>Roe J, Doe A, Smith B, Jones C, et al. Vaccination study number \(number), a review. Vaccine. 2013;31:5339-48. doi:10.1016/j.vac.\(number)</li>"
        }.joined()
        let html = "<html><body><div class='article__body'><div class='abstract'>\(abstract)</div>"
            + "<div class='article__references'><h2>References</h2><ul class='rlist'>\(citations)</ul></div></div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Background:"))
        #expect(article.text.contains("Conclusion of the study"))
        #expect(article.text.contains("Vaccination study number 40"))
    }

    /// A consent box with no telling class or role: a body child with two buttons, and more
    /// text than a sign-up widget (500 letters).
    static let consentBox = "<div class='bx-wrap'><div class='bx-inner'><h3>Your privacy matters</h3>"
        + "<p>We and our partners store and access information on your device to show you personalised content, measure traffic and improve the site, as described in our policy.</p>"
        + "<p>Some partners rely on your consent and others on their legitimate interest; you can object to that at any time, and change your choices later from the link at the bottom of each page.</p>"
        + "<p>Your choices apply to this site only and are kept for thirteen months, after which we will ask you again, so that the settings you pick stay yours and stay current.</p>"
        + "<p>Partners may use precise location data and identify your device by scanning it, to build a profile of your interests and to show you advertising that fits that profile.</p>"
        + "<a href='/privacy'>Read our policy</a><button>Accept all</button><button>Reject all</button></div></div>"

    @Test func consentBoxIsNotTheStoryOfAScriptBuiltPage() {
        let html = "<html><body><div id='app'></div>\(Self.consentBox)</body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .notArticle)
        #expect(!article.text.contains("partners store"))
    }

    @Test func consentBoxBesideAStoryIsLeftOut() {
        let story = (1...3).map {
            "<p>The new bridge opened on Friday after three years of works, and \($0) buses crossed it in the afternoon, the city said.</p>"
        }.joined()
        let html = "<html><body><div class='page'><div class='body'><h1>Bridge opens</h1>\(story)</div></div>\(Self.consentBox)</body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("The new bridge opened"))
        #expect(!article.text.contains("partners store"))
        #expect(!article.text.contains("privacy"))
    }

    /// A long id names the box when it says consent ("cookie-law-info-bar"), though long ids
    /// are mostly anchors made from headings: a heading's anchor still says nothing.
    @Test func consentBarNamedByALongIdIsLeftOut() {
        func paragraph(_ number: Int) -> String {
            "<p>Part \(number): the satellites hand each device to the node with the strongest signal, so a call moves between rooms without dropping, the maker says.</p>"
        }
        let story = (1...3).map(paragraph).joined()
        // In German: English cookie sentences are also caught by their wording.
        let bar = "<div id='cookie-law-info-bar'><span>Wir verwenden Cookies, um unsere Website und Dein Shopping-Erlebnis zu verbessern. "
            + "Erkläre Dich damit einverstanden, dass Deine Cookies für diesen Zweck verwendet werden, indem Du auf OK klickst. "
            + "<a href='#'>OK</a></span></div>"
        let html = "<html><body><div class='wrapper'><article><h1>Mesh networks at home</h1>\(story)</article></div>\(bar)</body></html>"
        #expect(!extractor.extract(html: Array(html.utf8), url: nil).text.contains("Shopping-Erlebnis"))
        let anchored = "<html><body><article><h1>Mesh networks at home</h1>\(story)"
            + "<h2 id='why-we-use-cookies-here'>Why we use cookies here</h2>\(paragraph(4))</article></body></html>"
        #expect(extractor.extract(html: Array(anchored.utf8), url: nil).text.contains("Why we use cookies here"))
    }

    @Test func modalDialogIsLeftOut() {
        let story = (1...3).map {
            "<p>The new bridge opened on Friday after three years of works, and \($0) buses crossed it in the afternoon, the city said.</p>"
        }.joined()
        let html = "<html><body><main>\(story)<div aria-modal='true'><p>Pick the edition of the paper that you read, and we will show you the stories of your region first, with the weather of your town.</p></div></main></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(!article.text.contains("edition of the paper"))
    }

    /// Sections anchored by ids made from their headings, words such as "menu" or "share"
    /// included, are the story's sections, not a menu or a share bar.
    @Test func sectionWhoseHeadingAnchorNamesFurnitureIsKept() {
        let section = { (id: String, heading: String) in
            "<div id='\(id)'><h2>\(heading)</h2><p>Caterers plan each course around the guests, the season and the budget, and they test every dish twice before the day itself.</p></div>"
        }
        let html = "<html><body><article>" + section("planning-the-day-ahead-of-time", "Planning the day")
            + section("menu-ideas-for-small-kitchens", "Menu ideas for small kitchens")
            + section("share-the-costs-with-other-hosts", "Share the costs with other hosts") + "</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.contains("Menu ideas for small kitchens"))
        #expect(article.text.contains("Share the costs with other hosts"))
        #expect(article.text.components(separatedBy: "\n\n").count == 6)
    }

    /// Chrome after the story in any language: a heading whose section was furniture and a
    /// label that is no sentence. A closing list of short items stays.
    @Test func trailingHeadingAndLabelInAnotherLanguageAreDroppedButAClosingListIsNot() {
        let story = (1...3).map {
            "<p>The new bridge opened on Friday after three years of works, and \($0) buses crossed it in the afternoon, the city said.</p>"
        }.joined()
        let chrome = "<h2>Главные новости дня</h2><div>Publicité</div>"
        let html = "<html><body><article>\(story)<ul><li>Bus 12</li><li>Bus 31</li></ul>\(chrome)</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasSuffix("Bus 12\n\nBus 31"))
        #expect(!article.text.contains("Publicité"))
        #expect(!article.text.contains("новости"))
    }

    /// Text and title come in Unicode's canonical composition (NFC) whichever way the page
    /// spelled them: "ü" as u + ◌̈ becomes one letter, Bengali's য় (U+09DF, which NFC never
    /// keeps) becomes য + ◌়, the Kelvin sign K.
    @Test func textAndTitleAreComposed() {
        let decomposed = "Gr\u{75}\u{308}ne Br\u{75}\u{308}cke u\u{308}ber dem Flu\u{DF}"
        let story = (1...3).map { _ in "<p>\(decomposed): der Bau beginnt im Fr\u{75}\u{308}hjahr, sagt die Stadt, und dauert zwei Jahre lang.</p>" }.joined()
        let html = "<html><head><title>\(decomposed)</title></head><body><article><h1>\(decomposed)</h1>\(story)"
            + "<p>\u{995}\u{9C1}\u{9B7}\u{9CD}\u{99F}\u{9BF}\u{9DF}\u{9BE} liegt bei 300 \u{212A}, schreibt die Zeitung heute.</p></article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        // Scalar by scalar: Swift's own string comparison treats the two spellings as equal.
        func scalars(_ text: String?) -> [UInt32] { (text ?? "").unicodeScalars.map(\.value) }
        let composed = "Gr\u{FC}ne Br\u{FC}cke \u{FC}ber dem Flu\u{DF}"
        #expect(scalars(article.metadata.title) == scalars(composed))
        let opening = composed + ": der Bau beginnt im Fr\u{FC}hjahr"
        #expect(scalars(article.text).starts(with: scalars(opening)))
        let bengali: [UInt32] = [0x995, 0x9C1, 0x9B7, 0x9CD, 0x99F, 0x9BF, 0x9AF, 0x9BC, 0x9BE] + scalars(" liegt bei 300 K,")
        #expect(scalars(article.text.components(separatedBy: "\n\n").last).starts(with: bengali))
    }

    /// Quotes close in many ways: German „…“ and ‚…‘, guillemets either way round, Japanese 「…」.
    @Test(arguments: [("It ended.", true), ("Did it end?", true), ("“It ended.”", true), ("終わった。", true),
                      ("– „Ok.“", true), ("‚Gut.‘", true), ("»Fertig!«", true), ("「終わった。」", true),
                      ("Read more", false), ("Publicité", false), ("„Dann sag es nicht“", false), ("", false)])
    func sentenceEnds(text: String, ends: Bool) {
        #expect(TextNormalizer.endsSentence(text) == ends)
    }

    /// A roundup whose items each carry a "Continue reading" button: a box around a button is
    /// a widget when it stands alone (the sign-up box), not when it is one of a run of like
    /// items that each hold prose.
    @Test func itemsOfAListThatCarryButtonsAreKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("roundup-items-with-buttons.html"), url: nil)
        for phrase in ["basil and the thyme", "beans and sweet peas", "brings the birds in", "holds a dozen pots"] {
            #expect(article.text.contains(phrase), "item with \(phrase) dropped")
        }
        #expect(article.text.contains("Trellis from old pallets"))
        #expect(article.text.hasSuffix("keep the offcuts for the next one."))
        #expect(!article.text.contains("inbox every Friday"))
        #expect(!article.text.contains("Continue reading"))
    }

    /// Section headings whose class carries a layout word ("module-header", "toc-heading",
    /// "teaser-title") are the story's headings; the sidebar's widget title still goes with
    /// its sidebar.
    @Test func headingsWithLayoutWordsInTheirClassAreKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("headings-with-layout-class-words.html"), url: nil)
        for heading in ["Show your best work first", "Explain how you work", "Make contact easy", "Keep it current"] {
            #expect(article.text.contains(heading + "\n\n"), "heading \(heading) dropped")
        }
        #expect(article.text.hasSuffix("whatever the truth is."))
        #expect(!article.text.contains("Recent posts"))
    }

    /// A page builder cut the story in two blocks of the same class with a sign-up box
    /// between them; the first block, one short paragraph, scores far below the second.
    @Test func storyPartsOfTheWinnersClassJoinIt() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-split-by-call-to-action.html"), url: "https://example.com/harvest")
        #expect(article.text.hasPrefix("After two poor years the valley's wine co-operative"))
        #expect(article.text.hasSuffix("could undo most of what the good weeks have given them."))
        #expect(!article.text.contains("Sign up"))
    }

    /// A page builder puts the intro in a block of its own before the story's block; the
    /// blocks differ in class only by the builder's hash word (`block-3fa9c1e`). The intro is
    /// far shorter than the story, so neither its score nor the climb brings it in.
    @Test func introInItsOwnBuilderBlockJoinsTheStory() throws {
        let article = extractor.extract(html: try Fixtures.bytes("intro-in-its-own-builder-block.html"), url: nil)
        #expect(article.text.hasPrefix("Anyone who lets a room to visitors"))
        #expect(article.text.contains("Point 8:"))
        #expect(!article.text.contains("Tax guide"))
    }

    /// The intro sits in a summary box and the story in a bare `<div>`, each wrapping the
    /// site's `article-text` block: the outer boxes differ, the blocks holding the text match.
    @Test func introInASummaryBoxAroundTheStorysBlockJoinsTheStory() throws {
        let article = extractor.extract(html: try Fixtures.bytes("intro-in-a-summary-box-around-the-story-block.html"), url: nil)
        #expect(article.text.hasPrefix("We wore twelve rain jackets"))
        #expect(article.text.contains("Test 14:"))
        #expect(!article.text.contains("Shop all jackets"))
    }

    /// A component framework wraps each block of the story in a bare `<div>`: the story's
    /// parts are unclassed siblings, around like blocks (`rich-text`), with a product strip and
    /// a tip box between them. The longest part wins; the intro before it and the short
    /// section after the tip box score too little to join, and their wrappers have no class
    /// to match the winner's by, so they were lost.
    @Test func storySplitAcrossUnclassedWrappersIsWhole() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-split-across-unclassed-wrappers.html"), url: nil)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.first?.hasPrefix("The camera you take on a long trip") == true)
        #expect(paragraphs.contains("Section 8: a compact camera fits in a jacket pocket, survives rain and dust, and takes pictures good enough for a large print when the light is kind to it."))
        #expect(paragraphs.suffix(2) == [
            "Action cameras",
            "An action camera straps to a helmet or a bike and films what you see, but its wide lens makes distant mountains look small and flat.",
        ])
        #expect(!article.text.contains("photo tours"))
        #expect(!article.text.contains("Alps"))
    }

    /// An author box inside the story's wrapper, marked like the story's own paragraphs: its
    /// bio is the author's `description` in the page's JSON-LD (a graph naming the author by
    /// `@id`, the bio with markup), so it is no part of the story, nor is the list of the
    /// author's latest posts after it.
    @Test func authorBioGivenByStructuredDataIsLeftOut() {
        let story = (1...5).map { number in
            "<p>Point \(number): the council voted on Tuesday to extend the night bus service to the airport, and the first buses run in March, officials said.</p>"
        }.joined()
        let ld = #"{"@context":"https://schema.org","@graph":[{"@type":"BlogPosting","headline":"Night buses","author":{"@id":"https://example.com/#ana"}},"#
            + #"{"@type":"Person","@id":"https://example.com/#ana","name":"Ana Ruiz","description":"<p>Ana Ruiz is a freelance writer who has covered transport and city politics for twelve years.</p>"}]}"#
        let box = "<div class='box-about'><h4>Contributing Writer</h4>"
            + "<p>Ana Ruiz is a freelance writer who has covered transport and city politics for twelve years.</p>"
            + "<ul><li><a href='/trains'>Night trains return</a> - May 2, 2025</li><li><a href='/fares'>Fares go up</a> - April 9, 2025</li></ul></div>"
        let html = "<html><head><script type='application/ld+json'>\(ld)</script></head><body><div class='entry-content'>\(story)\(box)</div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Point 1:"))
        #expect(article.text.hasSuffix("officials said."))
        #expect(!article.text.contains("freelance writer"))
        #expect(!article.text.contains("Contributing Writer"))
        #expect(!article.text.contains("Night trains return"))
    }
}

/// Short news stories, where what follows the story weighs as much as the story.
@Suite struct ShortStoryTests {
    let extractor = Extractor()
    static let storyEnd = "because the latest inspection found two bearings close to failing."

    /// A five-paragraph story, then a "More from News" rail of four unclassed cards, each a
    /// linked headline and an excerpt: the excerpts add more than half the story's prose, so
    /// the climb used to take the rail in as more of the story.
    @Test func teaserRailAfterAShortStoryIsLeftOut() throws {
        let article = extractor.extract(html: try Fixtures.bytes("short-story-with-teaser-rail.html"), url: nil)
        #expect(article.text.hasPrefix("The city council voted on Tuesday"))
        #expect(article.text.hasSuffix(Self.storyEnd))
        #expect(article.text.components(separatedBy: "\n\n").count == 5)
    }

    /// The story's wrapper opens with the byline's dates ("JAN 13, 2026", "Published: Jan.
    /// 13, 2026 | Transport"): those go; a date line later in the story, and a sentence
    /// holding a date, stay.
    @Test func datelinesOpeningTheStoryAreLeftOut() throws {
        let article = extractor.extract(html: try Fixtures.bytes("dateline-inside-story-wrapper.html"), url: nil)
        #expect(article.text.hasPrefix("The harbour bridge will close to cars"))
        #expect(article.text.contains("Closed from March 2, 2026"))
        #expect(article.text.hasSuffix("The ferry runs until April 13, 2026."))
    }

    /// A dateline that names its day only as "today" ("Publiziert heute um 12:19 Uhr") goes
    /// as a dated one does; opening hours and race times in the story do not read as one.
    @Test func aDatelineOfTodayAndATimeIsLeftOut() {
        let prose = (1...2).map { "<p>Part \($0): the helicopter pad would replace part of the lawn, and the plan has to pass the planning commission first.</p>" }
        let html = "<html><body><article><p>Publiziert heute um 12:19 Uhr</p>\(prose[0])<p>Geöffnet: Täglich von 8.30 - 18.00 Uhr</p>"
            + "<ul><li>Heat 1: 2:28,29</li><li>Heat 2: 2:29,81</li></ul>\(prose[1])</article></body></html>"
        let text = extractor.extract(html: Array(html.utf8), url: nil).text
        #expect(text.hasPrefix("Part 1:"))
        #expect(text.contains("Geöffnet: Täglich von 8.30 - 18.00 Uhr"))
        #expect(text.contains("Heat 2: 2:29,81"))
        #expect(MainText.holdsTimeOfDay("Online seit heute, 7.57 Uhr") && MainText.holdsTimeOfDay("Šodien, 17:40"))
        #expect(!MainText.holdsTimeOfDay("00:03:12"))
        #expect(!MainText.holdsTimeOfDay("Pi is about 3.14"))
    }

    /// A credit or caption laid right after a picture in a box of their own, without
    /// `<figcaption>`, in an inline element or a `<p>` ("Tanks near the front, 24 April 2023"),
    /// is no part of the story; a list's items that each open with an icon keep their words.
    @Test func creditLineAfterAPictureIsLeftOut() {
        let prose = (1...3).map { number in
            "<p>Stop \(number): the route climbs from the harbour to the old fort, and the views over the bay are best in the late afternoon, the guide says.</p>"
        }
        let picture = "<div class='media'><img src='/fort.jpg' alt=''><span>Getty Images / Ana Ruiz</span></div>"
        let captioned = "<div class='picBox full'><a href='#'><img src='/harbour.jpg' alt=''></a><p>The harbour at dusk, seen from the fort, 24 April 2023</p></div>"
        let items = ["Water bottle", "Walking shoes", "Sun hat"].map { "<li><div><img src='/icon.svg' alt=''><span>\($0)</span></div></li>" }.joined()
        let html = "<html><body><article>\(prose[0])\(picture)\(prose[1])\(captioned)<p>Bring these:</p><ul>\(items)</ul>\(prose[2])</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(!article.text.contains("Getty Images"))
        #expect(!article.text.contains("The harbour at dusk"))
        #expect(article.text.contains("Walking shoes"))
        #expect(article.text.hasPrefix("Stop 1:"))
        #expect(article.text.hasSuffix("the guide says."))
    }

    /// The byline's date after the section label and the standfirst, still before the story's
    /// first sentence: it goes too; the standfirst stays.
    @Test func datelineAfterTheStandfirstIsLeftOut() throws {
        let article = extractor.extract(html: try Fixtures.bytes("dateline-after-standfirst.html"), url: nil)
        #expect(article.text.contains("Longer hours at the central branch, paid for by the book fair"))
        #expect(!article.text.contains("13 January 2026"))
        #expect(article.text.contains("Sunday hours from February 1, 2026"))
        #expect(article.text.hasSuffix("The trial runs until June 28, 2026."))
    }

    /// A sign-up box between the story's paragraphs: a pitch of one sentence and a `<form>`.
    /// The form was dropped as furniture, but the box's pitch stayed in the story.
    @Test func signUpBoxPitchInsideTheStoryIsLeftOut() throws {
        let article = extractor.extract(html: try Fixtures.bytes("sign-up-box-inside-story.html"), url: nil)
        #expect(!article.text.contains("morning briefing"))
        #expect(article.text.components(separatedBy: "\n\n").count == 5)
        #expect(article.text.hasSuffix(Self.storyEnd))
    }

    /// Commas measure prose in the vote for the story's wrapper, and Japanese writes them
    /// "、": counted as commas, a Japanese story outvotes the newsletter notices laid after it
    /// in boxes named "main_content" (a content word's head start), which won before.
    @Test func aJapaneseStoryOutvotesShortBoxesNamedAsContent() {
        let story = (1...4).map { number in
            "<p>市は\(number)日、<a href='/library'>新しい図書館</a>を来年春に開館すると発表した。建設費は約三十億円で、地域の住民や学生、"
                + "高齢者が利用しやすいよう、駅の近くに建てる計画で、議会の承認を待つ。</p>"
        }.joined()
        let notices = ["ご登録ありがとうございました。", "登録できませんでした。", "登録済みです。"].map { heading in
            "<div class='background_b3'><div class='main_content_m7'><h2>\(heading)</h2>"
                + "<p>入力いただいたメールアドレスにメールを送付しました。メールのリンクから記事の続きをお読みいただけます。</p></div></div>"
        }.joined()
        let html = "<html><body><div class='container_c1'><main><article class='container_c2'><h1>新しい図書館</h1>"
            + "<section class='container_c3'>\(story)</section></article></main></div>\(notices)</body></html>"
        let text = extractor.extract(html: Array(html.utf8), url: nil).text
        #expect(text.hasPrefix("市は1日") && text.contains("市は4日"))
        #expect(!text.contains("メールアドレス"))
        #expect(TextNormalizer.letters("東京、大阪，القاهرة، 1,2").commas == 4)
    }
}

/// Blocks a page renders twice, once per screen size.
@Suite struct RepeatedBlockTests {
    /// Each slide comes as a "desktop" and a "mobile" copy, one after the other: the text says
    /// each once. A short line said twice in a row (a table's equal cells) stays.
    @Test func aBlockRenderedTwiceInARowIsSaidOnce() {
        let slides = (1...3).map { number in
            let copy = "<h2>Project \(number)</h2><p>How a small museum in a farming town tripled its visitors in the season after its campaign number \(number).</p>"
            return "<section class='slide desktop'>\(copy)</section><section class='slide mobile'>\(copy)</section>"
        }.joined()
        let html = "<html><body><main>\(slides)<table><tr><td>Yes</td><td>Yes</td></tr></table></main></body></html>"
        let article = Extractor().extract(html: Array(html.utf8), url: nil)
        for number in 1...3 {
            #expect(article.text.components(separatedBy: "campaign number \(number).").count == 2, "slide \(number)")
        }
        #expect(article.text.hasSuffix("Yes\n\nYes"))
    }
}

/// Class words that do not describe the element they sit on: utility CSS, a code
/// highlighter's token kinds.
@Suite struct ClassWordTests {
    let extractor = Extractor()

    static func paragraph(_ number: Int) -> String {
        "<p>Part \(number): the satellites hand each device to the node with the strongest signal, so a call moves between rooms without dropping, the maker says.</p>"
    }

    /// The text of a four-paragraph story with `box` between its second and third paragraphs;
    /// the story's own paragraphs must all be in it.
    func storyText(around box: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let html = "<html><body><article>\(Self.paragraph(1))\(Self.paragraph(2))\(box)\(Self.paragraph(3))\(Self.paragraph(4))</article></body></html>"
        let text = extractor.extract(html: Array(html.utf8), url: nil).text
        #expect(text.hasPrefix("Part 1:") && text.contains("Part 4:"), sourceLocation: sourceLocation)
        return text
    }

    /// Utility CSS styles blocks under a condition ("print:break-inside-avoid", "md:hidden"):
    /// such a token names nothing, though its words are furniture words ("print", "hidden").
    @Test func utilityClassesWithAVariantNameNothing() {
        let blocks = (1...5).map { number in
            number <= 2 ? "<div class='mx-auto max-w-3xl print:break-inside-avoid'>\(Self.paragraph(number))</div>" : Self.paragraph(number)
        }.joined()
        let html = "<html><body><main>\(blocks)</main></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Part 1:"))
        #expect(article.text.contains("Part 2:"))
    }

    /// A sign-in prompt inside the story's body, written "sign-in" in its class and hidden
    /// until the reader's quota runs out: its list of a subscription's perks reads like prose
    /// but is furniture, as a "signup" box is.
    @Test func aSignInPromptInsideTheStoryIsLeftOut() {
        let prompt = "<div class='article-block article-content__sign-in-group hidden'><div class='h2'>Register to unlock more articles</div>"
            + "<p>Create an account or sign in to continue with your reading experience on any of our sites.</p>"
            + "<ul><li>Access articles from across the country with one account, on every device you own.</li>"
            + "<li>Share your thoughts and join the conversation in the comments under every story.</li></ul></div>"
        let text = storyText(around: prompt)
        #expect(!text.contains("Access articles"))
        #expect(!text.contains("Create an account"))
    }

    /// An embedded video marked as a schema.org media item, shown as a two-click consent
    /// notice in its place: the notice is the player's, not the story's.
    @Test func anEmbeddedPlayersConsentNoticeIsLeftOut() {
        let player = "<div class='box' itemscope itemtype='https://schema.org/MediaObject'><div class='info-box'>"
            + "<div class='h3'>Recommended editorial content</div><p>Here you will find external content from a video platform that adds to the article. You can show it with one click.</p>"
            + "<p class='info'>I agree to be shown content from the video platform, and that personal data may be passed on to it.</p></div></div>"
        let text = storyText(around: player)
        #expect(!text.contains("external content"))
        #expect(!text.contains("I agree"))
    }

    /// "More on this" inside a story: boxes named as teasers, each a picture, a heading that
    /// links to another story and a sentence of excerpt that reads like prose. They tease
    /// other pages; the story's own paragraphs around them stay.
    @Test func teaserBoxesInsideTheStoryAreLeftOut() {
        let teasers = (1...2).map { number in
            "<div class='teaser'><div class='teaserimage'><img src='t\(number).jpg'></div><div class='teaserpadding'><div class='topline'>Heat</div>"
                + "<h2><a href='/news/other-story-\(number).html'>Other story \(number) about the heat</a></h2>"
                + "<div class='teasertext'><p>A team of five volunteers on motorbikes hands out water and shade to the drivers stuck for hours in the long jam on the closed motorway, story \(number), and the police thanked them.</p></div></div></div>"
        }.joined()
        let box = "<div class='contentbox list'><div class='boxhead'>More on the heat</div>\(teasers)</div>"
        let text = storyText(around: box)
        #expect(!text.contains("volunteers on motorbikes"))
    }

    /// A reader poll inside the story: a question over answers, each a radio button in its
    /// label. It asks the reader; it is not the story. (Radio buttons outside labels, as CSS
    /// tab switches use them, make no poll.)
    @Test func aReaderPollInsideTheStoryIsLeftOut() {
        let answers = ["Yes, certainly.", "No, that would be censorship.", "Only with hard evidence.", "I am not sure."].map {
            "<label><input name='poll-1' type='radio'><span>\($0)</span></label>"
        }.joined()
        let poll = "<div class='Article_elementPoll__0I_DP'><div class='sc-a1'><p>Should platforms be regulated more strictly to keep foreign interference out of elections?</p></div>"
            + "<div class='sc-a2'>\(answers)</div></div>"
        let text = storyText(around: poll)
        #expect(!text.contains("Should platforms"))
        #expect(!text.contains("censorship"))
    }

    /// A highlighter marks a listing's comments "hljs-comment" or "token comment": part of
    /// the code, not a comment section.
    @Test func commentsInsideACodeListingAreKept() {
        let code = "<pre><code class='language-bash hljs'><span class='hljs-comment'># initialize the repository</span>\ngit init\n"
            + "<span class='token comment'># see what changed</span>\ngit status</code></pre>"
        let html = "<html><body><article>\(Self.paragraph(1))\(code)\(Self.paragraph(2))\(Self.paragraph(3))</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.contains("# initialize the repository"))
        #expect(article.text.contains("# see what changed"))
        #expect(article.text.contains("git status"))
    }

    /// A furniture word after "no" names what the element lacks ("item-titleNoCredit",
    /// "title-no-credit": a title box without a photo credit), not what it is: the listicle's
    /// item headings stay, while a real credit box still goes.
    @Test func furnitureWordAfterNoNamesWhatIsMissing() throws {
        let article = extractor.extract(html: try Fixtures.bytes("furniture-word-after-no-names-what-is-missing.html"), url: nil)
        for heading in ["Graphic design certificate", "Data analytics certificate", "Project management certificate"] {
            #expect(article.text.contains(heading), "heading \(heading) dropped")
        }
        #expect(!article.text.contains("Photo by the Evening School"))
    }

    /// An `<aside>` between the story's paragraphs, holding prose and no furniture word, is a
    /// note of the story (HTML's aside inside an article); one after the story's last
    /// paragraph, or named as furniture, is not.
    @Test func sidenoteAsideBetweenTheStorysParagraphsIsKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("sidenote-aside-between-the-storys-paragraphs.html"), url: nil)
        #expect(article.text.contains("The situation is more complicated for writable firmware"))
        #expect(article.text.contains("Part 4:"))
        #expect(!article.text.contains("Read next:"))
        #expect(!article.text.contains("About the company"))
    }

    /// A disclosure button (`aria-expanded`) over an FAQ's answer is the question: it stays
    /// with its answer, while a plain button ("Show more guides") still goes.
    @Test func disclosureButtonLabelsAnFAQAnswer() throws {
        let article = extractor.extract(html: try Fixtures.bytes("disclosure-button-labels-an-faq-answer.html"), url: nil)
        #expect(article.text.contains("Why do I need a licensed electrician?\n\nInsurers can refuse"))
        #expect(article.text.contains("How long does a periodic inspection take?"))
        #expect(!article.text.contains("Show more guides"))
    }

    /// After a CSS property a word is the style's value: "valign-top" cells and an
    /// "overflow-hidden" box are the story's, while "visually-hidden" still hides.
    @Test func styleValueAfterACSSPropertyIsNoClassWord() throws {
        let article = extractor.extract(html: try Fixtures.bytes("style-value-after-a-css-property-is-no-class-word.html"), url: nil)
        #expect(article.text.contains("Endianness of wide integers\n\nMerged"))
        #expect(article.text.contains("Inline assembly in the style"))
        #expect(!article.text.contains("Skip to the end"))
    }

    /// A name inside a sentence, linked in a span whose class holds a weak word ("card",
    /// "topic"): the sentence's own words. The same class on a box of its own is furniture.
    @Test func weakClassWordInsideASentenceKeepsItsWords() {
        let sentence = "<p>The studio followed it with <span class='display-card-link'><a href='/films/ash'>The Ashes of Rage</a></span>, "
            + "which critics and casual viewers liked even more than the first film of the series, the distributor said.</p>"
        let box = "<div class='topic-card'><a href='/topics/anime'>More on anime</a></div>"
        let html = "<html><body><article>\(Self.paragraph(1))\(sentence)\(box)\(Self.paragraph(2))\(Self.paragraph(3))</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.contains("The studio followed it with The Ashes of Rage, which critics"))
        #expect(!article.text.contains("More on anime"))
    }

    /// "skip" names a skip link only in a skip link's spellings ("skip-link", "skip-to-content",
    /// "skipnav"); alone it marks a lazy-loading opt-out ("skip-lazy") or, here, the sections a
    /// table of contents jumps to, each too short to count as much of the page's prose.
    @Test func skipWordAloneIsNoSkipLink() {
        let sections = (1...5).map { number in
            "<div id='topic\(number)' class='skip-item'><h2>Question \(number)</h2>\(Self.paragraph(number))</div>"
        }.joined()
        let html = "<html><body><a class='skip-link' href='#main'>Jump past the menu</a><div class='skipnav'><a href='#main'>Jump to the menu</a></div>"
            + "<main id='main'><h1>How mesh networks work</h1><div class='skip-lazy'>\(Self.paragraph(0))</div>\(sections)</main></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        for number in 0...5 {
            #expect(article.text.contains("Part \(number): the satellites"))
        }
        #expect(article.text.contains("Question 5"))
        #expect(!article.text.contains("Jump past the menu"))
        #expect(!article.text.contains("Jump to the menu"))
    }

    /// A furniture word switched on or off ("modal-enabled", "penci-enable-lightbox": the
    /// story's pictures open in a lightbox) names a feature of the story's wrapper, not a
    /// pop-up: the story stays, and the cookie box is not taken for it. A real lightbox goes.
    @Test func featureSwitchedOnIsNoFurnitureWord() {
        let story = (1...4).map(Self.paragraph).joined()
        for wrapper in ["box article modal-enabled", "container-single penci_sidebar penci-enable-lightbox"] {
            let html = "<html><body><div class='\(wrapper)'><article><h1>Mesh networks at home</h1>\(story)</article></div>"
                + "<div class='lightbox'><p>Photo 3 of 12: the satellite unit on a bookshelf, next to the router it replaced.</p></div>"
                + "<section id='notice-bar'><p>This website uses cookies to improve your experience. We'll assume you're ok with this. Accept</p></section>"
                + "</body></html>"
            let article = extractor.extract(html: Array(html.utf8), url: nil)
            #expect(article.text.hasPrefix("Part 1:"), "wrapper \(wrapper)")
            #expect(article.text.contains("Part 4:"), "wrapper \(wrapper)")
            #expect(!article.text.contains("Photo 3 of 12"), "wrapper \(wrapper)")
            #expect(!article.text.contains("uses cookies"), "wrapper \(wrapper)")
        }
    }

    /// A box named as an ad network's or a pop-up ("theme-taboola") that holds the headline
    /// and nearly all the page's prose is the theme's wrapper of the whole page; beside a
    /// story the same box is still furniture, and a privacy pop-up, with nearly all the prose
    /// but no headline, never becomes the story.
    @Test func adNetworkNamedWrapperOfThePageIsTheStory() {
        let story = (1...4).map(Self.paragraph).joined()
        let whole = "<html><body><div id='theme-taboola'><article><h1>Mesh networks at home</h1>\(story)</article></div></body></html>"
        #expect(extractor.extract(html: Array(whole.utf8), url: nil).text.contains("Part 4:"))
        let beside = "<html><body><article><h1>Mesh networks at home</h1>\(story)</article>"
            + "<div id='theme-taboola'><p>Around the web: the one trick routers do not want you to know about, and nine more like it.</p></div></body></html>"
        #expect(!extractor.extract(html: Array(beside.utf8), url: nil).text.contains("Around the web"))
        let consent = "<html><body><div class='privacy-popup overlay'><p>We use cookies to improve your experience on our site, to show you personalised content and to analyse our traffic. By clicking Accept you agree to this.</p>"
            + "<p>You can change your choice at any time in the privacy settings linked at the bottom of every page of this site.</p></div></body></html>"
        let refused = extractor.extract(html: Array(consent.utf8), url: nil)
        #expect(refused.kind == .notArticle)
        #expect(!refused.text.contains("cookies"))
    }

    /// A pop-up-named box that is the only child of the story's box ("lightbox-content" in
    /// "entry-content": the story's pictures open in a lightbox) is the story's text, though
    /// the picture gallery above it holds less than nine tenths of the prose and no headline;
    /// the same box beside the story's text is still a pop-up.
    @Test func popupNamedSoleChildOfTheStoryBoxIsTheStory() {
        let story = (1...4).map(Self.paragraph).joined()
        let gallery = "<div class='gallery'>" + (1...3).map { number in
            "<figure><img src='p\(number).jpg'><figcaption>Photo \(number): the satellite unit on a bookshelf in the hall, next to the router it replaced, with its cable tidied away behind the books.</figcaption></figure>"
        }.joined() + "</div>"
        let html = "<html><body><article><h1>Mesh networks at home</h1>\(gallery)"
            + "<div class='entry-content'><div class='lightbox-content'>\(story)</div></div></article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.contains("Part 1:") && article.text.contains("Part 4:"))
        let beside = "<html><body><article><h1>Mesh networks at home</h1><div class='entry-content'>\(story)"
            + "<div class='lightbox-content'><p>Photo 3 of 12: the satellite unit on a bookshelf, next to the router it replaced.</p></div></div></article></body></html>"
        #expect(!extractor.extract(html: Array(beside.utf8), url: nil).text.contains("Photo 3 of 12"))
    }

    /// A log-in dialog's panels written as `<article class="password-modal">` are pop-ups, not
    /// stories: a video page whose only prose they are is no article, and beside a story they
    /// go; an `<article>` so named that holds the headline and the story is the story.
    @Test func popupNamedArticleElementsAreFurniture() {
        let panels = ["password-modal", "register-modal", "welcome-modal"].map { name in
            "<article class='\(name) dark-modal'><h2>My account</h2><p>You will receive an e-mail from us shortly with a link; "
                + "please confirm it within 24 hours to complete your registration and use every feature of your account.</p></article>"
        }.joined()
        let video = "<html><body><article class='video-page'><h1>Sport in times of crisis</h1><div class='player'></div>"
            + "<p>A short film.</p></article>\(panels)</body></html>"
        #expect(extractor.extract(html: Array(video.utf8), url: nil).kind == .notArticle)
        let story = (1...4).map(Self.paragraph).joined()
        let beside = "<html><body><article><h1>Mesh networks at home</h1>\(story)</article>\(panels)</body></html>"
        let article = extractor.extract(html: Array(beside.utf8), url: nil)
        #expect(article.text.contains("Part 4:") && !article.text.contains("24 hours"))
        let themed = "<html><body><article class='post modal-open'><h1>Mesh networks at home</h1>\(story)</article></body></html>"
        #expect(extractor.extract(html: Array(themed.utf8), url: nil).text.contains("Part 1:"))
    }

    /// A box named as content ("main_content") gets a head start in the vote for the story's
    /// wrapper; around a one-line notice it outvoted a short story, and the notices laid
    /// beside it came out as the text. Such a box wins by its name only when its story holds
    /// the text that wins by its words.
    @Test func noticesInBoxesNamedAsContentDoNotOutvoteAShortStory() {
        let story = (1...2).map { number in
            "<p>The council voted \(number) to 3 on Tuesday to close the old bridge, which engineers say is unsafe, and traffic will move to the new span in May.</p>"
        }.joined()
        let notice = "<div class='main_content'><p>Thanks for signing up. Check your inbox to confirm your address and finish.</p></div>"
        let html = "<html><body><div class='wrap_a1'><main><article class='c_a2'><h1>Bridge to close</h1><div class='c_a3'>\(story)</div></article></main></div>"
            + String(repeating: notice, count: 3) + "</body></html>"
        let text = extractor.extract(html: Array(html.utf8), url: nil).text
        #expect(text.hasPrefix("The council voted 1") && text.contains("The council voted 2"))
        #expect(!text.contains("Thanks for signing up"))
        // A story's own box so named still wins: the head start stays where the text is.
        let named = "<html><body><div class='nav-links'><a href='/a'>Home</a></div><div class='entry-content'>\(story)</div></body></html>"
        #expect(extractor.extract(html: Array(named.utf8), url: nil).text.hasPrefix("The council voted 1"))
    }

    /// An `<aside>` whose class names it a sidebar is furniture even when its widgets hold
    /// more prose than a short story beside it (a standings table and two lines); an
    /// `<aside>` between the story's paragraphs, with no such word, stays a note of the story.
    @Test func sidebarAsideOutweighingAShortStoryIsFurniture() {
        let widgets = (1...4).map { number in
            "<div class='widget'><h3>Column \(number)</h3><p>Our columnist looks back at the season's races, the teams that surprised and the drivers to watch next year, number \(number).</p></div>"
        }.joined()
        let story = "<article><h1>Final standings of the season</h1><p>Here you always find the standings after the last race of the season, updated every week.</p>"
            + "<table><tr><td>1</td><td>Driver One</td><td>5040</td></tr><tr><td>2</td><td>Driver Two</td><td>5035</td></tr></table></article>"
        let html = "<html><body><div class='container'>\(story)<aside class='sidebar'>\(widgets)</aside></div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.contains("updated every week"))
        #expect(!article.text.contains("Our columnist"))
    }

    /// A story quotes a post as it quotes a person: an embedded tweet (`<blockquote
    /// class="twitter-tweet">`, framed or not by a "social-media-embed" box) is the story's
    /// text, while a share button's "tweet" and a share bar's "social" are not.
    @Test func embeddedTweetIsQuotedText() {
        let tweet = "<blockquote class='twitter-tweet'><p lang='en' dir='ltr'>The council has voted to keep the night buses running through the winter.</p>"
            + "&mdash; City Council (@citycouncil) <a href='https://twitter.com/citycouncil/status/1'>October 9, 2018</a></blockquote>"
        let framed = "<div class='social-media-embed'><blockquote class='twitter-tweet'><p>The mayor welcomed the vote and thanked the drivers.</p></blockquote>"
            + "<script async src='https://platform.twitter.com/widgets.js'></script></div>"
        let share = "<div class='tweet-this'><a href='https://twitter.com/intent/tweet'>Post this story to your followers</a></div>"
        let bar = "<div class='social-bar'><p>Share this story with your friends and family on every network you use.</p></div>"
        let html = "<html><body><article>\(Self.paragraph(1))\(tweet)\(Self.paragraph(2))\(framed)\(share)\(bar)\(Self.paragraph(3))</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.contains("The council has voted to keep the night buses running through the winter."))
        #expect(article.text.contains("The mayor welcomed the vote"))
        #expect(!article.text.contains("Share this story"))
        #expect(article.text.contains("Part 3:"))
        #expect(!article.text.contains("Post this story"))
    }
}

/// Link headings: a listicle's item names are links to the products, while headings that
/// link to other stories are teasers.
@Suite struct LinkedHeadingTests {
    /// Short linked names between the story's prose stay; a linked headline of another story
    /// (40 letters or more) and linked headings after the story's last prose go.
    @Test func linkedItemNamesInsideTheStoryAreKept() throws {
        let article = Extractor().extract(html: try Fixtures.bytes("listicle-linked-item-names.html"), url: nil)
        for name in ["Meterline 117", "Voltcraft MM400", "Gripwell 11061"] {
            #expect(article.text.contains(name), "item name \(name) dropped")
        }
        #expect(article.text.contains("2. Wire strippers"))
        #expect(!article.text.contains("Why apprentices quit"))
        #expect(!article.text.contains("New license rules"))
        #expect(!article.text.contains("Van storage ideas"))
    }

    /// A list of links the story announces ("Many patches were sent for review:"), each item
    /// a paragraph inside its `<li>`, with more prose after: the story's own list.
    @Test func linkedParagraphsInsideListItemsOfTheStoryAreKept() {
        let prose = "<p>The work went on over the summer, and the maintainers say the next release will be the first to build on every platform the project supports.</p>"
        let items = (1...4).map { "<li><p><a href='https://example.org/pulls/\($0)'>Add support for feature number \($0) of the backend</a></p></li>" }.joined()
        let html = "<html><body><article>\(prose)<p>Many patches were sent for review:</p><ul>\(items)</ul>\(prose)\(prose)</article>"
            + "<div class='rail'><ul>" + (1...4).map { "<li><p><a href='/other-\($0)'>Other story \($0)</a></p></li>" }.joined() + "</ul></div></body></html>"
        let article = Extractor().extract(html: Array(html.utf8), url: nil)
        for number in 1...4 {
            #expect(article.text.contains("Add support for feature number \(number)"), "item \(number) dropped")
        }
        #expect(!article.text.contains("Other story"))
    }
}

import Testing
@testable import IngestExtract

/// The main-text heuristics, each on a small page or a single rule.
@Suite struct MainTextTests {
    let extractor = Extractor()

    @Test func headingsListItemsQuotesAndCellsAreTheirOwnParagraphs() throws {
        let article = extractor.extract(html: try Fixtures.bytes("structure-headings-lists-tables.html"), url: nil)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs == [
            "The city will spend more on transport and less on administration next year, according to the budget published on Monday.",
            "Where the money goes",
            "Three departments take more than half of the total, a share that has grown steadily over the past five years.",
            "Transport: new trams and road repairs",
            "Schools: two new primary schools",
            "Housing: grants for insulation",
            "“This is a budget for the next decade, not the next election,” the mayor said.",
            "Department", "Part of budget", "Transport", "24%", "Schools", "19%",
            "The council will vote on the budget in two weeks, after a public consultation.",
        ])
        #expect(article.metadata.title == "How the city budget is spent")
    }

    @Test func visibleCodeListingIsKeptAndAHiddenOneIsNot() throws {
        let article = extractor.extract(html: try Fixtures.bytes("tutorial-code-listings.html"), url: nil)
        #expect(article.text.components(separatedBy: "\n\n") == [
            "A deferred call runs when the surrounding function returns, which makes it the natural place to close what the function opened.",
            "src, err := os.Open(name) defer src.Close()",
            "Deferred calls run in last-in, first-out order, so resources are released in the reverse order of their acquisition.",
        ])
    }

    @Test func orderedListItemsCarryTheirNumbersFromTheListStart() throws {
        let article = extractor.extract(html: try Fixtures.bytes("ordered-list-steps.html"), url: nil)
        #expect(Array(article.text.components(separatedBy: "\n\n").dropFirst()) == [
            "1. Water the fern the day before.",
            "2. Loosen the root ball with a knife.",
            "After the break, the last steps:",
            "3. Set the fern in fresh soil at the same depth.",
            "4. Water it well and keep it out of direct sun for a week.",
            "Tip: a clay pot lets the roots breathe.",
        ])
    }

    @Test func storyWrapperNamedSidebarContentIsKeptButTheSidebarIsNot() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-in-sidebar-layout.html"), url: nil)
        #expect(article.text.hasPrefix("The council voted on Tuesday"))
        #expect(article.text.hasSuffix("after the vote."))
        #expect(!article.text.contains("Popular"))
    }

    /// A page that shows its story in a pop-up's frame (a stream's article opened over the
    /// stream, `id="render-target-modal"`) keeps it when the frame holds every headline of the
    /// page and a story's prose, though the stream outweighs it; a newsletter pop-up with a
    /// headline of its own beside the story's stays furniture.
    @Test func storyShownInAPopUpFrameIsKept() {
        func teaser(_ n: Int) -> String {
            """
            <li class="stream-item"><span>World</span> <span>Wire Agency</span><h3><a href="/news/\(n)">Story \(n) on the stream</a></h3>
            <p>A teaser of story number \(n), long enough to read as a paragraph of prose, with a comma or two, and more words.</p></li>
            """
        }
        func paragraph(_ n: Int) -> String {
            "<p>The cargo ship broke up over the remote region minutes after launch, the agency said in its statement number \(n), and most of it burnt up.</p>"
        }
        let html = """
        <html><head><title>Cargo ship breaks up after launch</title></head><body>
        <ul id="stream">\((1...12).map(teaser).joined())</ul>
        <div id="render-target-modal" class="render-target-active"><article><h1>Cargo ship breaks up after launch</h1>
        \((1...5).map(paragraph).joined())</article></div></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("The cargo ship broke up"))
        #expect(!article.text.contains("teaser of story"))
        func pitch(_ n: Int) -> String {
            "<p>Sign up for our morning briefing number \(n): the day's news, our best stories and the weekend reads, free.</p>"
        }
        let popup = """
        <html><head><title>Cargo ship breaks up after launch</title></head><body>
        <main><h1>Cargo ship breaks up after launch</h1>\((1...3).map(paragraph).joined())</main>
        <div class="newsletter-modal"><h1>Never miss a story</h1>\((1...8).map(pitch).joined())</div></body></html>
        """
        #expect(!extractor.extract(html: Array(popup.utf8), url: nil).text.contains("Sign up"))
    }

    /// A box named for the lightbox its pictures open in ("LightboxWrapper") that holds the
    /// story's prose is the story's; a lightbox that shows a picture and its caption is not.
    @Test func storyInALightboxWrapperIsKept() {
        func paragraph(_ n: Int) -> String {
            "<p>Paragraph \(n) of the story: the encryption that protects online shopping remains, for now, effectively impregnable.</p>"
        }
        let html = """
        <html><head><title>The countdown to quantum computing</title></head><body><main><article>
        <header><h1>The countdown to quantum computing</h1><p>By Alex Hutchinson</p></header>
        <div class="LightboxWrapper-bgeFLR"><div class="body">\((1...6).map(paragraph).joined())</div></div>
        <div class="lightbox-overlay"><img src="lab.jpg"><p>Researchers in a laboratory in Shanghai, where the machine is being built.</p></div>
        </article></main></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("Paragraph 1 of the story"))
        #expect(!article.text.contains("Researchers in a laboratory"))
    }

    /// A how-to laid out in one box per step, each box of one class that names it for print
    /// ("tip-print-step"): no step holds half the page's prose, the steps together do, so
    /// they are the story; a comment after them stays out.
    @Test func storyInSectionsOfOneFurnitureNamedClassIsKept() {
        let steps = [
            "Lay the tomato on its side before you cut it, so that the stalk points left or right and not up.",
            "Cut it so, and the seeds stay in the flesh: the slices hold together and nothing slides about the board.",
            "Take out the stalk at the end, since it holds solanine; it looks better without it, too, on the plate.",
            "A serrated tomato knife does not slip on the skin, so even very thin slices come out whole and neat.",
        ]
        let html = """
        <html><head><title>Cutting tomatoes</title></head><body><h1>Cutting tomatoes</h1>
        <div class="steps">\(steps.map { "<div class=\"tip-print-step\"><div class=\"step-text\">\($0)</div></div><div class=\"clear\"></div>" }.joined())</div>
        <div class="user-notes"><div class="note-text">I have cut mine this way for years and always wondered why nobody posted it as a tip before. Great idea, thanks a lot for it!</div></div>
        </body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.split(separator: "\n\n").map(String.init) == steps)
    }

    /// A layout's grid class shared by the story's column and the footer (`id="footer"`)
    /// does not make the footer part of the story.
    @Test func footerSharingTheStoryColumnsClassStaysOut() {
        let story = (1...4).map { "<p>Paragraph \($0) of the story: the old harbour town fills with visitors from May to October every year.</p>" }.joined()
        let html = """
        <html><head><title>Malaga</title></head><body><div class="column span-14"><h1>Malaga</h1>\(story)</div>
        <div id="footer" class="column span-14"><p>Did you know? Many people in Spain suffer from hay fever in the spring, as they do elsewhere.</p></div>
        </body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Paragraph 1 of the story"))
        #expect(!article.text.contains("Did you know"))
    }

    /// A sentence that begins in plain text and runs on into a link to its end is prose,
    /// though most of its letters are linked, and so is one that begins in links and goes on
    /// after them (a live blog's entry linking its first words to the full story); a label
    /// before a linked headline is not.
    @Test func sentenceRunningIntoALinkIsKept() {
        let html = """
        <html><head><title>New spokesman for the group</title></head><body><article><h1>New spokesman for the group</h1>
        <p>He is responsible for relations with the media, the group's image and its communication at home and abroad.</p>
        <p>In the spring he replaced Jane Roe, <a href="/roe">who for the last eight months combined these duties with her earlier work in the marketing department.</a></p>
        <p><a href="/group">The group</a>'s board, <a href="/board">which met on Monday to approve the appointment of its new spokesman</a> said he will start in the new post in May.</p>
        <p>Before that, he spent four years as the spokesman of an insurer and was a business journalist for several papers.</p>
        <p>Read more: <a href="/other">Insurer names a new head of communications after a long search for the post</a></p>
        </article></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.contains("In the spring he replaced Jane Roe, who for the last eight months"))
        #expect(article.text.contains("The group's board, which met on Monday"))
        #expect(!article.text.contains("Read more"))
        #expect(!article.text.contains("Insurer names"))
    }

    /// A hover card laid inside a sentence (a politician's portrait and links to three stories
    /// about her, shown when the reader points at her name) is no part of the paragraph; the
    /// linked name is.
    @Test func aHoverCardInsideASentenceIsLeftOut() {
        let card = "<span class='p-x'><a href='/people/jane-roe'>Jane Roe</a><span class='p-y'><span><img src='/roe.jpg' alt=''>"
            + "<a href='/people/jane-roe'>Jane Alice Roe</a><a href='/news/1'>Governor doubles down on her drug campaign</a>"
            + "<a href='/news/2'>State drops its protest laws after a lawsuit</a><a href='/people/jane-roe'>MORE</a></span></span></span>"
        let html = "<html><body><article><h1>Governor defends slogan</h1><p>The state's Gov. \(card) (R) is defending the launch of an anti-drug campaign with a slogan critics ridiculed.</p>"
            + "<p>The tagline drew a mix of criticism and ridicule across social media after the campaign was unveiled on Monday, officials said.</p></article></body></html>"
        let text = extractor.extract(html: Array(html.utf8), url: nil).text
        #expect(text.hasPrefix("The state's Gov. Jane Roe (R) is defending"))
        #expect(!text.contains("doubles down") && !text.contains("Jane Alice Roe"))
    }

    /// A poem or a song's lyrics posted line by line: short lines that end no sentence, the
    /// shape of the fragments (a label, a button) that end many texts. They are the text,
    /// not its tail, when trimming them would leave less than it takes away.
    @Test func poemOfShortLinesIsKeptWhole() {
        let lines = ["*", "The river keeps the colour of the sky", "long after the sun is gone",
                     "and the boats come home in twos and threes", "their lanterns swinging low",
                     "I count them from the harbour wall", "as my father counted them",
                     "and the last one in is never his", "and the tide goes out again"]
        let html = """
        <html><head><title>Harbour Wall</title></head><body><div class='post hentry'><h3 class='post-title'>Harbour Wall</h3>
        <div class='post-body entry-content'>\(lines.joined(separator: "<br />"))</div>
        <div class='post-footer'>Posted by M. Kerr</div></div></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.components(separatedBy: "\n\n") == lines)
    }

    /// A story's closing fragments still go: a label and a button under its last sentence.
    @Test func shortFragmentsAfterTheStoryAreTrimmed() {
        let html = """
        <html><head><title>Ferry timetable changes</title></head><body><article><h1>Ferry timetable changes</h1>
        <p>The island ferry will run every forty minutes from Monday, instead of every hour, the operator said on Friday.</p>
        <p>The extra crossings are paid for by the county until the end of the summer season.</p>
        <p>Filed under</p><p>Share this</p></article></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasSuffix("until the end of the summer season."))
    }

    /// Other stories' teasers at the end of the story's wrapper (a headline, then an excerpt
    /// cut with an ellipsis) go; a story that itself ends on an ellipsis keeps its ending.
    @Test func closingTeasersCutWithAnEllipsisAreTrimmed() {
        let story = (1...4).map { "<p>Part \($0) of the story: the harbour authority approved the new quay on Monday after two years of hearings, and work starts in May.</p>" }.joined()
        let teasers = ["Ferry fares rise again", "School roof repaired", "Market moves to the square"].map {
            "<h3>\($0)</h3><p>The council said on Tuesday that the change, which many residents had asked for during the spring consultation, would ...</p>"
        }.joined()
        let html = "<html><head><title>New quay approved</title></head><body><article><h1>New quay approved</h1>\(story)\(teasers)</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasSuffix("and work starts in May."))
        let ending = "<p>And then, as the last ship left the old quay, the lights went out one by one…</p>"
        let open = extractor.extract(html: Array("<html><body><article><h1>New quay approved</h1>\(story)\(ending)</article></body></html>".utf8), url: nil)
        #expect(open.text.hasSuffix("the lights went out one by one…"))
    }

    /// A story pasted from a social site keeps that site's markup: each paragraph's text in a
    /// `<span>` whose class holds a furniture word ("…ContentTags"). A span that is a whole
    /// paragraph's text is judged as the paragraph; a tag list beside the story is not.
    @Test func aParagraphWhollyInAFurnitureNamedSpanIsKept() {
        let paragraphs = (1...3).map { number in
            "<p><span class='_4n-j eventDetailsContentTags fsl'>Part \(number): the floating ramp comes to the lake on the nineteenth of August, where Europe's best riders compete for the title and the prize money.</span></p>"
        }.joined()
        let tags = "<div class='post-tags'><span class='tags'>Contest, Dormagen, Blue Tomato, Wakebeach, Miniramp</span></div>"
        let html = "<html><body><article><h1>The floating ramp comes to the lake</h1>\(paragraphs)\(tags)</article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.contains("Part 1:") && article.text.contains("Part 3:"))
        #expect(!article.text.contains("Wakebeach"))
    }

    /// A classic WordPress theme files each post with a sentence of its own under it, in a
    /// `<p class="postmetadata">`: it reads like prose but is the blog's, not the story's.
    @Test func aWordPressPostsFilingLineIsLeftOut() {
        let story = (1...3).map { "<p>Part \($0) of the tasting notes: the cask-strength dram opens with dried fruit and a little smoke, then turns to pepper.</p>" }.joined()
        let filing = """
        <p class="postmetadata alt"><small>This entry was posted on Wednesday, November 27th, 2019 at 3:21 pm and is filed under Tastings, Events.
        You can follow any responses to this entry through the RSS 2.0 feed. Both comments and pings are currently closed.</small></p>
        """
        let html = "<html><body><div class=\"post\"><h2>Winter tastings</h2><div class=\"entry\">\(story)\(filing)</div></div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasSuffix("then turns to pepper."))
        #expect(!article.text.contains("filed under"))
    }

    /// A picture's legend is its caption, however long: "legend" names it as "caption" does.
    @Test func aPicturesLegendIsLeftOut() {
        let story = (1...4).map { "<p>Paragraph \($0) of the story: open woodland has grown rare in the last century as forests were managed more densely.</p>" }.joined()
        let html = """
        <html><head><title>Open woodland</title></head><body><div id="content"><h1>Open woodland</h1>\(story)
        <div class="picture"><a href="chestnut.jpg"><img src="chestnut.jpg"></a><div class="legend"><div class="content">The plan also covers the open woods that
        grew out of a particular use: chestnut groves, for instance, served as orchard and pasture at once, with a carpet of herbs below the old trees.</div></div></div>
        </div></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Paragraph 1 of the story"))
        #expect(!article.text.contains("chestnut groves"))
    }

    /// A hidden schema.org item is the story written again for search engines, with its
    /// fields: it is left out, and its prose does not count as the page's, so the story's
    /// own boxes keep their share (the rest of this story sits in a media object named for
    /// its lightbox gallery, which must hold half the page's prose to stay).
    @Test func aHiddenSchemaOrgCopyOfTheStoryIsLeftOut() {
        let lead = (1...2).map { "Lead paragraph \($0): the Red Cross calls for more help ahead of the climate conference, as extreme weather leaves more people in need." }
        let rest = (1...3).map { "Paragraph \($0) of the rest: forecasts now release money before a disaster strikes, so that aid arrives while it can still prevent harm." }
        let copy = (lead + rest).joined(separator: " ")
        let html = """
        <html><body><div style="display:none" itemscope itemtype="https://schema.org/NewsArticle">
        <div itemprop="headline">More people need help as the climate changes</div><div itemprop="articleBody">\(copy)</div>
        <div itemprop="datePublished">2021-10-28T13:21:30+01:00</div><div itemprop="width">500</div></div>
        <div class="page-main"><h1>More people need help as the climate changes</h1><div class="textblock">\(lead.map { "<p>\($0)</p>" }.joined())</div>
        <div class="media js-lightbox-gallery"><figure><img src="flood.jpg"></figure><div class="media-body">\(rest.map { "<p>\($0)</p>" }.joined())</div></div>
        </div></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.components(separatedBy: "\n\n") == lead + rest)
    }

    @Test func storyStreamedIntoAHiddenDivIsKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("react-hidden-stream.html"), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.split(separator: "\n\n").count == 3)
        #expect(!article.text.contains("Log in"))
        #expect(!article.text.contains("Loading"))
    }

    /// React's streaming render: the story's parts come after the footer in hidden divs, each
    /// moved by a `$RC` call to a placeholder whose "Loading" fallback it replaces; one part
    /// holds the placeholder of another. The text reads in the order the browser shows.
    @Test func streamedPartsAreReadWhereTheyAreShown() throws {
        let article = extractor.extract(html: try Fixtures.bytes("react-streamed-segments.html"), url: nil)
        #expect(article.text.split(separator: "\n\n").map { String($0.prefix(24)) } == [
            "The ferry company will r",
            "The evening crossing fro",
            "Weekend crossings are no",
            "Islanders' groups said t",
            "A spokeswoman said the s",
            "The new timetable is due",
        ])
        #expect(!article.text.contains("Loading"))
    }

    /// Streamed parts nested two deep put the story inside a box named for a comment feature,
    /// the only child of the box named as the story: the story's wrapper, not a comment section.
    @Test func streamedStoryInCommentNamedWrapperIsKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("react-streamed-story-in-comment-named-wrapper.html"), url: nil)
        #expect(article.text.split(separator: "\n\n").map { String($0.prefix(24)) } == [
            "The pond behind the old ",
            "The parish council said ",
            "Work on the dam should s",
        ])
    }

    @Test(arguments: [
        ("social-share", Boilerplate.Verdict.dropUnlessProse),
        ("comment-content", .dropUnlessSoleChildOfStory),
        ("entry-content", .keep),
        ("post__share-bar", .dropUnlessProse),
        ("widget", .dropUnlessProseLike),
        ("widget article-text", .keep),
        ("cookieBanner", .drop),
        ("shared-address", .keep),
        ("sr-only", .dropUnlessProse),
        ("author_detail_box", .dropUnlessProse),
        ("gallery-legends", .dropUnlessCaptionsAreTheStory), ("photo-caption share-bar", .dropUnlessProse),
        ("author-name", .dropUnlessProseLike),
        ("postmetadata alt", .dropUnlessProse),
    ])
    func classWordsGiveAVerdict(classValue: String, expected: Boilerplate.Verdict) {
        var element = PageTree.Element(tag: "div", parent: 0)
        element.words = TextNormalizer.words(classValue)
        #expect(Boilerplate.verdict(element, words: element.words) == expected)
    }

    /// A furniture word run together with the part of the layout it names ("commentlinks")
    /// is read as the two words; words that only begin like one ("commentary") are not split.
    @Test func compoundClassWordsAreSplit() {
        #expect(Boilerplate.splittingCompounds(["sect", "commentlinks"]) == ["sect", "comment", "links"])
        #expect(Boilerplate.splittingCompounds(["relatedposts", "sharebuttons"]) == ["related", "posts", "share", "buttons"])
        #expect(Boilerplate.splittingCompounds(["commentary", "shareholders", "entry"]) == ["commentary", "shareholders", "entry"])
        let story = (1...4).map { "<p>Paragraph \($0) of the story: the company kept its contract for the railway signals of the new coal mine.</p>" }.joined()
        let comments = (1...6).map { "<li><a class='author' href='/u/\($0)'>Reader \($0)</a><p>I think the company was right to keep its word, whatever the activists say about the mine and the coal.</p></li>" }.joined()
        let html = """
        <html><body><div class="page"><h1>The coal contract</h1><div class="sect">\(story)</div>
        <div class="sect sect_commentlinks"><h2>Reader comments</h2><ul>\(comments)</ul></div></div></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.text.hasPrefix("Paragraph 1 of the story"))
        #expect(!article.text.contains("I think the company"))
    }

    @Test func articleTagIsNeverDroppedForItsWordPressClasses() {
        var element = PageTree.Element(tag: "article", parent: 0)
        element.words = TextNormalizer.words("post type-post tag-social-media has-comments-closed")
        #expect(Boilerplate.verdict(element, words: element.words) == .keep)
        // A post tagged "popup" is about pop-ups; a "password-modal" panel is one.
        element.attributes = [("class", "post type-post tag-popup category-lightbox")]
        element.words = TextNormalizer.words("post type-post tag-popup category-lightbox")
        #expect(Boilerplate.verdict(element, words: element.words) == .keep)
        element.attributes = [("class", "password-modal dark-modal")]
        element.words = TextNormalizer.words("password-modal dark-modal")
        #expect(Boilerplate.verdict(element, words: element.words) == .dropUnlessNearlyAllProse)
    }

    @Test(arguments: [
        ("Advertisement", true), ("Read more: Why trams are back", true), ("3 min read", true),
        ("By Jane Roe", true), ("Updated 14:05 GMT", true), ("https://example.com/source", true),
        ("By the time the vote came, the hall was empty.", false),
        ("Share prices fell sharply on Monday", false), ("The mayor said.", false),
        ("Facebook Twitter Email", true), ("1,693 views", true), ("Show Caption", true), ("24", false),
        ("2025", false), ("We may earn a commission from links on this page.", false),
        ("Advert", true), ("This slideshow requires JavaScript.", true), ("Please enable JavaScript to view the comments.", true),
        ("The new framework requires JavaScript developers to relearn how a page is built, its authors say.", false),
        ("[button link=\"https://example.com/submit-review/\" type=\"big\" newwindow=\"yes\"] Send us YOUR kit review[/button]", true),
        ("[convertkit form=1630175]", true), ("[Image description: the search results for tour packages]", false),
        // Icons, stars, ticks and a gallery's buttons; not prices, code or a dash.
        ("✅", true), ("☆☆☆☆☆", true), ("< >", true), ("\u{F074}", true), ("★★★★★★★★", false), ("$$$", false), ("}", false), ("—", false),
        // "Advertisement" in other languages, alone on its line.
        ("REKLAM", true), ("Anzeige", true), ("Werbung:", true), ("Реклама", true), ("Publicidad", true), ("広告", true),
        ("Die Anzeige wurde am Montag zurückgezogen.", false),
        // "Read more" and "More on this" in other languages, alone on their line.
        ("Czytaj więcej", true), ("Mehr zum Thema:", true), ("À lire aussi :", true), ("Читайте также", true),
        ("Mehr zum Thema Hitze gibt es morgen.", false),
        // A spinner's or a video player's stand-in text.
        ("Loading...", true), ("Video Unavailable", true), ("Loading the truck took all night.", false),
    ])
    func stockLinesAreFurniture(line: String, furniture: Bool) {
        #expect(Boilerplate.isFurnitureLine(line) == furniture)
    }

    @Test func donationPleaParagraphsAreFurnitureButStoryIsNot() {
        #expect(Boilerplate.isPlea("Since you made it to the bottom of this article, we have a small favor to ask."))
        #expect(Boilerplate.isPlea("For $5 a month you will receive access to the following:"))
        #expect(!Boilerplate.isPlea("The minister said the fund would raise $5 billion a year for schools."))
        #expect(Boilerplate.isPlea("We may earn a commission from links on this page."))
        #expect(!Boilerplate.isPlea("Sweden will become a member of NATO after its fundraising drive, officials said."))
    }

    @Test func linkHeavyParagraphsAndTheRepeatedHeadlineAreDropped() {
        let paragraphs = [
            Paragraphs.Paragraph(text: "Tram line approved", tag: "h1", letters: 16, linkLetters: 0),
            Paragraphs.Paragraph(text: "Story text that stays.", tag: "p", letters: 19, linkLetters: 0),
            Paragraphs.Paragraph(text: "Five things to do", tag: "li", letters: 14, linkLetters: 14),
        ]
        let kept = Paragraphs.filter(paragraphs, title: "Tram Line Approved!")
        #expect(kept.map(\.text) == ["Story text that stays."])
    }

    @Test func signUpBoxAroundAnEmailFieldIsDropped() {
        let html = """
        <html><body><article>
        <p>The council voted on Tuesday to extend the tram line to the harbour district, ending a long debate.</p>
        <div><h3>The Morning Brief</h3><p>Get our best stories every day.</p><input type="email"><button>Go</button></div>
        <p>Construction is due to start next spring and to finish in 2029, the city said in a statement.</p>
        </article></body></html>
        """
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(!article.text.contains("Morning Brief"))
        #expect(article.text.contains("Construction is due"))
    }

    @Test func classWordsSplitOnSeparatorsAndCamelCase() {
        #expect(TextNormalizer.words("post__share-bar articleBody") == ["post", "share", "bar", "article", "body"])
        #expect(TextNormalizer.collapse("  a\u{00A0}\n b\t\tc  ") == "a b c")
    }

    /// A joiner at a paragraph's end joins nothing: a "<p>&zwj;</p>" spacer (a site builder's
    /// empty paragraph) is no paragraph, and a leading one goes; inside the text the joiners
    /// stay (Persian's non-joiner, emoji sequences).
    @Test func joinersAtAParagraphsEndsGo() {
        #expect(TextNormalizer.collapse(" \u{200D} ") == "")
        #expect(TextNormalizer.collapse("\u{200D}We sat down with two experts.\u{2060} ") == "We sat down with two experts.")
        #expect(TextNormalizer.collapse("\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}") == "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}")
        #expect(TextNormalizer.collapse("family \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}") == "family \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}")
        let story = (1...3).map { "<p>Paragraph \($0) of the story: the recording kit you need depends on the room and on the voices.</p><p>&zwj;</p>" }.joined()
        let article = extractor.extract(html: Array("<html><body><article><h1>Podcast kit</h1>\(story)</article></body></html>".utf8), url: nil)
        #expect(article.text.components(separatedBy: "\n\n").count == 3)
    }

    /// UTF-8 decoded again as windows-1252 or Latin-1 before the page was written ("â€™"):
    /// read back; text that only looks alike (German quotes after "ß", "à la") stays.
    @Test func doubleEncodedUTF8IsReadBack() throws {
        let article = extractor.extract(html: try Fixtures.bytes("mojibake-double-encoded-utf8.html"), url: nil)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs == [
            "It’s the café’s busiest week — and the owner says she wouldn’t have it any other way.",
            "The new espresso machine cost €4,000, which the owner paid for from the summer’s takings.",
            "Regulars call it “the best coffee in town”, and the queue outside proves them right.",
            "Der Laden liegt gleich am „Fuß“ des Hügels, sagt die Besitzerin, und à la carte gibt es auch Kuchen.",
            "On weekends the café opens at seven, an hour earlier than during the week, to catch the walkers.",
        ])
    }

    /// A page builder marks every block "widget", the story's headings included; a heading
    /// widget does not read like prose, but on such a page the word says nothing. The real
    /// sidebar's widget of links stays out.
    @Test func headingWidgetsOfAPageBuilderStoryAreKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("page-builder-widget-headings.html"), url: nil)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 9)
        for heading in ["Why the bridge closed", "What happens next", "How to get across meanwhile"] {
            #expect(paragraphs.contains(heading), "heading \(heading) dropped")
        }
        #expect(!article.text.contains("Recent posts"))
        #expect(!article.text.contains("Council budget"))
    }

    /// A list of linked sources between the story's paragraphs is the story's; a list of
    /// links to other stories after its last paragraph is not.
    @Test func linkedListItemsInsideTheStoryAreKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-list-of-linked-sources.html"), url: nil)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs[1...4] == [
            "The review draws on three studies in particular:",
            "The Minnesota start-time study (2019)",
            "Seattle high schools, two years later",
            "The TeenSleep trial in England",
        ])
        #expect(paragraphs.count == 7)
        #expect(!article.text.contains("Exam results"))
        #expect(!article.text.contains("More on education"))
    }

    /// A table in the story links each company's name to its page: the name cells are all
    /// link text and were dropped, leaving the revenue figures without their names. A table of
    /// links after the story's last prose is still furniture.
    @Test func tableCellsThatLinkNamesInsideTheStoryAreKept() throws {
        let article = extractor.extract(html: try Fixtures.bytes("table-with-linked-names.html"), url: nil)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(Array(paragraphs.dropFirst().prefix(8)) == [
            "Company", "Revenue",
            "Northgate Construction", "$1.2B",
            "Harbour and Sons", "$845M",
            "Millbrook Works", "$610M",
        ])
        #expect(paragraphs.count == 10)
        #expect(paragraphs.last?.hasPrefix("Smaller firms did less well") == true)
        #expect(!article.text.contains("Rankings"))
    }

    /// A paragraph's text nodes are collapsed as one string, without being joined first: a
    /// space owed at the end of one part is written before the next part's first letter.
    @Test func collapsingPartsIsCollapsingTheirJoin() {
        let parts = ["  One\u{00A0}", "\u{200B}", "two\u{00AD}", "", " ", "\u{2003}three ", "\u{FEFF}four", "\n"]
        #expect(TextNormalizer.collapse(parts) == "One two three four")
        #expect(TextNormalizer.collapse(parts) == TextNormalizer.collapse(parts.joined()))
        #expect(TextNormalizer.collapse(["a", "b", " c"]) == "ab c")
        #expect(TextNormalizer.collapse([" ", "\t"]) == "")
    }
}

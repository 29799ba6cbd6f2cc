import Testing
@testable import IngestExtract

/// Sections of a story laid out in blocks of their own (text round text-16): headings in
/// boxes between the story's parts, steps as `<article>`s, and the fallback's headings.
@Suite struct SectionShapeTests {
    static func sentence(_ topic: String, _ number: Int) -> String {
        "<p>\(topic) note \(number): the crews worked through the night, and the city says the line will reopen on Monday, a week ahead of the schedule it gave in March.</p>"
    }

    /// A page builder's story: its parts are like blocks in one column, and each later part's
    /// heading is a block of its own between them, holding no prose to score or join by.
    @Test func headingBoxBetweenThePartsOfTheStoryIsKept() {
        let first = (1...6).map { Self.sentence("Track", $0) }.joined()
        let html = "<html><body><div class='column'>"
            + "<div class='block'>\(first)</div>"
            + "<div class='block'><h2>What changes for riders</h2></div>"
            + "<div class='block'>\(Self.sentence("Rider", 1))</div>"
            + "<div class='block'><h2>When the work ends</h2></div>"
            + "<div class='block'>\(Self.sentence("Schedule", 1))</div>"
            + "</div><footer><p>Contact the newsroom</p></footer></body></html>"
        let article = Extractor().extract(html: Array(html.utf8), url: nil)
        #expect(article.text.contains("Track note 6"))
        #expect(article.text.contains("What changes for riders\n\nRider note 1"))
        #expect(article.text.contains("When the work ends\n\nSchedule note 1"))
    }

    /// A how-to whose steps are `<article>`s of a picture, a heading and a paragraph, none
    /// linking anywhere: the page's own steps, not cards teasing other stories (taken for
    /// cards, they did not vote, and the intro was the whole text).
    @Test func stepsInArticlesThatLinkNowhereAreTheStory() {
        let intro = "<p>Most of us spend eight hours a day at a desk, and it shows in our backs. A few changes to the chair, the screen and the keyboard go a long way, and none of them costs much.</p>"
            + "<p>We asked two physiotherapists which changes matter most, and they agreed on the order below, starting with the one that takes the least time to make.</p>"
        let steps = (1...5).map { number in
            "<article class='step'><img src='/step-\(number).jpg' alt=''><div class='body'><h3>Step heading \(number)</h3>"
                + "<p>Step \(number) text: adjust it until your elbows rest at a right angle, then check it again after an hour of work, since a posture that felt right can slip.</p></div></article>"
        }.joined()
        let html = "<html><body><main><div class='intro'>\(intro)</div><section class='steps'>\(steps)</section></main></body></html>"
        let article = Extractor().extract(html: Array(html.utf8), url: nil)
        for number in 1...5 {
            #expect(article.text.contains("Step heading \(number)\n\nStep \(number) text:"), "step \(number) lost")
        }
    }

    /// When no block wins (here: short entries that each link out, taken for story cards)
    /// and every prose paragraph of the page is kept instead, a heading right before a kept
    /// paragraph is kept with it, as jusText keeps headings.
    @Test func fallbackKeepsTheHeadingOfAKeptParagraph() {
        let entries = (1...4).map { number in
            "<article class='entry'><h2>Camera \(number)</h2><p>Camera \(number) shows the valley floor from the east, and the picture is refreshed every minute during daylight; <a href='/cam-\(number)'>see it live</a>.</p></article>"
        }.joined()
        let head = "<head><meta property='og:type' content='article'><meta property='article:published_time' content='2025-05-01T08:00:00Z'></head>"
        let html = "<html>\(head)<body><div class='entries'>\(entries)</div></body></html>"
        let article = Extractor().extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        for number in 1...4 {
            #expect(article.text.contains("Camera \(number)\n\nCamera \(number) shows"), "heading \(number) lost")
        }
    }
}

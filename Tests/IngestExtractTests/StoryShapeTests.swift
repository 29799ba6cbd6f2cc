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
}

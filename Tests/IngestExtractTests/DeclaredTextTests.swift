import Foundation
import Testing
@testable import IngestExtract

/// The story's text as the page's structured data declares it (`articleBody`): what the
/// extracted text keeps of the boxes laid inside the story, and the text of a page whose
/// scripts draw the story.
@Suite struct DeclaredTextTests {
    let extractor = Extractor()

    static let story = [
        "The city council voted on Tuesday to close the old harbour bridge to cars from the first of March, after engineers found cracks in two of its steel girders.",
        "Buses and bicycles will still cross the bridge, and a ferry will run every twenty minutes between the two quays while the repairs go on, the council said.",
        "Shop owners on the east quay said they feared losing customers during the works, which are expected to last at least eighteen months and cost the city dearly.",
        "The engineers' report, published on Monday, found that salt and heavy lorries had worn the girders far faster than the builders expected a century ago.",
        "The mayor said the council would ask the regional government to share the cost, and that a decision on a new bridge would follow before the summer.",
    ]

    /// A page whose JSON-LD declares `body` as the article's text, and whose story wrapper
    /// holds `inside` (HTML) after its second paragraph, before a subheading, `opening`
    /// before the paragraphs and `closing` after them.
    static func page(body: String, opening: String = "", inside: String = "", closing: String = "") -> [UInt8] {
        let declared = try! JSONSerialization.data(withJSONObject: [
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour bridge to close to cars", "articleBody": body,
        ])
        let paragraphs = story.map { "<p>\($0)</p>" }
        let html = """
        <html><head><title>Harbour bridge to close to cars</title>
        <script type="application/ld+json">\(String(decoding: declared, as: UTF8.self))</script></head>
        <body><article><h1>Harbour bridge to close to cars</h1>\(opening)\(paragraphs[0..<2].joined())\(inside)
        <h2>Repairs to last eighteen months</h2>\(paragraphs[2...].joined())\(closing)</article></body></html>
        """
        return Array(html.utf8)
    }

    static let standfirst = "<p>Drivers will have to take the ring road for a year and a half while the girders are repaired.</p>"
    static let caption = "<p>Cracks found in the girders of the harbour bridge, as shown in the engineers' report.</p>"
    static let related = "<h2>More on this</h2><ul><li>Ferry operator hires six more crew for the crossings</li>"
        + "<li>East quay shops plan a summer market to bring customers back</li></ul>"
    static let pitch = "<p>Get the day's news from the city on your phone: download our free app now.</p>"

    @Test func boxesTheDeclaredTextLacksAreLeftOut() {
        // The declared text has no subheading: the section it heads stays, and so does it.
        let body = Self.story.map { "<p>\($0)</p>" }.joined()
        let text = extractor.extract(html: Self.page(body: body, opening: Self.standfirst, inside: Self.caption + Self.related, closing: Self.pitch),
                                     url: nil).text
        #expect(text.components(separatedBy: "\n\n") == Array(Self.story[0..<2]) + ["Repairs to last eighteen months"] + Array(Self.story[2...]))
    }

    @Test func aTeaserOrAnotherStoryDeclaredChangesNothing() {
        let teaser = Self.story[0]
        let other = "The regional orchestra will play its first concert in the new hall on Saturday. " + String(repeating: "Tickets sold out within an hour of going on sale, the orchestra's manager said, and a second night is planned. ", count: 6)
        for body in [teaser, other] {
            let text = extractor.extract(html: Self.page(body: body, opening: Self.standfirst, closing: Self.pitch), url: nil).text
            #expect(text.contains("Drivers will have to take the ring road"))
            #expect(text.contains("download our free app"))
        }
    }

    /// A declared text cut short, or written before the story grew: a long part it lacks (a
    /// closing FAQ) is the story's, kept with its headings and questions.
    @Test func aLongPartTheDeclaredTextLacksIsKept() {
        let faq = "<h2>Questions and answers</h2><h3>Can I still cycle over the bridge?</h3>"
            + "<p>Yes. Bicycles and buses keep both lanes of the bridge for the whole of the works, and the cycle path on the north side stays open at night as well.</p>"
            + "<h3>How often will the ferry run?</h3>"
            + "<p>Every twenty minutes from six in the morning until midnight, and every hour through the night, with the first crossing from the east quay.</p>"
            + "<h3>What does a ticket cost?</h3>"
            + "<p>Crossings are free for the first month; after that a single ticket costs the same as a bus fare, and bus passes are valid on the ferry too.</p>"
            + "<h3>Where can drivers park?</h3>"
            + "<p>The council opens two car parks beside the quays, with room for four hundred cars, and parking there is free for anyone who takes the ferry.</p>"
            + "<h3>Who pays for the repairs?</h3>"
            + "<p>The city pays for now, and the council will ask the regional government to share the cost before the budget for next year is set in the autumn.</p>"
            + "<p>The council will publish a timetable for each stage of the works on its website once the contractors have been chosen, it said on Tuesday evening.</p>"
            + "<p>A public meeting about the works will be held in the town hall next Thursday, where the engineers will answer questions from residents and traders.</p>"
        let body = Self.story.map { "<p>\($0)</p>" }.joined()
        let text = extractor.extract(html: Self.page(body: body, closing: faq), url: nil).text
        #expect(text.contains("Questions and answers\n\nCan I still cycle over the bridge?\n\nYes. Bicycles and buses"))
        #expect(text.hasSuffix("questions from residents and traders."))
    }

    /// A page whose scripts draw the story: nothing but an empty mount point in the body,
    /// and the article's text in its structured data, in markup.
    @Test func aScriptDrawnStoryIsReadFromItsDeclaredText() {
        func page(type: String, free: Bool = true) -> [UInt8] {
            let declared = try! JSONSerialization.data(withJSONObject: [
                "@context": "https://schema.org", "@type": type, "headline": "Harbour bridge to close to cars", "isAccessibleForFree": free,
                "author": ["@type": "Person", "name": "Ana Ruiz"], "datePublished": "2026-02-03T09:00:00Z",
                "articleBody": Self.story.map { "<p>\($0)</p>" }.joined() + "<p>Drivers &amp; cyclists: <a href=\"/map\">see the map</a>.</p>",
            ])
            return Array("""
            <html><head><title>Harbour bridge to close to cars</title>
            <script type="application/ld+json">\(String(decoding: declared, as: UTF8.self))</script></head>
            <body><div id="root"></div><script src="/app.js"></script></body></html>
            """.utf8)
        }
        let article = extractor.extract(html: page(type: "NewsArticle"), url: "https://example.com/city/bridge")
        #expect(article.kind == .article)
        #expect(article.text.components(separatedBy: "\n\n") == Self.story + ["Drivers & cyclists: see the map."])
        #expect(article.metadata.authors == ["Ana Ruiz"])
        #expect(article.metadata.title == "Harbour bridge to close to cars")
        // Only an article's text is read so: a product's or a page's is not, nor one the
        // page says is not free to read.
        let product = extractor.extract(html: page(type: "WebPage"), url: "https://example.com/city/bridge")
        #expect(product.kind == .notArticle)
        #expect(extractor.extract(html: page(type: "NewsArticle", free: false), url: "https://example.com/city/bridge").kind == .notArticle)
    }

    @Test func declaredMarkupIsReadAsText() {
        #expect(DeclaredText.lines(Entities.text(ofMarkup: "<p>One &lt; two, and 3 < 4.</p>&lt;p&gt;Escaped markup&lt;/p&gt;Line\nbreak<br>end", breaksBlocks: true))
            == ["One < two, and 3 < 4.", "Escaped markup", "Line", "break", "end"])
    }
}

import Testing
@testable import IngestExtract

/// Pages whose markup libxml2 2.9 reads differently from a browser: the story must survive.
@Suite struct MisparsedPageTests {
    let extractor = Extractor()

    /// Twenty-two distinct story paragraphs.
    static let story = (1...22).map { number in
        "<p>Paragraph \(number) of the report says that the council spent \(number * 3) million on the new tram line, more than planned, and that the works will go on until spring.</p>"
    }.joined(separator: "\n")

    @Test func storyAfterAStrayHTMLEndTagIsKept() {
        let html = "<html><head><title>Tram report</title></head><body><nav><a href='/'>Home</a></nav></body></html>\n"
            + "<div class='page'><h1>Tram report</h1>\(Self.story)</div>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("Paragraph 1 of the report"))
        #expect(article.text.hasSuffix("until spring."))
        #expect(article.text.components(separatedBy: "\n\n").count == 22)
    }

    @Test func mainLeftInsideAnUnclosedMenuButtonIsKept() {
        // The menu button's inner <div> is never closed, so libxml2 ignores </button>.
        let html = "<html><body><header><button class='menu'><div><span>Menu</span><div></button></div>"
            + "<ul><li><a href='/a'>Section A</a></li></ul></header>"
            + "<main><article>\(Self.story)</article></main><footer>About us</footer></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.components(separatedBy: "\n\n").count == 22)
        #expect(!article.text.contains("Menu"))
    }

    /// A sidebar widget leaves a `<div>` open, and libxml2 2.9 drops `</aside>` for it: the
    /// story after the sidebar, in plain `<div>`s, was parsed into the sidebar and lost.
    @Test(arguments: ["aside", "section", "nav"])
    func storyAfterASectionWithADivLeftOpenIsKept(section: String) {
        let html = "<html><body><div class='columns'><\(section) class='sidebar'><div class='widget'><ul><li><a href='/a'>Section A</a></li></ul>"
            + "<div class='ad-slot'></\(section)><div class='content'><h1>Tram report</h1>\(Self.story)</div></div><div class='bottom'>About us</div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.components(separatedBy: "\n\n").count == 22)
        #expect(!article.text.contains("Section A"))
    }

    @Test func articleLeftInsideAnUnclosedNavigationIsKept() {
        let html = "<html><body><header><nav><ul><li><a href='/a'>Section A</a><div class='dropdown'><a href='/b'>B</a></li></ul></nav></header>"
            + "<div id='content'><article><h1>Tram report</h1>\(Self.story)</article></div></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.components(separatedBy: "\n\n").count == 22)
        #expect(!article.text.contains("Section A"))
    }

    @Test func buttonLabelsAreNotText() {
        let html = "<html><body><article>\(Self.story)<button>Load more stories</button></article></body></html>"
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        #expect(!article.text.contains("Load more"))
    }
}

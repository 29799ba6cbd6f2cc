import Testing
@testable import IngestFetch

@Suite struct RobotsRulesTests {
    static let agent = "ingest/0.1 (+https://example.org/bot)"

    static let file = """
    # comment
    User-agent: otherbot
    Disallow: /

    User-agent: *
    Disallow: /private/
    Allow: /private/open/
    Disallow: /*.pdf$
    Disallow: /search?*q=
    Crawl-delay: 3
    """

    @Test(arguments: [
        ("/", true), ("/news/1", true), ("/private/", false), ("/private/x", false),
        ("/private/open/x", true), ("/a/file.pdf", false), ("/a/file.pdf?x", true),
        ("/search?lang=en&q=x", false), ("/search?lang=en", true), ("/robots.txt", true),
    ])
    func longestMatchDecides(_ path: String, _ allowed: Bool) {
        let rules = RobotsRules(parsing: Self.file, userAgent: Self.agent)
        #expect(rules.allows(path) == allowed)
        #expect(rules.crawlDelay == 3)
    }

    @Test func ourOwnGroupBeatsTheWildcard() {
        let text = """
        User-agent: *
        Disallow: /

        User-agent: Ingest
        Disallow: /drafts
        Crawl-delay: 1.5
        """
        let rules = RobotsRules(parsing: text, userAgent: Self.agent)
        #expect(rules.allows("/news"))
        #expect(!rules.allows("/drafts/1"))
        #expect(rules.crawlDelay == 1.5)
    }

    @Test func blankLinesDoNotSplitUserAgentLines() {
        // RFC 9309: consecutive user-agent lines form one group, blank lines or not.
        let rules = RobotsRules(parsing: "User-agent: ingest\n\nUser-agent: *\nDisallow: /\n", userAgent: Self.agent)
        #expect(!rules.allows("/anything"))
    }

    @Test func groupsSharingUserAgentLinesAndEmptyDisallow() {
        let text = "User-agent: a\nUser-agent: ingest\nDisallow:\n\nUser-agent: *\nDisallow: /x\n"
        let rules = RobotsRules(parsing: text, userAgent: Self.agent)
        #expect(rules.allows("/x"))
        #expect(rules.rules.isEmpty)
    }

    @Test func allowWinsATie() {
        let rules = RobotsRules(parsing: "User-agent: *\nDisallow: /page\nAllow: /page\n", userAgent: Self.agent)
        #expect(rules.allows("/page"))
    }

    @Test(arguments: [
        ("/a*b", "/a/x/b/c", true), ("/a*b$", "/a/x/b/c", false), ("/a*b$", "/a/x/b", true),
        ("*", "/anything", true), ("/$", "/", true), ("/$", "/x", false), ("/a**b", "/ab", true),
        ("/fish", "/Fish", false),
    ])
    func wildcards(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(RobotsRules.matches(pattern: pattern, path: path) == matches)
    }

    @Test func canonicalAnswers() {
        #expect(RobotsRules.allowAll.allows("/x"))
        #expect(!RobotsRules.disallowAll.allows("/x"))
        #expect(RobotsRules.disallowAll.allows("/robots.txt"))
        #expect(RobotsRules.productToken(Self.agent) == "ingest")
    }
}

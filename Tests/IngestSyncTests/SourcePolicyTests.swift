import Testing
@testable import IngestSync

/// Which polls of a source may reach non-public addresses (the fetcher adds the per-hop rule).
@Suite struct SourcePolicyTests {
    @Test func theConfiguredURLIsTheUsersChoice() {
        #expect(SourcePoller.mayReachPrivate("https://news.example/", configured: "https://news.example/"))
        #expect(SourcePoller.mayReachPrivate("http://127.0.0.1:8080/feed", configured: "http://127.0.0.1:8080/feed"))
    }

    @Test func anAnnouncedFeedHasTheHomepagesPolicy() {
        let homepage = "https://news.example/"
        #expect(!SourcePoller.mayReachPrivate("http://10.0.0.1/feed.xml", configured: homepage))
        #expect(!SourcePoller.mayReachPrivate("http://169.254.169.254/latest/", configured: homepage))
        #expect(!SourcePoller.mayReachPrivate("https://cdn.example/feed.xml", configured: homepage))
        #expect(SourcePoller.mayReachPrivate("https://news.example/feed.xml", configured: homepage))
        #expect(SourcePoller.mayReachPrivate("http://127.0.0.1:8081/feed.xml", configured: "http://127.0.0.1:8080/"))
    }
}

import Testing
@testable import IngestSync

@Suite struct SiteIdentityTests {
    @Test(arguments: [
        ("https://news.example.com/a", "example.com"), ("https://example.com/", "example.com"),
        ("https://www.bbc.co.uk/news/1", "bbc.co.uk"), ("https://abc.net.au/x", "abc.net.au"),
        ("https://a.b.ox.ac.uk/", "ox.ac.uk"), ("https://shop.example.de/", "example.de"),
        ("https://blog.co.example.com/", "example.com"), ("https://user.github.io/", "github.io"),
        ("http://127.0.0.1:8081/a", "127.0.0.1:8081"), ("http://127.0.0.1/a", "127.0.0.1:80"),
        ("https://10.0.0.1/", "10.0.0.1:443"), ("http://localhost:3000/", "localhost:3000"),
        ("http://intranet/", "intranet:80"),
    ])
    func siteOfAURL(_ url: String, _ site: String) {
        #expect(SiteIdentity.site(of: url) == site)
    }

    @Test func fileAndOtherURLsHaveNoSite() {
        #expect(SiteIdentity.site(of: "file:///tmp/page.html") == nil)
        #expect(!SiteIdentity.sameSite("file:///tmp/a.html", "file:///tmp/a.html"))
    }

    @Test func aPageMayClaimOnlyItsOwnSitesURLs() {
        #expect(SyncRun.mayClaim("https://example.com/a", finalURL: "https://m.example.com/a?x", storedSource: "wire"))
        #expect(!SyncRun.mayClaim("https://wire.example/a", finalURL: "https://mirror.example/a", storedSource: nil))
        #expect(!SyncRun.mayClaim("http://127.0.0.1:8081/a", finalURL: "http://127.0.0.1:8082/b", storedSource: nil))
        #expect(SyncRun.mayClaim("http://127.0.0.1:8081/a", finalURL: "http://127.0.0.1:8081/b", storedSource: "a"))
    }

    @Test func aSavedFileMayClaimAURLNoSourceStores() {
        #expect(SyncRun.mayClaim("https://wire.example/a", finalURL: "file:///tmp/a.html", storedSource: nil))
        #expect(SyncRun.mayClaim("https://wire.example/a", finalURL: "file:///tmp/a.html", storedSource: SyncRun.importSource))
        #expect(!SyncRun.mayClaim("https://wire.example/a", finalURL: "file:///tmp/a.html", storedSource: "wire"))
    }
}

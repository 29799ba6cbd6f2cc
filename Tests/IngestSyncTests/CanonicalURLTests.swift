import IngestCore
import IngestTesting
import Testing
@testable import IngestSync

@Suite("URL identity")
struct CanonicalURLTests {
    static let normalised: [(String, String?)] = [
        ("HTTPS://Example.COM:443/a?utm_source=x&id=2#top", "https://example.com/a?id=2"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6&igshid=7&_ga=8&yclid=9&ref_src=10", "https://example.com/a"),
        ("https://example.com/a?UTM_Campaign=x&page=2", "https://example.com/a?page=2"),
        ("https://example.com/a?", "https://example.com/a"),
        ("https://user:pw@example.com./a", "https://example.com/a"),
        ("https://example.com/Case/Path?B=1&a=2", "https://example.com/Case/Path?B=1&a=2"),
        ("https://example.com/%C3%BC", "https://example.com/%C3%BC"),
        ("https://Bücher.Example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
        ("http://x.example/a/../b/./c?utm_id=1", "http://x.example/b/c"),
        ("http://[::1]:8080/x#f", "http://[::1]:8080/x"),
        ("https://x.example/a?b[0]=1", "https://x.example/a?b%5B0%5D=1"),
        ("javascript:alert(1)", nil),
        ("file:///etc/passwd", nil),
        ("mailto:a@example.com", nil),
        ("data:text/html,hi", nil),
        ("ftp://example.com/x", nil),
        ("/relative/only", nil),
    ]

    @Test(arguments: normalised)
    func normalise(input: String, expected: String?) {
        #expect(CanonicalURL.normalise(input) == expected)
    }

    static let resolved: [(String, String, String?)] = [
        ("../b/c?utm_medium=rss", "https://site.example/news/feed.xml", "https://site.example/b/c"),
        ("//cdn.example/p", "https://site.example/", "https://cdn.example/p"),
        ("  /x y  ", "http://site.example/a/", "http://site.example/x%20y"),
        ("https://site.example/ü", "https://site.example/", "https://site.example/%C3%BC"),
        ("javascript:void(0)", "https://site.example/", nil),
        ("", "https://site.example/", nil),
    ]

    @Test(arguments: resolved)
    func resolve(reference: String, base: String, expected: String?) {
        #expect(CanonicalURL.resolve(reference, against: base) == expected)
    }

    static let hosts: [(String, Bool)] = [
        ("localhost", true), ("api.localhost", true), ("127.0.0.1", true), ("127.9.9.9", true),
        ("10.1.2.3", true), ("172.16.0.1", true), ("172.31.255.255", true), ("172.32.0.1", false),
        ("192.168.1.1", true), ("169.254.169.254", true), ("0.0.0.0", true), ("100.64.0.1", true),
        ("[::1]", true), ("::", true), ("fd00::1", true), ("fe80::1", true), ("::ffff:127.0.0.1", true),
        ("8.8.8.8", false), ("2001:db8::1", true), ("example.com", false), ("10.example.com", false),
        ("[2606:4700::1111]", false),
    ]

    @Test(arguments: hosts)
    func privateHosts(host: String, isPrivate: Bool) {
        #expect(AddressPolicy.isNonPublic(host: host) == isPrivate)
    }

    /// A normalised URL normalises to itself. Found by `scripts/fuzz` (FuzzCanonicalURL, its
    /// reproducer kept as the fixture): only one of a host's trailing dots was removed, so
    /// `example..` became `example.` and then `example`; a host of dots alone became empty.
    @Test(arguments: ["https://Example../story.html", "http://a.b...:8080/x", "https://./x", "https://../"])
    func normalisingTwiceChangesNothing(_ url: String) {
        let once = CanonicalURL.normalise(url)
        #expect(once.flatMap(CanonicalURL.normalise) == once, "\(url) -> \(once ?? "nil")")
        #expect(once?.contains("..") != true)
    }

    @Test func theFuzzersReproducerNormalisesOnce() throws {
        let text = String(decoding: Fixture.bytes("fuzz/canonical-url-host-with-two-trailing-dots.bin"), as: UTF8.self)
        let base = String(text.prefix { $0 != "\n" })
        let once = try #require(CanonicalURL.normalise(base))
        #expect(once.hasPrefix("https://example/"), "\(once)")
        #expect(CanonicalURL.normalise(once) == once)
    }

    @Test func copyIDsAreStableAndDistinct() {
        let a = SyncIdentity.copyID(canonicalURL: "https://example.com/a")
        #expect(a == SyncIdentity.copyID(canonicalURL: "https://example.com/a"))
        #expect(a != SyncIdentity.copyID(canonicalURL: "https://example.com/b"))
        #expect(a.count == 17 && a.hasPrefix("c"))
        // FNV-1a 64 of the empty string is its offset basis: a fixed, documented value.
        #expect(SyncIdentity.copyID(canonicalURL: "") == "ccbf29ce484222325")
    }
}

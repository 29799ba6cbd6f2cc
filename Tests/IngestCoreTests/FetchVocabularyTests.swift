import IngestCore
import Testing

/// The fetch vocabulary every fetcher shares: which errors sync retries, and what a response
/// says about the address it came from.
@Suite struct FetchVocabularyTests {
    static let url = "https://a.example/x"

    /// Only network trouble is transient: a refusal or a missing file would fail again.
    static let errors: [(FetchError, Bool)] = [
        (.timeout(url: url, message: "after 20 s"), true),
        (.transport(url: url, code: 56, message: "Connection reset"), true),
        (.truncated(url: url, received: 5, announced: 100), true),
        (.shutDown, true),
        (.cancelled, true),
        (.disallowedByRobots(url: url), false),
        (.invalidURL("x"), false),
        (.unsupportedScheme("ftp", url: url), false),
        (.forbiddenAddress(url: url, address: .loopback), false),
        (.redirectToPrivate(from: url, to: "http://10.0.0.1/", address: .private), false),
        (.tooLarge(url: url, limit: 10), false),
        (.tooManyRedirects(url: url, limit: 10), false),
        (.redirectLoop(url: url), false),
        (.unreadable(url: "file:///missing.html", reason: "no such file"), false),
    ]

    @Test(arguments: errors.indices)
    func transience(_ index: Int) {
        let (error, transient) = Self.errors[index]
        #expect(error.isTransient == transient, "\(error)")
    }

    /// A local page's reason is the whole message: the caller names the page.
    @Test func anUnreadablePageSaysOnlyWhy() {
        #expect(FetchError.unreadable(url: "file:///a", reason: "is a directory").description == "is a directory")
    }

    @Test(arguments: [("127.0.0.1", true), ("10.1.2.3", true), ("fe80::1", true), ("93.184.216.34", false)])
    func theRemoteAddressSaysWhetherItIsPrivate(_ ip: String, _ isPrivate: Bool) {
        #expect(FetchResponse(finalURL: Self.url, remoteIP: ip).remoteIsPrivate == isPrivate)
    }

    @Test func anUnknownAddressIsUnknownUnlessTheFetcherSays() {
        #expect(FetchResponse(finalURL: Self.url).remoteIsPrivate == nil)
        #expect(FetchResponse(finalURL: "file:///a.html", remoteIsPrivate: true).remoteIsPrivate == true)
        #expect(FetchResponse(finalURL: Self.url, requestedURL: nil).requestedURL == Self.url)
    }
}

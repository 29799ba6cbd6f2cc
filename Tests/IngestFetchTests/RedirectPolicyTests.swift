import IngestCore
import IngestFetch
import LoopbackServer
import Testing

/// The redirect rule as a pure function (no public address exists on a test machine), then
/// what loopback can show end to end.
@Suite struct RedirectPolicyTests {
    /// Whether the connection after `hops` (the address classes earlier hops answered from)
    /// may reach a private address, for a request configured with `configured`.
    private func allowsPrivate(configured: Bool, after hops: [AddressClass?]) -> Bool {
        var policy = RedirectPolicy(allowPrivateAddresses: configured)
        for hop in hops { policy.answered(from: hop) }
        return policy.allowsPrivateNow
    }

    @Test func theConfiguredClassDecidesAndAPublicHopNarrowsIt() {
        #expect(allowsPrivate(configured: true, after: []))
        #expect(allowsPrivate(configured: true, after: [.loopback, .private, nil]))
        #expect(!allowsPrivate(configured: true, after: [.public]))
        #expect(!allowsPrivate(configured: true, after: [.loopback, .public, .loopback]))
        #expect(!allowsPrivate(configured: false, after: []))
        #expect(!allowsPrivate(configured: false, after: [.loopback]))
    }

    @Test(arguments: ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::ffff:127.0.0.1]/",
                      "http://localhost:8080/admin"])
    func refusesAPrivateLiteralAfterAPublicHop(_ target: String) {
        var policy = RedirectPolicy(allowPrivateAddresses: true)
        #expect(policy.nextHop(from: "http://feed.example/a", to: target) == .success(target))
        policy.answered(from: .public)
        guard case .failure(.redirectToPrivate(let from, let to, _)) = policy.nextHop(from: "http://feed.example/a",
                                                                                       to: target) else {
            Issue.record("redirect to \(target) after a public hop was allowed")
            return
        }
        #expect(from == "http://feed.example/a" && to == target)
    }

    @Test func aRefusedConnectionAfterAPublicHopIsNamedAsARedirect() {
        var policy = RedirectPolicy(allowPrivateAddresses: true)
        let refused = FetchError.forbiddenAddress(url: "http://inside.example/", address: .private)
        #expect(policy.refusal(refused, from: "http://feed.example/") == refused)
        policy.answered(from: .public)
        #expect(policy.refusal(refused, from: "http://feed.example/")
            == .redirectToPrivate(from: "http://feed.example/", to: "http://inside.example/", address: .private))
        #expect(policy.refusal(refused, from: nil) == refused)
    }

    @Test func dropsUserinfoFromTheNextHop() {
        let policy = RedirectPolicy(allowPrivateAddresses: false)
        #expect(policy.nextHop(from: "http://a.example/", to: "http://user:secret@b.example/x?q=1")
            == .success("http://b.example/x?q=1"))
        #expect(CanonicalURL.withoutUserinfo("https://b.example/") == "https://b.example/")
    }

    @Test func aRedirectsUserinfoNeverBecomesCredentials() async throws {
        let server = try LoopbackServer(sites: 2)
        defer { server.stop() }
        let target = server.url("/private", site: 1).replacingOccurrences(of: "http://", with: "http://user:secret@")
        server.route("/start") { _ in .redirect(to: target, status: 302) }
        server.route("/private", site: 1) { _ in .text("ok") }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let page = try #require(await fetcher.get(server.url("/start")).value)
        #expect(page.finalURL == server.url("/private", site: 1))
        #expect(page.redirects.map(\.location) == [server.url("/private", site: 1)])
        let asked = try #require(server.requests("/private", site: 1).first)
        #expect(asked.headers["authorization"] == nil)
    }

    @Test func aLoopbackSourceStillFollowsLoopbackRedirects() async throws {
        let server = try LoopbackServer(sites: 2)
        defer { server.stop() }
        server.route("/feed.xml") { _ in .redirect(to: server.url("/moved.xml", site: 1)) }
        server.route("/moved.xml", site: 1) { _ in .text("<rss/>") }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        #expect(await fetcher.get(server.url("/feed.xml")).value?.finalURL == server.url("/moved.xml", site: 1))
    }
}

import IngestCore
import IngestFetch
import LoopbackServer
import Testing

@Suite struct FetcherAddressPolicyTests {
    @Test func refusesLoopbackForLinksFromPublicSourcesAndAllowsItOtherwise() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/page") { _ in .text("ok") }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        let url = server.url("/page")
        let refused = await fetcher.fetch(FetchRequest(url: url, allowPrivateAddresses: false))
        #expect(refused.error == .forbiddenAddress(url: url, address: .loopback))
        #expect(server.requests("/page").isEmpty)

        let allowed = await fetcher.fetch(FetchRequest(url: url, allowPrivateAddresses: true))
        #expect(allowed.value?.status == 200)

        // The allowed fetch left a kept-alive connection: it must not let a refused request through.
        let again = await fetcher.fetch(FetchRequest(url: url, allowPrivateAddresses: false))
        #expect(again.error == .forbiddenAddress(url: url, address: .loopback))
        #expect(server.requests("/page").count == 1)
    }

    @Test func refusesHostNamesThatResolveToLoopback() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/page") { _ in .text("ok") }
        let fetcher = Fetcher(settings: .fast())
        defer { fetcher.shutdown() }

        // The check is on the address connected to, after name resolution.
        let url = "http://localhost:\(server.port)/page"
        #expect(await fetcher.fetch(FetchRequest(url: url, allowPrivateAddresses: false)).error
            == .forbiddenAddress(url: url, address: .loopback))
        #expect(server.requests().isEmpty)
        #expect(FetchError.forbiddenAddress(url: "http://x/", address: .linkLocal).description
            == "refused to connect to a link-local address for a link from a public source: http://x/")
    }
}

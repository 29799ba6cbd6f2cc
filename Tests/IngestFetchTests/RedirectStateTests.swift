import IngestCore
import IngestFetch
import Testing

/// The redirect loop as a table: a request, the answers it gets (status, `Location`, the
/// address class each came from), and the action after each answer.
@Suite struct RedirectStateTests {
    struct Answer: Sendable {
        var status: Int
        var location: String?
        var from: AddressClass? = .loopback
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var url = "http://a.example/x"
        var allowPrivate = true
        var maxRedirects = 5
        var answers: [Answer]
        var actions: [RedirectState.Action]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "200 finishes", answers: [Answer(status: 200)], actions: [.finish]),
        Case(name: "304 finishes", answers: [Answer(status: 304)], actions: [.finish]),
        Case(name: "404 finishes: the caller decides what it means", answers: [Answer(status: 404)], actions: [.finish]),
        Case(name: "a relative Location resolves against the hop",
             answers: [Answer(status: 301, location: "/b"), Answer(status: 200)],
             actions: [.follow("http://a.example/b"), .finish]),
        Case(name: "a redirect status without Location finishes", answers: [Answer(status: 302)], actions: [.finish]),
        Case(name: "back to a visited URL is a loop",
             answers: [Answer(status: 302, location: "http://b.example/y"), Answer(status: 307, location: "http://a.example/x")],
             actions: [.follow("http://b.example/y"), .fail(.redirectLoop(url: "http://a.example/x"))]),
        Case(name: "one hop more than the limit", maxRedirects: 1,
             answers: [Answer(status: 301, location: "http://b.example/1"), Answer(status: 301, location: "http://b.example/2")],
             actions: [.follow("http://b.example/1"), .fail(.tooManyRedirects(url: "http://a.example/x", limit: 1))]),
        Case(name: "a non-http scheme is refused", answers: [Answer(status: 308, location: "ftp://b.example/f")],
             actions: [.fail(.unsupportedScheme("ftp", url: "ftp://b.example/f"))]),
        Case(name: "userinfo never becomes credentials", answers: [Answer(status: 303, location: "http://u:pw@b.example/z")],
             actions: [.follow("http://b.example/z")]),
        Case(name: "a public hop may not lead to a private literal",
             answers: [Answer(status: 302, location: "http://10.0.0.1/admin", from: .public)],
             actions: [.fail(.redirectToPrivate(from: "http://a.example/x", to: "http://10.0.0.1/admin", address: .private))]),
        Case(name: "private hops may lead to private literals",
             answers: [Answer(status: 302, location: "http://10.0.0.1/admin"), Answer(status: 200)],
             actions: [.follow("http://10.0.0.1/admin"), .finish]),
    ]

    @Test(arguments: cases)
    func actions(_ test: Case) {
        var state = RedirectState(request: FetchRequest(url: test.url, allowPrivateAddresses: test.allowPrivate),
                                  maxRedirects: test.maxRedirects)
        let actions = test.answers.map { answer in
            state.answered(status: answer.status, headers: answer.location.map { ["location": $0] } ?? [:], from: answer.from)
        }
        #expect(actions == test.actions)
    }

    @Test func hopsAreRecordedAndAPublicAnswerNarrowsTheNextConnection() {
        var state = RedirectState(request: FetchRequest(url: "http://a.example/x", allowPrivateAddresses: true), maxRedirects: 5)
        #expect(state.allowsPrivateNow)
        _ = state.answered(status: 301, headers: ["location": "/b"], from: .loopback)
        #expect(state.allowsPrivateNow)
        _ = state.answered(status: 302, headers: ["location": "http://c.example/"], from: .public)
        #expect(!state.allowsPrivateNow)
        #expect(state.url == "http://c.example/")
        #expect(state.redirects == [FetchResponse.Redirect(url: "http://a.example/x", status: 301, location: "http://a.example/b"),
                                    FetchResponse.Redirect(url: "http://a.example/b", status: 302, location: "http://c.example/")])
        #expect(state.refusal(.forbiddenAddress(url: "http://c.example/", address: .loopback))
            == .redirectToPrivate(from: "http://a.example/b", to: "http://c.example/", address: .loopback))
    }
}

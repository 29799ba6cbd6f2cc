import Foundation
import IngestCore

/// The redirect loop of one fetch as a pure state machine, after async-http-client's
/// `RedirectState`: the fetcher reports each answer and does what the returned action says,
/// so every rule (hop limit, loops, schemes, userinfo, the public-to-private narrowing of
/// `RedirectPolicy`) is tested without a socket.
///
///     var state = RedirectState(request: request, maxRedirects: 10)
///     switch state.answered(status: 301, headers: ["location": "/b"], from: .public) {
///     case .follow(let next): …     // request `next`, with `state.allowsPrivateNow`
///     case .finish: …               // the answer at `state.url` is the response
///     case .fail(let error): …
///     }
public struct RedirectState: Sendable, Equatable {
    /// What the fetcher does next.
    public enum Action: Sendable, Equatable {
        /// Request this URL (already checked: http(s), no userinfo, not visited).
        case follow(String)
        /// The answer just reported (any status but a redirect) is the response.
        case finish
        /// Stop with this error.
        case fail(FetchError)
    }

    /// The statuses that redirect when they carry a `Location`.
    public static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// The URL asked for.
    public let requestedURL: String
    /// The URL to request now (after the hops so far).
    public private(set) var url: String
    /// Every hop followed, in order.
    public private(set) var redirects: [FetchResponse.Redirect] = []
    private var policy: RedirectPolicy
    private var visited: Set<String>
    private let maxRedirects: Int

    /// The state before the first request.
    public init(request: FetchRequest, maxRedirects: Int) {
        requestedURL = request.url
        url = request.url
        visited = [request.url]
        policy = RedirectPolicy(allowPrivateAddresses: request.allowPrivateAddresses)
        self.maxRedirects = maxRedirects
    }

    /// Whether the next connection may reach a loopback, private or link-local address.
    public var allowsPrivateNow: Bool { policy.allowsPrivateNow }

    /// The answer at `url`: its status and lower-cased headers, and the class of the address
    /// it came from (`nil`: unknown).
    public mutating func answered(status: Int, headers: [String: String], from address: AddressClass?) -> Action {
        policy.answered(from: address)
        if Self.redirectStatuses.contains(status), let location = headers["location"] {
            guard let resolved = URL(string: location, relativeTo: URL(string: url))?.absoluteURL.absoluteString else {
                return .fail(.invalidURL(location))
            }
            let next: String
            switch policy.nextHop(from: url, to: resolved) {
            case .success(let target): next = target
            case .failure(let error): return .fail(error)
            }
            if case .failure(let error) = Fetcher.checkedOrigin(next) { return .fail(error) }
            guard redirects.count < maxRedirects else {
                return .fail(.tooManyRedirects(url: requestedURL, limit: maxRedirects))
            }
            guard visited.insert(next).inserted else { return .fail(.redirectLoop(url: next)) }
            redirects.append(FetchResponse.Redirect(url: url, status: status, location: next))
            url = next
            return .follow(next)
        }
        return .finish
    }

    /// The error to report for a connection the driver refused (after a public hop: a
    /// refused redirect, naming where from).
    public func refusal(_ error: FetchError) -> FetchError {
        policy.refusal(error, from: redirects.last?.url)
    }
}

import Foundation
import IngestCore

/// The pure per-hop decision for one fetch's redirects, modelled on async-http-client's
/// `RedirectState`: the request's own permission (decided once, from the configured URL)
/// narrows as hops are answered and never widens again.
public struct RedirectPolicy: Sendable, Equatable {
    /// Whether the request as given may reach loopback, private or link-local addresses.
    public let allowPrivateAddresses: Bool
    /// Whether some hop so far was answered from a public address.
    public private(set) var reachedPublic = false

    public init(allowPrivateAddresses: Bool) {
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    /// Whether the next connection may reach a non-public address: only while every hop
    /// so far stayed non-public, so a public server cannot point us inside the network.
    public var allowsPrivateNow: Bool { allowPrivateAddresses && !reachedPublic }

    /// Records the address class a hop was answered from (`nil`: unknown, changes nothing).
    public mutating func answered(from address: AddressClass?) {
        if address?.isPublic == true { reachedPublic = true }
    }

    /// The URL to request next for a `Location` already resolved to `next`, or why not:
    /// userinfo is dropped (it must never become an `Authorization` header), and an
    /// IP-literal or localhost target that is not public is refused once a public hop
    /// answered. Names are checked by the driver when they resolve.
    public func nextHop(from current: String, to next: String) -> Result<String, FetchError> {
        let target = CanonicalURL.withoutUserinfo(next)
        if reachedPublic, let host = URLComponents(string: target)?.host,
           let kind = AddressPolicy.classify(host: host), !kind.isPublic {
            return .failure(.redirectToPrivate(from: current, to: target, address: kind))
        }
        return .success(target)
    }

    /// The error to report for a connection the driver refused: after a public hop it is a
    /// refused redirect (naming where from), otherwise the plain refusal.
    public func refusal(_ error: FetchError, from previous: String?) -> FetchError {
        guard reachedPublic, let previous, case .forbiddenAddress(let url, let kind) = error else { return error }
        return .redirectToPrivate(from: previous, to: url, address: kind)
    }
}

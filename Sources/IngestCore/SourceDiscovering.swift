/// Discovery as sync uses it (the real one: `IngestDiscover.FeedDiscoverer`): the article
/// links of one source body, a pure function of the bytes. Called concurrently.
public protocol SourceDiscovering: Sendable {
    /// Reads `body` as `kind` (`auto`: sniffed); `charset` is what the fetcher found for it.
    func discover(_ body: [UInt8], url: String, kind: FeedKind, charset: String?) throws(DiscoveryError) -> DiscoveryResult
}

import IngestCore

extension AddressPolicy {
    /// Whether a host is known by its spelling alone (IP literal, `localhost`) to be
    /// outside the public internet; names that need DNS count as public until the
    /// fetcher reports the address it connected to.
    static func isNonPublic(host: String) -> Bool {
        !(classify(host: host)?.isPublic ?? true)
    }
}

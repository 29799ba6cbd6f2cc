import Foundation

/// Knobs of one sync run; the defaults are the documented ones.
public struct SyncOptions: Sendable {
    /// Poll every source now, ignoring next-poll times (`--force`).
    public var force = false
    /// Also revalidate every known live copy now, whatever its age (`--revalidate`): one
    /// conditional request each, so the store reflects every edit and deletion at once.
    public var revalidateAll = false
    /// Fetch+extract tasks in flight at once. The fetcher still applies the configured
    /// concurrency and per-host politeness; this only bounds the engine's own queue.
    public var maxInFlight = 64
    /// Child sitemaps fetched per source per run, over all index levels.
    public var maxChildSitemaps = 50
    /// Levels of sitemap index followed below the source (index → index → urlset).
    public var maxSitemapDepth = 2
    /// Entries taken from one source per run, in source order.
    public var maxEntriesPerSource = 50_000
    /// Hand every stored article's answer, body included, to `SyncStore.saveRaw`
    /// (`settings.keepRaw`, `ingest import --keep-raw`).
    public var keepRaw = false

    /// Options; `revalidateAll` implies `force`.
    public init(force: Bool = false, revalidateAll: Bool = false) {
        self.force = force || revalidateAll
        self.revalidateAll = revalidateAll
    }
}

// The facade re-exports the vocabulary its callers need (articles, configs, summaries,
// store records, export options), so the CLI and benchmarks import this module alone, as
// swift-nio's `NIO` re-exports `NIOCore`.
@_exported import IngestCore
@_exported import IngestPostgres
@_exported import IngestStore
@_exported import IngestSync
import IngestDedup
import IngestDiscover
import IngestFetch

/// What `Pipeline.compact(store:recluster:reclustered:)` reports of a re-clustering: stories
/// split and merged, copies moved.
public typealias ReclusterReport = Reclustering.Result

/// The whole pipeline in a few calls, as the `ingest` commands, the benchmarks and library
/// users run it: open a store, sync a feeds.json into it, import pages, extract pages.
///
///     let store = try Pipeline.open(store: "store")           // StoreError.locked → exit 75
///     let summary = try await Pipeline.sync(config, into: store)
///     print(summary.line)
///
/// Each call wires the real stages (libcurl fetcher, discovery, extractor, deduplicator, the
/// JSON-lines store) behind the engine's protocols; `SyncRun` takes test doubles instead.
public enum Pipeline {
    /// Opens (creating) a store for writing, with its dedup index; copies are committed
    /// `batchSize` at a time (see `StoreAdapter`). `location` is a directory or a PostgreSQL
    /// URL (`postgresql://…`), whose writers wait for one another (`onWait` is called first),
    /// except sync `worker`s, which share it (`LiveStore.open(postgres:worker:)`).
    public static func open(store location: String, batchSize: Int = 200, worker: Bool = false,
                            onWait: () -> Void = {}) throws -> LiveStore {
        guard PostgresURL.isPostgres(location) else { return try LiveStore.open(directory: location, batchSize: batchSize) }
        return try LiveStore.open(postgres: try PostgresURL(location), batchSize: batchSize, worker: worker, onWait: onWait)
    }

    /// One sync pass of `config` into `store`, then the store's commit, the round's stories
    /// settled (`LiveStore.finish(settling:)`), dedup snapshot and compaction. Throws only
    /// store errors (fatal for the run).
    public static func sync(_ config: FeedsConfig, into store: LiveStore, options: SyncOptions = SyncOptions(),
                            onEvent: ((SyncEvent) -> Void)? = nil) async throws -> SyncSummary {
        let fetcher = Fetcher(settings: FetchSettings(config.settings), shared: store.politeness)
        store.worker?.joinWindow = Double(config.settings.workerJoinSeconds)
        defer { fetcher.shutdown() }
        var options = options
        options.keepRaw = options.keepRaw || config.settings.keepRaw
        let run = SyncRun(config: config, fetcher: fetcher, discoverer: FeedDiscoverer(),
                          extractor: ExtractorAdapter(), clusterer: store.clusterer, store: store.adapter, options: options)
        run.onEvent = onEvent
        let summary = try await run.run()
        try store.finish(settling: true)
        return summary
    }

    /// Imports pages (http(s) URLs or `file://` URLs of saved pages, see `url(forInput:)`)
    /// into `store` as `ingest import` does, then commits as `sync` does.
    /// With `keepRaw`, fetched answers are kept as fetched (`ingest import --keep-raw`).
    public static func importPages(_ urls: [String], into store: LiveStore, keepRaw: Bool = false,
                                   onEvent: ((SyncEvent) -> Void)? = nil) async throws -> SyncSummary {
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        var options = SyncOptions()
        options.keepRaw = keepRaw
        let extractor = ExtractorAdapter()
        let run = SyncRun(config: FeedsConfig(sources: []), fetcher: FileFetcher(network: fetcher, maxPageBytes: extractor.maxBytes),
                          discoverer: FeedDiscoverer(), extractor: extractor, clusterer: store.clusterer,
                          store: store.adapter, options: options)
        run.onEvent = onEvent
        let summary = try await run.importPages(urls)
        try store.finish()
        return summary
    }

    /// Compacts the store at `directory` (`ingest compact`); with `recluster`, first clusters
    /// every live copy again with the current dedup rules (`StoryIndexClusterer.recluster`)
    /// and hands what split and merged to `reclustered` before compacting.
    public static func compact(store location: String, recluster: Bool,
                               reclustered: (ReclusterReport) -> Void = { _ in }) throws -> CompactionResult {
        // A PostgreSQL store is compacted in its local copy, which then replaces its records.
        let replica = try PostgresURL.isPostgres(location) ? PostgresReplica(url: PostgresURL(location), onWait: {}) : nil
        let store = try Store.open(directory: replica?.local.path ?? location, access: .write, syncing: replica == nil)
        // A re-clustering that was killed is finished first, asked for or not.
        if recluster || store.reclusterPending { reclustered(try StoryIndexClusterer.recluster(store)) }
        let result = try store.compact()
        try replica?.replaceAll()
        return result
    }

    /// The URL `importPages` takes for what a user typed: URLs stay as they are; anything
    /// else is a file path, made an absolute `file://` URL.
    public static func url(forInput input: String) -> String {
        guard case .file(path: input) = PageInput(input) else { return input }
        return FileFetcher.fileURL(forPath: input)
    }
}

/// Extracts pages without a store, as `ingest extract` does: files are read as saved, URLs
/// fetched (they may be on private addresses: the user named them). Safe to call from many
/// tasks at once; `shutdown()` frees the fetcher.
public final class PageExtractor: Sendable {
    private let fetcher = Fetcher()
    private let extractor = ExtractorAdapter()

    public init() {}

    deinit { fetcher.shutdown() }

    /// Stops the fetcher (later URL inputs fail).
    public func shutdown() { fetcher.shutdown() }

    /// The article in one input (a path, `file://` URL or http(s) URL), or why it could not be read.
    public func extract(_ input: String) async -> Result<Article, ExtractFailure> {
        let path: String
        switch PageInput(input) {
        case .file(let file): path = file
        case .url:
            switch await fetcher.fetch(FetchRequest(url: input, allowPrivateAddresses: true)) {
            case .success(let response) where !response.isSuccess:
                return .failure(ExtractFailure(description: "HTTP \(response.status): \(response.finalURL)"))
            case .success(let response):
                return .success(extractor.extract(html: response.body, url: response.finalURL, encoding: response.charset,
                                                  contentType: response.contentType))
            case .failure(let error):
                return .failure(ExtractFailure(description: error.description))
            }
        }
        switch FileFetcher.readSavedPage(atPath: path, limit: extractor.maxBytes) {
        case .success(let bytes):
            return .success(extractor.extract(html: bytes, url: FileFetcher.fileURL(forPath: path), encoding: nil,
                                              contentType: FileFetcher.contentType(forPath: path)))
        case .failure(let error):
            return .failure(ExtractFailure(description: error.description))
        }
    }
}

/// Why `PageExtractor` could not read an input (no such file, a fetch error).
public struct ExtractFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

import Foundation
import IngestStore

/// A store opened for a sync or an import: the write-locked `Store`, the engine's view of it
/// (`StoreAdapter`) and the deduplicator persisted beside it (`StoryIndexClusterer`).
///
///     let live = try LiveStore.open(directory: "store")       // StoreError.locked → exit 75
///     let run = SyncRun(config: config, fetcher: fetcher, extractor: ExtractorAdapter(),
///                       clusterer: live.clusterer, store: live.adapter)
///     let summary = try await run.run()
///     try live.finish()                                       // commit, dedup snapshot, compaction
public final class LiveStore {
    /// The write-locked store.
    public let store: Store
    /// The engine's view of the store.
    public let adapter: StoreAdapter
    /// The dedup index, loaded and replayed for this store.
    public let clusterer: StoryIndexClusterer

    init(store: Store, adapter: StoreAdapter, clusterer: StoryIndexClusterer) {
        self.store = store
        self.adapter = adapter
        self.clusterer = clusterer
    }

    /// Opens (creating) the store for writing and loads its dedup index; copies are
    /// committed `batchSize` at a time (see `StoreAdapter`).
    public static func open(directory: String, batchSize: Int = 200) throws -> LiveStore {
        let store = try Store.open(directory: directory, access: .write)
        return LiveStore(store: store, adapter: StoreAdapter(store, batchSize: batchSize),
                         clusterer: try StoryIndexClusterer.load(for: store))
    }

    /// Commits what is buffered, saves the dedup snapshot, and compacts when worthwhile.
    public func finish() throws {
        try adapter.commit()
        try clusterer.save(to: store)
        if store.compactionWorthwhile { _ = try store.compact() }
    }
}

import Foundation
import IngestPostgres
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
    /// For a PostgreSQL store: the database that `store`, its local copy, is sent to.
    let replica: PostgresReplica?
    /// For a sync worker sharing a PostgreSQL store with others: its leases and commit sections.
    let worker: PostgresWorker?
    /// For a sync worker: per-origin politeness kept in the database for all workers together,
    /// which its fetcher obeys (`PostgresPoliteness`).
    let politeness: (any SharedPoliteness)?

    init(store: Store, adapter: StoreAdapter, clusterer: StoryIndexClusterer, replica: PostgresReplica? = nil) {
        self.store = store
        self.adapter = adapter
        self.clusterer = clusterer
        self.replica = replica
        adapter.onCommit = replica.map { replica in { try replica.push(snapshot: false) } }
        worker = nil
        politeness = nil
    }

    /// A sync worker's store: every commit in a section of `worker`, the run's work leased through it.
    private init(worker: PostgresWorker, politeness: PostgresPoliteness) {
        self.politeness = politeness
        store = worker.store
        adapter = worker.adapter
        clusterer = worker.clusterer
        replica = worker.replica
        self.worker = worker
        adapter.onCommit = { [replica = worker.replica] in try replica.push(snapshot: false) }
        adapter.commitSection = { [unowned worker] body in try worker.section(body) }
        adapter.sharing = worker
    }

    /// Opens (creating) the store for writing and loads its dedup index; copies are
    /// committed `batchSize` at a time (see `StoreAdapter`).
    public static func open(directory: String, batchSize: Int = 200) throws -> LiveStore {
        let store = try Store.open(directory: directory, access: .write)
        return LiveStore(store: store, adapter: StoreAdapter(store, batchSize: batchSize),
                         clusterer: try StoryIndexClusterer.load(for: store))
    }

    /// Opens a PostgreSQL store for writing: waits for the writers' lock (calling `onWait`
    /// when another writer holds it), copies the store into a private temp directory and
    /// opens that; every commit is then sent to the database in one transaction.
    ///
    /// A sync `worker` shares the store with other workers running at once instead: it takes the
    /// writers' lock shared and leases its work (`PostgresWorker`).
    public static func open(postgres url: PostgresURL, batchSize: Int = 200, worker: Bool = false,
                            onWait: () -> Void = {}) throws -> LiveStore {
        if worker {
            let replica = try PostgresReplica(url: url, worker: true, onWait: onWait)
            let store = try PostgresWorker.openCopy(of: replica)
            let adapter = StoreAdapter(store, batchSize: batchSize)
            return LiveStore(worker: try PostgresWorker(replica: replica, store: store,
                                                        clusterer: try StoryIndexClusterer.load(for: store), adapter: adapter),
                             politeness: try PostgresPoliteness(url: url))
        }
        let replica = try PostgresReplica(url: url, onWait: onWait)
        let store = try Store.open(directory: replica.local.path, access: .write, syncing: false)
        try replica.push(snapshot: false)  // story records the open rewrote, if any
        return LiveStore(store: store, adapter: StoreAdapter(store, batchSize: batchSize),
                         clusterer: try StoryIndexClusterer.load(for: store), replica: replica)
    }

    /// Commits what is buffered, saves the dedup snapshot, and compacts when worthwhile. A
    /// sync `settling` its round first makes the stories independent of the order the copies
    /// arrived in (`StoryIndexClusterer.settle`); an import keeps the order it was given.
    public func finish(settling: Bool = false) throws {
        if let worker { return try worker.finishRun(settling: settling) }
        try adapter.commit()
        try settling ? clusterer.settle(store) : clusterer.save(to: store)
        try replica?.push(snapshot: true)
        if store.compactionWorthwhile {
            _ = try store.compact()
            try replica?.replaceAll()
        }
    }
}

import IngestDedup
import IngestStore

extension StoryIndexClusterer {
    /// The points between a re-clustering's durable writes, in order: where a crash can stop it
    /// (`recluster(_:after:)` calls its failpoint at each; tests stop there).
    public enum ReclusterStep: Sendable, CaseIterable {
        /// The marker is stored (`Store.beginRecluster`); nothing else.
        case begun
        /// The aliases of old ids left without a story are stored, before their copies move:
        /// a re-run no longer sees those ids among the copies' stories, and must still
        /// find them resolvable.
        case aliased
        /// The moved copies are stored.
        case moved
        /// The new snapshot file is written, its watermark line (the commit) not yet.
        case snapshotWritten
    }

    /// Re-clusters every live copy of `store` with the current rules (`Reclustering`), stores
    /// the copies that move and the aliases of old ids left without a story, and saves the new
    /// index as the store's dedup snapshot. `ingest compact --recluster`.
    ///
    /// Crash-safe: a marker line goes first and the snapshot's watermark line, which clears
    /// it, last. A store left with the marker (killed anywhere in between: some moves stored,
    /// or all, with the old snapshot or the new one) is re-clustered again by its next writer
    /// (`load(for:)`, `Pipeline.compact`) before anything else: the same copies in the same
    /// order form the same stories, and moves already stored are skipped (the copies are
    /// already there, so a part keeps the id it was moving to, which then holds its plurality).
    public static func recluster(_ store: Store, after step: (ReclusterStep) throws -> Void = { _ in })
        throws -> Reclustering.Result {
        try reclustered(store, after: step).result
    }

    /// `recluster`, with the clusterer over the saved index.
    static func reclustered(_ store: Store, after step: (ReclusterStep) throws -> Void = { _ in })
        throws -> (result: Reclustering.Result, clusterer: StoryIndexClusterer) {
        // Settling's order (longest text first), not the arrival order: a store whose round a
        // sync settled is then left as it is. Texts are read again in that order, not held.
        var live: [(order: (bytes: Int, hash: UInt64, copyID: String), story: String)] = []
        try store.forEachLiveCopyInArrivalOrder { copy, story in
            live.append((Reclustering.settlingOrder(copyID: copy.id, textBytes: copy.text.utf8.count), story))
        }
        live.sort { $0.order < $1.order }
        var plan = Reclustering()
        for (order, story) in live {
            guard let copy = try store.copy(id: order.copyID) else { continue }
            plan.add(copyID: copy.id, story: story, text: copy.text)
        }
        let result = plan.finish(aliases: try store.recordedAliases().map { ($0.from, $0.to) })
        return (result, try commit(result, to: store, after: step))
    }

    /// Stores a re-clustering's (or a settled round's) moves and aliases and saves its index
    /// as the snapshot, between the marker and the watermark line (see `recluster`).
    static func commit(_ result: Reclustering.Result, to store: Store, after step: (ReclusterStep) throws -> Void)
        throws -> StoryIndexClusterer {
        try store.beginRecluster()
        try step(.begun)
        try store.append(aliases: result.aliases.map { StoryAlias(from: $0.from, to: $0.to) })
        try step(.aliased)
        try store.reassign(result.moves)
        try step(.moved)
        let clusterer = StoryIndexClusterer(result.index, covered: store.lastSequenceNumber)
        clusterer.index.watermark = UInt64(store.lastSequenceNumber)
        try store.writeDedupSnapshot(clusterer.index.snapshot())
        try step(.snapshotWritten)
        try store.recordDedupSnapshot(watermark: store.lastSequenceNumber)
        return clusterer
    }
}

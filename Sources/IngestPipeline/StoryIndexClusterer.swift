import Foundation
import IngestCore
import IngestDedup
import IngestStore

/// The deduplicator behind `StoryClustering`: an `IngestDedup.StoryIndex` persisted through
/// the store it clusters (`Store.saveDedupSnapshot`: the store owns its directory).
///
/// `load(for:)` finishes a re-clustering that was killed (`recluster`), or reads the store's
/// snapshot and replays every copy revision newer than what it covers (missing or unreadable: an empty index and every
/// revision), so a run killed before `save(to:)` loses nothing. `save(to:)` writes the snapshot atomically
/// and only then records the watermark; a crash between the two replays revisions the
/// snapshot already holds, which `update` makes harmless.
public final class StoryIndexClusterer: StoryClustering {
    /// The index as it stands (read it; change it through `assign`/`remove`).
    public internal(set) var index: StoryIndex
    /// Whether the index changed since it was loaded: a run that changed nothing leaves the
    /// snapshot as it is instead of rewriting megabytes.
    private var changed = false
    /// The index as the snapshot left it, before any copy revision newer than it (from
    /// `baseWatermark` on) was added: what `settle` starts from.
    private var base: StoryIndex
    private var baseWatermark: Int

    /// A clusterer over an index (empty unless given) that covers the store's copy revisions
    /// up to sequence number `covered`.
    public init(_ index: StoryIndex = StoryIndex(), covered: Int = 0) {
        self.index = index
        base = index
        baseWatermark = covered
    }

    /// The index for `store`: its snapshot plus the copy revisions the snapshot does not cover.
    public static func load(for store: Store) throws -> StoryIndexClusterer {
        // A re-clustering killed before its commit: the store may hold any part of its moves,
        // which no snapshot describes. Finishing it makes store and index agree again.
        if store.reclusterPending { return try reclustered(store).clusterer }
        let snapshot = store.dedupSnapshot().flatMap { try? StoryIndex.load(snapshot: $0, name: store.dedupSnapshotPath) }
        // A snapshot from a crashed run may be newer than the recorded watermark, so replay
        // starts at the lower of the two; without a usable snapshot, at the beginning.
        let covered = snapshot.map { min(store.dedupWatermark, Int(clamping: $0.watermark)) } ?? 0
        let clusterer = StoryIndexClusterer(snapshot ?? StoryIndex(), covered: covered)
        try clusterer.replay(store, after: covered)
        return clusterer
    }

    /// Adds the latest revisions of `store` numbered above `sequence`: the snapshot's gap at load.
    public func replay(_ store: Store, after sequence: Int) throws {
        try store.forEachLatestCopyRevision(after: sequence, replay)
    }

    /// Replays copy revisions another PostgreSQL worker committed (`Store.followAppended`), each
    /// in append order as that worker's index took it, so that this index makes the decisions
    /// that one index taking every revision in store order would make.
    public func follow(_ revisions: [CopyRevision]) {
        revisions.forEach(replay)
    }

    /// Takes in one stored revision: a changed copy is updated, a deleted one removed.
    private func replay(_ revision: CopyRevision) {
        if revision.deleted {
            remove(copyID: revision.id)
        } else {
            _ = assign(copyID: revision.id, text: revision.text)
        }
    }

    /// Saves the snapshot atomically, then records that it covers every revision in `store`.
    public func save(to store: Store) throws {
        let upToDate = Int(clamping: index.watermark) == store.lastSequenceNumber
            && store.dedupWatermark == store.lastSequenceNumber
        if !changed, upToDate, FileManager.default.fileExists(atPath: store.dedupSnapshotPath) { return }
        index.watermark = UInt64(store.lastSequenceNumber)
        try store.saveDedupSnapshot(index.snapshot(), watermark: store.lastSequenceNumber)
        changed = false
    }

    /// Settles the round, then saves the snapshot (`ingest sync`, at its end): every copy
    /// revision newer than the loaded snapshot is taken again from it in a canonical order
    /// (`Reclustering(settling:)`), so the stories do not depend on the order the copies
    /// arrived in (which fetch finished first, which worker leased which site). Copies whose
    /// story differs from the stored one move, a story of the round left without copies
    /// becomes an alias, and the settled index becomes the snapshot. The writes are those of a
    /// re-clustering, bracketed alike (`commit(_:to:after:)`): a writer that finds the bracket
    /// open re-clusters the store. A PostgreSQL worker settles in its last commit section,
    /// after every commit of the others it could see; the last worker of a round to finish
    /// settles every copy of the round.
    public func settle(_ store: Store, after step: (ReclusterStep) throws -> Void = { _ in }) throws {
        guard !store.reclusterPending else { return try save(to: store) }
        var plan = Reclustering(settling: base), round = 0
        try store.forEachLatestCopyRevision(after: baseWatermark) { revision in
            round += 1
            if revision.deleted {
                plan.remove(copyID: revision.id)
            } else {
                plan.add(copyID: revision.id, story: store.survivingStory(of: revision.story), text: revision.text)
            }
        }
        guard round > 0 else { return try save(to: store) }
        let result = plan.finish(aliases: try store.recordedAliases().map { ($0.from, $0.to) })
        index = result.index
        changed = true
        if result.moves.isEmpty && result.aliases.isEmpty {
            try save(to: store)
        } else {
            index = try Self.commit(result, to: store, after: step).index
            changed = false
        }
        base = index
        baseWatermark = store.lastSequenceNumber
    }

    /// `ContentHash.of`: sha256 of the normalised text.
    public func contentHash(of text: String) -> String {
        ContentHash.of(text)
    }

    /// Adds a new copy, or updates a known one, and says where it went.
    public func assign(copyID: String, text: String) -> StoryAssignment {
        changed = true
        let known = index.storyID(ofCopy: copyID) != nil
        return known ? index.update(copyID: copyID, text: text) : index.add(copyID: copyID, text: text)
    }

    /// Removes a deleted copy from its story.
    public func remove(copyID: String) {
        changed = true
        index.remove(copyID: copyID)
    }
}

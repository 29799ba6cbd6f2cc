import Foundation
import IngestCore

extension Store {
    /// The sequence number of the newest copy revision (0 for an empty store).
    public var lastSequenceNumber: Int { nextSeq - 1 }

    /// Stores each copy as a new revision unless its latest revision already has the same
    /// story, content hash and live state, so re-running after a crash adds nothing twice.
    /// The batch is one write and one `fsync`, committed when this returns; on an error none
    /// of it stays (after a SIGKILL mid-write, whole leading lines may, which a re-run completes).
    public func append(copies inputs: [CopyInput]) throws -> [CopyAppendResult] {
        try stage(inputs.map { input in (input.id, { _ in Store.candidate(from: input) }) })
    }

    /// Writes a tombstone for each known, live copy (its URL answered 404/410); unknown ids are
    /// skipped. Returns what happened to each known id.
    public func markDeleted(copyIDs: [String]) throws -> [CopyAppendResult] {
        let known = copyIDs.filter { copyIndex[StableKey($0)] != nil }
        return try stage(known.map { id in (id, { previous in
            guard var tombstone = previous else { return nil }
            tombstone.deleted = true
            return tombstone
        }) })
    }

    /// The latest revision of a copy (a tombstone when deleted), or nil when unknown.
    public func copy(id: String) throws -> CopyRevision? {
        guard let entry = copyIndex[StableKey(id)] else { return nil }
        return try copyRevision(at: entry.line)
    }

    /// The story a story id now belongs to, after the deduplicator's merges.
    public func survivingStory(of story: String) -> String {
        aliases.survivingStory(of: story)
    }

    /// The ids of a story's live copies, copies of stories merged into it included (writers only).
    public func liveCopyIDs(inStory story: String) throws -> [String] {
        try members(of: resolve(StableKey(story)).key).compactMap { position in
            let entry = copyIndex.values[Int(position)]
            return entry.deleted ? nil : try copyRevision(at: entry.line).id
        }
    }

    /// Calls `body` with the latest revision of every copy whose latest revision has a sequence
    /// number above `sequence`, in append order; tombstones included. The deduplicator replays
    /// these after loading a snapshot whose watermark is `sequence`.
    public func forEachLatestCopyRevision(after sequence: Int, _ body: (CopyRevision) throws -> Void) throws {
        let newer = copyIndex.values.filter { $0.seq > sequence }.sorted { $0.seq < $1.seq }
        for entry in newer { try body(try copyRevision(at: entry.line)) }
    }

    /// Moves copies to other stories (a re-clustering; `moves` maps copy id → story id) as one
    /// batch. A moved copy keeps its revision (its text is unchanged); unknown and deleted
    /// copies are skipped, and so are copies already in their story (a re-run after a crash).
    /// Returns how many copies moved.
    @discardableResult
    public func reassign(_ moves: [String: String]) throws -> Int {
        let results = try stage(moves.sorted { $0.key < $1.key }.map { id, story in (id, { previous in
            guard var moved = previous, !moved.deleted else { return nil }
            moved.story = story
            return moved
        }) })
        return results.count { $0.change == .reassigned }
    }

    /// Calls `body` with the latest revision of every live copy and its surviving story id, in
    /// the order the store first saw the copies: what re-clustering adds again.
    public func forEachLiveCopyInArrivalOrder(_ body: (CopyRevision, String) throws -> Void) throws {
        for entry in copyIndex.values.filter({ !$0.deleted }).sorted(by: { $0.firstSeq < $1.firstSeq }) {
            let revision = try copyRevision(at: entry.line)
            try body(revision, survivingStory(of: revision.story))
        }
    }

    /// Every merge recorded in aliases.jsonl, in the order recorded.
    public func recordedAliases() throws -> [StoryAlias] {
        try files.aliases.decodeAll(StoryAlias.self, StoreFiles.Record.alias)
    }

    /// Writes the candidates that differ from the latest revisions, as one batch. A candidate
    /// carries the copy's content; `stage` fills in sequence, revision and dates.
    private func stage(_ candidates: [(id: String, make: (CopyRevision?) throws -> CopyRevision?)]) throws
        -> [CopyAppendResult] {
        precondition(access == .write, "appending to a store opened for reading")
        var pending: [StableKey: (revision: CopyRevision, entry: CopyEntry)] = [:]
        var lines: [Data] = []
        var results: [CopyAppendResult] = []
        var offset = files.copies.length
        var seq = nextSeq
        let now = Timestamp.string(clock())
        for (id, make) in candidates {
            let key = StableKey(id)
            let stored = pending[key]?.entry ?? copyIndex[key]
            let previous = try pending[key]?.revision ?? stored.map { try copyRevision(at: $0.line) }
            guard var next = try make(previous) else { continue }
            // A candidate may carry its own fetch time (`CopyInput.fetchedAt`) in `updated`.
            let now = next.updated.isEmpty ? now : next.updated
            let change: CopyChange
            if let previous {
                let textChanged = next.contentHash != previous.contentHash
                if !textChanged && next.story == previous.story && next.deleted == previous.deleted {
                    results.append(CopyAppendResult(change: .unchanged, revision: previous))
                    continue
                }
                change = next.deleted && !previous.deleted ? .deleted : textChanged ? .revised : .reassigned
                next.revision = previous.revision + (textChanged ? 1 : 0)
                next.firstSeen = previous.firstSeen
                next.firstSeq = previous.firstSeq
                next.updated = textChanged ? now : previous.updated
            } else {
                change = .added
                next.revision = 1
                next.firstSeen = now
                next.updated = now
                next.firstSeq = seq
            }
            next.seq = seq
            let line = next.jsonLine
            let entry = CopyEntry(line: LineRef(offset: offset, length: Int32(line.count)), seq: seq,
                                  firstSeq: next.firstSeq, revision: Int32(next.revision),
                                  deleted: next.deleted, story: StableKey(next.story),
                                  contentHash: StableKey(next.contentHash))
            pending[key] = (next, entry)
            lines.append(line)
            results.append(CopyAppendResult(change: change, revision: next))
            offset += Int64(line.count) + 1
            seq += 1
        }
        try files.copies.append(lines)  // only now does the index learn about the batch
        copyRevisionCount += lines.count
        var affected: [StableKey] = []
        for (key, staged) in pending {
            if let old = index(copy: key, staged.entry) { affected.append(resolve(old.story).key) }
            affected.append(resolve(staged.entry.story).key)
        }
        nextSeq = seq
        try refreshStories(representatives(of: Array(Set(affected))))
        return results
    }

    /// The revision an input proposes, before `stage` numbers and dates it.
    private static func candidate(from input: CopyInput) -> CopyRevision {
        CopyRevision(seq: 0, firstSeq: 0, id: input.id, story: input.story, url: input.url,
                     metadata: input.article.metadata, text: input.article.text, source: input.source, firstSeen: "",
                     updated: input.fetchedAt.map(Timestamp.string) ?? "", contentHash: input.contentHash, revision: 0,
                     deleted: false)
    }
}

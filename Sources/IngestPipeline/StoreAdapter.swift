import Foundation
import IngestStore
import IngestWARC

/// The JSON-lines store behind `SyncStore`.
///
/// Copy revisions, tombstones, aliases and URL states are buffered and committed together,
/// in that order, every `batchSize` copies, once the oldest has waited `maxDelay` seconds
/// (`CommitPolicy`; the run asks on a timer too, so a slow page delays no other), and at the
/// end of the run: each commit costs a few `fsync`s instead of one per page. The order makes a SIGKILL
/// harmless: a URL state (whose validators would turn the next fetch into a 304, or whose
/// `gone` flag stops revalidation) is never on disk before the copy or tombstone it stands
/// for, and a copy committed without its URL state is fetched again next run and found
/// unchanged (the store skips identical revisions).
public final class StoreAdapter: SyncStore {
    /// The write-locked store.
    public let store: Store
    let policy: CommitPolicy
    private var pendingCopies: [CopyInput] = []
    private var pendingCopyView: [String: StoredCopy] = [:]
    private var pendingDeletions: [String] = []
    private var pendingAliases: [StoryAlias] = []
    private var pendingStates: [URLState] = []
    private var pendingRaw: [RawCapture] = []
    private lazy var compressor = GzipMemberCompressor()
    /// Called after each commit point (a batch, a source state, the run summary): where a
    /// replicated store (PostgreSQL) sends what was committed.
    var onCommit: (() throws -> Void)?
    /// Runs a commit with the store to itself: a PostgreSQL worker's commit section
    /// (`PostgresWorker.section`); `nil` when no other process writes to the store.
    var commitSection: ((() throws -> Void) throws -> Void)?
    /// How the run shares the store with other workers (a PostgreSQL sync worker), if it does.
    public internal(set) var sharing: (any SyncWorkSharing)?
    /// When the oldest record buffered since the last commit was buffered.
    private var oldestPending: Date?

    /// An adapter committing every `batchSize` copies or once a record has waited `maxDelay` seconds, whichever comes first.
    public init(_ store: Store, batchSize: Int = 200, maxDelay: TimeInterval = 0.25) {
        self.store = store
        policy = CommitPolicy(maxCopies: batchSize, maxStates: batchSize * 8, maxDelay: maxDelay)
    }

    /// Commits everything buffered (one batch of copies, then tombstones, aliases, URL states).
    public func commit() throws {
        try exclusive(commitBuffered)
    }

    private func exclusive(_ body: () throws -> Void) throws {
        if let commitSection { try commitSection(body) } else { try body() }
    }

    private func commitBuffered() throws {
        let anything = !(pendingCopies.isEmpty && pendingDeletions.isEmpty && pendingAliases.isEmpty && pendingStates.isEmpty)
        if !pendingCopies.isEmpty { _ = try store.append(copies: pendingCopies) }
        if !pendingDeletions.isEmpty { _ = try store.markDeleted(copyIDs: pendingDeletions) }
        if !pendingAliases.isEmpty { try store.append(aliases: pendingAliases) }
        // After the copies they name (their bodies are durable already, see `saveRaw`).
        if !pendingRaw.isEmpty { try store.append(rawCaptures: pendingRaw) }
        if !pendingStates.isEmpty { try store.put(urlStates: pendingStates) }
        pendingCopies = []
        pendingCopyView = [:]
        pendingDeletions = []
        pendingAliases = []
        pendingStates = []
        pendingRaw = []
        oldestPending = nil
        if anything { try onCommit?() }
    }

    /// Commits when `policy` says so (also called by the run on a timer).
    public func commitIfDue() throws {
        if policy.shouldCommit(copies: pendingCopies.count, states: pendingStates.count, oldestPending: oldestPending,
                               now: Date()) {
            try commit()
        }
    }

    private func buffered() {
        if oldestPending == nil { oldestPending = Date() }
    }

    /// The surviving story of the copy stored for `url` (any URL that led to it), once committed.
    public func storyID(ofURL url: String) -> String? {
        guard let copy = (try? store.urlState(url: url))??.copyID, let revision = try? store.copy(id: copy) else { return nil }
        return store.survivingStory(of: revision.story)
    }

    /// The stored state of a source.
    public func sourceState(named name: String) -> SourceState? {
        store.sourceState(name: name)
    }

    /// Every stored URL state (committed ones: called at the start of a run).
    public func allURLStates() throws -> [URLState] {
        var states: [URLState] = []
        try store.forEachURLState { states.append($0) }
        return states
    }

    /// The latest revision of a copy, buffered or stored.
    public func copy(id: String) throws -> StoredCopy? {
        if let pending = pendingCopyView[id] { return pending }
        guard let revision = try store.copy(id: id) else { return nil }
        return StoredCopy(id: revision.id, storyID: revision.story, url: revision.url, contentHash: revision.contentHash,
                          deleted: revision.deleted)
    }

    /// Buffers a copy's new revision (the store numbers and dates it when committed).
    public func saveCopy(_ copy: CopyInput) throws {
        pendingCopies.append(copy)
        pendingCopyView[copy.id] = StoredCopy(id: copy.id, storyID: copy.story, url: copy.url, contentHash: copy.contentHash)
        buffered()
        try commitIfDue()
    }

    /// Buffers a tombstone (the store dates it when committed).
    public func markCopyDeleted(id: String, at date: Date) throws {
        if pendingCopyView[id] != nil { pendingCopyView[id]?.deleted = true }
        pendingDeletions.append(id)
        buffered()
        try commitIfDue()
    }

    /// Buffers a story merge.
    public func addStoryAlias(_ oldID: String, storyID: String) throws {
        pendingAliases.append(StoryAlias(from: oldID, to: storyID))
        buffered()
    }

    /// Buffers a URL state; it is committed after the copies buffered before it.
    public func saveURLState(_ state: URLState) throws {
        pendingStates.append(state)
        buffered()
        try commitIfDue()
    }

    /// Writes the body at once, gzip-compressed under its SHA-1 (`raw/bodies/`, once per
    /// distinct body, durable before anything names it), and buffers the capture, which is
    /// committed after the copy revision it belongs to.
    public func saveRaw(_ raw: RawAnswer) throws {
        let body = raw.response.body
        let digest = WARCDigest.sha1(body)
        try store.putRawBody(digest: digest) { Data(compressor.member(body)) }
        let headers = raw.response.headers.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        pendingRaw.append(RawCapture(copy: raw.copyID, contentHash: raw.contentHash, url: raw.requestedURL,
                                     finalURL: raw.response.finalURL, status: raw.response.status, headers: headers,
                                     fetched: Timestamp.string(raw.fetchedAt), ip: raw.response.remoteIP, body: digest,
                                     length: body.count, head: raw.response.head, request: raw.response.requestHead))
        buffered()
    }

    /// Commits what is buffered, then the source state.
    public func saveSourceState(_ state: SourceState) throws {
        try exclusive {
            try commitBuffered()
            try store.put(sourceStates: [state])
            try onCommit?()
        }
    }

    /// Commits what is buffered, then the run summary (`runs.jsonl`).
    public func saveRunSummary(_ summary: SyncSummary) throws {
        try exclusive {
            try commitBuffered()
            try store.record(syncRun: summary)
            try onCommit?()
        }
    }
}

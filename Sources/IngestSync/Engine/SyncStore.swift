import Foundation
import IngestCore

/// The store as sync uses it: the JSON-lines `IngestStore` through `StoreAdapter`, and the
/// interface a second backend (PostgreSQL, issue #16) implements. Called from one task only;
/// a thrown error is fatal for the run (disk full, unwritable store, lost connection).
///
/// What an implementation guarantees, whatever it writes to:
/// - **Order of durability.** A URL state (whose validators turn the next fetch into a 304,
///   or whose `gone` stops revalidation) is never durable before the copy or tombstone it
///   stands for. The JSON-lines store commits copies, tombstones, aliases, then states; a
///   SQL store commits each batch in one transaction.
/// - **Commit points.** `saveSourceState` and `saveRunSummary` make everything saved before
///   them durable first; in between an implementation batches as it likes (a run killed
///   there loses work that the next run redoes, never a record half-written).
/// - **Reads see the run's writes.** `copy(id:)` answers for copies saved earlier in the run,
///   committed or not.
/// - **Numbers and dates are the store's.** `saveCopy` appends the copy's next revision,
///   numbered and dated by the store (1 for a new copy), and none identical to the latest; the
///   engine never computes a revision number or a record's timestamp.
public protocol SyncStore: AnyObject {
    /// What the previous runs remember about a source.
    func sourceState(named name: String) -> SourceState?
    /// Every remembered URL state (article URLs, their aliases and feed GUIDs).
    func allURLStates() throws -> [URLState]
    /// The latest revision of a copy, deleted or not.
    func copy(id: String) throws -> StoredCopy?

    /// Appends a copy's new revision (the store numbers it: 1 for a new copy); a revision of
    /// a deleted copy revives it, and its story.
    func saveCopy(_ copy: CopyInput) throws
    /// Marks a copy deleted (its URL answered 404/410).
    func markCopyDeleted(id: String, at date: Date) throws
    /// Records that story `oldID` was merged into `storyID`.
    func addStoryAlias(_ oldID: String, storyID: String) throws
    /// Saves (replaces) the state of one URL.
    func saveURLState(_ state: URLState) throws
    /// Saves (replaces) the state of one source.
    func saveSourceState(_ state: SourceState) throws
    /// Keeps the run's summary for `ingest status`.
    func saveRunSummary(_ summary: SyncSummary) throws
    /// Keeps a stored article's answer as fetched (with `SyncOptions.keepRaw`), saved after
    /// the copy revision it produced and never durable before its body.
    func saveRaw(_ raw: RawAnswer) throws
    /// Commits what is buffered if it has waited long enough (see `CommitPolicy`). The run
    /// calls it about every `SyncRun.commitTick` while pages are in flight, also when none
    /// arrives (every worker waiting on one slow page).
    func commitIfDue() throws
    /// How this run shares the store's work with other processes running at once (several
    /// PostgreSQL workers), or `nil` for a store that one run has to itself.
    var sharing: (any SyncWorkSharing)? { get }
}

extension SyncStore {
    /// A store one run has to itself.
    public var sharing: (any SyncWorkSharing)? { nil }
    /// A store that keeps no raw answers ignores them.
    public func saveRaw(_ raw: RawAnswer) throws {}
    /// A store that does not buffer has nothing to commit.
    public func commitIfDue() throws {}
}

/// An article's answer as fetched, for `SyncStore.saveRaw`: the copy revision it produced
/// (by content hash), the URL asked for and the response with its body.
public struct RawAnswer: Sendable {
    public var copyID: String
    public var contentHash: String
    public var requestedURL: String
    public var response: FetchResponse
    /// When it was received (`response.fetchedAt` for an archived answer, else the run's time).
    public var fetchedAt: Date

    public init(copyID: String, contentHash: String, requestedURL: String, response: FetchResponse, fetchedAt: Date) {
        self.copyID = copyID; self.contentHash = contentHash; self.requestedURL = requestedURL
        self.response = response; self.fetchedAt = fetchedAt
    }
}

/// What the store holds about a copy, as far as sync needs it.
public struct StoredCopy: Sendable, Equatable {
    public var id: String
    public var storyID: String
    public var url: String
    public var contentHash: String
    public var deleted: Bool

    public init(id: String, storyID: String, url: String, contentHash: String, deleted: Bool = false) {
        self.id = id
        self.storyID = storyID
        self.url = url
        self.contentHash = contentHash
        self.deleted = deleted
    }
}

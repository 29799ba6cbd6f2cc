import Foundation
import IngestCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON-lines store: one directory of append-only record files, one writer at a time.
///
///     let store = try Store.open(directory: "store", access: .write)
///     let results = try store.append(copies: inputs)   // one fsync for the batch
///
/// A `.read` store sees the files as they were when opened (a consistent snapshot) even while a
/// writer appends or compacts. A store is used from one thread at a time.
public final class Store {
    /// How a store is opened.
    public enum Access: Sendable {
        /// Readers: no lock, a snapshot as of `open`.
        case read
        /// The one writer: takes the lock file, repairs torn tails.
        case write
    }

    typealias FileName = StoreFiles.Name

    /// Where one record line sits in its file.
    struct LineRef {
        var offset: Int64
        var length: Int32
    }

    /// The in-memory index entry of a copy: its latest revision, without any text.
    struct CopyEntry {
        var line: LineRef
        var seq: Int
        var firstSeq: Int
        var revision: Int32
        var deleted: Bool
        var story: StableKey
        var contentHash: StableKey
    }

    /// A story's current revision, the representative content hash it was counted for, and
    /// where its record line is (for `updated`).
    struct StoryState {
        var revision: Int
        var contentHash: StableKey
        var line: LineRef
    }

    /// The directory this store lives in.
    public let directory: String
    /// How it was opened.
    public let access: Access
    /// The format version on disk (nil for a store that does not exist yet).
    public let formatVersion: Int?

    var files: StoreFiles
    /// Whether a writer's appends are `fsync`ed (see `open`).
    let syncing: Bool
    private let lock: StoreLock?
    let clock: @Sendable () -> Date
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    let decoder = JSONDecoder()

    var copyIndex = CopyIndex()
    /// Merged story → surviving story.
    var aliases = StoryAliases()
    /// Story key as written on copies → positions of those copies in `copyIndex.values`
    /// (writers only).
    var storyMembers: [StableKey: [Int32]] = [:]
    /// Story key → the story keys merged into it directly (the inverse of `aliases`).
    var aliasSources: [StableKey: [StableKey]] = [:]
    /// Surviving story key → its revision state from stories.jsonl.
    var storyStates: [StableKey: StoryState] = [:]
    var fetchIndex: [StableKey: LineRef] = [:]
    /// URL → the copy its latest fetch state names, for the copies the store does not hold.
    var statesOfMissingCopies: [StableKey: String] = [:]
    var sourceStates: [String: SourceRecord] = [:]
    /// The line of the most recent sync run, if any.
    var lastRunRecord: RunRecord?
    /// The most recent sync run, if any.
    public var lastSyncRun: SyncSummary? { lastRunRecord?.summary }
    /// How many copy revisions (by sequence number) the dedup snapshot covers; 0 when none.
    public internal(set) var dedupWatermark = 0
    /// Whether a re-clustering began (`beginRecluster`) and its snapshot was not recorded yet:
    /// the store may hold some of its moves, so the dedup snapshot no longer describes it.
    public internal(set) var reclusterPending = false
    /// Lines in copies.jsonl, superseded revisions included.
    var copyRevisionCount = 0
    /// The sequence number the next copy revision gets.
    var nextSeq = 1

    /// The opaque file where the deduplicator saves its index (with its own atomic save).
    public var dedupSnapshotPath: String { directory + "/" + FileName.dedupSnapshot }

    /// Opens (with `.write`, creating) the store in `directory`.
    ///
    /// Throws `StoreError.locked` when another writer holds the lock, `.newerFormat` when a
    /// newer ingest wrote the store, `.io` naming the path when the directory is unusable.
    /// A missing directory opened `.read` is an empty store.
    ///
    /// A writer that is not `syncing` appends without `fsync`: for a copy whose commit point is
    /// elsewhere (a PostgreSQL store's local copy, committed by the database's transaction and
    /// thrown away when its process ends), where each `fsync` would only add latency.
    public static func open(directory: String, access: Access, syncing: Bool = true,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws -> Store {
        access == .read ? try retryingSnapshotRaces { try Store(directory: directory, access: access, clock: clock) }
                        : try Store(directory: directory, access: access, clock: clock, syncing: syncing)
    }

    /// Runs a reader's `body` again (twice at most) when it finds records missing. A reader opens
    /// the files one after the other, copies.jsonl first, while a writer may commit in between:
    /// fetch states, story records or a dedup watermark newer than its copies snapshot then name
    /// copies it does not see. That race is over by the next try; records really gone stay gone.
    static func retryingSnapshotRaces<T>(_ body: () throws -> T) throws -> T {
        for _ in 0..<2 {
            do { return try body() } catch StoreError.missing { continue }
        }
        return try body()
    }

    /// Opens the store; `repair` passes the lock it holds and opens a store whose references
    /// it is about to mend.
    init(directory: String, access: Access, clock: @escaping @Sendable () -> Date, syncing: Bool = true,
         holding heldLock: StoreLock? = nil, repairing: Bool = false) throws {
        self.directory = directory
        self.access = access
        self.clock = clock
        self.syncing = syncing
        let path = { (name: String) in directory + "/" + name }
        switch access {
        case .read:
            // Readers judge a directory as writers do: `status` must not call "empty" what
            // `sync` refuses.
            formatVersion = try Store.formatVersion(in: directory)
            lock = nil
            files = try StoreFiles(readingIn: directory)
            if let problem = try files.census().problem(in: directory) { throw problem }
        case .write:
            try Store.makeDirectory(directory)
            // Checked up front: appends to existing files could work where creating the temp
            // files of a compaction or export would not.
            guard isWritable(directory) else { throw StoreError.system("write access", directory) }
            let existing = try Store.formatVersion(in: directory)
            lock = try heldLock ?? StoreLock(path: path(FileName.lock))
            // Judged before anything is written: a damaged store is left as it was found.
            if !repairing, let problem = try StoreFiles(readingIn: directory).census().problem(in: directory) { throw problem }
            Store.removeStrayTempFiles(in: directory)
            files = try StoreFiles(appendingIn: directory, syncing: syncing)
            // Written only once the files exist: with format.json, a store has all of them.
            if existing == nil { try StoreFormat.write(in: directory) }
            formatVersion = existing ?? StoreFormat.current
        }
        try loadIndexes()
        if !repairing, let problem = missingCopies { throw problem }
        // Heals story states a crash left behind between a copies batch and its story records.
        if access == .write { try refreshStories(allRepresentatives) }
    }

    /// `mkdir -p`, with an error naming the component that failed.
    static func makeDirectory(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw StoreError.system("create directory", current) }
        }
    }

    /// The version in `format.json`, or nil for a new store: a directory that is missing, empty
    /// or holds only what an interrupted first open leaves (the lock, temp files, empty record
    /// files). Throws `.missing` when a record file is gone while `format.json` is there, or
    /// when record files hold lines but `format.json` is gone; `.notAStore` when the directory
    /// holds anything else.
    static func formatVersion(in directory: String) throws -> Int? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if let version = try StoreFormat.read(in: directory) {
            if let gone = FileName.records.first(where: { !names.contains($0) }) {
                throw StoreError.missing(path: directory + "/" + gone,
                                         reason: "format.json is there, and a store has every one of its files; "
                                            + "restore it from a backup")
            }
            return version
        }
        let records = names.filter { FileName.records.contains($0) }.sorted()
        let holding = records.filter { name in
            let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size]) as? Int
            return (size ?? 0) > 0
        }
        if !holding.isEmpty {
            throw StoreError.missing(path: directory + "/" + StoreFormat.fileName,
                                     reason: holding.joined(separator: ", ") + " hold records; restore it from a backup")
        }
        let leftovers = names.allSatisfy {
            $0 == FileName.lock || $0.hasSuffix(AtomicFile.tempSuffix) || records.contains($0)
        }
        guard leftovers else { throw StoreError.notAStore(path: directory) }
        return nil
    }

    /// Temp files of an interrupted compaction or export: never part of the store.
    private static func removeStrayTempFiles(in directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasSuffix(AtomicFile.tempSuffix) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}

/// `access(2)` for writing (also false for an immutable directory, even for root).
private func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

import Foundation
import IngestPostgres
import IngestStore
import IngestSync

/// A sync worker on a PostgreSQL store that other workers use at the same time: leases of
/// origins through the database, and commit sections (`section`) in which the local copy is
/// first brought up to the tables (other workers' lines pulled, the `Store` re-read, their
/// copies added to the dedup index), so each decision and each appended line follows every
/// commit before it. See `PostgresStore+Workers.swift` for the database side.
final class PostgresWorker: SyncWorkSharing {
    let replica: PostgresReplica
    let store: Store
    let clusterer: StoryIndexClusterer
    /// The adapter whose buffered writes `exclusively` commits; it owns this worker.
    unowned let adapter: StoreAdapter
    /// When this worker's round began, by the database's clock: origins finished since are not its.
    let roundStart: Date
    private var inSection = false
    /// Whether this worker leased before in this run, and when it started (`systemUptime`).
    private var claimed = false
    private let started = ProcessInfo.processInfo.systemUptime

    init(replica: PostgresReplica, store: Store, clusterer: StoryIndexClusterer, adapter: StoreAdapter) throws {
        self.replica = replica
        self.store = store
        self.clusterer = clusterer
        self.adapter = adapter
        roundStart = try replica.database.databaseNow()
    }

    /// Copies the store and opens the copy in one commit section (no other worker commits in
    /// between), sending any story records the open rewrote.
    static func openCopy(of replica: PostgresReplica) throws -> Store {
        try replica.database.withCommitLock(pullingInto: nil) {
            try replica.database.materialize(into: replica.local.path)
            let store = try Store.open(directory: replica.local.path, access: .write, syncing: false)
            try replica.push(snapshot: false)
            return store
        }
    }

    /// The first claim takes `limit` origins, or fewer if that is more than a fair share; later
    /// ones, once workers started at about the same time have joined (`joinWindow`), at least
    /// a fair share (`PostgresStore.claim`).
    func claim(_ origins: [String], limit: Int) throws -> [String] {
        defer { claimed = true }
        let joined = ProcessInfo.processInfo.systemUptime - started >= joinWindow
        return try replica.database.claim(origins, roundStart: roundStart, limit: limit, fairShare: claimed && joined,
                                          first: !claimed)
    }

    /// How long after its start a worker counts on the others started with it (the same cron
    /// minute on N machines) to hold the writers' lock: before, a worker that looked alone
    /// would lease every site and leave them nothing. feeds.json `workerJoinSeconds`, set by
    /// `Pipeline.sync`.
    var joinWindow = TimeInterval(FeedsConfig.Settings().workerJoinSeconds)

    func finish(_ origins: [String]) throws {
        try replica.database.finish(origins)
    }

    func exclusively(_ body: () throws -> Void) throws {
        try section {
            try body()
            try adapter.commit()
        }
    }

    func exclusivelyIfFree(_ body: () throws -> Void) throws -> Bool {
        guard !inSection else {
            try exclusively(body)
            return true
        }
        inSection = true
        defer { inSection = false }
        let ran: Void? = try replica.database.withCommitLockIfFree(pullingInto: replica.local.path, pulled: catchUp) {
            try body()
            try adapter.commit()
        }
        return ran != nil
    }

    /// Runs `body` in a commit section, caught up with the other workers first; inside one
    /// already, just runs it.
    func section(_ body: () throws -> Void) throws {
        guard !inSection else { return try body() }
        inSection = true
        defer { inSection = false }
        try replica.database.withCommitLock(pullingInto: replica.local.path, pulled: catchUp, body)
    }

    /// Takes in what the others committed, once pulled into the local copy: only the new lines
    /// are read, and only their copy revisions go into the dedup index.
    private func catchUp(_ pulled: Bool) throws {
        guard pulled else { return }
        clusterer.follow(try store.followAppended())
    }

    /// The end of the run: the last commit, the settled round (a sync) and the dedup snapshot in
    /// a section, sent in one transaction; then, if no other
    /// process uses the store now (the writers' lock taken exclusive at once), a compaction
    /// when worthwhile. With others running it is left to a later run.
    ///
    /// Only the last worker of a round settles it (`PostgresStore.finishWorking`): the others
    /// leave the snapshot as the round found it, so the last one's index still starts from it
    /// and settles every copy the round added, once, instead of each worker settling what it
    /// saw one after another while the others wait for the commit lock.
    func finishRun(settling: Bool) throws {
        try section {
            try adapter.commit()
            let last = try replica.database.finishWorking()
            guard last || !settling else { return }
            try settling ? clusterer.settle(store) : clusterer.save(to: store)
            try replica.push(snapshot: true)
        }
        guard store.compactionWorthwhile, try replica.database.tryUpgradingToExclusive() else { return }
        try section {}  // whatever the others committed before they stopped
        _ = try store.compact()
        try replica.replaceAll()
    }
}

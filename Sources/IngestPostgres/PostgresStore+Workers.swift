import Foundation
import IngestStore
internal import PostgresNIO

/// Several `ingest sync` workers on one database (issue #16).
///
/// - Syncs hold the writers' lock *shared* for their run; `import`, `compact` and `migrate` hold
///   it exclusive (`lockForWriting`), so they never run beside a sync, and a sync compacts at
///   its end only when it can take the lock exclusive at once (no other worker running).
/// - Work is shared by **leases**, one row per origin (`host[:port]`) in `ingest_leases`: a
///   worker claims a few origins (`SELECT … FOR UPDATE SKIP LOCKED`), polls their sources and
///   fetches their URLs, then marks them done. An origin is claimable when nobody holds it (or
///   its holder's connection is gone, or its lease expired) and no run finished it since the
///   claimer started, so each origin is handled once per round, by one worker at a time, and
///   the fetcher's per-origin politeness holds across workers.
/// - Every write is a **commit section** (`withCommitLock`): one transaction under a
///   transaction-level advisory lock, which first pulls the lines other workers appended
///   (`pullAppended`) so the local copy equals the tables before this worker decides and
///   appends. Lines are therefore numbered without gaps or clashes, and story assignment sees
///   every copy stored before it.
extension PostgresStore {
    /// The origins of `$1` not finished in the round that began at `$2`, held or not.
    static let leftThisRound = "origin = ANY($1::text[]) AND (done IS NULL OR done < $2)"
    /// The origins of `$1` that may be claimed in the round that began at `$2`.
    static let claimable = """
        \(leftThisRound)
          AND (holder IS NULL OR expires < now() OR holder NOT IN (SELECT pid FROM pg_stat_activity))
        """
    /// Serialises commit sections between workers (transaction-level).
    static let commitLockKey = 0x696E_6765_7374 + 2
    /// Held shared by a sync worker from its last commit section until its connection ends
    /// (`finishWorking`): a holder of the writers' lock shared without it is still working.
    static let finishedLockKey = 0x696E_6765_7374 + 3
    /// How long a lease lasts unless renewed (commit sections renew the holder's, at most once
    /// every `renewSeconds`).
    static let leaseSeconds = 600
    static let renewSeconds: TimeInterval = 60

    /// Takes the writers' lock shared (a sync worker), calling `onWait` first when an
    /// exclusive holder (`import`, `compact`, `migrate`) has it.
    public func lockForSharedWriting(onWait: () -> Void = {}) throws {
        try takeWritersLock(mode: "_shared", onWait: onWait)
    }

    /// At the end of a worker's run: gives up the shared writers' lock and takes it exclusive
    /// if no other process holds it now (true), else holds none (false: write nothing more).
    public func tryUpgradingToExclusive() throws -> Bool {
        try session.query("SELECT pg_advisory_unlock_shared(\(PostgresStore.writerLockKey))")
        return try session.query("SELECT pg_try_advisory_lock(\(PostgresStore.writerLockKey))").first?.decode(Bool.self) == true
    }

    /// In a worker's last commit section: marks this worker finished and says whether it is the
    /// last of the workers running on this database now, i.e. every other holder of the
    /// writers' lock shared marked itself finished before. Last sections take turns (the
    /// commit lock), so of workers that overlap exactly one finds itself last, the one whose
    /// last section comes after every other's; a killed worker's locks go with its connection.
    public func finishWorking() throws -> Bool {
        let writers = PostgresStore.writerLockKey, finished = PostgresStore.finishedLockKey
        try session.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock_shared(\(finished))"))
        // A bigint advisory key shows in pg_locks as classid (high half), objid (low half), objsubid 1.
        let others = try session.query(PostgresQuery(unsafeSQL: """
            SELECT count(*) FROM pg_locks w
            WHERE w.locktype = 'advisory' AND w.mode = 'ShareLock' AND w.granted AND w.pid <> pg_backend_pid()
              AND w.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND w.classid = \(writers >> 32) AND w.objid = \(writers & 0xFFFF_FFFF) AND w.objsubid = 1
              AND NOT EXISTS (SELECT 1 FROM pg_locks f
                              WHERE f.pid = w.pid AND f.locktype = 'advisory' AND f.granted AND f.database = w.database
                                AND f.classid = \(finished >> 32) AND f.objid = \(finished & 0xFFFF_FFFF) AND f.objsubid = 1)
            """)).first?.decode(Int.self)
        return others == 0
    }

    /// Runs `body` in one transaction holding the commit lock, after pulling into `directory`
    /// (the local copy, if there is one yet) what other workers committed; `pulled` is told
    /// whether anything came. The holder's leases are renewed in the same transaction.
    ///
    /// Most of the pull happens before the lock is taken (`pullAheadOfLock`): only what was
    /// committed while this worker waited is pulled under it, so taking in the others' copies
    /// (parsing their lines, replaying them into the dedup index) no longer holds up every
    /// other worker's commit.
    public func withCommitLock<T>(pullingInto directory: String?, pulled: (Bool) throws -> Void = { _ in },
                                  _ body: () throws -> T) throws -> T {
        try pullAheadOfLock(directory, pulled)
        return try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(\(PostgresStore.commitLockKey))")
            return try catchUp(directory, pulled, body)
        }
    }

    /// `withCommitLock`, unless another worker is in its section now: then nothing is pulled,
    /// `body` is not run and the result is nil (the caller goes on and tries again later).
    public func withCommitLockIfFree<T>(pullingInto directory: String, pulled: (Bool) throws -> Void,
                                        _ body: () throws -> T) throws -> T? {
        try pullAheadOfLock(directory, pulled)
        return try session.transaction {
            let taken = try session.query("SELECT pg_try_advisory_xact_lock(\(PostgresStore.commitLockKey))")
            guard try taken.first?.decode(Bool.self) == true else { return nil }
            return try catchUp(directory, pulled, body)
        }
    }

    /// Pulls what the others committed before the commit lock is taken: one statement sees
    /// whole transactions only (each commit section is one), in line order, so the local copy
    /// stays a prefix of the tables, as a pull under the lock leaves it; the section then pulls
    /// the rest. Inside a transaction already (a nested section) the section's own pull does it.
    private func pullAheadOfLock(_ directory: String?, _ pulled: (Bool) throws -> Void) throws {
        guard let directory, !session.inTransaction else { return }
        try pulled(try pullAppended(into: directory))
    }

    /// In a section: pulls, renews the leases when due, runs `body`.
    private func catchUp<T>(_ directory: String?, _ pulled: (Bool) throws -> Void, _ body: () throws -> T) throws -> T {
        if let directory { try pulled(try pullAppended(into: directory)) }
        let now = ProcessInfo.processInfo.systemUptime
        if now - leasesRenewed >= PostgresStore.renewSeconds {
            try session.query(PostgresQuery(unsafeSQL: """
                UPDATE ingest_leases SET expires = now() + interval '\(PostgresStore.leaseSeconds) seconds'
                WHERE holder = pg_backend_pid()
                """))
            leasesRenewed = now
        }
        return try body()
    }

    /// Appends to the local copy in `directory` the lines the tables gained beyond it (other
    /// workers' commits), all tables in one statement; true when there were any. What one
    /// section pulls is what the others committed since this worker's last section: small.
    func pullAppended(into directory: String) throws -> Bool {
        let names = Store.recordFileNames
        var binds = PostgresBindings()
        var selects: [String] = []
        for (file, name) in names.enumerated() {
            binds.append(tails[name]?.lines ?? 0)
            selects.append("SELECT \(file) AS f, n, line FROM \(PostgresStore.table(for: name)) WHERE n > $\(file + 1)")
        }
        let rows = try session.query(PostgresQuery(unsafeSQL: selects.joined(separator: " UNION ALL ") + " ORDER BY f, n",
                                                   binds: binds))
        var chunks = [Data](repeating: Data(), count: names.count)
        var last = names.map { tails[$0]?.lines ?? 0 }
        for row in rows {
            let (file, n, line) = try row.decode((Int, Int, String).self)
            chunks[file].append(contentsOf: line.utf8)
            chunks[file].append(0x0A)
            last[file] = n
        }
        for (file, name) in names.enumerated() where !chunks[file].isEmpty {
            let path = directory + "/" + name
            guard let handle = FileHandle(forWritingAtPath: path) else { throw StoreError.io(path: path, operation: "open", errno: errno) }
            defer { try? handle.close() }
            try append(chunks[file], to: handle, path: path)
            tails[name, default: Tail()].offset += Int64(chunks[file].count)
            tails[name, default: Tail()].lines = last[file]
        }
        return chunks.contains { !$0.isEmpty }
    }

    /// The database's clock now: what a worker's round is measured by (machines' clocks differ).
    public func databaseNow() throws -> Date {
        try session.query("SELECT now()").first?.decode(Date.self) ?? Date()
    }

    /// Leases up to `limit` of `origins` (in their sorted order) that nobody holds, or whose
    /// holder's connection is gone or whose lease expired, and that no run finished after
    /// `roundStart`; returns those leased (empty: nothing left for this round).
    ///
    /// With `fairShare`, up to this worker's share of them if that is more: the claimable
    /// origins divided by the sync workers running on this database now (holders of its
    /// writers' lock shared: advisory locks are per database, and `pg_locks` shows every
    /// database's), rounded up. A worker leasing again once its fetcher would idle asks for that, so that a
    /// worker alone (or one of a few) keeps its fetcher full to the end of the round instead
    /// of leasing in waves of `limit` whose last one leaves it half idle. With `first` (a
    /// worker's first claim), `limit` or that share if it is less, so that workers starting
    /// together share the round evenly (`leaseCount`).
    public func claim(_ origins: [String], roundStart: Date, limit: Int, fairShare: Bool = false,
                      first: Bool = false) throws -> [String] {
        guard !origins.isEmpty else { return [] }
        var binds = PostgresBindings()
        binds.append(origins)
        try session.query(PostgresQuery(
            unsafeSQL: "INSERT INTO ingest_leases (origin) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", binds: binds))
        binds.append(roundStart)
        var take = limit
        if fairShare || first {
            let key = PostgresStore.writerLockKey
            let counts = try session.query(PostgresQuery(unsafeSQL: """
                SELECT (SELECT count(*) FROM ingest_leases WHERE \(first ? PostgresStore.leftThisRound : PostgresStore.claimable)),
                       (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ShareLock' AND granted
                          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND classid = \(key >> 32) AND objid = \(key & 0xFFFF_FFFF) AND objsubid = 1)
                """, binds: binds)).first
            if let (free, workers) = try counts?.decode((Int, Int).self) {
                take = PostgresStore.leaseCount(limit: limit, free: free, workers: workers, first: first)
            }
        }
        binds.append(take)
        let rows = try session.query(PostgresQuery(unsafeSQL: """
            WITH free AS (
              SELECT origin FROM ingest_leases WHERE \(PostgresStore.claimable)
              ORDER BY origin LIMIT $3 FOR UPDATE SKIP LOCKED)
            UPDATE ingest_leases l SET holder = pg_backend_pid(), expires = now() + interval '\(PostgresStore.leaseSeconds) seconds'
            FROM free WHERE l.origin = free.origin RETURNING l.origin
            """, binds: binds))
        return try rows.map { try $0.decode(String.self) }.sorted()
    }

    /// How many origins a later claim takes: at least `limit` (what its fetcher can keep busy)
    /// and at least its share of the `free` origins among the `workers` running (rounded up),
    /// so a worker that joins late or runs alone does not take the last sites in small waves.
    /// A `first` claim takes at most its share of the origins left in the round (`free` counts
    /// the held ones too then): workers starting together split them evenly (7, 7 and 6 of
    /// 20, not 8, 8 and 4), and with them the pages to extract and store, instead of the one
    /// with the fewest waiting for the others at the end.
    static func leaseCount(limit: Int, free: Int, workers: Int, first: Bool = false) -> Int {
        let workers = max(workers, 1)
        let share = (free + workers - 1) / workers
        return first ? max(1, min(limit, share)) : max(limit, share)
    }

    /// Marks leased origins done for this round and frees them.
    public func finish(_ origins: [String]) throws {
        guard !origins.isEmpty else { return }
        var binds = PostgresBindings()
        binds.append(origins)
        try session.query(PostgresQuery(unsafeSQL: """
            UPDATE ingest_leases SET holder = NULL, expires = NULL, done = now()
            WHERE origin = ANY($1::text[]) AND holder = pg_backend_pid()
            """, binds: binds))
    }
}

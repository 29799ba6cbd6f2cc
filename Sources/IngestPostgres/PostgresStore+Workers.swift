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
    /// Serialises commit sections between workers (transaction-level).
    static let commitLockKey = 0x696E_6765_7374 + 2
    /// How long a lease lasts unless renewed (every commit section renews the holder's).
    static let leaseSeconds = 600

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

    /// Runs `body` in one transaction holding the commit lock, after pulling into `directory`
    /// (the local copy, if there is one yet) what other workers committed; `pulled` is told
    /// whether anything came. The holder's leases are renewed in the same transaction.
    public func withCommitLock<T>(pullingInto directory: String?, pulled: (Bool) throws -> Void = { _ in },
                                  _ body: () throws -> T) throws -> T {
        try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(\(PostgresStore.commitLockKey))")
            if let directory { try pulled(try pullAppended(into: directory)) }
            try session.query(PostgresQuery(unsafeSQL: """
                UPDATE ingest_leases SET expires = now() + interval '\(PostgresStore.leaseSeconds) seconds'
                WHERE holder = pg_backend_pid()
                """))
            return try body()
        }
    }

    /// Appends to the local copy in `directory` the lines the tables gained beyond it (other
    /// workers' commits); true when there were any.
    func pullAppended(into directory: String) throws -> Bool {
        var any = false
        for name in Store.recordFileNames {
            var tail = tails[name] ?? Tail()
            let path = directory + "/" + name
            guard let handle = FileHandle(forWritingAtPath: path) else { throw StoreError.io(path: path, operation: "open", errno: errno) }
            defer { try? handle.close() }
            let before = tail.lines
            try appendRows(of: PostgresStore.table(for: name), after: &tail, to: handle, path: path)
            tails[name] = tail
            any = any || tail.lines != before
        }
        return any
    }

    /// The database's clock now: what a worker's round is measured by (machines' clocks differ).
    public func databaseNow() throws -> Date {
        try session.query("SELECT now()").first?.decode(Date.self) ?? Date()
    }

    /// Leases up to `limit` of `origins` (in their sorted order) that nobody holds, or whose
    /// holder's connection is gone or whose lease expired, and that no run finished after
    /// `roundStart`; returns those leased (empty: nothing left for this round).
    public func claim(_ origins: [String], roundStart: Date, limit: Int) throws -> [String] {
        guard !origins.isEmpty else { return [] }
        var binds = PostgresBindings()
        binds.append(origins)
        try session.query(PostgresQuery(
            unsafeSQL: "INSERT INTO ingest_leases (origin) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", binds: binds))
        binds.append(roundStart)
        binds.append(limit)
        let rows = try session.query(PostgresQuery(unsafeSQL: """
            WITH free AS (
              SELECT origin FROM ingest_leases
              WHERE origin = ANY($1::text[]) AND (done IS NULL OR done < $2)
                AND (holder IS NULL OR expires < now() OR holder NOT IN (SELECT pid FROM pg_stat_activity))
              ORDER BY origin LIMIT $3 FOR UPDATE SKIP LOCKED)
            UPDATE ingest_leases l SET holder = pg_backend_pid(), expires = now() + interval '\(PostgresStore.leaseSeconds) seconds'
            FROM free WHERE l.origin = free.origin RETURNING l.origin
            """, binds: binds))
        return try rows.map { try $0.decode(String.self) }.sorted()
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

import Foundation
import IngestCore
internal import PostgresNIO

/// Per-origin politeness in the database, shared by every sync worker on a store
/// (`SharedPoliteness`): one row per origin in `ingest_politeness` (version, last start,
/// back-off, Crawl-delay) and one row per request in flight in `ingest_politeness_slots`
/// (with its holder's backend pid and an expiry). The decision is `OriginPoliteness.turn`;
/// this is its driver: read the row and its slots, decide, and write back with one statement
/// that succeeds only if the row's version is still the one read (else read again), so
/// workers on several machines take turns without holding locks across round trips.
///
/// It has its own connection (with `synchronous_commit` off: the state is soft, a lost
/// last change after a server crash costs at most one request's spacing), used
/// asynchronously from the fetcher's tasks. The row last written is cached, so a worker
/// alone on an origin decides from memory and writes once per request; a cached row never
/// makes it wait (it reads again first). Requests of this process to one origin first take
/// one of `perOrigin` local permits, so only those that other workers hold back ever poll,
/// and then decide one at a time, so that none writes over a row version its neighbour just
/// replaced (a refused write and a read more). A slot given back while another request of
/// this process waits for the permit is deleted by that request's write (which drops every
/// slot it does not list) instead of a statement of its own: in a busy origin a request
/// costs one round trip. Where no start needs recording (no delay between starts, no
/// back-off) a slot given back while a request of this process waits passes straight to it
/// (`OriginPoliteness.mayHandOver`): no round trip at all, and the number in flight is the same.
public actor PostgresPoliteness: SharedPoliteness {
    private let connection: PostgresConnection
    private let url: PostgresURL
    private let holder: Int32
    private var nextSlot: Int64 = 0
    private var cached: [String: OriginPoliteness] = [:]
    /// When each cached row was last read or written, and the limits its requests asked for.
    private var confirmed: [String: Date] = [:]
    private var limits: [String: OriginLimits] = [:]
    /// The database's clock minus this machine's, at most (`read`); nil before the first read.
    private var clockOffset: TimeInterval?
    private var local: [String: LocalPermits] = [:]

    /// Connects to `url` (whose schema must be there: a writer opened it first) and frees the
    /// slots of workers whose connection is gone (a killed worker's).
    public init(url: PostgresURL) throws {
        let logger = PostgresSession.quietLogger
        let connection = try PostgresSession.connect(url, logger: logger)
        do {
            try connection.query("SET synchronous_commit = off", logger: logger).wait()
            holder = try connection.query("SELECT pg_backend_pid()", logger: logger).wait().first?.decode(Int32.self) ?? 0
            try connection.query("DELETE FROM ingest_politeness_slots WHERE holder NOT IN (SELECT pid FROM pg_stat_activity)",
                                 logger: logger).wait()
        } catch {
            try? connection.close().wait()
            throw PostgresSession.storeError(error, url: url)
        }
        self.url = url
        self.connection = connection
    }

    // Closed before it is freed (postgres-nio requires it); never released on an event loop.
    deinit { try? connection.close().wait() }

    public func start(_ origin: String, limits: OriginLimits) async throws -> Int64 {
        self.limits[origin] = limits
        if let handed = await takeLocal(origin, limit: limits.perOrigin) { return handed }
        do {
            return try await take(origin, limits: limits)
        } catch {
            await deleteReleased(origin)
            giveLocal(origin)
            throw error
        }
    }

    public func finish(_ origin: String, slot: Int64) async {
        if let waiter = local[origin]?.waiting.first, let row = cached[origin], let limits = limits[origin],
           let confirmed = confirmed[origin], row.mayHandOver(slot, now: now(), confirmed: confirmed, limits: limits) {
            local[origin]?.waiting.removeFirst()
            waiter.resume(returning: slot)  // the permit goes with it (`taken` stays)
            return
        }
        cached[origin] = cached[origin]?.releasing(slot)
        local[origin, default: LocalPermits()].released.append(slot)
        // The request the permit goes to deletes the slot with its write (`take`).
        guard !giveLocal(origin) else { return }
        await deleteReleased(origin)
    }

    /// Deletes the slots this process gave back on `origin` that no write has deleted yet.
    private func deleteReleased(_ origin: String) async {
        guard let released = local[origin]?.released, !released.isEmpty else { return }
        local[origin]?.released = []
        var binds = PostgresBindings()
        binds.append(released)
        // A failure leaves the slots to expire; the next `start` reports the database's state.
        _ = try? await run("DELETE FROM ingest_politeness_slots WHERE id = ANY($1::bigint[])", binds)
    }

    public func backOff(_ origin: String, seconds: Double) async {
        await set(origin, "backoff_until", "greatest(p.backoff_until, EXCLUDED.backoff_until)",
                  value: .date(now().addingTimeInterval(seconds)))
    }

    public func setCrawlDelay(_ origin: String, seconds: Double) async {
        await set(origin, "crawl_delay", "EXCLUDED.crawl_delay", value: .seconds(seconds))
    }

    // MARK: Driver

    /// A slot on `origin` once `turn` says go; one request of this process decides at a time.
    private func take(_ origin: String, limits: OriginLimits) async throws -> Int64 {
        await takeTurn(origin)
        defer { giveTurn(origin) }
        nextSlot += 1
        let id = Int64(holder) << 32 | nextSlot
        var state = cached[origin]
        var fresh = false
        var sweep = false
        while true {
            try Task.checkCancellation()
            if state == nil || fresh {
                state = try await read(origin, sweep: sweep)
                confirmed[origin] = now()
                fresh = true
            }
            guard let current = state else { continue }
            switch current.turn(slot: id, now: now(), limits: limits) {
            case .go(let next):
                // Slots given back before the write are not in `next`: the write deletes them.
                let released = local[origin]?.released ?? []
                if try await write(origin, next, over: current, slot: id) {
                    local[origin]?.released.removeAll { released.contains($0) }
                    // Slots given back during the write are still listed by `next`, not live.
                    cached[origin] = (local[origin]?.released ?? []).reduce(next) { $0.releasing($1) }
                    confirmed[origin] = now()
                    return id
                }
                fresh = true  // another worker changed the row since it was read
            case .wait(let until, let full):
                sweep = full
                if fresh {
                    let seconds = min(max(until.timeIntervalSince(now()), 0.001), max(limits.recheck, 1))
                    try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                }
                fresh = true  // never wait on a cached row: read it first
            }
        }
    }

    /// The row (created if new) and its slots; with `sweep`, slots of dead holders go first.
    private func read(_ origin: String, sweep: Bool) async throws -> OriginPoliteness {
        var binds = PostgresBindings()
        binds.append(origin)
        if cached[origin] == nil {
            try await run("INSERT INTO ingest_politeness (origin) VALUES ($1) ON CONFLICT DO NOTHING", binds)
        }
        if sweep {
            try await run("""
                DELETE FROM ingest_politeness_slots
                WHERE origin = $1 AND holder NOT IN (SELECT pid FROM pg_stat_activity)
                """, binds)
        }
        let asked = Date()
        let rows = try await run("""
            SELECT p.version, p.last_start, p.backoff_until, p.crawl_delay, clock_timestamp(),
                   ARRAY(SELECT s.id FROM ingest_politeness_slots s WHERE s.origin = p.origin ORDER BY s.id),
                   ARRAY(SELECT s.expires FROM ingest_politeness_slots s WHERE s.origin = p.origin ORDER BY s.id)
            FROM ingest_politeness p WHERE p.origin = $1
            """, binds)
        guard let row = rows.first else { throw PostgresStoreError.server(url: url.description, reason: "no politeness row for \(origin)") }
        let (version, lastStart, backoff, crawlDelay, serverNow, ids, expiries) =
            try row.decode((Int64, Date?, Date?, Double, Date, [Int64], [Date]).self)
        // The server read its clock after `asked`: this is an upper bound of the offset, never
        // an underestimate that would start a request early (the round trip's midpoint is, when
        // the answer waits for a busy CPU). The smallest bound seen is the closest.
        clockOffset = min(clockOffset ?? .infinity, serverNow.timeIntervalSince(asked))
        // Slots this process gave back are over, even while their rows wait for a write.
        let released = local[origin]?.released ?? []
        let slots = zip(ids, expiries).filter { !released.contains($0.0) }.map { OriginPoliteness.Slot(id: $0, expires: $1) }
        return OriginPoliteness(version: version, lastStart: lastStart, backoffUntil: backoff, crawlDelay: crawlDelay, slots: slots)
    }

    /// Writes `next` (one slot more than `current`, whose expired slots it drops) if the row's
    /// version is still `current`'s; false when another worker changed it first.
    private func write(_ origin: String, _ next: OriginPoliteness, over current: OriginPoliteness, slot id: Int64) async throws -> Bool {
        guard let slot = next.slots.last, let started = next.lastStart else { return false }
        var binds = PostgresBindings()
        binds.append(origin)
        binds.append(current.version)
        binds.append(started)
        binds.append(id)
        binds.append(holder)
        binds.append(slot.expires)
        binds.append(next.slots.map(\.id))
        let rows = try await run("""
            WITH changed AS (
              UPDATE ingest_politeness SET version = version + 1, last_start = $3
              WHERE origin = $1 AND version = $2 RETURNING origin),
            expired AS (
              DELETE FROM ingest_politeness_slots s USING changed
              WHERE s.origin = changed.origin AND s.id <> ALL($7::bigint[])),
            taken AS (
              INSERT INTO ingest_politeness_slots (id, origin, holder, expires) SELECT $4, origin, $5, $6 FROM changed)
            SELECT count(*) FROM changed
            """, binds)
        return try rows.first?.decode(Int.self) == 1
    }

    private enum Value {
        case date(Date)
        case seconds(Double)
    }

    /// Sets one column of `origin`'s row (created if new) to `merge` of the old row `p` and
    /// the new value, and drops the cached row so the next request reads it.
    private func set(_ origin: String, _ column: String, _ merge: String, value: Value) async {
        var binds = PostgresBindings()
        binds.append(origin)
        switch value {
        case .date(let date): binds.append(date)
        case .seconds(let seconds): binds.append(seconds)
        }
        cached[origin] = nil
        // A failure here shows at the next `start`, which needs the same database.
        _ = try? await run("""
            INSERT INTO ingest_politeness AS p (origin, \(column)) VALUES ($1, $2)
            ON CONFLICT (origin) DO UPDATE SET \(column) = \(merge), version = p.version + 1
            """, binds)
    }

    /// Waits for one of this process's `limit` permits on `origin`; with it may come the
    /// slot of the request that gave it back (`finish`), to use as is.
    private func takeLocal(_ origin: String, limit: Int) async -> Int64? {
        if local[origin, default: LocalPermits()].taken < limit {
            local[origin, default: LocalPermits()].taken += 1
            return nil
        }
        // Resumed by `giveLocal` or `finish`, which hand over their permit (`taken` stays).
        return await withCheckedContinuation { local[origin, default: LocalPermits()].waiting.append($0) }
    }

    /// Gives a permit back, to the first waiter if there is one (true then).
    @discardableResult
    private func giveLocal(_ origin: String) -> Bool {
        if let waiter = local[origin]?.waiting.first {
            local[origin]?.waiting.removeFirst()
            waiter.resume(returning: nil)
            return true
        }
        local[origin]?.taken -= 1
        return false
    }

    /// Waits until no other request of this process is deciding on `origin`.
    private func takeTurn(_ origin: String) async {
        guard local[origin, default: LocalPermits()].deciding else {
            local[origin, default: LocalPermits()].deciding = true
            return
        }
        // Resumed by `giveTurn`, which hands the turn over (`deciding` stays).
        await withCheckedContinuation { local[origin, default: LocalPermits()].turnWaiting.append($0) }
    }

    private func giveTurn(_ origin: String) {
        if let waiter = local[origin]?.turnWaiting.first {
            local[origin]?.turnWaiting.removeFirst()
            waiter.resume()
        } else {
            local[origin]?.deciding = false
        }
    }

    /// The database's clock now, as last measured against this machine's.
    private func now() -> Date { Date().addingTimeInterval(clockOffset ?? 0) }

    @discardableResult
    private func run(_ sql: String, _ binds: PostgresBindings) async throws -> [PostgresRow] {
        guard !connection.isClosed else { throw PostgresStoreError.server(url: url.description, reason: "the server closed the connection") }
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: PostgresSession.quietLogger).collect()
        } catch {
            throw PostgresSession.storeError(error, url: url)
        }
    }
}

/// This process's requests to one origin: at most `limit` past `take` at once, the others
/// waiting in order (only requests other workers hold back then poll the database); one of
/// them deciding at a time; slots given back whose rows are still in the database.
private struct LocalPermits {
    var taken = 0
    var waiting: [CheckedContinuation<Int64?, Never>] = []
    var deciding = false
    var turnWaiting: [CheckedContinuation<Void, Never>] = []
    var released: [Int64] = []
}

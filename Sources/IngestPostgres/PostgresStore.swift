import Foundation
import IngestCore
import IngestStore
internal import PostgresNIO

/// A store kept in PostgreSQL: the directory store's records as rows, one table per record
/// file (`ingest_copies` holds the lines of `copies.jsonl`, numbered `n` in file order), plus
/// the dedup snapshot. Commands work through a local copy of those files (`materialize`): the
/// directory store's own code numbers revisions, writes story records and exports, so both
/// backends hold and export the same bytes; a writer sends the lines its copy appended
/// (`pushAppended`) in one transaction per commit.
///
///     let store = try PostgresStore(url: try PostgresURL("postgresql://ingest@db/news"), writing: true)
///     try store.lockForWriting { print("waiting for another writer") }
///     try store.materialize(into: localDirectory)
///     // … Store.open(directory: localDirectory, access: .write), append …
///     try store.pushAppended(from: localDirectory, snapshot: false)
///
/// Writers hold a session-level advisory lock for their whole run: a second writer waits for
/// it (no exit 75), and the server frees it when the holder's connection ends, also when the
/// process is killed. Readers take no lock and read one transaction's snapshot.
public final class PostgresStore {
    /// The schema version this code creates, migrates to and reads.
    public static let schemaVersion = 3
    /// Every session-level advisory lock key is per database; this one is the writers'.
    static let writerLockKey = 0x696E_6765_7374  // "ingest"
    /// Serialises schema creation and migration between processes starting at once.
    static let schemaLockKey = 0x696E_6765_7374 + 1

    public var url: PostgresURL { session.url }
    let session: PostgresSession
    /// What the database holds of each record file, as far as the local copy goes.
    var tails: [String: Tail] = [:]
    /// When a sync worker last renewed its leases (`ProcessInfo.systemUptime`).
    var leasesRenewed = -TimeInterval.infinity

    struct Tail {
        var offset: Int64 = 0
        var lines = 0
    }

    /// Connects; a writer creates or migrates the schema first. Throws `.newerSchema` when the
    /// database was written by a newer `ingest` (nothing is changed then).
    public init(url: PostgresURL, writing: Bool) throws {
        session = try PostgresSession(url)
        if writing {
            try migrate()
        } else if let found = try installedVersion(), found > PostgresStore.schemaVersion {
            throw PostgresStoreError.newerSchema(url: url.description, found: found, supported: PostgresStore.schemaVersion)
        }
    }

    /// The table holding a record file's lines (`copies.jsonl` → `ingest_copies`).
    static func table(for file: String) -> String {
        "ingest_" + file.replacingOccurrences(of: ".jsonl", with: "")
    }

    // MARK: Schema

    /// The statements that bring the schema from version `index` to `index + 1`.
    static let migrations: [[String]] = [
        Store.recordFileNames.map { "CREATE TABLE \(table(for: $0)) (n bigint PRIMARY KEY, line text NOT NULL)" }
            + ["CREATE TABLE ingest_dedup_snapshot (id smallint PRIMARY KEY CHECK (id = 1), bytes bytea NOT NULL)"],
        // Version 2: the workers' leases, one row per origin (`PostgresStore+Workers.swift`).
        ["CREATE TABLE ingest_leases (origin text PRIMARY KEY, holder integer, expires timestamptz, done timestamptz)"],
        // Version 3: per-origin politeness shared by the workers (`PostgresPoliteness`).
        ["""
         CREATE TABLE ingest_politeness (origin text PRIMARY KEY, version bigint NOT NULL DEFAULT 0,
           last_start timestamptz, backoff_until timestamptz, crawl_delay double precision NOT NULL DEFAULT 0)
         """,
         "CREATE TABLE ingest_politeness_slots (id bigint PRIMARY KEY, origin text NOT NULL, holder integer NOT NULL, expires timestamptz NOT NULL)",
         "CREATE INDEX ingest_politeness_slots_origin ON ingest_politeness_slots (origin)"],
    ]

    func installedVersion() throws -> Int? {
        let exists = try session.query("SELECT to_regclass('ingest_schema') IS NOT NULL")
        guard try exists.first?.decode(Bool.self) == true else { return nil }
        return try session.query("SELECT max(version) FROM ingest_schema").first?.decode(Int?.self)
    }

    private func migrate() throws {
        try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(\(PostgresStore.schemaLockKey))")
            try session.query("CREATE TABLE IF NOT EXISTS ingest_schema (version integer NOT NULL)")
            let found = try installedVersion() ?? 0
            guard found <= PostgresStore.schemaVersion else {
                throw PostgresStoreError.newerSchema(url: url.description, found: found, supported: PostgresStore.schemaVersion)
            }
            for step in PostgresStore.migrations[found...] {
                for statement in step { try session.query(PostgresQuery(unsafeSQL: statement)) }
            }
            if found < PostgresStore.schemaVersion {
                try session.query("DELETE FROM ingest_schema")
                try session.query("INSERT INTO ingest_schema (version) VALUES (\(PostgresStore.schemaVersion))")
            }
        }
    }

    // MARK: Locking

    /// Takes the writers' lock exclusive, calling `onWait` first when another writer holds it.
    public func lockForWriting(onWait: () -> Void = {}) throws {
        try takeWritersLock(mode: "", onWait: onWait)
    }

    /// Takes the writers' lock in `mode` (`""` exclusive, `"_shared"`), calling `onWait` first
    /// when a conflicting holder has it.
    func takeWritersLock(mode: String, onWait: () -> Void) throws {
        let key = PostgresStore.writerLockKey
        let taken = try session.query(PostgresQuery(unsafeSQL: "SELECT pg_try_advisory_lock\(mode)(\(key))")).first?.decode(Bool.self)
        guard taken != true else { return }
        onWait()
        try session.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock\(mode)(\(key))"))
    }

    // MARK: Reading

    /// True when the database holds no records (no schema counts as empty).
    public func isEmpty() throws -> Bool {
        guard try installedVersion() != nil else { return true }
        let tables = Store.recordFileNames.map(PostgresStore.table(for:)) + ["ingest_dedup_snapshot"]
        let probe = tables.map { "EXISTS (SELECT 1 FROM \($0))" }.joined(separator: " OR ")
        return try session.query(PostgresQuery(unsafeSQL: "SELECT \(probe)")).first?.decode(Bool.self) != true
    }

    /// Writes the store's records into `directory` (which must exist and be empty) as a
    /// directory store, from one consistent snapshot: each record file, `format.json`, the dedup
    /// snapshot. An empty database leaves the directory empty (a new store). Files are
    /// `fsync`ed, so the copy may also be kept (`ingest migrate` to a directory).
    public func materialize(into directory: String) throws {
        guard try installedVersion() != nil else { return }
        try session.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            guard try !isEmpty() else { return }
            for name in Store.recordFileNames {
                tails[name] = try writeTable(PostgresStore.table(for: name), to: directory + "/" + name)
            }
            if let row = try session.query("SELECT bytes FROM ingest_dedup_snapshot").first {
                let bytes = try row.decode(ByteBuffer.self)
                try write(Data(bytes.readableBytesView), to: directory + "/" + Store.dedupSnapshotFileName)
            }
            try Store.writeFormat(in: directory)
        }
    }

    /// Copies one table's lines into a new file, a page of rows at a time (flat memory).
    private func writeTable(_ table: String, to path: String) throws -> Tail {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw StoreError.io(path: path, operation: "open", errno: errno)
        }
        defer { try? handle.close() }
        var tail = Tail()
        try appendRows(of: table, after: &tail, to: handle, path: path)
        do { try handle.synchronize() } catch { throw StoreError.io(path: path, operation: "fsync", errno: EIO) }
        return tail
    }

    /// Appends the lines of `table` numbered above `tail.lines` to the end of a file, a page of
    /// rows at a time, and moves `tail` past them.
    func appendRows(of table: String, after tail: inout Tail, to handle: FileHandle, path: String) throws {
        let page = 5000
        while true {
            var binds = PostgresBindings()
            binds.append(tail.lines)
            let rows = try session.query(PostgresQuery(
                unsafeSQL: "SELECT n, line FROM \(table) WHERE n > $1 ORDER BY n LIMIT \(page)", binds: binds))
            var chunk = Data()
            var count = 0
            for row in rows {
                let (n, line) = try row.decode((Int, String).self)
                chunk.append(contentsOf: line.utf8)
                chunk.append(0x0A)
                tail.lines = n
                count += 1
            }
            try append(chunk, to: handle, path: path)
            tail.offset += Int64(chunk.count)
            if count < page { break }
        }
    }

    /// Appends bytes at the end of a file of the local copy.
    func append(_ chunk: Data, to handle: FileHandle, path: String) throws {
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: chunk)
        } catch {
            throw StoreError.io(path: path, operation: "write", errno: EIO)
        }
    }

    private func write(_ data: Data, to path: String) throws {
        do { try AtomicFile.write(data, to: path) } catch { throw StoreError.io(path: error.path, operation: error.operation, errno: error.errno) }
    }

    /// Bytes the store's tables take in the database (for `ingest status`).
    public func bytesUsed() throws -> Int64 {
        guard try installedVersion() != nil else { return 0 }
        let tables = Store.recordFileNames.map(PostgresStore.table(for:)) + ["ingest_dedup_snapshot", "ingest_schema"]
        let sum = tables.map { "pg_total_relation_size('\($0)')" }.joined(separator: " + ")
        return try session.query(PostgresQuery(unsafeSQL: "SELECT (\(sum))::bigint")).first?.decode(Int64.self) ?? 0
    }

    // MARK: Writing

    /// Sends the complete lines the local copy in `directory` appended since it was
    /// materialized or last pushed, with the dedup snapshot when `snapshot`, in one transaction:
    /// the database holds all of a commit or none of it.
    public func pushAppended(from directory: String, snapshot: Bool) throws {
        var batches: [(name: String, lines: [String], tail: Tail)] = []
        for name in Store.recordFileNames {
            let tail = tails[name] ?? Tail()
            let (lines, consumed) = try completeLines(in: directory + "/" + name, from: tail.offset)
            if !lines.isEmpty {
                batches.append((name, lines, Tail(offset: tail.offset + consumed, lines: tail.lines + lines.count)))
            }
        }
        let snapshotBytes = snapshot ? FileManager.default.contents(atPath: directory + "/" + Store.dedupSnapshotFileName) : nil
        guard !batches.isEmpty || snapshotBytes != nil else { return }
        try session.transaction {
            for batch in batches {
                try insert(batch.lines, into: PostgresStore.table(for: batch.name), firstLine: (tails[batch.name]?.lines ?? 0) + 1)
            }
            if let snapshotBytes { try saveSnapshot(snapshotBytes) }
        }
        for batch in batches { tails[batch.name] = batch.tail }
    }

    /// Replaces everything the database holds with the store in `directory` (after a
    /// compaction rewrote its files, or to migrate a directory store), in one transaction.
    public func replaceAll(from directory: String) throws {
        var replaced: [String: Tail] = [:]
        try session.transaction {
            for name in Store.recordFileNames {
                let table = PostgresStore.table(for: name)
                try session.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"))
                let (lines, consumed) = try completeLines(in: directory + "/" + name, from: 0)
                try insert(lines, into: table, firstLine: 1)
                replaced[name] = Tail(offset: consumed, lines: lines.count)
            }
            try session.query("DELETE FROM ingest_dedup_snapshot")
            if let bytes = FileManager.default.contents(atPath: directory + "/" + Store.dedupSnapshotFileName) {
                try saveSnapshot(bytes)
            }
        }
        tails = replaced
    }

    /// Inserts lines numbered from `firstLine`, in statements of at most a few MB.
    func insert(_ lines: [String], into table: String, firstLine: Int) throws {
        var start = 0
        while start < lines.count {
            var end = start, bytes = 0
            while end < lines.count && (end == start || bytes < 4 << 20) {
                bytes += lines[end].utf8.count
                end += 1
            }
            var binds = PostgresBindings()
            binds.append(Array(firstLine + start ..< firstLine + end))
            binds.append(Array(lines[start..<end]))
            try session.query(PostgresQuery(
                unsafeSQL: "INSERT INTO \(table) (n, line) SELECT * FROM unnest($1::bigint[], $2::text[])", binds: binds))
            start = end
        }
    }

    private func saveSnapshot(_ bytes: Data) throws {
        var binds = PostgresBindings()
        binds.append(ByteBuffer(bytes: bytes))
        try session.query(PostgresQuery(
            unsafeSQL: "INSERT INTO ingest_dedup_snapshot (id, bytes) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET bytes = $1",
            binds: binds))
    }

    /// The whole lines of a file from `offset` on, and the bytes they take (a torn last line,
    /// without its newline, is left for a later push).
    private func completeLines(in path: String, from offset: Int64) throws -> (lines: [String], bytes: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return ([], 0) }
        defer { try? handle.close() }
        let data: Data
        do {
            try handle.seek(toOffset: UInt64(offset))
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw StoreError.io(path: path, operation: "read", errno: EIO)
        }
        guard let lastNewline = data.lastIndex(of: 0x0A) else { return ([], 0) }
        let whole = data[data.startIndex...lastNewline]
        let lines = whole.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
            .map { String(decoding: $0, as: UTF8.self) }
        return (lines, Int64(whole.count))
    }
}

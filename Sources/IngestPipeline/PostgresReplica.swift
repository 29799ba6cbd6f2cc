import Foundation
import IngestPostgres
import IngestStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL store being written: the database (its writers' lock held) and the local
/// copy the directory store's code works on. Dropping it removes the copy and closes the
/// connection, which frees the lock.
final class PostgresReplica {
    let database: PostgresStore
    let local: LocalCopy

    /// Connects and takes the writers' lock: exclusive (`import`, `compact`), then copies the
    /// store; or shared (a sync `worker`), which copies it in its first commit section
    /// (`PostgresWorker.open`) so that no other worker's commit falls between copy and open.
    init(url: PostgresURL, worker: Bool = false, onWait: () -> Void) throws {
        database = try PostgresStore(url: url, writing: true)
        local = try LocalCopy()
        if worker {
            try database.lockForSharedWriting(onWait: onWait)
        } else {
            try database.lockForWriting(onWait: onWait)
            try database.materialize(into: local.path)
        }
    }

    /// Sends what the local copy committed since the last push.
    func push(snapshot: Bool) throws {
        try database.pushAppended(from: local.path, snapshot: snapshot)
    }

    /// Replaces the database's records with the local copy's (after it was compacted).
    func replaceAll() throws {
        try database.replaceAll(from: local.path)
    }
}

/// A private temp directory (in `$TMPDIR`, named `ingest-pgcopy.PID.XXXXXX`) holding a copy of
/// a PostgreSQL store, removed when released. A process killed with SIGKILL cannot remove
/// its copy, so each new one first removes the copies of processes that no longer exist.
final class LocalCopy {
    let path: String
    static let prefix = "ingest-pgcopy."

    init() throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        LocalCopy.removeOrphans(in: base)
        var template = Array((base + "/" + LocalCopy.prefix + "\(getpid()).XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw StoreError.io(path: base, operation: "mkdtemp", errno: errno)
        }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Removes the copies whose process is gone (`kill(pid, 0)` fails with ESRCH).
    private static func removeOrphans(in base: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "." }),
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
    }
}

extension Pipeline {
    /// Runs `body` with a directory holding the store at `location` as it is now: the
    /// directory itself, or for a PostgreSQL URL a local copy of one consistent snapshot
    /// (removed afterwards). What `export` and `status` read.
    @discardableResult
    public static func withReadableStore<T>(_ location: String, _ body: (String) throws -> T) throws -> T {
        guard PostgresURL.isPostgres(location) else { return try body(location) }
        let database = try PostgresStore(url: try PostgresURL(location), writing: false)
        let local = try LocalCopy()
        try database.materialize(into: local.path)
        return try body(local.path)
    }

    /// `ingest status` of the store at `location` (a directory or a PostgreSQL URL, which is
    /// named without its password and sized by its tables).
    public static func status(store location: String) throws -> StoreStatus {
        guard PostgresURL.isPostgres(location) else { return try Store.open(directory: location, access: .read).status() }
        let url = try PostgresURL(location)
        var status = try withReadableStore(location) { try Store.open(directory: $0, access: .read).status() }
        status.directory = url.description
        status.bytesOnDisk = try PostgresStore(url: url, writing: false).bytesUsed()
        return status
    }

    /// Copies a whole store from one place to another (`ingest migrate`): a directory into an
    /// empty PostgreSQL database, or a PostgreSQL store into a directory that does not exist
    /// or is empty. The records move as they are (story ids, revisions, fetch states,
    /// aliases, runs, the dedup snapshot), so both export the same bytes. The source is held
    /// by its writers' lock meanwhile.
    public static func migrate(from source: String, to target: String) throws {
        switch (PostgresURL.isPostgres(source), PostgresURL.isPostgres(target)) {
        case (false, true):
            guard FileManager.default.fileExists(atPath: source + "/" + Store.recordFileNames[0]) else {
                throw StoreError.notAStore(path: source)
            }
            let store = try Store.open(directory: source, access: .write)  // the lock, and the store checked
            let database = try PostgresStore(url: try PostgresURL(target), writing: true)
            try database.lockForWriting()
            guard try database.isEmpty() else { throw PostgresStoreError.notEmpty(database.url.description) }
            try database.replaceAll(from: source)
            withExtendedLifetime(store) {}
        case (true, false):
            let names = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
            guard names.isEmpty else { throw PostgresStoreError.notEmpty(target) }
            let database = try PostgresStore(url: try PostgresURL(source), writing: true)
            try database.lockForWriting()
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            try database.materialize(into: target)
            _ = try Store.open(directory: target, access: .read)  // what was written reads as a store
        default:
            throw PostgresStoreError.badURL("migrate moves a store between a directory and a postgresql:// URL")
        }
    }
}

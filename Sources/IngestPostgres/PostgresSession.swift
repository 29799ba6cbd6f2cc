import Foundation
internal import PostgresNIO

/// One connection to the server, used by one thread at a time through blocking calls: the
/// store's callers (the sync engine's `SyncStore` methods, the CLI) are synchronous, and
/// postgres-nio's event loop stays in here. Waiting on its futures blocks only the caller;
/// the event loop runs on NIO's own threads, never on the cooperative pool.
final class PostgresSession {
    let url: PostgresURL
    private let connection: PostgresConnection
    /// Errors reach the caller as `PostgresStoreError`s; the driver's own logging stays quiet.
    private let logger = PostgresSession.quietLogger
    static let quietLogger: Logger = {
        var logger = Logger(label: "ingest.postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// Connects (10 s timeout) or throws `PostgresStoreError.server` saying why.
    init(_ url: PostgresURL) throws {
        self.url = url
        connection = try PostgresSession.connect(url, logger: logger)
        connection.closeFuture.whenComplete { [pending] _ in pending.fail(PostgresSession.closed) }
    }

    /// A new connection to `url` (10 s timeout), or `PostgresStoreError.server` saying why.
    static func connect(_ url: PostgresURL, logger: Logger) throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        if url.host.hasPrefix("/") {
            configuration = .init(unixSocketPath: url.host + "/.s.PGSQL.\(url.port)", username: url.user,
                                  password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password,
                                  database: url.database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            return try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(),
                                                  configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw PostgresSession.storeError(error, url: url)
        }
    }

    deinit { try? connection.close().wait() }

    /// Runs one statement and returns its rows. A connection the server closed (restarted,
    /// terminated, network gone) fails the statement at once: postgres-nio drops a statement
    /// written to a closed channel without completing it, so the wait is also ended by the
    /// connection's close.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        pending.set(promise)
        defer { pending.set(nil) }
        if connection.isClosed { promise.fail(PostgresSession.closed) }
        connection.query(query, logger: logger).cascade(to: promise)
        do {
            return try promise.futureResult.wait()
        } catch {
            throw PostgresSession.storeError(error, url: url)
        }
    }

    private static let closed = PostgresStoreError.server(url: "", reason: "the server closed the connection")
    /// The statement being waited for, failed by the connection's close (registered once).
    private let pending = PendingStatement()

    /// How deep in `transaction` calls the caller is: an inner one runs in the outer one.
    private var depth = 0
    /// Whether a `transaction` is open.
    var inTransaction: Bool { depth > 0 }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws);
    /// inside another transaction, `body` is part of that one.
    func transaction<T>(_ begin: PostgresQuery = "BEGIN", _ body: () throws -> T) throws -> T {
        guard depth == 0 else { return try body() }
        depth += 1
        defer { depth -= 1 }
        try query(begin)
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// The server's message for a failed statement, or what went wrong with the connection.
    static func storeError(_ error: any Error, url: PostgresURL) -> PostgresStoreError {
        if case .server(_, let reason)? = error as? PostgresStoreError { return .server(url: url.description, reason: reason) }
        guard let error = error as? PSQLError else { return .server(url: url.description, reason: "\(error)") }
        if let info = error.serverInfo, let message = info[.message] {
            return .server(url: url.description, reason: message + (info[.detail].map { " (\($0))" } ?? ""))
        }
        let underlying = error.underlying.map { ": \($0)" } ?? ""
        return .server(url: url.description, reason: "\(error.code)\(underlying)")
    }
}

/// The promise of the statement a session waits for, set and cleared by the waiting thread and
/// failed from the event loop when the connection closes.
private final class PendingStatement: @unchecked Sendable {
    // Safe: `promise` is only read and written under `lock`; completing a promise twice is a
    // no-op in NIO, so a close racing with the statement's own result is harmless.
    private let lock = NSLock()
    private var promise: EventLoopPromise<PostgresQueryResult>?

    func set(_ promise: EventLoopPromise<PostgresQueryResult>?) {
        lock.withLock { self.promise = promise }
    }

    func fail(_ error: any Error) {
        lock.withLock { promise }?.fail(error)
    }
}

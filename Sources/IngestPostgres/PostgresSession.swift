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
    private let logger: Logger = {
        var logger = Logger(label: "ingest.postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// Connects (10 s timeout) or throws `PostgresStoreError.server` saying why.
    init(_ url: PostgresURL) throws {
        self.url = url
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
            connection = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(),
                                                        configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw PostgresSession.storeError(error, url: url)
        }
    }

    deinit { try? connection.close().wait() }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            throw PostgresSession.storeError(error, url: url)
        }
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws).
    func transaction<T>(_ begin: PostgresQuery = "BEGIN", _ body: () throws -> T) throws -> T {
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
        guard let error = error as? PSQLError else { return .server(url: url.description, reason: "\(error)") }
        if let info = error.serverInfo, let message = info[.message] {
            return .server(url: url.description, reason: message + (info[.detail].map { " (\($0))" } ?? ""))
        }
        let underlying = error.underlying.map { ": \($0)" } ?? ""
        return .server(url: url.description, reason: "\(error.code)\(underlying)")
    }
}

import Foundation

/// A fresh PostgreSQL database on the server that `scripts/with-postgres` started (its URL in
/// `INGEST_TEST_POSTGRES_URL`), dropped by `drop()`. Created and inspected with `psql`, so the
/// tests check the store through a client other than its own.
///
/// Without that variable the PostgreSQL tests are skipped with the message of `available`'s
/// trait; under `INGEST_CI=1` they run, and fail, instead: CI always has a server.
public final class TestDatabase {
    /// The server's URL from `scripts/with-postgres`.
    public static let serverURL = ProcessInfo.processInfo.environment["INGEST_TEST_POSTGRES_URL"]
    /// Whether the PostgreSQL tests run: a server was started, or CI requires one.
    public static let available = serverURL != nil || ProcessInfo.processInfo.environment["INGEST_CI"] == "1"
    /// Why they are skipped otherwise (shown by `swift test`).
    public static let skipReason = "no PostgreSQL server: run under scripts/with-postgres (INGEST_TEST_POSTGRES_URL unset)"

    public let name: String
    /// The database's URL, for `--store` and `PostgresURL`.
    public let url: String

    public init() throws {
        guard let server = TestDatabase.serverURL else { throw Failure("INGEST_TEST_POSTGRES_URL is unset (CI starts a server: scripts/with-postgres)") }
        name = "ingest_test_" + String(UInt64.random(in: 1...UInt64.max), radix: 36)
        guard let slash = server.range(of: "/", options: .backwards), server[..<slash.lowerBound].hasSuffix("//") == false else {
            throw Failure("INGEST_TEST_POSTGRES_URL has no database: \(server)")
        }
        url = server[..<slash.lowerBound] + "/" + name
        try TestDatabase.psql(server, "CREATE DATABASE \(name)")
    }

    /// Runs SQL in this database and returns psql's unaligned, tuples-only output.
    @discardableResult
    public func sql(_ statement: String) throws -> String {
        try TestDatabase.psql(url, statement)
    }

    public func drop() {
        if let server = TestDatabase.serverURL { _ = try? TestDatabase.psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    @discardableResult
    public static func psql(_ url: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", statement]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure("psql \(statement): \(String(decoding: error, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

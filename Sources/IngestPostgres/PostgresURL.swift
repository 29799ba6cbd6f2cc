import Foundation

/// Where a PostgreSQL store is: `postgresql://user:password@host:port/database` (or
/// `postgres://`), with the standard libpq environment variables (`PGHOST`, `PGPORT`,
/// `PGUSER`, `PGPASSWORD`, `PGDATABASE`) for what the URL leaves out, then libpq's defaults
/// (localhost, 5432, the login name, a database named like the user).
///
///     let url = try PostgresURL("postgresql://ingest@db.internal/news")
///     print(url)   // postgresql://ingest@db.internal:5432/news (never the password)
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// A host name or address, or a directory holding the server's Unix socket (starts with `/`).
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

    /// True when `location` names a PostgreSQL store rather than a directory.
    public static func isPostgres(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Parses a store URL; throws `PostgresStoreError.badURL` saying what is wrong (without the password).
    public init(_ string: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard PostgresURL.isPostgres(string), let components = URLComponents(string: string) else {
            throw PostgresStoreError.badURL("expected postgresql://user:password@host:port/database")
        }
        let path = components.percentEncodedPath.hasPrefix("/") ? String(components.percentEncodedPath.dropFirst())
            : components.percentEncodedPath
        guard !path.contains("/") else {
            throw PostgresStoreError.badURL("the path must be one database name, got '\(path)'")
        }
        var queryHost: String?
        for item in components.queryItems ?? [] {
            if item.name == "host" { queryHost = item.value }
            // TLS needs certificates this build does not configure: say so rather than connect in clear.
            if item.name == "sslmode", let mode = item.value, !["disable", "allow", "prefer"].contains(mode) {
                throw PostgresStoreError.badURL("sslmode=\(mode) is not supported (connections are not encrypted)")
            }
        }
        let nonEmpty = { (value: String?) in value.flatMap { $0.isEmpty ? nil : $0 } }
        host = nonEmpty(components.host.map { $0.removingPercentEncoding ?? $0 }) ?? nonEmpty(queryHost)
            ?? nonEmpty(environment["PGHOST"]) ?? "localhost"
        if let port = components.port {
            self.port = port
        } else if let text = nonEmpty(environment["PGPORT"]) {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw PostgresStoreError.badURL("PGPORT is not a port number: '\(text)'")
            }
            self.port = port
        } else {
            port = 5432
        }
        user = nonEmpty(components.user.map { $0.removingPercentEncoding ?? $0 }) ?? nonEmpty(environment["PGUSER"])
            ?? nonEmpty(environment["USER"]) ?? "postgres"
        password = nonEmpty(components.password.map { $0.removingPercentEncoding ?? $0 }) ?? nonEmpty(environment["PGPASSWORD"])
        database = nonEmpty(path.removingPercentEncoding) ?? nonEmpty(environment["PGDATABASE"]) ?? user
    }

    /// The URL without its password, for messages and `ingest status`.
    public var description: String {
        let encode = { (part: String) in part.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? part }
        let hostPart = host.hasPrefix("/") ? "" : (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        let query = host.hasPrefix("/") ? "?host=" + (host.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? host) : ""
        return "postgresql://\(encode(user))@\(hostPart)/\(encode(database))\(query)"
    }
}

/// Why the PostgreSQL store refused or failed (exit 1 in the CLI, like `StoreError`s). A failed
/// write leaves the database as it was before that transaction.
public enum PostgresStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `--store` URL cannot be used.
    case badURL(String)
    /// The server could not be reached or a statement failed.
    case server(url: String, reason: String)
    /// The database holds a schema newer than this `ingest` knows.
    case newerSchema(url: String, found: Int, supported: Int)
    /// A migration's target already holds a store.
    case notEmpty(String)

    public var description: String {
        switch self {
        case let .badURL(reason):
            "--store: \(reason)"
        case let .server(url, reason):
            "\(url): \(reason)"
        case let .newerSchema(url, found, supported):
            "\(url): written by a newer ingest (schema version \(found); this one reads up to \(supported))"
        case let .notEmpty(target):
            "\(target): already holds a store (migrate only into an empty one)"
        }
    }
}

import Foundation

/// The directory layout, for a backend that keeps the same records elsewhere (the PostgreSQL
/// store holds each record file's lines as rows and works through a local copy of them).
extension Store {
    /// The record files, each a JSON-lines file of one kind of record (`copies.jsonl` first).
    public static let recordFileNames = StoreFiles.Name.records
    /// The deduplicator's snapshot file (opaque bytes).
    public static let dedupSnapshotFileName = StoreFiles.Name.dedupSnapshot

    /// Writes `format.json` (this version's layout) into a directory that holds the record files.
    public static func writeFormat(in directory: String) throws {
        try StoreFormat.write(in: directory)
    }
}

import Foundation
import IngestCore

/// The store's `format.json`: which layout version wrote it.
struct StoreFormat: Codable, Equatable {
    /// The layout this code writes and the newest it reads.
    static let current = 1
    static let fileName = "format.json"

    var format = "ingest-store"
    var version: Int

    /// The version found in `directory`, or nil when the file is missing.
    static func read(in directory: String) throws -> Int? {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let found = try? JSONDecoder().decode(StoreFormat.self, from: data), found.format == "ingest-store" else {
            throw StoreError.corrupt(path: path, line: 1, offset: 0, reason: "expected {\"format\": \"ingest-store\", \"version\": N}")
        }
        guard found.version <= current else {
            throw StoreError.newerFormat(path: path, found: found.version, supported: current)
        }
        return found.version
    }

    /// Writes the current version atomically.
    static func write(in directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(StoreFormat(version: current))
        data.append(0x0A)
        try StoreError.io { try AtomicFile.write(data, to: directory + "/" + fileName) }
    }
}

import Foundation

/// A store folder reused by every input of one fuzzing process: each input rewrites its files.
public struct ScratchStore {
    public let path: String

    /// The seven record files and format.json, as a writer leaves them.
    public static let recordFiles = ["copies.jsonl", "stories.jsonl", "aliases.jsonl", "fetch.jsonl", "sources.jsonl",
                                     "runs.jsonl", "dedup.jsonl"]

    public init() {
        path = NSTemporaryDirectory() + "ingest-fuzz-store-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path + "/format.json", contents: Data(#"{"format": "ingest-store", "version": 1}"#.utf8))
    }

    /// Puts `contents` in `file` and empties every other record file.
    public func write(_ contents: Data, to file: String) {
        for name in Self.recordFiles {
            _ = FileManager.default.createFile(atPath: path + "/" + name, contents: name == file ? contents : Data())
        }
    }
}

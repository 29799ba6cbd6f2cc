import Foundation
import IngestCore

/// What a compaction did.
public struct CompactionResult: Sendable, Equatable {
    public var bytesBefore: Int64
    public var bytesAfter: Int64
    /// Superseded copy revisions and fetch states dropped.
    public var linesDropped: Int
}

extension Store {
    /// How many sync runs compaction keeps in runs.jsonl.
    static let runsKept = 100

    /// True when superseded copy revisions make up more than half of a copies file over 1 MiB:
    /// a sync may call `compact()` at the end of its run when this holds.
    public var compactionWorthwhile: Bool {
        files.copies.length > 1 << 20 && copyRevisionCount > 2 * copyIndex.count
    }

    /// Rewrites each record file with only its current records (each copy's latest revision,
    /// each story's, URL's and source's latest state, the last runs), keeping sequence numbers. Each file
    /// is replaced atomically (temp file, fsync, rename, directory fsync); old and new versions
    /// of a file say the same thing, so a crash at any point leaves a store that reads the same.
    @discardableResult
    public func compact() throws -> CompactionResult {
        precondition(access == .write, "compacting a store opened for reading")
        let before = files.all.reduce(0) { $0 + $1.length }
        let linesBefore = copyRevisionCount + fetchIndex.count
        try rewrite(files.copies, lines: copyIndex.values.sorted { $0.seq < $1.seq }.map(\.line))
        try rewrite(files.stories, lines: storyStates.values.map(\.line).sorted { $0.offset < $1.offset })
        try rewrite(files.fetch, lines: fetchIndex.values.sorted { $0.offset < $1.offset })
        try rewrite(files.sources, records: sourceRecords)
        try rewrite(files.runs, records: Array(try files.runs.decodeAll(RunRecord.self, StoreFiles.Record.run).suffix(Store.runsKept)))
        try rewrite(files.dedup, records: Array(try files.dedup.decodeAll(DedupWatermark.self, StoreFiles.Record.dedup).suffix(1)))
        files = try StoreFiles(appendingIn: directory, syncing: syncing)
        try loadIndexes()
        try compactRaw()
        let after = files.all.reduce(0) { $0 + $1.length }
        return CompactionResult(bytesBefore: before, bytesAfter: after,
                                linesDropped: linesBefore - copyRevisionCount - fetchIndex.count)
    }

    /// Replaces `file` with the given lines of it, copied byte for byte.
    private func rewrite(_ file: RecordFile, lines: [LineRef]) throws {
        let writer = try StoreError.io { try AtomicFile.Writer(replacing: file.path) }
        let output = BufferedOutput(fd: writer.descriptor, path: writer.tempPath)
        for line in lines {
            try output.write(try file.read(offset: line.offset, count: Int(line.length)) + Data([0x0A]))
        }
        try output.flush()
        try StoreError.io { try writer.commit() }
    }

    /// Replaces `file` with the given records.
    private func rewrite<T: Encodable>(_ file: RecordFile, records: [T]) throws {
        let writer = try StoreError.io { try AtomicFile.Writer(replacing: file.path) }
        for record in records {
            let line = try encoder.encode(record) + Data([0x0A])
            try StoreError.io { try writer.write(line) }
        }
        try StoreError.io { try writer.commit() }
    }
}

import Foundation
import IngestCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `Store.repair` did.
public struct RepairResult: Sendable, Equatable {
    /// A damaged line and the quarantine file that now holds it.
    public struct Moved: Sendable, Equatable {
        public var damage: DamagedLine
        public var quarantine: String
    }

    /// Every damaged line moved, in file and line order.
    public var moved: [Moved] = []
    /// URLs whose fetch state named a copy the store does not hold (its lines quarantined or
    /// lost) with validators: their states were reset so that the next sync fetches them again.
    public var resetURLs: [String] = []
    /// The dedup watermark before and after, when lines quarantined from the end of
    /// copies.jsonl left it past the last revision (nil when it was not touched).
    public var watermark: WatermarkChange?

    /// A lowered dedup watermark.
    public struct WatermarkChange: Sendable, Equatable {
        public var from: Int
        public var to: Int
    }
}

extension Store {
    /// The folder beside the record files where `repair` keeps the lines it takes out.
    public static let quarantineFolder = "quarantine"

    /// Moves every damaged line (as every reader finds them, see `RecordFile.forEachRecord`) of
    /// every record file to `quarantine/<file>.<timestamp>`, byte for byte, and rewrites the file
    /// with the rest, under the write lock. The quarantine file is durable before its data file is
    /// replaced, so a crash in between leaves a line in both places, never in neither. Then mends
    /// what named the records that are gone: a dedup watermark past the last copy revision is
    /// lowered (the deduplicator replays from there), and a fetch state naming a copy that is not
    /// there loses its validators and is dated last checked at the epoch, so that the next sync
    /// revalidates it at once with a plain GET and stores the copy anew instead of taking a 304.
    /// Both also finish a repair that was interrupted, and mend lines lost from the end of
    /// copies.jsonl. A store without damage is left as it is.
    ///
    /// Throws `.locked` while a sync runs, `.missing` for a store whose files are gone or whose
    /// copies.jsonl was emptied (that takes a backup, not a repair), `.io` naming the path.
    public static func repair(directory: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> RepairResult {
        guard try formatVersion(in: directory) != nil else { return RepairResult() }
        let lock = try StoreLock(path: directory + "/" + FileName.lock)
        if let problem = try StoreFiles(readingIn: directory).census().emptiedCopies(in: directory) { throw problem }
        let now = clock()
        var result = RepairResult()
        let files = try StoreFiles(appendingIn: directory)  // torn tails go as with any writer
        for (file, what, accepts) in files.validators {
            var damaged: [DamagedLine] = []
            try file.forEachRecord(what, .skip { damaged.append($0) }, decode: { accepts($0) ? () : nil }) { _, _, _ in }
            guard !damaged.isEmpty else { continue }
            let quarantine = try quarantinePath(for: file.path, at: now)
            var lines = Data()
            for line in damaged { lines.append(try file.read(offset: line.offset, count: line.length) + Data([0x0A])) }
            try StoreError.io { try AtomicFile.write(lines, to: quarantine) }
            try rewrite(file, without: Set(damaged.map(\.offset)))
            result.moved += damaged.map { RepairResult.Moved(damage: $0, quarantine: quarantine) }
        }
        let store = try Store(directory: directory, access: .write, clock: clock, holding: lock, repairing: true)
        if store.dedupWatermark > store.lastSequenceNumber {
            result.watermark = RepairResult.WatermarkChange(from: store.dedupWatermark, to: store.lastSequenceNumber)
            try store.lowerDedupWatermark(to: store.lastSequenceNumber)
        }
        result.resetURLs = try store.resetStatesOfMissingCopies()
        return result
    }

    /// Resets every fetch state whose copy is not in the store; returns their URLs, sorted.
    private func resetStatesOfMissingCopies() throws -> [String] {
        var states: [FetchRecord] = []
        for url in statesOfMissingCopies.keys {
            guard var state = try fetchIndex[url].map(fetchRecord(at:)) else { continue }
            (state.etag, state.lastModified) = (nil, nil)
            state.lastChecked = Timestamp.string(Date(timeIntervalSince1970: 0))  // due for a fetch at once
            states.append(state)
        }
        states.sort { $0.url < $1.url }
        try put(fetchRecords: states)
        statesOfMissingCopies = [:]
        return states.map(\.url)
    }

    /// `quarantine/<file name>.<UTC time>`, with a counter when a repair in the same second made one.
    private static func quarantinePath(for path: String, at date: Date) throws -> String {
        let folder = AtomicFile.directory(of: path) + "/" + quarantineFolder
        if mkdir(folder, 0o755) == 0 {
            try fsyncDirectory(of: folder)
        } else if errno != EEXIST {
            throw StoreError.system("create directory", folder)
        }
        let stamp = Timestamp.string(date).filter { $0 != "-" && $0 != ":" }  // 20261204T205340Z
        let base = folder + "/" + String(path.split(separator: "/").last ?? "") + "." + stamp
        var candidate = base, count = 1
        while FileManager.default.fileExists(atPath: candidate) {
            count += 1
            candidate = base + "-\(count)"
        }
        return candidate
    }

    /// Replaces `file` with its lines except those starting at `skipped`, byte for byte.
    private static func rewrite(_ file: RecordFile, without skipped: Set<Int64>) throws {
        let writer = try StoreError.io { try AtomicFile.Writer(replacing: file.path) }
        let output = BufferedOutput(fd: writer.descriptor, path: writer.tempPath)
        try file.forEachLine { offset, line in
            guard !skipped.contains(offset) else { return }
            try output.write(Data(line) + Data([0x0A]))
        }
        try output.flush()
        try StoreError.io { try writer.commit() }
    }
}

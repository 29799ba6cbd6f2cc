import Foundation

/// A committed line that is not a record of its file: what `ingest repair` quarantines.
public struct DamagedLine: Sendable, Equatable {
    public var path: String
    /// 1-based.
    public var line: Int
    /// Where the line starts in its file.
    public var offset: Int64
    /// Bytes, without the newline.
    public var length: Int
    public var reason: String

    /// The error every command reports for it.
    public var error: StoreError { .corrupt(path: path, line: line, offset: offset, reason: reason) }
}

/// What a reader does with a damaged line: stop (every command), or report it and read on
/// (`export --skip-damaged`, `repair`).
enum DamagePolicy {
    case fail
    case skip((DamagedLine) -> Void)
}

/// Reading records, rather than bytes, from a record file: the one place where a line is
/// judged a record or damage, for every command alike.
extension RecordFile {
    /// Calls `body` with the offset, length and decoded record of each line, in file order. A line
    /// holding a NUL byte (never written by the store: `JSONWriter` escapes control characters)
    /// or one `decode` refuses is damage, handled per `policy`. From `start` on (lines followed
    /// after open), damaged lines are numbered from there.
    func forEachRecord<T>(_ what: String, _ policy: DamagePolicy = .fail, from start: Int64 = 0,
                          decode: (UnsafeRawBufferPointer) -> T?,
                          _ body: (_ offset: Int64, _ length: Int, _ record: T) throws -> Void) throws {
        var number = 0
        try forEachLine(from: start) { offset, line in
            number += 1
            let clean = line.isEmpty || memchr(line.baseAddress!, 0, line.count) == nil
            if clean, let record = decode(line) {
                try body(offset, line.count, record)
                return
            }
            let damage = DamagedLine(path: path, line: number, offset: offset, length: line.count, reason: "not a \(what)")
            guard case let .skip(report) = policy else { throw damage.error }
            report(damage)
        }
    }

    /// `forEachRecord` for index entries: `decode` gives a key and an entry whose `line` this sets.
    func forEachEntry<Key, Entry>(_ what: String, _ policy: DamagePolicy, from start: Int64 = 0,
                                  decode: (UnsafeRawBufferPointer) -> (Key, Entry)?,
                                  line: WritableKeyPath<Entry, Store.LineRef>,
                                  _ body: (Key, Entry) throws -> Void) throws {
        try forEachRecord(what, policy, from: start, decode: decode) { offset, length, found in
            var entry = found.1
            entry[keyPath: line] = Store.LineRef(offset: offset, length: Int32(length))
            try body(found.0, entry)
        }
    }

    /// Decodes every line of a small record file with `JSONDecoder`.
    func decodeAll<T: Decodable>(_ type: T.Type, _ what: String, _ policy: DamagePolicy = .fail,
                                 from start: Int64 = 0) throws -> [T] {
        let decoder = JSONDecoder()
        var records: [T] = []
        try forEachRecord(what, policy, from: start, decode: { try? decoder.decode(T.self, from: Data($0)) }) { _, _, record in
            records.append(record)
        }
        return records
    }

    /// Reads and decodes the line at `line`, which an earlier `forEachRecord` found; should it no
    /// longer decode, the damage is reported with its line number, counted only then.
    func record<T>(at line: Store.LineRef, _ what: String, decode: (UnsafeRawBufferPointer) -> T?) throws -> T {
        let data = try read(offset: line.offset, count: Int(line.length))
        if let record = data.withUnsafeBytes(decode) { return record }
        var number = 0
        try forEachLine { offset, _ in if offset <= line.offset { number += 1 } }
        throw DamagedLine(path: path, line: number, offset: line.offset, length: Int(line.length),
                          reason: "not a \(what)").error
    }

    /// Reads and decodes one line of copies.jsonl.
    func copyRevision(at line: Store.LineRef) throws -> CopyRevision {
        try record(at: line, StoreFiles.Record.copy) { CopyRevision(line: $0) }
    }
}

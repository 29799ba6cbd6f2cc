import CZlib
import Foundation

/// Reads WARC records one at a time from a plain or gzip (any number of members) WARC file,
/// holding at most one record in memory: a multi-GB file streams through a fixed buffer.
///
///     let reader = WARCReader(fileDescriptor: fd)
///     while let event = reader.next() {
///         switch event {
///         case .record(let record): print(record.type, record.targetURI ?? "-")
///         case .damaged(let damage): print("skipped:", damage)
///         }
///     }
///
/// Damage does not stop the reader: a record cut short, a head it cannot read or gzip data
/// that does not inflate is reported once, and reading resumes at the next gzip member (when
/// compressed) or the next line starting `WARC/`.
public final class WARCReader {
    /// What `next()` found.
    public enum Event: Sendable, Equatable {
        case record(WARCRecord)
        /// A record whose block is over the reader's limit: its head only (the block was skipped).
        case oversized(WARCRecord)
        case damaged(WARCDamage)
    }

    private let read: (UnsafeMutableRawBufferPointer) -> Int
    private let maxBlockBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// Decompressed bytes dropped from the front so far (the plain-file offset of `start`).
    private var consumedBefore: Int64 = 0
    /// No more bytes will come: from `read` (`readEnded`), and then from the inflater.
    private var inputEnded = false
    private var readEnded = false
    private var gzip: GzipMembers?
    private var sniffed = false
    private var discard = 0
    private var queued: [WARCDamage] = []
    /// The record being dropped because its block is over the limit.
    private var oversized: WARCRecord?
    /// Where the run of non-record bytes being skipped began (`inGarbage`).
    private var inGarbage = false
    private var garbageStart: Int64?
    /// Gzip damage at a buffer index: the bytes before it are read as if the input ended
    /// there (a record cut short is reported), then the damage, then reading goes on.
    private var barriers: [(index: Int, damage: WARCDamage)] = []
    /// The read buffer, allocated once rather than a fresh megabyte per read.
    private var readChunk = [UInt8](repeating: 0, count: 1 << 20)

    /// A reader over a file descriptor (a file, a pipe, stdin) whose first bytes, already
    /// read from it to sniff the format, are `prefix`; records whose block is longer than
    /// `maxBlockBytes` are skipped and reported.
    public convenience init(fileDescriptor fd: Int32, prefix: [UInt8] = [], maxBlockBytes: Int = 64 << 20) {
        var prefix = prefix[...]
        self.init(maxBlockBytes: maxBlockBytes) { buffer in
            if !prefix.isEmpty {
                let count = min(prefix.count, buffer.count)
                buffer.copyBytes(from: prefix.prefix(count))
                prefix = prefix.dropFirst(count)
                return count
            }
            while true {
                let count = Foundation.read(fd, buffer.baseAddress, buffer.count)
                if count >= 0 || errno != EINTR { return max(count, 0) }
            }
        }
    }

    /// A reader over any byte source: `read` fills the buffer it is given and returns the
    /// count, 0 at the end.
    public init(maxBlockBytes: Int = 64 << 20, read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.read = read
        self.maxBlockBytes = maxBlockBytes
    }

    /// The next record or damage report, or nil at the end of the input.
    public func next() -> Event? {
        while true {
            if !queued.isEmpty { return .damaged(queued.removeFirst()) }
            if discard > 0 {
                let dropped = min(discard, buffer.count - start)
                drop(dropped)
                discard -= dropped
                if discard > 0 {
                    if !fill() { discard = 0 }
                    continue
                }
            }
            if let record = oversized {
                oversized = nil
                return .oversized(record)
            }
            if let barrier = barriers.first, barrier.index <= start {
                barriers.removeFirst()
                queued.append(barrier.damage)
                continue
            }
            var end = barriers.first?.index ?? buffer.count
            var atEnd = inputEnded || end < buffer.count
            if let gzip, !atEnd, buffer.count - start <= maxBlockBytes + WARCFraming.maxHeadBytes {
                // Damaged deflate data can inflate to plausible bytes before zlib notices (at
                // the latest by the member's CRC): records are read from whole members only,
                // unless one member holds more than a record can (a file gzipped as a whole).
                end = max(start, gzip.verifiedOutput)
                atEnd = false
            }
            let step = buffer.withUnsafeBufferPointer { all in
                WARCFraming.step(UnsafeBufferPointer(rebasing: all[start..<end]), atEnd: atEnd, maxBlockBytes: maxBlockBytes)
            }
            let neutral: Bool
            switch step {
            case .garbage, .blank: neutral = true
            case .needMore: neutral = !(inputEnded && barriers.isEmpty)
            default: neutral = false
            }
            if !neutral && inGarbage {
                inGarbage = false
                queued.append(WARCDamage(offset: garbageStart, record: nil, description: "bytes that are not a WARC record, skipped"))
                continue
            }
            switch step {
            case .needMore:
                if inputEnded && barriers.isEmpty { return nil }
                _ = fill()
            case .blank(let count):
                drop(count)
            case .garbage(let count, _):
                if !inGarbage { inGarbage = true; garbageStart = offset }
                drop(count)
            case .record(let record, let consumed):
                drop(consumed)
                return .record(record)
            case .oversized(let record, let headLength, let blockLength):
                drop(headLength)
                discard = blockLength
                oversized = record
            case .truncated(let record, let available):
                let at = offset
                drop(available)
                return .damaged(WARCDamage(offset: at, record: record,
                                           description: "the input ends inside this record (\(available) bytes of it)"))
            }
        }
    }

    /// Bytes the read buffer holds allocated (for tests of its bound).
    var bufferCapacity: Int { buffer.capacity }

    /// The file offset of the next unconsumed byte (nil in a gzip file: it is inflated).
    private var offset: Int64? { gzip == nil ? consumedBefore + Int64(start) : nil }

    private func drop(_ count: Int) {
        start += count
        if start > 1 << 20 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            consumedBefore += Int64(start)
            for index in barriers.indices { barriers[index].index -= start }
            gzip?.outputDropped(start)
            start = 0
        }
    }

    /// Appends more input (inflated when gzip) to `buffer`; false at the end.
    private func fill() -> Bool {
        guard !inputEnded else { return false }
        if let gzip, gzip.hasMoreOutput {
            // What the last read still holds comes first: a read inflates to at most about
            // `readChunk.count` (plus a step), so the buffer holds a record and about two reads.
            inflate(gzip, readChunk[0..<0], atEnd: readEnded)
            return true
        }
        var count = readChunk.withUnsafeMutableBytes { read($0) }
        if !sniffed {
            // Two bytes tell gzip from plain, however little the first read gave.
            while count == 1 {
                let more = readChunk.withUnsafeMutableBytes { read(UnsafeMutableRawBufferPointer(rebasing: $0[1...])) }
                if more == 0 { break }
                count += more
            }
            sniffed = true
            if count >= 2 && readChunk[0] == 0x1F && readChunk[1] == 0x8B { gzip = GzipMembers() }
        }
        guard let gzip else {
            if count == 0 { inputEnded = true; return false }
            buffer.append(contentsOf: readChunk[0..<count])
            return true
        }
        if count == 0 { readEnded = true }
        inflate(gzip, readChunk[0..<count], atEnd: readEnded)
        return count > 0 || !inputEnded
    }

    private func inflate(_ gzip: GzipMembers, _ input: ArraySlice<UInt8>, atEnd: Bool) {
        for found in gzip.inflate(input, into: &buffer, atEnd: atEnd, maxOutput: readChunk.count) {
            // A damaged member's output is taken back, even a part already read as records.
            start = min(start, buffer.count)
            barriers.append((max(found.outputIndex, start), found.damage))
        }
        if atEnd && !gzip.hasMoreOutput { inputEnded = true }
    }
}

/// A record or stretch of input `WARCReader` could not read, and skipped.
public struct WARCDamage: Sendable, Equatable, CustomStringConvertible {
    /// The byte offset in the file where it starts (the compressed offset of its gzip member
    /// for a compressed file), when known.
    public var offset: Int64?
    /// The record's head, when it was read.
    public var record: WARCRecord?
    /// What was wrong.
    public var description: String

    public init(offset: Int64?, record: WARCRecord?, description: String) {
        self.offset = offset
        self.record = record
        self.description = description
    }

    /// One line naming the record or the offset, for logs.
    public var line: String {
        var parts: [String] = []
        if let offset { parts.append("at byte \(offset)") }
        if let record {
            parts.append([record["WARC-Type"], record.targetURI].compactMap { $0 }.joined(separator: " "))
        }
        return (parts.isEmpty ? "" : parts.joined(separator: ", ") + ": ") + description
    }
}

import CZlib
import Foundation
import IngestCore

/// Writes WARC records to a file descriptor, each as its own gzip member (as Common Crawl
/// does: a reader can seek to any record and inflate it alone), or uncompressed.
///
///     let writer = WARCWriter(fileDescriptor: fd, path: path)
///     try writer.write(WARCRecord(type: .warcinfo, headers: […], block: info))   // on disk when it returns
///     for record in records { try writer.queue(record) }   // compressed while the next are built
///     try writer.finish()                                  // everything queued is written
///
/// `queue` gathers records into groups of about `groupBytes` and compresses each group on a
/// worker thread while the caller builds the next records; groups are written in the order
/// they were queued, and at most `groupsInFlight` are held at once, so memory stays flat
/// whatever the number of records. The caller closes (and syncs) the file.
public final class WARCWriter {
    private let fd: Int32
    private let path: String
    private let gzip: Bool
    private let level: Int32
    private let groupBytes: Int
    private let groupsInFlight: Int
    /// Records serialized back to back, not yet handed to a worker, and where each ends.
    private var group: [UInt8] = []
    private var groupEnds: [Int] = []
    /// Groups handed to workers, oldest first.
    private var inFlight: [CompressionJob] = []
    /// Bytes of records before compression (queued ones included), and bytes written.
    public private(set) var recordBytes = 0
    public private(set) var bytesWritten = 0

    /// A writer on `fd` (named `path` in errors); `gzip: false` writes plain WARC. `level` is
    /// zlib's (1 fastest … 9 smallest). Queued records are compressed in groups of about
    /// `groupBytes`, at most `groupsInFlight` groups at once (default: two per core, so each
    /// core has one group to compress while the next waits).
    public init(fileDescriptor fd: Int32, path: String, gzip: Bool = true, level: Int32 = Z_DEFAULT_COMPRESSION,
                groupBytes: Int = 1 << 20, groupsInFlight: Int = 2 * ProcessInfo.processInfo.activeProcessorCount) {
        self.fd = fd
        self.path = path
        self.gzip = gzip
        self.level = level
        self.groupBytes = max(1, groupBytes)
        self.groupsInFlight = max(1, groupsInFlight)
    }

    /// Writes one record after any queued ones: all of it is written when this returns.
    public func write(_ record: WARCRecord) throws(SystemCallError) {
        try queue(record)
        try finish()
    }

    /// Queues one record: it is compressed in the background and written, in order, by a
    /// later `queue`, `write` or `finish`.
    public func queue(_ record: WARCRecord) throws(SystemCallError) {
        if groupEnds.isEmpty { group.reserveCapacity(max(groupBytes, record.block.count) + 4096) }
        let before = group.count
        record.append(to: &group)
        recordBytes += group.count - before
        groupEnds.append(group.count)
        if group.count >= groupBytes { try submit() }
    }

    /// Writes everything queued.
    public func finish() throws(SystemCallError) {
        try submit()
        while !inFlight.isEmpty { try writeOldest() }
    }

    /// Hands the group being gathered to a worker (or, plain, writes it), waiting first for
    /// the oldest group in flight if `groupsInFlight` are.
    private func submit() throws(SystemCallError) {
        guard !groupEnds.isEmpty else { return }
        defer {
            group = []
            groupEnds = []
        }
        guard gzip else {
            try put(group)
            return
        }
        while inFlight.count >= groupsInFlight { try writeOldest() }
        let job = CompressionJob()
        let (bytes, ends, level) = (group, groupEnds, level)
        DispatchQueue.global(qos: .userInitiated).async {
            job.complete(GzipMemberCompressor(level: level).members(bytes, ends: ends))
        }
        inFlight.append(job)
    }

    private func writeOldest() throws(SystemCallError) {
        try put(inFlight.removeFirst().wait())
    }

    private func put(_ bytes: [UInt8]) throws(SystemCallError) {
        let written = bytes.withUnsafeBytes { POSIXIO.writeAll(fd, $0) }
        guard written else { throw SystemCallError.now("write", path) }
        bytesWritten += bytes.count
    }
}

/// One group's compressed members, filled in by a worker and taken by the writer.
///
/// `@unchecked Sendable`: `output` is only touched under `lock`, and `wait` reads it after
/// `complete` has signalled `done`.
private final class CompressionJob: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var output: [UInt8] = []

    func complete(_ bytes: [UInt8]) {
        lock.withLock { output = bytes }
        done.signal()
    }

    func wait() -> [UInt8] {
        done.wait()
        return lock.withLock { output }
    }
}

/// Compresses byte strings into self-contained gzip members, reusing one zlib stream.
public final class GzipMemberCompressor {
    private var stream = z_stream()

    /// Level 6 is zlib's default balance; WARC files are written once and read many times.
    public init(level: Int32 = Z_DEFAULT_COMPRESSION) {
        _ = ingest_deflate_init_gzip(&stream, level)
    }

    deinit { deflateEnd(&stream) }

    /// `bytes` as one gzip member (header, deflate data, CRC-32 and length trailer).
    public func member(_ bytes: [UInt8]) -> [UInt8] {
        members(bytes, ends: [bytes.count])
    }

    /// The pieces of `bytes` that end at `ends` (ascending, the last `bytes.count`), each as
    /// its own gzip member, back to back: deflated straight into the result, with no copy of
    /// the input or of each member.
    public func members(_ bytes: [UInt8], ends: [Int]) -> [UInt8] {
        var bound = 0
        var start = 0
        for end in ends {
            bound += Int(deflateBound(&stream, uLong(end - start)))
            start = end
        }
        return [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            bytes.withUnsafeBufferPointer { input in
                var start = 0
                for end in ends {
                    // zlib reads `next_in` only; its type lacks `const`.
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress).map { $0 + start }
                    stream.avail_in = UInt32(end - start)
                    stream.next_out = out.baseAddress! + count
                    stream.avail_out = UInt32(out.count - count)
                    let status = deflate(&stream, Z_FINISH)
                    precondition(status == Z_STREAM_END, "deflate into a deflateBound buffer did not finish")
                    count = out.count - Int(stream.avail_out)
                    deflateReset(&stream)
                    start = end
                }
            }
        }
    }
}

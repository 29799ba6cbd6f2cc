import CZlib
import Foundation
import IngestCore

/// Writes WARC records to a file descriptor, each as its own gzip member (as Common Crawl
/// does: a reader can seek to any record and inflate it alone), or uncompressed.
///
///     let writer = try WARCWriter(fileDescriptor: fd)
///     try writer.write(WARCRecord(type: .warcinfo, headers: […], block: info))
///
/// Each `write` is one `write(2)` of the whole member; the caller closes (and syncs) the file.
public final class WARCWriter {
    private let fd: Int32
    private let path: String
    private let compressor: GzipMemberCompressor?
    /// Bytes of records before compression, and bytes written.
    public private(set) var recordBytes = 0
    public private(set) var bytesWritten = 0

    private let level: Int32

    /// A writer on `fd` (named `path` in errors); `gzip: false` writes plain WARC. `level` is
    /// zlib's (1 fastest … 9 smallest).
    public init(fileDescriptor fd: Int32, path: String, gzip: Bool = true, level: Int32 = Z_DEFAULT_COMPRESSION) {
        self.fd = fd
        self.path = path
        self.level = level
        compressor = gzip ? GzipMemberCompressor(level: level) : nil
    }

    /// Writes one record.
    public func write(_ record: WARCRecord) throws(SystemCallError) {
        let bytes = record.serialized()
        recordBytes += bytes.count
        try put(compressor?.member(bytes) ?? bytes)
    }

    /// Writes records in order, compressing them on every core at once (each is its own member).
    public func write(_ records: [WARCRecord]) throws(SystemCallError) {
        let serialized = records.map { $0.serialized() }
        recordBytes += serialized.reduce(0) { $0 + $1.count }
        guard compressor != nil else {
            for bytes in serialized { try put(bytes) }
            return
        }
        var members = [[UInt8]](repeating: [], count: serialized.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, serialized.count))
        let level = self.level
        members.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes only the slots of its own stride: no slot is shared.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let compressor = GzipMemberCompressor(level: level)
                for index in stride(from: worker, to: serialized.count, by: workers) {
                    out[index] = compressor.member(serialized[index])
                }
            }
        }
        for member in members { try put(member) }
    }

    private func put(_ bytes: [UInt8]) throws(SystemCallError) {
        let written = bytes.withUnsafeBytes { POSIXIO.writeAll(fd, $0) }
        guard written else { throw SystemCallError.now("write", path) }
        bytesWritten += bytes.count
    }
}

/// Compresses byte strings into self-contained gzip members, reusing one zlib stream.
public final class GzipMemberCompressor {
    private var stream = z_stream()
    private var out: [UInt8] = []

    /// Level 6 is zlib's default balance; WARC files are written once and read many times.
    public init(level: Int32 = Z_DEFAULT_COMPRESSION) {
        _ = ingest_deflate_init_gzip(&stream, level)
    }

    deinit { deflateEnd(&stream) }

    /// `bytes` as one gzip member (header, deflate data, CRC-32 and length trailer).
    public func member(_ bytes: [UInt8]) -> [UInt8] {
        let bound = Int(deflateBound(&stream, uLong(bytes.count))) + 32
        if out.count < bound { out = [UInt8](repeating: 0, count: bound) }
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { inBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate into a deflateBound buffer did not finish")
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        deflateReset(&stream)
        return Array(out[0..<produced])
    }
}

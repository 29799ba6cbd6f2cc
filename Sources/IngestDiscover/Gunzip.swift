import CZlib
import IngestCore

/// Inflates gzip (and zlib) bodies such as `.xml.gz` sitemaps, refusing to produce more
/// than a cap so that a small "gzip bomb" cannot exhaust memory.
public enum Gunzip {
    /// Whether `bytes` start with the gzip magic number 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The inflated bytes of every concatenated gzip member, at most `limit` bytes.
    public static func inflate(_ bytes: [UInt8], limit: Int) throws(DiscoveryError) -> [UInt8] {
        var stream = z_stream()
        guard ingest_inflate_init(&stream) == Z_OK else { throw DiscoveryError("gzip: cannot start zlib") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        let total = input.count
        var consumed = 0
        while true {
            let (status, produced, used): (Int32, Int, Int) = input.withUnsafeMutableBufferPointer { inBuffer in
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress.map { $0 + consumed }
                    stream.avail_in = UInt32(total - consumed)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, outBuffer.count - Int(stream.avail_out), total - consumed - Int(stream.avail_in))
                }
            }
            consumed += used
            guard output.count + produced <= limit else {
                throw DiscoveryError("gzip: inflates to more than \(limit) bytes")
            }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (concatenated files are valid gzip).
                guard consumed < total, isGzip(Array(input[consumed..<min(total, consumed + 2)])) else { return output }
                inflateReset(&stream)
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: the input ended before the gzip stream did.
                guard produced > 0 || used > 0 else { throw DiscoveryError("gzip: truncated data") }
            default:
                throw DiscoveryError("gzip: corrupt data")
            }
        }
    }
}

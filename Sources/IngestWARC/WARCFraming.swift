import Foundation

/// Where the next WARC record is in a run of bytes: the pure framing rules of WARC/1.1 §4–5
/// that `WARCReader` drives with file or gzip input (and tests drive with byte arrays).
///
/// A record is a version line starting `WARC/`, header fields, an empty line, exactly
/// `Content-Length` bytes of block and two CRLFs. Bytes that are not a record are skipped up
/// to the next line starting `WARC/`, so one damaged record costs only itself.
enum WARCFraming {
    /// What to do with the bytes at the front of the buffer.
    enum Step: Equatable {
        /// Not enough bytes to decide: read more.
        case needMore
        /// Line ends between records: drop them.
        case blank(Int)
        /// Bytes that are not a record (`count` of them); `reason` says what was found.
        case garbage(Int, reason: String)
        /// A whole record, and how many bytes it took (trailing CRLFs are left as blanks).
        case record(WARCRecord, consumed: Int)
        /// A record whose block is longer than the limit: its head is `headLength` bytes;
        /// its block of `blockLength` bytes is to be dropped as it streams by.
        case oversized(WARCRecord, headLength: Int, blockLength: Int)
        /// The input ended inside a record (its head when it was read).
        case truncated(WARCRecord?, available: Int)
    }

    /// The longest head (version line and header fields) accepted.
    static let maxHeadBytes = 64 * 1024

    /// The step for `bytes`, the unconsumed front of the input; `atEnd` when no more will come.
    static func step(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, maxBlockBytes: Int) -> Step {
        if bytes.isEmpty { return .needMore }
        var blanks = 0
        while blanks < bytes.count, bytes[blanks] == 0x0D || bytes[blanks] == 0x0A { blanks += 1 }
        if blanks > 0 { return .blank(blanks) }
        let magic = Array("WARC/".utf8)
        if bytes.count < magic.count && !atEnd {
            return zip(bytes, magic).allSatisfy { $0 == $1 } ? .needMore : garbage(bytes, atEnd: atEnd)
        }
        guard bytes.starts(with: magic) else { return garbage(bytes, atEnd: atEnd) }
        guard let headEnd = find(crlfcrlf, in: bytes, limit: maxHeadBytes) else {
            if atEnd { return .truncated(nil, available: bytes.count) }
            return bytes.count > maxHeadBytes ? .garbage(1, reason: "a WARC head longer than \(maxHeadBytes) bytes") : .needMore
        }
        let headLength = headEnd + crlfcrlf.count
        guard let (record, length) = parseHead(UnsafeBufferPointer(rebasing: bytes[0..<headEnd])) else {
            return .garbage(1, reason: "a WARC head without a valid Content-Length")
        }
        if length > maxBlockBytes { return .oversized(record, headLength: headLength, blockLength: length) }
        guard bytes.count >= headLength + length else {
            return atEnd ? .truncated(record, available: bytes.count) : .needMore
        }
        var whole = record
        whole.block = Array(bytes[headLength..<headLength + length])
        return .record(whole, consumed: headLength + length)
    }

    /// Skips to the next line that starts `WARC/` (keeping a tail that may be its start).
    private static func garbage(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Step {
        let reason = "bytes that are not a WARC record"
        if let next = find(Array("\nWARC/".utf8), in: bytes, limit: bytes.count) { return .garbage(next + 1, reason: reason) }
        if atEnd { return .garbage(bytes.count, reason: reason) }
        return bytes.count > 6 ? .garbage(bytes.count - 5, reason: reason) : .needMore
    }

    /// The head's fields (continuation lines folded in) and its `Content-Length`.
    static func parseHead(_ head: UnsafeBufferPointer<UInt8>) -> (WARCRecord, Int)? {
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }[...]
        guard let versionLine = lines.popFirst() else { return nil }
        var headers: [(name: String, value: String)] = []
        var length: Int?
        for line in lines {
            if let first = line.first, first == 0x20 || first == 0x09, !headers.isEmpty {
                headers[headers.count - 1].value += " " + trimmed(line)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = trimmed(line[(colon + 1)...])
            if name.caseInsensitiveEquals("Content-Length") {
                guard let number = Int(value), number >= 0 else { return nil }
                length = number
            } else {
                headers.append((name, value))
            }
        }
        guard let length else { return nil }
        return (WARCRecord(version: String(decoding: versionLine, as: UTF8.self), headers: headers, block: []), length)
    }

    private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var part = bytes[...]
        while let first = part.first, first == 0x20 || first == 0x09 { part = part.dropFirst() }
        while let last = part.last, last == 0x20 || last == 0x09 { part = part.dropLast() }
        return String(decoding: part, as: UTF8.self)
    }

    static let crlfcrlf: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]

    /// The index of the first `needle` in the first `limit` bytes of `bytes`.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
        let end = min(bytes.count, limit + needle.count) - needle.count
        guard end >= 0, let first = needle.first else { return nil }
        var index = 0
        while index <= end {
            guard let base = bytes.baseAddress,
                  let hit = memchr(base + index, Int32(first), end - index + 1) else { return nil }
            index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if (1..<needle.count).allSatisfy({ bytes[index + $0] == needle[$0] }) { return index }
            index += 1
        }
        return nil
    }
}

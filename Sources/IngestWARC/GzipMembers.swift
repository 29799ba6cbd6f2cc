import CZlib

/// Streaming inflate of concatenated gzip members, as WARC files are written (one member per
/// record): fed compressed chunks, it appends what they inflate to. A member that does not
/// inflate is reported, its output dropped, and inflating resumes at the next gzip header,
/// so one damaged member costs one record.
final class GzipMembers {
    /// Damage found at `outputIndex`: the records inflated before it are whole up to there.
    struct Damage {
        var outputIndex: Int
        var damage: WARCDamage
    }

    private var stream = z_stream()
    private var pending: [UInt8] = []
    /// The file offset of `pending[0]`.
    private var pendingBase: Int64 = 0
    private var memberStart: Int64 = 0
    /// `out.count` when the current member started (its output is dropped if it is damaged).
    private var memberOutputStart = 0
    private var inMember = false
    /// The output of members that inflated to their end and passed their CRC check.
    private(set) var verifiedOutput = 0
    private var resyncing = false
    private var chunk = [UInt8](repeating: 0, count: 256 * 1024)

    init() {
        _ = ingest_inflate_init(&stream)
    }

    deinit { inflateEnd(&stream) }

    /// The reader removed `count` bytes from the front of the output.
    func outputDropped(_ count: Int) {
        memberOutputStart = max(0, memberOutputStart - count)
        verifiedOutput = max(0, verifiedOutput - count)
    }

    /// Whether the last `inflate` stopped at its `maxOutput` with input left to inflate: the
    /// next call may pass no input.
    private(set) var hasMoreOutput = false

    /// Inflates `input` (the next compressed bytes, after any left from the last call) onto
    /// `out`, stopping once about `maxOutput` bytes were added (one step of `chunk` more at
    /// most): a megabyte of highly compressible input must not become hundreds in memory.
    /// `atEnd` when no more input will come.
    func inflate(_ input: ArraySlice<UInt8>, into out: inout [UInt8], atEnd: Bool, maxOutput: Int = .max) -> [Damage] {
        pending.append(contentsOf: input)
        var damages: [Damage] = []
        var position = 0
        let outputBefore = out.count
        hasMoreOutput = false
        loop: while true {
            if out.count - outputBefore >= maxOutput && position < pending.count {
                hasMoreOutput = true
                break
            }
            if resyncing {
                guard let next = Self.nextMagic(in: pending, from: position) else {
                    position = max(position, pending.count - 2)
                    break loop
                }
                position = next
                resyncing = false
            }
            guard position < pending.count else { break }
            if !inMember {
                if pending.count - position < 2 && !atEnd { break }
                guard pending.count - position >= 2, pending[position] == 0x1F, pending[position + 1] == 0x8B else {
                    damages.append(Damage(outputIndex: out.count, damage: WARCDamage(
                        offset: pendingBase + Int64(position), record: nil, description: "data that is not gzip, skipped")))
                    resyncing = true
                    position += 1
                    continue
                }
                inMember = true
                memberStart = pendingBase + Int64(position)
                memberOutputStart = out.count
            }
            let (status, produced, used) = step(from: position)
            out.append(contentsOf: chunk[0..<produced])
            position += used
            switch status {
            case Z_STREAM_END:
                verifiedOutput = out.count
                inflateReset(&stream)
                inMember = false
            case Z_OK where produced > 0 || used > 0:
                continue
            case Z_OK, Z_BUF_ERROR:
                break loop
            default:
                let why = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                out.removeSubrange(min(memberOutputStart, out.count)...)
                damages.append(Damage(outputIndex: out.count, damage: WARCDamage(
                    offset: memberStart, record: nil, description: "a gzip member that does not inflate (\(why)), skipped")))
                inflateReset(&stream)
                inMember = false
                resyncing = true
            }
        }
        pending.removeFirst(position)
        pendingBase += Int64(position)
        if atEnd && !hasMoreOutput && inMember && out.count == memberOutputStart {
            damages.append(Damage(outputIndex: out.count, damage: WARCDamage(
                offset: memberStart, record: nil, description: "a gzip member cut short, skipped")))
        }
        return damages
    }

    private func step(from position: Int) -> (Int32, Int, Int) {
        let available = pending.count - position
        return pending.withUnsafeMutableBufferPointer { input in
            chunk.withUnsafeMutableBufferPointer { output in
                stream.next_in = input.baseAddress! + position
                stream.avail_in = UInt32(available)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(output.count)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                return (status, output.count - Int(stream.avail_out), available - Int(stream.avail_in))
            }
        }
    }

    /// The next gzip header (1f 8b, method 8 = deflate) at or after `from`.
    private static func nextMagic(in bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index + 2 < bytes.count {
            if bytes[index] == 0x1F && bytes[index + 1] == 0x8B && bytes[index + 2] == 0x08 { return index }
            index += 1
        }
        return nil
    }
}

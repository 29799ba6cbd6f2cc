import Foundation
import IngestCore

/// Which normalised lines are story text. Site chrome that an imperfect extraction leaves in
/// (menus, "Most read" lists, bylines, newsletter pleas, related-story titles) must not drive
/// dedup decisions, so only sentence-like paragraphs count.
///
/// A line counts when it is long (≥ 30 words), or when it has ≥ 8 words, ends like a
/// sentence and carries none of the usual chrome phrases.
public enum StoryText {
    static let minimumWords = 8
    static let alwaysStoryWords = 30

    /// Phrases that mark short chrome sentences ("Sign up for our newsletter…", "All rights reserved.").
    static let chromeMarkers: [[UInt8]] = [
        "newsletter", "subscribe", "sign up", "sign in", "log in", "all rights reserved", "copyright", "©",
        "may not be published", "required fields", "comment", "cookie", "privacy", "advertis",
        "follow us", "share on", "share this", "read more", "related", "click here", "email us",
        "terms of use", "skip to", "trending", "most read", "most popular", "listen to this",
        "print this", "photo credit", "download the app", "our app", "support us", "donate",
    ].map { Array($0.utf8) }

    /// The story lines of `text`, normalised (see `Normalizer`).
    public static func lines(of text: String) -> [String] {
        var out: [String] = []
        Normalizer.forEachLine(of: text) { line in
            if isStory(line) { out.append(String(decoding: line, as: UTF8.self)) }
        }
        return out
    }

    /// The story lines joined by one space, as UTF-8 bytes: what signatures are computed on.
    static func bytes(of text: String) -> [UInt8] { blocks(of: text).bytes }

    /// The story lines joined by one space, and where each line (block) ends in those bytes:
    /// the signature keeps which block each shingle came from, to tell text shared over a
    /// story from text shared in one block (a plea, a reused paragraph).
    static func blocks(of text: String) -> (bytes: [UInt8], ends: [Int]) {
        var out: [UInt8] = []
        var ends: [Int] = []
        out.reserveCapacity(text.utf8.count + 16)
        Normalizer.forEachLine(of: text) { line in
            guard isStory(line) else { return }
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: line)
            ends.append(out.count)
        }
        return (out, ends)
    }

    /// A line's identity at constant cost: its length and three 8-byte words (start, middle,
    /// end), mixed. Story lines are 8+ words, so two different lines agreeing on all of that
    /// are one line with an edit inside, which is still the same block for this purpose.
    static func fingerprint(_ line: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard line.count >= 8, let base = line.baseAddress else { return StableHash.fnv1a64(line) }
        let raw = UnsafeRawPointer(base)
        let word = { (at: Int) in UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        var h = StableHash.mix(UInt64(line.count) ^ word(0))
        h = StableHash.mix(h ^ word((line.count - 8) / 2))
        return StableHash.mix(h ^ word(line.count - 8))
    }

    /// The rule described on the type, on one normalised line.
    static func isStory(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let words = 1 + spaceCount(line)
        if words >= alwaysStoryWords { return true }
        guard words >= minimumWords, let last = line.last, Normalizer.isClosing(last) else { return false }
        return !containsChromeMarker(line)
    }

    /// Number of 0x20 bytes, eight at a time.
    private static func spaceCount(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = line.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var count = 0, i = 0
        while i + 8 <= line.count {
            count += SWAR.zeroBytes(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x2020_2020_2020_2020).nonzeroBitCount
            i += 8
        }
        while i < line.count { if base[i] == 0x20 { count += 1 }; i += 1 }
        return count
    }

    /// The first two bytes at `bytes` as one 16-bit key.
    @inline(__always) private static func prefix(_ bytes: UnsafePointer<UInt8>) -> Int { Int(bytes[0]) | Int(bytes[1]) << 8 }

    /// The markers laid out flat for the scan: a bit per 16-bit prefix (words 0..<1024), then per
    /// marker its prefix key, start and length in `markerBytes`.
    private static let markerTable: (bits: [UInt64], keys: [Int], starts: [Int], lengths: [Int], bytes: [UInt8]) = {
        var bits = [UInt64](repeating: 0, count: 1024)
        var keys: [Int] = [], starts: [Int] = [], lengths: [Int] = [], bytes: [UInt8] = []
        for marker in chromeMarkers {
            let key = marker.withUnsafeBufferPointer { prefix($0.baseAddress!) }
            bits[key >> 6] |= 1 << UInt64(key & 63)
            keys.append(key); starts.append(bytes.count); lengths.append(marker.count)
            bytes.append(contentsOf: marker)
        }
        return (bits, keys, starts, lengths, bytes)
    }()

    /// True when the line holds any chrome marker (every marker is at least two bytes): one
    /// pass over the line, a bitmap test per position, a comparison only where a prefix matches.
    private static func containsChromeMarker(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress, line.count >= 2 else { return false }
        let table = markerTable
        return table.bits.withUnsafeBufferPointer { bits in
            table.bytes.withUnsafeBufferPointer { bytes in
                for i in 0..<(line.count - 1) {
                    let key = prefix(base + i)
                    guard bits[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
                    for m in table.keys.indices where table.keys[m] == key && table.lengths[m] <= line.count - i {
                        if memcmp(base + i, bytes.baseAddress! + table.starts[m], table.lengths[m]) == 0 { return true }
                    }
                }
                return false
            }
        }
    }
}

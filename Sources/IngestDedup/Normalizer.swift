import Foundation

/// Canonical form of article text: Unicode NFKC, case folding, one form for quotes, dashes
/// and whitespace. Lines hard-wrapped by a re-flowing site are joined back into paragraphs
/// (a line without closing punctuation followed by one starting in lower case), across blank
/// lines too, so that one paragraph per wrapped line reads as the paragraph it was.
///
///     Normalizer.lines(of: "“Hello”\u{00A0}World") // ["\"hello\" world"]
///
/// ASCII, common punctuation and Latin-1 letters take a table-driven path; any other
/// character sends its line through Foundation's NFKC and case folding.
public enum Normalizer {
    /// The normalised non-empty lines (paragraphs) of `text`, in order.
    public static func lines(of text: String) -> [String] {
        var out: [String] = []
        forEachLine(of: text) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// Calls `body` with the UTF-8 bytes of each normalised non-empty paragraph.
    /// The bytes are only valid during the call.
    static func forEachLine(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var out = ByteBuffer(capacity: utf8.count + 64)
            var previous: Range<Int>? = nil
            var start = 0
            let n = utf8.count
            func flush() {
                if out.last == 0x20 { out.count -= 1 }
                if out.count > 0 { body(out.bytes) }
                out.count = 0
            }
            while start < n {
                let end = memchr(utf8.baseAddress! + start, 0x0A, n - start)
                    .map { utf8.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                // Blank lines do not end a paragraph by themselves: an extractor puts one
                // between every <p>, and a site that hard-wrapped its text puts each wrapped
                // fragment in its own <p>. Whether a line continues the previous one is
                // decided on the text alone.
                let line = trimmed(utf8, start..<end)
                if !line.isEmpty {
                    if let prev = previous, !continues(utf8, previous: prev, next: line) { flush() }
                    append(UnsafeBufferPointer(rebasing: utf8[line]), to: &out)
                    previous = line
                }
                start = end + 1
            }
            flush()
        }
    }

    /// True when `next` continues the paragraph of `previous` (a hard wrap).
    private static func continues(_ utf8: UnsafeBufferPointer<UInt8>, previous: Range<Int>, next: Range<Int>) -> Bool {
        if isClosing(utf8[previous.upperBound - 1]) { return false }
        let first = utf8[next.lowerBound]
        if first < 0x80 { return first >= 0x61 && first <= 0x7A }
        guard let (scalar, _) = decode(UnsafeBufferPointer(rebasing: utf8[next]), at: 0),
              let unicode = Unicode.Scalar(scalar) else { return false }
        return unicode.properties.isLowercase
    }

    /// Sentence-closing bytes: . ! ? : ) " ' and the last UTF-8 byte of ” ’ ».
    static func isClosing(_ b: UInt8) -> Bool {
        switch b {
        case 0x2E, 0x21, 0x3F, 0x3A, 0x29, 0x22, 0x27, 0x9D, 0x99, 0xBB: return true
        default: return false
        }
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

    private static func trimmed(_ utf8: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && isBlank(utf8[lo]) { lo += 1 }
        while hi > lo && isBlank(utf8[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// Appends the canonical form of one raw line plus a separating space.
    private static func append(_ raw: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        let mark = out.count
        if !appendFast(raw, to: &out) {
            out.count = mark
            var slow = String(decoding: raw, as: UTF8.self)
                .precomposedStringWithCompatibilityMapping
                .folding(options: [.caseInsensitive], locale: nil)
            slow.withUTF8 { appendMapped($0, to: &out) }
        }
        if out.count > 0, out.last != 0x20 { out.append(0x20) }
    }

    /// Byte → canonical ASCII byte: lower case, every space-like byte as 0x20, backtick as '.
    private static let asciiTable: [UInt8] = (0..<128).map { (b: Int) -> UInt8 in
        switch b {
        case 0x41...0x5A: return UInt8(b | 0x20)
        case 0x09, 0x0B, 0x0C, 0x0D: return 0x20
        case 0x60: return 0x27
        default: return UInt8(b)
        }
    }

    /// ASCII, a table of punctuation and spaces, and Latin-1 letters, without Foundation.
    /// Returns false when the line holds a character that needs real NFKC or case folding.
    private static func appendFast(_ raw: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) -> Bool {
        // The fast path never writes more bytes than it reads (plus the separator).
        out.reserve(raw.count + 1)
        guard let src = raw.baseAddress else { return true }
        return asciiTable.withUnsafeBufferPointer { table in
            let n = raw.count
            var i = 0
            while i < n {
                i = appendASCII(src, from: i, count: n, table: table, to: &out)
                guard i < n else { break }
                guard let (scalar, width) = decode(raw, at: i) else { return false }
                if appendPunctuation(scalar, to: &out) {
                } else if scalar >= 0xC0 && scalar <= 0xDE && scalar != 0xD7 {
                    appendTwoByte(scalar + 0x20, to: &out)
                } else if scalar == 0xDF {
                    out.append(0x73); out.append(0x73)  // ß folds to "ss"
                } else if scalar >= 0xE0 && scalar <= 0xFF || latin1Stable.contains(scalar) {
                    appendTwoByte(scalar, to: &out)  // already NFKC and caseless or lower case
                } else if isStable(scalar) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i..<i + width]))
                } else {
                    return false
                }
                i += width
            }
            return true
        }
    }

    /// Maps the run of ASCII bytes from `i` through `table`, collapsing runs of spaces, and
    /// returns where it stopped (`n` or a non-ASCII byte). The hot loop of the normaliser:
    /// the output cursor and the last-was-space flag live in registers, the space test is
    /// branch-free, and there is room for every byte (`reserve` by the caller).
    @inline(__always) private static func appendASCII(_ src: UnsafePointer<UInt8>, from start: Int, count n: Int,
                                                      table: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) -> Int {
        let map = table.baseAddress!
        var dst = out.base + out.count
        var lastSpace = out.count == 0 || dst[-1] == 0x20
        var i = start
        let raw = UnsafeRawPointer(src)
        // Eight bytes at a time while they are plain ASCII (no control byte, no backtick) with
        // no two spaces in a row: only upper case needs changing, done in the word.
        while i + 8 <= n {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let spaces = SWAR.zeroBytes(word ^ 0x2020_2020_2020_2020)
            guard word & 0x8080_8080_8080_8080 == 0,
                  (word &+ 0x6060_6060_6060_6060) & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080,
                  SWAR.zeroBytes(word ^ 0x6060_6060_6060_6060) == 0,
                  spaces & (spaces << 8 | (lastSpace ? 0x80 : 0)) == 0 else { break }
            // High bit of each byte in 'A'...'Z': at least 'A' and not above 'Z'.
            let upper = (word &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(word &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
            UnsafeMutableRawPointer(dst).storeBytes(of: (word | upper >> 2).littleEndian, as: UInt64.self)
            dst += 8
            lastSpace = spaces >> 63 != 0
            i += 8
        }
        while i < n {
            let b = src[i]
            if b >= 0x80 { break }
            let c = map[Int(b)]
            dst.pointee = c
            let space = c == 0x20
            dst += (space && lastSpace) ? 0 : 1
            lastSpace = space
            i += 1
        }
        out.count = out.base.distance(to: dst)
        return i
    }

    /// True for a scalar that NFKC with case folding leaves alone and that cannot compose with
    /// its neighbours (not a mark, not a Hangul jamo): lower-case Cyrillic, Greek, CJK, €…
    private static func isStable(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value), !(0x1100...0x11FF).contains(value),
              !(0x3130...0x318F).contains(value) else { return false }
        let p = scalar.properties
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: return !p.changesWhenNFKCCaseFolded && p.canonicalCombiningClass == .notReordered
        }
    }

    /// Latin-1 symbols that NFKC and case folding leave alone: ¡¢£¤¥¦§©¬®°±¶·¿×.
    private static let latin1Stable: Set<UInt32> = [0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA9, 0xAC, 0xAE,
                                                      0xB0, 0xB1, 0xB6, 0xB7, 0xBF, 0xD7]

    /// Applies the ASCII rules and the punctuation table to text already in NFKC and case folded.
    private static func appendMapped(_ raw: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        var i = 0
        while i < raw.count {
            let b = raw[i]
            if b < 0x80 {
                let c = asciiTable[Int(b)]
                if c != 0x20 || (out.count > 0 && out.last != 0x20) { out.append(c) }
                i += 1
                continue
            }
            guard let (scalar, width) = decode(raw, at: i) else { out.append(b); i += 1; continue }
            if !appendPunctuation(scalar, to: &out) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i..<i + width]))
            }
            i += width
        }
    }

    /// One form for quotes, dashes, spaces and the ellipsis; zero-width characters vanish.
    /// Returns false when `s` is not in the table.
    @inline(__always) private static func appendPunctuation(_ s: UInt32, to out: inout ByteBuffer) -> Bool {
        switch s {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A: out.append(0x27)
        case 0x201C, 0x201D, 0x201E, 0x201F, 0xAB, 0xBB: out.append(0x22)
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: out.append(0x2D)
        case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x2028, 0x2029, 0x85:
            if out.count > 0 && out.last != 0x20 { out.append(0x20) }
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD: break
        case 0x2026: out.append(0x2E); out.append(0x2E); out.append(0x2E)
        default: return false
        }
        return true
    }

    /// Appends a scalar in U+0080...U+07FF (two UTF-8 bytes).
    private static func appendTwoByte(_ s: UInt32, to out: inout ByteBuffer) {
        out.append(UInt8(0xC0 | (s >> 6)))
        out.append(UInt8(0x80 | (s & 0x3F)))
    }

    /// Decodes one UTF-8 scalar at `i` (nil when malformed or cut).
    private static func decode(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let b0 = UInt32(raw[i])
        let width: Int
        var s: UInt32
        switch b0 {
        case 0xC2...0xDF: width = 2; s = b0 & 0x1F
        case 0xE0...0xEF: width = 3; s = b0 & 0x0F
        case 0xF0...0xF4: width = 4; s = b0 & 0x07
        default: return nil
        }
        guard i + width <= raw.count else { return nil }
        for k in 1..<width {
            let c = UInt32(raw[i + k])
            guard c & 0xC0 == 0x80 else { return nil }
            s = s << 6 | (c & 0x3F)
        }
        return (s, width)
    }
}

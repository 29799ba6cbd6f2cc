import Foundation

/// Canonical form of article text: Unicode NFKC, case folding, one form for quotes, dashes
/// and whitespace. Lines hard-wrapped by a re-flowing site are joined back into paragraphs.
///
///     Normalizer.lines(of: "“Hello”\u{00A0}World") // ["\"hello\" world"]
public enum Normalizer {
    /// The normalised non-empty lines (paragraphs) of `text`, in order.
    public static func lines(of text: String) -> [String] {
        var out: [String] = []
        forEachLine(of: text) { bytes in out.append(String(decoding: bytes, as: UTF8.self)) }
        return out
    }

    /// Calls `body` with the UTF-8 bytes of each normalised non-empty paragraph line.
    /// The buffer is only valid during the call (it is reused).
    static func forEachLine(of text: String, _ body: (ArraySlice<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var scratch: [UInt8] = []
            scratch.reserveCapacity(1024)
            var pending: Range<Int>? = nil  // raw line range(s) of the paragraph being collected
            var pendingParts: [Range<Int>] = []
            func flush() {
                guard !pendingParts.isEmpty else { return }
                scratch.removeAll(keepingCapacity: true)
                for part in pendingParts { append(utf8, part, to: &scratch) }
                pendingParts.removeAll(keepingCapacity: true)
                if scratch.last == 0x20 { scratch.removeLast() }
                if !scratch.isEmpty { body(scratch[...]) }
            }
            var start = 0
            let n = utf8.count
            while start <= n {
                var end = start
                while end < n && utf8[end] != 0x0A { end += 1 }
                let line = trimmed(utf8, start..<end)
                if line.isEmpty {
                    flush()
                    pending = nil
                } else {
                    if let prev = pending, continues(utf8, previous: prev, next: line) {
                        pendingParts.append(line)
                    } else {
                        flush()
                        pendingParts.append(line)
                    }
                    pending = line
                }
                start = end + 1
            }
            flush()
        }
    }

    /// True when `next` continues the paragraph of `previous`: a hard wrap, not a new paragraph
    /// (the previous line has no closing punctuation and the next one starts in lower case).
    private static func continues(_ utf8: UnsafeBufferPointer<UInt8>, previous: Range<Int>, next: Range<Int>) -> Bool {
        let last = utf8[previous.upperBound - 1]
        if isClosing(last) { return false }
        let first = utf8[next.lowerBound]
        if first < 0x80 { return first >= 0x61 && first <= 0x7A }
        let scalar = String(decoding: UnsafeBufferPointer(rebasing: utf8[next.lowerBound..<min(next.upperBound, next.lowerBound + 4)]), as: UTF8.self).unicodeScalars.first
        return scalar?.properties.isLowercase ?? false
    }

    /// Sentence-closing bytes: . ! ? : ) and the last byte of ” ’ » (UTF-8 0x9D, 0x99, 0xBB) and ASCII quotes.
    static func isClosing(_ b: UInt8) -> Bool {
        switch b {
        case 0x2E, 0x21, 0x3F, 0x3A, 0x29, 0x22, 0x27, 0x9D, 0x99, 0xBB: return true
        default: return false
        }
    }

    private static func trimmed(_ utf8: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && (utf8[lo] == 0x20 || utf8[lo] == 0x09 || utf8[lo] == 0x0D) { lo += 1 }
        while hi > lo && (utf8[hi - 1] == 0x20 || utf8[hi - 1] == 0x09 || utf8[hi - 1] == 0x0D) { hi -= 1 }
        return lo..<hi
    }

    /// Appends the canonical form of one raw line plus a separating space to `out`.
    private static func append(_ utf8: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, to out: inout [UInt8]) {
        let raw = UnsafeBufferPointer(rebasing: utf8[r])
        let mark = out.count
        if appendFast(raw, to: &out) == false {
            out.removeSubrange(mark...)
            let slow = String(decoding: raw, as: UTF8.self)
                .precomposedStringWithCompatibilityMapping
                .folding(options: [.caseInsensitive], locale: nil)
            var s = slow
            s.withUTF8 { appendMapped($0, to: &out) }
        }
        if out.count > mark, out.last != 0x20 { out.append(0x20) }
    }

    /// ASCII and a table of common punctuation, spaces and Latin-1 letters without Foundation.
    /// Returns false when the line holds a character that needs real NFKC or case folding.
    private static func appendFast(_ raw: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var i = 0
        let n = raw.count
        while i < n {
            let b = raw[i]
            if b < 0x80 {
                appendASCII(b, to: &out)
                i += 1
                continue
            }
            guard let (scalar, width) = decode(raw, at: i) else { return false }
            if let mapped = punctuation(scalar) {
                for m in mapped { appendASCII(m, to: &out) }
            } else if scalar >= 0xC0 && scalar <= 0xDE && scalar != 0xD7 {
                appendScalar(scalar + 0x20, to: &out)
            } else if scalar == 0xDF {
                out.append(0x73); out.append(0x73)  // ß folds to "ss"
            } else if scalar >= 0xE0 && scalar <= 0xFF && scalar != 0xF7 {
                appendScalar(scalar, to: &out)
            } else {
                return false
            }
            i += width
        }
        return true
    }

    /// Applies the punctuation table to text that is already NFKC and case folded.
    private static func appendMapped(_ raw: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var i = 0
        while i < raw.count {
            let b = raw[i]
            if b < 0x80 { appendASCII(b, to: &out); i += 1; continue }
            guard let (scalar, width) = decode(raw, at: i) else { out.append(b); i += 1; continue }
            if let mapped = punctuation(scalar) {
                for m in mapped { appendASCII(m, to: &out) }
            } else {
                out.append(contentsOf: raw[i..<i + width])
            }
            i += width
        }
    }

    /// Lower-cases ASCII and collapses every space-like byte into one space.
    @inline(__always) private static func appendASCII(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case 0x41...0x5A: out.append(b | 0x20)
        case 0x20, 0x09, 0x0B, 0x0C, 0x0D:
            if let last = out.last, last != 0x20 { out.append(0x20) }
        case 0x60: out.append(0x27)  // backtick used as an opening quote
        default: out.append(b)
        }
    }

    /// One form for quotes, dashes, spaces and the ellipsis; zero-width characters vanish.
    private static func punctuation(_ s: UInt32) -> [UInt8]? {
        switch s {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A: return [0x27]
        case 0x201C, 0x201D, 0x201E, 0x201F, 0xAB, 0xBB: return [0x22]
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return [0x2D]
        case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x2028, 0x2029, 0x85: return [0x20]
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD: return []
        case 0x2026: return [0x2E, 0x2E, 0x2E]
        default: return nil
        }
    }

    private static func appendScalar(_ s: UInt32, to out: inout [UInt8]) {
        // Only called for U+0080...U+07FF here: two UTF-8 bytes.
        out.append(UInt8(0xC0 | (s >> 6)))
        out.append(UInt8(0x80 | (s & 0x3F)))
    }

    /// Decodes one UTF-8 scalar at `i` (nil when malformed).
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Script and style bodies are ~45 % of a page's bytes, and libxml2's HTML parser reads them a
/// character at a time only for `walkHTML` to drop them. `CodeTrimmer` replaces each body
/// with a short marker before parsing. Where a script starts depends on the parser's state
/// (comments, attribute values, misnested tags), which a byte scan can only guess, so the
/// guess is checked by the parser itself: every marker must come back as the whole body of a
/// script or style element, else the page is parsed again untouched.
///
/// When every marker is such a body, the two parses are the same: they read the same bytes
/// up to the first body, where both are in that element's script mode; libxml2 ends script
/// mode at the first `</name`, which the scan searched for and kept, and a body that starts
/// with `<` (which the parser reads as markup before script mode) is never replaced.
public struct CodeTrimmer {
    /// What a replaced body becomes: private-use characters no page is expected to hold
    /// (a page that does is parsed untouched).
    static let marker: [UInt8] = Array("\u{F8FF}ingest-code\u{F8FF}".utf8)
    /// Bodies shorter than this are left alone: a shorter cut saves little.
    static let minimumBody = 256

    /// The bytes to parse, and how many bodies were replaced (zero: the input itself).
    let bytes: [UInt8]
    let replaced: Int

    /// Scans `input` (valid UTF-8 without a byte-order mark, as the parser gets it) for
    /// `<script>` and `<style>` bodies outside comments; JSON-LD scripts keep theirs.
    init(_ input: [UInt8]) {
        var output: [UInt8] = []
        var replaced = 0
        input.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, CodeTrimmer.find(CodeTrimmer.marker, in: buffer, from: 0) == nil else { return }
            let count = buffer.count
            var copied = 0, read = 0
            func lower(_ at: Int) -> UInt8 { at < count ? buffer[at] | 0x20 : 0 }
            func matches(_ word: StaticString, at: Int) -> Bool {
                let length = word.utf8CodeUnitCount
                guard at + length <= count else { return false }
                for offset in 0..<length where lower(at + offset) != word.utf8Start[offset] { return false }
                return true
            }
            while read < count, let found = memchr(base + read, 0x3C, count - read) {
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                read = at + 1
                if matches("!--", at: at + 1) {
                    // A comment ends at the first "-->" as libxml2 reads it; unterminated, stop.
                    guard let end = CodeTrimmer.find(Array("-->".utf8), in: buffer, from: at + 4) else { break }
                    read = end + 3
                    continue
                }
                let name: StaticString
                if matches("script", at: at + 1) { name = "script" } else if matches("style", at: at + 1) { name = "style" } else { continue }
                let afterName = at + 1 + name.utf8CodeUnitCount
                guard afterName < count, [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3E, 0x2F].contains(buffer[afterName]) else { continue }
                // The start tag ends at the first `>` outside a quoted attribute value.
                var end = afterName, quote: UInt8 = 0
                while end < count {
                    let byte = buffer[end]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == 0x22 || byte == 0x27 {
                        quote = byte
                    } else if byte == 0x3E {
                        break
                    }
                    end += 1
                }
                guard end < count else { break }
                read = end + 1
                // `<script … />` has no body; JSON-LD is read; a body starting with `<` is markup first.
                if buffer[end - 1] == 0x2F || CodeTrimmer.containsJSONLD(buffer, at ..< end) { continue }
                let bodyStart = end + 1
                guard bodyStart < count, buffer[bodyStart] != 0x3C else { continue }
                // The body runs to the first `</name`, any case; without one it runs to the end.
                var close = bodyStart
                var closing: Int?
                while close < count, let next = memchr(base + close, 0x3C, count - close) {
                    let lt = base.distance(to: next.assumingMemoryBound(to: UInt8.self))
                    if lt + 1 < count, buffer[lt + 1] == 0x2F, matches(name, at: lt + 2) {
                        closing = lt
                        break
                    }
                    close = lt + 1
                }
                guard let closing else { break }
                read = closing
                guard closing - bodyStart >= CodeTrimmer.minimumBody else { continue }
                if output.isEmpty { output.reserveCapacity(count) }
                output.append(contentsOf: buffer[copied ..< bodyStart])
                output.append(contentsOf: CodeTrimmer.marker)
                copied = closing
                replaced += 1
            }
            if replaced > 0 { output.append(contentsOf: buffer[copied...]) }
        }
        self.bytes = replaced > 0 ? output : input
        self.replaced = replaced
    }

    /// Whether a start tag's bytes mention JSON-LD ("ld+json", any case).
    static func containsJSONLD(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let word = Array("ld+json".utf8)
        guard range.count >= word.count else { return false }
        return (range.lowerBound ... range.upperBound - word.count).contains { start in
            word.indices.allSatisfy { buffer[start + $0] | 0x20 == word[$0] }
        }
    }

    /// The first position of `needle` in `buffer` at or after `from` (IngestExtract's
    /// `ReactStream` searches with it too).
    public static func find(_ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = buffer.baseAddress, let first = needle.first else { return nil }
        var at = from
        while at + needle.count <= buffer.count, let found = memchr(base + at, Int32(first), buffer.count - at) {
            let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard start + needle.count <= buffer.count else { return nil }
            if needle.withUnsafeBytes({ memcmp(base + start, $0.baseAddress!, needle.count) == 0 }) { return start }
            at = start + 1
        }
        return nil
    }
}

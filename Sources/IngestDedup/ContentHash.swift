/// The `content_hash` of an article: `sha256:<hex>` of its normalised text (every non-empty
/// line in `Normalizer` form, joined by "\n"), so copies that differ only in quotes, case,
/// Unicode forms, spacing or line wrapping share one hash.
///
///     ContentHash.of("Hello, World") // "sha256:…" equal to ContentHash.of("hello,  world")
public enum ContentHash {
    /// `sha256:` followed by 64 lower-case hex digits.
    public static func of(_ text: String) -> String {
        var hasher = SHA256()
        var first = true
        Normalizer.forEachLine(of: text) { line in
            if !first { hasher.update(CollectionOfOne(0x0A)) }
            hasher.update(buffer: line)
            first = false
        }
        return "sha256:" + hex(hasher.finalize())
    }

    /// Lower-case hexadecimal of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import CCrypto

/// The digests WARC writers put in `WARC-Block-Digest` and `WARC-Payload-Digest`: SHA-1 in
/// base32 (RFC 4648, upper case, no padding needed for 20 bytes), labelled `sha1:`, as
/// Heritrix, wget, warcio and Common Crawl write them.
///
///     WARCDigest.sha1(Array("abc".utf8))   // "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5"
///
/// SHA-1 comes from OpenSSL's libcrypto, which libcurl already links: a well-kept
/// implementation at no build cost (see docs/warc.md).
public enum WARCDigest {
    /// `sha1:` and the base32 SHA-1 of `bytes`.
    public static func sha1<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        "sha1:" + base32(sha1Bytes(bytes))
    }

    /// The 20-byte SHA-1 of `bytes`.
    public static func sha1Bytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        let hashed: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            _ = SHA1(buffer.baseAddress, buffer.count, &digest)
        }
        if hashed == nil {
            let copy = Array(bytes)
            _ = copy.withUnsafeBufferPointer { SHA1($0.baseAddress, $0.count, &digest) }
        }
        return digest
    }

    /// RFC 4648 base32 (alphabet A–Z 2–7), `=`-padded to a multiple of 8 characters.
    public static func base32(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 4) / 5 * 8)
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt64(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(buffer >> UInt64(bits) & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt64(5 - bits) & 31)]) }
        while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) }
        return String(decoding: out, as: UTF8.self)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
}

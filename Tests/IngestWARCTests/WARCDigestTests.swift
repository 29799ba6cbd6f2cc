import Testing
@testable import IngestWARC

@Suite struct WARCDigestTests {
    // RFC 4648 §10 test vectors.
    @Test(arguments: [("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
                      ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======")])
    func base32MatchesRFC4648(_ input: String, _ expected: String) {
        #expect(WARCDigest.base32(Array(input.utf8)) == expected)
    }

    // FIPS 180 known answers (hex), and their base32 form as WARC writers print them.
    @Test func sha1KnownAnswers() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
        #expect(hex(WARCDigest.sha1Bytes(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(WARCDigest.sha1Bytes([UInt8]())) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(hex(WARCDigest.sha1Bytes(million)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        #expect(WARCDigest.sha1(Array("abc".utf8)) == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")
        // A non-contiguous collection hashes the same as its array.
        #expect(WARCDigest.sha1(Array("abc".utf8).lazy.map { $0 }) == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")
    }
}

import Foundation
import Testing
@testable import IngestDedup

@Suite struct ContentHashTests {
    private func hex(_ bytes: [UInt8]) -> String { ContentHash.hex(bytes) }

    @Test func sha256MatchesFIPS180Vectors() {
        #expect(hex(SHA256.hash("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256IsTheSameFedInPiecesOrAtOnce() {
        let bytes = [UInt8](repeating: 0x61, count: 1000)
        var pieces = SHA256()
        pieces.update(bytes[0..<1])
        pieces.update(bytes[1..<130])
        bytes[130...].withUnsafeBufferPointer { pieces.update(buffer: $0) }
        #expect(hex(pieces.finalize()) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(hex(SHA256.hash(bytes)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// Golden value computed outside Swift (Python hashlib on the expected normal form).
    @Test func contentHashIsStableAcrossRuns() {
        let text = fixture("golden-hash-input.txt")
        #expect(Normalizer.lines(of: text) == ["\"hello\" world - a test of re-flowed text...", "strasse école fi"])
        #expect(ContentHash.of(text) == "sha256:a1003ade4f0eec112b224002713336a39a90de69adff3152c766defbb3735095")
    }

    /// The table-driven path must agree with Foundation's NFKC + case folding on every script.
    @Test(arguments: ["Привет, МИР и мир", "Ελληνικά ΚΕΙΜΕΝΟ", "東京で会議 ２０２４年", "Ça coûte 5 € – ½ ﬁn",
                      "e\u{0301}te\u{0301} Ångström", "한국어 텍스트", "Straße ǅemal Ǆ", "x\u{00A8}y ™ ℌ"])
    func fastPathAgreesWithFoundation(text: String) {
        let reference = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        #expect(Normalizer.lines(of: text) == Normalizer.lines(of: reference))
    }

    @Test func normalisationUnifiesQuotesDashesSpacesAndCase() {
        #expect(ContentHash.of("‘Quote’ — “Dash”\u{00A0}\u{00A0}x") == ContentHash.of("'quote' - \"dash\" X"))
        #expect(ContentHash.of("Café") == ContentHash.of("CAFE\u{0301}"))  // NFKC composes, case folds
        #expect(ContentHash.of("one story") != ContentHash.of("another story"))
    }
}

import Foundation
import Testing
@testable import IngestStore

@Suite struct RecordCodingTests {
    static let awkwardTexts = [
        "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\r\n", "control \u{01}\u{1F} bell \u{07}",
        "accents é ü ß, cyrillic ж, CJK 中文", "emoji 🗞️👍🏽", "separators \u{2028}\u{2029}", "",
    ]

    private func revision(text: String, title: String?) -> CopyRevision {
        CopyRevision(seq: 7, firstSeq: 3, id: "copy \"x\"", story: "story\\1", url: "https://a.test/?q=1&r=/", title: title,
                     text: text, authors: ["A \"B\"", "C\nD"], published: nil, modified: "2026-01-01T00:00:00Z",
                     site: nil, language: "en", description: text, source: "feed", firstSeen: "2026-01-01T00:00:00Z",
                     updated: "2026-01-02T00:00:00Z", contentHash: "sha256:ab", revision: 2, deleted: false)
    }

    @Test(arguments: awkwardTexts)
    func theFastLineIsTheJSONThatCodableReads(text: String) throws {
        let original = revision(text: text, title: text.isEmpty ? nil : text)
        #expect(try JSONDecoder().decode(CopyRevision.self, from: original.jsonLine) == original)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let codable = try encoder.encode(original)
        #expect(codable.withUnsafeBytes { CopyRevision(line: $0) } == original)
    }

    @Test func escapedUnicodeIsDecoded() {
        let line = Data(#"{"a":"caf\u00e9 \ud83d\udcf0 \"q\" \/ \\","b":[],"c":true}"#.utf8)
        let values = line.withUnsafeBytes { FieldScanner(keys: ["c", "a"]).scan($0) }
        #expect(values?[1].string == "café 📰 \"q\" / \\")
        #expect(values?[0].bool == true)
    }

    /// Lone surrogates (only a hand-edited line has them) become U+FFFD; nothing vanishes and
    /// no later character is paired with the wrong surrogate.
    @Test(arguments: [
        (#"\ud83d x"#, "\u{FFFD} x"), (#"\udcf0"#, "\u{FFFD}"), (#"\ud83d\ud83d\udcf0"#, "\u{FFFD}📰"),
        (#"\ud83d\n\udcf0"#, "\u{FFFD}\n\u{FFFD}"), (#"end \ud83d"#, "end \u{FFFD}"),
    ])
    func loneSurrogatesBecomeReplacementCharacters(escaped: String, decoded: String) {
        let line = Data((#"{"a":""# + escaped + #""}"#).utf8)
        #expect(line.withUnsafeBytes { FieldScanner(keys: ["a"]).scan($0) }?[0].string == decoded)
    }

    @Test func brokenLinesAreNotRecords() {
        for text in [#"{"a":"unterminated}"#, #"["not","an","object"]"#, "", #"{"a":"\u12"}"#, "\0\0\0"] {
            #expect(Data(text.utf8).withUnsafeBytes { CopyRevision(line: $0) } == nil)
        }
    }
}

import Foundation
import IngestCore
import Testing
@testable import IngestStore

@Suite struct RecordCodingTests {
    static let awkwardTexts = [
        "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\r\n", "control \u{01}\u{1F} bell \u{07}",
        "accents é ü ß, cyrillic ж, CJK 中文", "emoji 🗞️👍🏽", "separators \u{2028}\u{2029}", "",
    ]

    private func revision(text: String, title: String?) -> CopyRevision {
        CopyRevision(seq: 7, firstSeq: 3, id: "copy \"x\"", story: "story\\1", url: "https://a.test/?q=1&r=/",
                     metadata: ArticleMetadata(title: title, authors: ["A \"B\"", "C\nD"], published: nil,
                                               modified: "2026-01-01T00:00:00Z", site: nil, language: "en",
                                               description: text, byline: "A \"B\" & C\nD"),
                     text: text, source: "feed", firstSeen: "2026-01-01T00:00:00Z",
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

    /// A source line written before backoff was kept reads with no `failingSince`, and one
    /// failure if it recorded an error; a failing state written now round-trips.
    @Test(arguments: [
        (#"{"name":"a","last_result":"ok","next_poll":"2026-01-01T00:10:00Z"}"#, nil as String?, 0, nil as String?),
        (#"{"name":"a","last_result":"HTTP 500 from x"}"#, "HTTP 500 from x", 1, nil),
        (#"{"name":"a","last_result":"HTTP 500 from x","failing_since":"2026-01-01T00:00:00Z","failures":4}"#,
         "HTTP 500 from x", 4, "2026-01-01T00:00:00Z"),
    ])
    func sourceLinesOldAndNewRead(line: String, error: String?, failures: Int, since: String?) throws {
        let state = try JSONDecoder().decode(SourceRecord.self, from: Data(line.utf8)).state
        #expect(state.lastError == error && state.failures == failures)
        #expect(state.failingSince == since.flatMap(Timestamp.date))
        #expect(SourceRecord(SourceRecord(state).state) == SourceRecord(state))
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

@Suite struct FetchStateLineTests {
    static let states = [
        FetchRecord(url: "https://a.test/1"),
        FetchRecord(url: "https://a.test/2?q=\"x\"", copy: "https://a.test/2", etag: "W/\"abc\"", lastModified: "Sun, 22 Nov 2026 04:00:00 GMT",
                   lastChecked: "2026-11-22T04:02:57Z", failures: 3, aliases: ["guid:feed|1", "https://a.test/2?utm_source=x"],
                   alias: true, source: "feed \\ one", allowPrivate: true, firstSeen: "2026-11-20T00:00:00Z",
                   published: "2026-11-19T23:59:59Z", gone: true),
    ]

    /// The fast reader gives what JSONDecoder gives, on the line the store writes.
    @Test(arguments: states)
    func fastLineReadsWhatCodableWrites(state: FetchRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = try encoder.encode(state)
        #expect(line.withUnsafeBytes { FetchRecord(line: $0) } == state)
        #expect(try JSONDecoder().decode(FetchRecord.self, from: line) == state)
    }

    /// A line from a binary that had `content_hash` in its states reads, the field ignored,
    /// with both readers.
    @Test func aLineWithTheOldContentHashFieldStillReads() throws {
        let line = Data(#"{"aliases":["guid-1"],"content_hash":"sha256:ab","copy":"c","failures":0,"url":"https://a.test/1"}"#.utf8)
        let expected = FetchRecord(url: "https://a.test/1", copy: "c", aliases: ["guid-1"])
        #expect(line.withUnsafeBytes { FetchRecord(line: $0) } == expected)
        #expect(try JSONDecoder().decode(FetchRecord.self, from: line) == expected)
    }

    @Test func linesWithoutURLOrFailuresAreNotFetchStates() {
        for text in [#"{"failures":0,"aliases":[]}"#, #"{"url":"https://a.test/","aliases":[]}"#, "not json"] {
            #expect(Data(text.utf8).withUnsafeBytes { FetchRecord(line: $0) } == nil)
        }
    }
}

@Suite struct StoreTimeTests {
    /// Every store timestamp reads back as its date, across centuries, leap days and month ends.
    @Test func timestampsRoundTrip() {
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 4_102_444_800 {      // 2100-01-01
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(Timestamp.date(Timestamp.string(date)) == date)
            seconds += 86_400 * 13 + 3_607   // steps through every weekday, month end and hour
        }
        #expect(Timestamp.date("2024-02-29T23:59:59Z") == Date(timeIntervalSince1970: 1_709_251_199))
    }

    @Test func impossibleDatesAreRejected() {
        for text in ["2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-22T24:00:00Z",
                     "2026-11-22T04:60:00Z", "2026-1x-22T04:02:57Z", "1900-02-29T00:00:00Z", ""] {
            #expect(Timestamp.date(text) == nil, "\(text)")
        }
    }

    /// Other ISO 8601 forms still parse, through Foundation.
    @Test func otherFormsFallBackToFoundation() {
        #expect(Timestamp.date("2026-11-22T06:02:57+02:00") == Timestamp.date("2026-11-22T04:02:57Z"))
    }
}

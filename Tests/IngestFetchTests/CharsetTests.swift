#if canImport(Glibc)
import Glibc
#endif
import IngestCore
import IngestTesting
import Testing
@testable import IngestFetch

@Suite struct CharsetTests {
    struct Case: Sendable, CustomStringConvertible {
        let fixture: String
        let contentType: String?
        let charset: String
        let contains: String
        var description: String { fixture }
    }

    static let fixtures: [Case] = [
        Case(fixture: "windows-1251-meta-only.html", contentType: "text/html", charset: "windows-1251", contains: "Привет, мир"),
        Case(fixture: "koi8-r-http-equiv.html", contentType: nil, charset: "KOI8-R", contains: "Привет, мир"),
        Case(fixture: "utf8-no-label.html", contentType: "text/html", charset: "UTF-8", contains: "Ünïcödé — “quotes” 日本"),
        Case(fixture: "latin1-meta.html", contentType: nil, charset: "windows-1252", contains: "Café — naïve"),
        // A BOM beats the <meta> that says windows-1251.
        Case(fixture: "utf8-bom.html", contentType: "text/html; charset=windows-1251", charset: "UTF-8", contains: "<html><head>"),
        Case(fixture: "utf16le-bom.html", contentType: nil, charset: "UTF-16LE", contains: "<p>Привет</p>"),
        // A <meta> past the first 1024 bytes, still in the head, is read, but valid multi-byte UTF-8 beats it.
        Case(fixture: "utf8-meta-after-1024.html", contentType: nil, charset: "UTF-8", contains: "<p>Café</p>"),
        // The HTTP header beats the <meta>.
        Case(fixture: "windows-1251-meta-only.html", contentType: "text/html; charset=KOI8-R", charset: "KOI8-R", contains: "<html>"),
    ]

    @Test(arguments: fixtures)
    func detectsAndTranscodesFixtures(_ c: Case) throws {
        let bytes = Fixture.bytes("charset/\(c.fixture)")
        let (utf8, charset) = Charset.decode(bytes, contentType: c.contentType)
        #expect(charset == c.charset)
        let text = String(decoding: utf8, as: UTF8.self)
        #expect(text.contains(c.contains))
        #expect(!text.hasPrefix("\u{FEFF}"), "the BOM is dropped")
    }

    @Test func invalidUTF8WithoutLabelFallsBackToWindows1252() throws {
        let bytes = Fixture.bytes("charset/invalid-utf8.html")
        #expect(!Charset.isValidUTF8(bytes))
        let (utf8, charset) = Charset.decode(bytes, contentType: "text/html")
        #expect(charset == "windows-1252")
        #expect(Charset.isValidUTF8(utf8))
        #expect(String(decoding: utf8, as: UTF8.self).contains("ÿ broken"))  // 0xFF in windows-1252
    }

    /// Valid multi-byte UTF-8 is read as UTF-8 whatever its label says: a page that kept a
    /// legacy `<meta>` or is served with a server's default charset.
    @Test(arguments: [
        ("<meta charset=gb2312><p>谷歌在2014年收购的人工智能公司</p>", nil, "谷歌在2014年收购"),
        ("<p>Café — naïve</p>", "text/html; charset=ISO-8859-1", "Café — naïve"),
    ] as [(String, String?, String)])
    func validUTF8BeatsALegacyLabel(_ page: String, _ contentType: String?, _ text: String) {
        let (utf8, charset) = Charset.decode(Array(page.utf8), contentType: contentType)
        #expect(charset == "UTF-8")
        #expect(String(decoding: utf8, as: UTF8.self).contains(text))
    }

    /// Bytes with no multi-byte sequence keep their label: ASCII reads the same in any ASCII
    /// charset, and legacy bytes are not UTF-8.
    @Test func asciiAndLegacyBytesKeepTheirLabel() {
        #expect(Charset.detect(Array("<meta charset=koi8-r><p>plain</p>".utf8), contentType: nil) == "KOI8-R")
        let windows1251: [UInt8] = Array("<meta charset=windows-1251><p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
        #expect(Charset.detect(windows1251, contentType: nil) == "windows-1251")
    }

    /// A `<meta>` after a long head (scripts, styles) still names the charset, as a browser's
    /// parser changes to it; past the first 1024 bytes, not once the body has begun.
    @Test func aMetaLaterInTheHeadNamesTheCharset() {
        let script = "<script>var x = '" + String(repeating: "a", count: 2000) + "';</script>"
        // "Kışın" in windows-1254, which a guess from the bytes would read as windows-1252 ("Kýþýn").
        let text: [UInt8] = Array("<p>K".utf8) + [0xFD, 0xFE, 0xFD] + Array("n</p>".utf8)
        let late = Array("<html><head>\(script)<meta charset=windows-1254></head><body>".utf8) + text
        let (utf8, charset) = Charset.decode(late, contentType: nil)
        #expect(charset == "windows-1254")
        #expect(String(decoding: utf8, as: UTF8.self).contains("Kışın"))
        #expect(MetaPrescan.charsetLabel(in: Array("<html><head>\(script)</head><body><meta charset=koi8-r>".utf8)) == nil)
        #expect(MetaPrescan.charsetLabel(in: Array("<html><body><meta charset=koi8-r>".utf8)) == "koi8-r")
    }

    @Test func invalidBytesDeclaredAsUTF8BecomeReplacementCharacters() throws {
        let bytes = Fixture.bytes("charset/invalid-utf8.html")
        let text = String(decoding: Charset.transcode(bytes, from: "utf-8"), as: UTF8.self)
        #expect(text.contains("Café \u{FFFD} broken \u{FFFD}"))
    }

    @Test func invalidSequencesInMultiByteCharsetsAreReplacedNotFatal() {
        // Shift_JIS lead byte 0x81 followed by an invalid trail byte, then truncated at the end.
        let bytes: [UInt8] = Array("ok ".utf8) + [0x81, 0x20] + Array(" end".utf8) + [0x82]
        let text = String(decoding: Charset.transcode(bytes, from: "shift_jis"), as: UTF8.self)
        #expect(text.hasPrefix("ok "))
        #expect(text.contains("end"))
        #expect(text.contains("\u{FFFD}"))
    }

    @Test(arguments: [
        ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"), ("us-ascii", "windows-1252"),
        (" UTF8 ", "UTF-8"), ("utf-8", "UTF-8"), ("cp1251", "windows-1251"), ("x-sjis", "Shift_JIS"),
        ("gb2312", "GBK"), ("koi8_r", "KOI8-R"), ("iso-8859-8-i", "ISO-8859-8-I"), ("utf-16", "UTF-16LE"),
    ])
    func normalisesLabelsAsBrowsersDo(_ label: String, _ expected: String) {
        #expect(Charset.normalize(label) == expected)
    }

    @Test func unknownLabelsAreIgnored() {
        #expect(Charset.normalize("klingon") == nil)
        // An unknown header label falls through to the <meta> and then to UTF-8 validity.
        #expect(Charset.detect(Array("<p>é</p>".utf8), contentType: "text/html; charset=klingon") == "UTF-8")
    }

    @Test func metaDeclaringUTF16MeansUTF8() {
        #expect(Charset.detect(Array("<meta charset=utf-16><p>x</p>".utf8), contentType: nil) == "UTF-8")
    }

    @Test(arguments: [
        ("<meta charset=\"windows-1251\">", "windows-1251"),
        ("<META CHARSET=KOI8-R>", "koi8-r"),
        ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset='iso-8859-2'\">", "iso-8859-2"),
        ("<meta content=\"text/html; charset=cp1251\" http-equiv=content-type>", "cp1251"),
        ("<!-- <meta charset=koi8-r> --><meta charset=utf-8>", "utf-8"),
        ("<div title='<meta charset=koi8-r>'><meta charset=cp1250>", "cp1250"),
        ("<meta name=description content=\"charset=koi8-r\">", nil),
        ("<metadata charset=koi8-r>", nil),
    ] as [(String, String?)])
    func prescansMetaTags(_ html: String, _ label: String?) {
        #expect(MetaPrescan.charsetLabel(in: Array(html.utf8)) == label)
    }

    @Test func readsTheEncodingOfAnXMLDeclaration() {
        let feed: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><title>".utf8) + [0xCF, 0xF0, 0xE8]
            + Array("</title></rss>".utf8)
        let (utf8, charset) = Charset.decode(feed, contentType: "application/rss+xml")
        #expect(charset == "windows-1251")
        #expect(String(decoding: utf8, as: UTF8.self).contains("<title>При</title>"))
        #expect(Charset.xmlDeclarationEncoding(Array("<?xml version='1.0'?><a/>".utf8)) == nil)
        #expect(Charset.detect(Array("<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>".utf8), contentType: "text/xml; charset=utf-8") == "UTF-8")
    }

    /// A page that names no charset and is not UTF-8 is read in the legacy charset its bytes
    /// read best in (`CharsetGuess`): each script's text, encoded in its charset, comes back.
    /// Two paragraphs: a few accented words are not evidence enough to leave windows-1252.
    @Test(arguments: [
        ("windows-1251", "CP1251", "В Москве представили новое исследование. Учёные считают, что открытие изменит медицину."),
        ("KOI8-R", "KOI8-R", "В Москве представили новое исследование. Учёные считают, что открытие изменит медицину."),
        ("windows-1253", "CP1253", "Στην Αθήνα παρουσιάστηκε μια νέα μελέτη. Οι ερευνητές λένε ότι θα αλλάξει την ιατρική."),
        ("windows-1255", "CP1255", "בירושלים הוצג מחקר חדש. החוקרים אומרים שהתגלית תשנה את הרפואה."),
        ("windows-1256", "CP1256", "قدم الباحثون في القاهرة دراسة جديدة. ويقول العلماء إن الاكتشاف سيغير الطب."),
        ("windows-874", "CP874", "นักวิจัยในกรุงเทพฯ ได้นำเสนองานวิจัยใหม่ พวกเขากล่าวว่าการค้นพบนี้จะเปลี่ยนการแพทย์"),
        ("windows-1250", "CP1250", "Naukowcy z Krakowa przedstawili nowe badanie. Twierdzą, że odkrycie zmieni medycynę. Zażółć gęślą jaźń."),
        ("ISO-8859-2", "ISO-8859-2", "Naukowcy z Krakowa przedstawili nowe badanie. Twierdzą, że odkrycie zmieni medycynę. Zażółć gęślą jaźń."),
        ("Shift_JIS", "SHIFT_JIS", "東京で新しい研究が発表された。研究者たちは、この発見が医療を変えると述べている。"),
        ("EUC-JP", "EUC-JP", "東京で新しい研究が発表された。研究者たちは、この発見が医療を変えると述べている。"),
        ("GBK", "GBK", "北京发布了一项新的研究。研究人员表示，这一发现将对未来的医学产生重大影响。"),
        ("Big5", "BIG5", "臺北發佈了一項新的研究。研究人員表示，這一發現將對未來的醫學產生重大影響。"),
        ("EUC-KR", "EUC-KR", "서울에서 새로운 연구가 발표되었다. 연구자들은 이 발견이 미래 의학을 바꿀 것이라고 말했다."),
        // Western text stays windows-1252, the standard's fallback.
        ("windows-1252", "CP1252", "Le président a annoncé une réforme économique très attendue. Die Größe der Übung überrascht."),
    ])
    func unlabelledLegacyBytesAreReadInTheCharsetTheyReadBestIn(_ charset: String, _ table: String, _ text: String) throws {
        let page = try #require(Self.encoded("<html><head><title>News</title></head><body><p>\(text)</p><p>\(text)</p></body></html>", to: table))
        let (utf8, detected) = Charset.decode(page, contentType: "text/html")
        #expect(detected == charset)
        #expect(String(decoding: utf8, as: UTF8.self).contains(text))
    }

    /// Unlabelled 7-bit bytes that escape into JIS X 0208 are ISO-2022-JP; other 7-bit bytes,
    /// escapes of a terminal's colours included, stay UTF-8.
    @Test func unlabelledISO2022JPIsRecognisedByItsEscapes() throws {
        let text = "東京で新しい研究が発表された。"
        let page = try #require(Self.encoded("<p>\(text)</p>", to: "ISO-2022-JP"))
        let (utf8, charset) = Charset.decode(page, contentType: nil)
        #expect(charset == "ISO-2022-JP")
        #expect(String(decoding: utf8, as: UTF8.self).contains(text))
        #expect(Charset.detect(Array("<pre>\u{1B}[31mred\u{1B}[0m</pre>".utf8), contentType: nil) == "UTF-8")
    }

    /// A windows-1252 label (a server's default `ISO-8859-1`) gives way to bytes that read
    /// clearly better in another charset; Western bytes keep it, and other labels stand.
    @Test func aLatin1LabelGivesWayToBytesThatReadAsAnotherScript() throws {
        let russian = "В Москве представили новое исследование. Учёные считают, что открытие изменит медицину."
        let page = try #require(Self.encoded("<p>\(russian)</p><p>\(russian)</p>", to: "CP1251"))
        #expect(Charset.detect(page, contentType: "text/html; charset=ISO-8859-1") == "windows-1251")
        #expect(Charset.detect(Array("<meta charset=iso-8859-1>".utf8) + page, contentType: nil) == "windows-1251")
        #expect(Charset.detect(page, contentType: "text/html; charset=KOI8-R") == "KOI8-R")
        let french = try #require(Self.encoded("<p>Le président a annoncé une réforme économique très attendue.</p>", to: "CP1252"))
        #expect(Charset.detect(french, contentType: "text/html; charset=ISO-8859-1") == "windows-1252")
    }

    /// A UTF-8 label on bytes without a single UTF-8 sequence is a template's over legacy text:
    /// the bytes decide. UTF-8 text with a broken byte keeps its label.
    @Test func aUTF8LabelOnLegacyBytesGivesWayToTheBytes() throws {
        let russian = "В Москве представили новое исследование. Учёные считают, что открытие изменит медицину."
        let legacy = try #require(Self.encoded("<meta charset=utf-8><p>\(russian)</p><p>\(russian)</p>", to: "CP1251"))
        let (utf8, charset) = Charset.decode(legacy, contentType: "text/html; charset=utf-8")
        #expect(charset == "windows-1251")
        #expect(String(decoding: utf8, as: UTF8.self).contains(russian))
        let broken = Array("<meta charset=utf-8><p>Café ".utf8) + [0xFF] + Array(" naïve</p>".utf8)
        #expect(Charset.detect(broken, contentType: nil) == "UTF-8")
        #expect(UTF8Bytes.hasMultibyteSequence(broken))
        #expect(!UTF8Bytes.hasMultibyteSequence(legacy))
        #expect(!UTF8Bytes.hasMultibyteSequence([0xE2, 0x82]))  // cut short
        #expect(UTF8Bytes.hasMultibyteSequence([0xFF, 0xF0, 0x9F, 0x98, 0x80]))  // an emoji after a broken byte
    }

    /// `text` in a legacy charset, by glibc's iconv (the tests' encoder; ingest only decodes).
    static func encoded(_ text: String, to table: String) -> [UInt8]? {
        let converter = iconv_open(table, "UTF-8")
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2)
        let written = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int? in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        return written.map { Array(output.prefix($0)) }
    }

    @Test func readsTheCharsetParameterOfContentType() {
        #expect(Charset.parameter("charset", in: "text/html; Charset=\"UTF-8\"") == "UTF-8")
        #expect(Charset.parameter("charset", in: "text/html;charset=koi8-r;q=1") == "koi8-r")
        #expect(Charset.parameter("charset", in: "text/html") == nil)
    }
}

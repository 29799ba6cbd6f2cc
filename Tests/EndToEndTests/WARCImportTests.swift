import Foundation
import IngestTesting
import IngestWARC
import Testing

/// `ingest import FILE.warc.gz` through the binary, against `ingest import` of the same pages as files.
@Suite struct WARCImportTests {
    private func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// A `response` record as a crawler writes it: the HTTP answer and the page.
    static func response(_ url: String, date: String, status: String = "200 OK", contentType: String = "text/html",
                         body: [UInt8]) -> WARCRecord {
        let http = Array("HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        return WARCRecord(type: .response, headers: [
            ("WARC-Record-ID", "<urn:uuid:\(UUID().uuidString.lowercased())>"), ("WARC-Date", date),
            ("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=response"),
        ], block: http)
    }

    static func writeArchive(_ records: [WARCRecord], to path: String) throws -> [Int] {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        let writer = WARCWriter(fileDescriptor: fd, path: path)
        var offsets: [Int] = []
        for record in records {
            offsets.append(writer.bytesWritten)
            try writer.write(record)
        }
        return offsets
    }

    /// Three pages (the third a wire copy of the first) saved as files and crawled into a WARC
    /// with a request, a 404 and an image around them: the same texts, titles and stories.
    @Test func archiveImportsTheSameCopiesAndStoriesAsFiles() throws {
        let temp = TemporaryDirectory("ingest-warc-import")
        defer { temp.remove() }
        let dir = temp.url
        let pages: [String] = (0..<3).map { (i: Int) -> String in
            var paragraphs: [String] = SmallWorld.paragraphs(seed: UInt64(i == 2 ? 300 : 300 + i))
            if i == 2 { paragraphs.append("Additional reporting by the wire desk.") }
            return SmallWorld.page(title: "Archived page \(i)", paragraphs: paragraphs, canonical: nil)
        }
        var names: [String] = []
        for (i, page) in pages.enumerated() {
            names.append("page-\(i).html")
            try page.write(to: dir.appendingPathComponent(names[i]), atomically: true, encoding: .utf8)
        }
        let dates: [String] = ["2026-11-01T08:00:00Z", "2026-11-02T09:30:00Z", "2026-11-03T10:45:00.250Z"]
        let info: [UInt8] = Array("software: test\r\n".utf8)
        var records: [WARCRecord] = [WARCRecord(type: .warcinfo, headers: [("WARC-Date", dates[0])], block: info)]
        for (i, page) in pages.enumerated() {
            let url = "http://example.test/news/page-\(i).html"
            records.append(WARCRecord(type: .request, headers: [("WARC-Target-URI", url), ("WARC-Date", dates[i])],
                                      block: Array("GET /news/page-\(i).html HTTP/1.1\r\nHost: example.test\r\n\r\n".utf8)))
            records.append(Self.response(url, date: dates[i], body: Array(page.utf8)))
        }
        records.append(Self.response("http://example.test/gone", date: dates[2], status: "404 Not Found", body: Array("gone".utf8)))
        records.append(Self.response("http://example.test/logo.png", date: dates[2], contentType: "image/png", body: [0x89, 0x50]))
        _ = try Self.writeArchive(records, to: dir.appendingPathComponent("crawl.warc.gz").path)

        #expect(try IngestBinary.run(["import", "--store", "files"] + names, in: dir).status == 0)
        let archived = try IngestBinary.run(["import", "--store", "warc", "crawl.warc.gz"], in: dir)
        #expect(archived.status == 0, "\(archived.stderr)")
        let lines = archived.stdout.split(separator: "\n").map(String.init)
        #expect(lines.map { $0.split(separator: " ").first.map(String.init) } == ["new", "new", "joined"])
        #expect(lines.map { $0.split(separator: " ").last.map(String.init) }
                == (0..<3).map { "http://example.test/news/page-\($0).html" })
        #expect(archived.stderr.contains("6 records skipped (3 a request record, 1 HTTP 404, 1 a warcinfo record, 1 not HTML (image/png))"),
                "\(archived.stderr)")

        let fromFiles = try objects(try IngestBinary.run(["export", "--store", "files", "--copies"], in: dir).stdout)
        let fromWARC = try objects(try IngestBinary.run(["export", "--store", "warc", "--copies"], in: dir).stdout)
        #expect(fromWARC.count == 3)
        // Files are imported concurrently, so their copies may come in another order: by title.
        func byTitle(_ copies: [[String: Any]]) -> [[String: Any]] {
            copies.sorted { ($0["title"] as? String ?? "") < ($1["title"] as? String ?? "") }
        }
        for key in ["text", "title", "author", "published", "language"] {
            #expect(fromWARC.map { $0[key] as? String } == byTitle(fromFiles).map { $0[key] as? String }, "\(key)")
        }
        // The same partition into stories: pages 0 and 2 together, page 1 alone.
        func partition(_ copies: [[String: Any]]) -> [Bool] {
            let stories = byTitle(copies).map { $0["story"] as? String }
            return [stories[0] == stories[2], stories[0] == stories[1]]
        }
        #expect(partition(fromWARC) == [true, false])
        #expect(partition(fromFiles) == [true, false])
        // Dated at capture, not at import: WARC-Date to the second.
        #expect(fromWARC.map { $0["first_seen"] as? String } == ["2026-11-01T08:00:00Z", "2026-11-02T09:30:00Z", "2026-11-03T10:45:00Z"])
        #expect(fromWARC.map { $0["updated"] as? String } == fromWARC.map { $0["first_seen"] as? String })
        #expect(fromWARC.map { $0["url"] as? String } == (0..<3).map { "http://example.test/news/page-\($0).html" })
        #expect(fromWARC.allSatisfy { $0["source"] as? String == "import" })

        // The same archive on stdin, plain (its text records: the test passes stdin as a string): nothing new.
        let plain = try WARCReaderBytes.plain(dir.appendingPathComponent("crawl.warc.gz").path)
        let again = try IngestBinary.run(["import", "--store", "warc", "-"], stdin: String(decoding: plain, as: UTF8.self), in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("unchanged ") }, "\(again.stdout)")
    }

    /// The charset comes from the archived `Content-Type` header, as the fetcher takes it: a
    /// windows-1251 page without `<meta charset>` would read as windows-1252 otherwise.
    @Test func charsetComesFromTheArchivedHeader() throws {
        let temp = TemporaryDirectory("ingest-warc-charset")
        defer { temp.remove() }
        let paragraphs = SmallWorld.paragraphs(seed: 41) + ["Привет, мир: the greeting the harbour council printed on every ferry ticket this week."]
        let html = "<!DOCTYPE html><html><head><title>Greeting</title></head><body><article><h1>Greeting</h1>"
            + paragraphs.map { "<p>\($0)</p>" }.joined() + "</article></body></html>"
        let cp1251 = try #require(html.data(using: .windowsCP1251))
        _ = try Self.writeArchive([Self.response("http://example.test/greeting", date: "2026-11-01T08:00:00Z",
                                                 contentType: "text/html; charset=windows-1251", body: [UInt8](cp1251))],
                                  to: temp.path + "/crawl.warc")
        #expect(try IngestBinary.run(["import", "--store", "s", "crawl.warc"], in: temp.url).status == 0)
        let copies = try objects(try IngestBinary.run(["export", "--store", "s", "--copies"], in: temp.url).stdout)
        #expect((copies.first?["text"] as? String)?.contains("Привет, мир") == true, "\(copies)")
    }

    /// A second capture of a URL with other text is the copy's next revision, dated at its capture;
    /// a damaged record in between is reported (exit 3) and the rest imported.
    @Test func laterCaptureIsTheNextRevisionAndDamageIsReported() throws {
        let temp = TemporaryDirectory("ingest-warc-revisions")
        defer { temp.remove() }
        let url = "http://example.test/story"
        let first = SmallWorld.page(title: "Story", paragraphs: SmallWorld.paragraphs(seed: 51), canonical: nil)
        let second = SmallWorld.page(title: "Story", paragraphs: SmallWorld.paragraphs(seed: 51)
                                     + ["An update: the council voted again on Tuesday evening after the storm passed."], canonical: nil)
        let other = SmallWorld.page(title: "Other", paragraphs: SmallWorld.paragraphs(seed: 52), canonical: nil)
        let path = temp.path + "/crawl.warc.gz"
        let offsets = try Self.writeArchive([
            Self.response(url, date: "2026-11-01T08:00:00Z", body: Array(first.utf8)),
            Self.response("http://example.test/other", date: "2026-11-01T09:00:00Z", body: Array(other.utf8)),
            Self.response(url, date: "2026-11-05T08:00:00Z", body: Array(second.utf8)),
        ], to: path)
        // Damage the middle record's gzip member.
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        for i in (offsets[1] + 40)..<(offsets[1] + 60) { bytes[i] ^= 0x5A }
        FileManager.default.createFile(atPath: path, contents: Data(bytes))

        let result = try IngestBinary.run(["import", "--store", "s", "crawl.warc.gz"], in: temp.url)
        #expect(result.status == 3)
        #expect(result.stderr.contains("damaged: at byte \(offsets[1])"), "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map { String($0.prefix(4)) } == ["new ", "upda"], "\(result.stdout)")
        let copies = try objects(try IngestBinary.run(["export", "--store", "s", "--copies"], in: temp.url).stdout)
        #expect(copies.count == 1)
        #expect(copies.first?["revision"] as? Int == 2)
        #expect(copies.first?["first_seen"] as? String == "2026-11-01T08:00:00Z")
        #expect(copies.first?["updated"] as? String == "2026-11-05T08:00:00Z")
    }
}

/// The records of a WARC file written plain (what `zcat` of a gzip WARC gives), those whose
/// block is UTF-8 only (`IngestBinary.run` passes stdin as a string).
enum WARCReaderBytes {
    static func plain(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let reader = WARCReader(fileDescriptor: fd)
        var out: [UInt8] = []
        while let event = reader.next() {
            if case .record(let record) = event, String(validating: record.block, as: UTF8.self) != nil {
                out += record.serialized()
            }
        }
        return out
    }
}

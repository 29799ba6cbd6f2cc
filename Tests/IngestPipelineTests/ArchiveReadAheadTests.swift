import Foundation
import IngestPipeline
import IngestStore
import IngestTesting
import Testing

/// `Pipeline.importArchive` reads the next batch on its own thread while the current one is
/// imported: the store, the stories and every reported event must be those of reading each
/// batch only after the last one is committed.
@Suite struct ArchiveReadAheadTests {
    /// Deterministic prose, distinct per seed.
    private static func paragraphs(_ seed: Int) -> String {
        (0..<6).map { p in
            "<p>" + (0..<40).map { w in "word\((seed * 7919 + p * 131 + w * 17) % 997)" }.joined(separator: " ") + ".</p>"
        }.joined(separator: "\n")
    }

    private static func page(_ title: String, seed: Int) -> [UInt8] {
        Array("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(title)</title></head><body>
            <article><h1>\(title)</h1>\(paragraphs(seed))</article></body></html>
            """.utf8)
    }

    private static func response(_ url: String, second: Int, body: [UInt8]) -> WARCRecord {
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        return WARCRecord(type: .response, headers: [
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", second))>"),
            ("WARC-Date", String(format: "2026-11-01T%02d:%02d:%02dZ", second / 3600, second / 60 % 60, second % 60)),
            ("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=response"),
        ], block: http)
    }

    /// 300 pages (three batches of at most 128): every seventh a wire copy of a page in an
    /// earlier batch, page 5 captured again with other text in the last batch (its next
    /// revision), a 404 in between; one gzip member in the middle made not to inflate.
    private static func writeArchive(to path: String) throws -> Int {
        var records: [WARCRecord] = []
        for i in 0..<300 {
            let seed = i % 7 == 6 && i > 130 ? i - 130 : i
            records.append(response("http://news.test/a/\(i).html", second: i, body: page("Page \(i)", seed: seed)))
            if i == 150 {
                records.append(WARCRecord(type: .response, headers: [
                    ("WARC-Date", "2026-11-01T05:00:00Z"), ("WARC-Target-URI", "http://news.test/gone"),
                    ("Content-Type", "application/http; msgtype=response")],
                    block: Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".utf8)))
            }
        }
        records.append(response("http://news.test/a/5.html", second: 4000, body: page("Page 5", seed: 9999)))
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let writer = WARCWriter(fileDescriptor: fd, path: path)
        var offsets: [Int] = []
        for record in records {
            offsets.append(writer.bytesWritten)
            try writer.write(record)
        }
        offsets.append(writer.bytesWritten)
        close(fd)
        // Page 200's member (record 201: the 404 came after page 150): a byte of its deflate data flipped.
        let damaged = 201
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[(offsets[damaged] + offsets[damaged + 1]) / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return records.count
    }

    private struct Outcome: Equatable {
        var events: [ArchiveEvent] = []
        var copies = ""
    }

    private static func importArchive(_ archive: String, into path: String, batchesAhead: Int) async throws -> Outcome {
        let fd = open(archive, O_RDONLY)
        defer { close(fd) }
        let live = try LiveStore.open(directory: path)
        var outcome = Outcome()
        _ = try await Pipeline.importArchive(WARCReader(fileDescriptor: fd), into: live, batchesAhead: batchesAhead,
                                             onArchive: { outcome.events.append($0) })
        let export = path + ".jsonl"
        try Store.export(directory: path, ExportOptions(perCopy: true), to: .file(path: export))
        outcome.copies = try String(contentsOfFile: export, encoding: .utf8)
        return outcome
    }

    @Test func readingAheadImportsWhatReadingBatchByBatchDoes() async throws {
        let temp = TemporaryDirectory("ingest-archive-ahead")
        defer { temp.remove() }
        let archive = temp.path + "/pages.warc.gz"
        let records = try Self.writeArchive(to: archive)
        let serial = try await Self.importArchive(archive, into: temp.path + "/serial", batchesAhead: 0)

        // The archive is what the test means: several batches, the damage reported, the rest imported.
        let committed = serial.events.compactMap { if case .committed(let urls) = $0 { urls } else { nil } }
        #expect(committed.count >= 3)
        #expect(committed.joined().count == records - 2)  // the 404 skipped, the damaged member lost
        #expect(!committed.joined().contains("http://news.test/a/200.html"))
        #expect(serial.events.filter { if case .damaged = $0 { true } else { false } }.count == 1)
        #expect(committed.last?.last == "http://news.test/a/5.html")
        let lines = serial.copies.split(separator: "\n")
        #expect(lines.count == 299)
        let stories = Set(lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["story"] as? String
        })
        #expect(stories.count < lines.count)  // the wire copies joined stories of earlier batches

        for ahead in [1, 2] {
            let read = try await Self.importArchive(archive, into: temp.path + "/ahead\(ahead)", batchesAhead: ahead)
            #expect(read.events == serial.events, "batchesAhead \(ahead)")
            #expect(read.copies == serial.copies, "batchesAhead \(ahead)")
        }
    }
}

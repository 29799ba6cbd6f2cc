import Foundation
import IngestTesting
import IngestWARC
import Testing

/// `settings.keepRaw` and `ingest import --keep-raw` through the binary against loopback sites.
@Suite struct RawCaptureTests {
    private func lines(_ path: String) throws -> [[String: Any]] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    private func bodies(_ store: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent("raw/bodies").path)) ?? []).sorted()
    }

    /// A sync with keepRaw keeps each stored article as fetched: request URL, status, headers,
    /// remote address, time and the body (gzip, by SHA-1); identical bodies are stored once;
    /// compaction keeps only the latest revisions' captures and bodies; status counts the bytes.
    @Test func syncKeepsAnswersAsFetchedAndCompactDropsSupersededOnes() throws {
        let world = try SmallWorld()
        defer { world.server.stop() }
        let temp = TemporaryDirectory("ingest-raw")
        defer { temp.remove() }
        let dir = temp.url
        let feeds = world.feedsJSON.replacingOccurrences(of: "\"timeoutSeconds\": 5}", with: "\"timeoutSeconds\": 5, \"keepRaw\": true}")
        #expect(feeds.contains("keepRaw"))
        try feeds.write(to: dir.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
        let first = try IngestBinary.run(["sync", "--store", "s"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let store = dir.appendingPathComponent("s")
        var captures = try lines(store.appendingPathComponent("raw/captures.jsonl").path)
        #expect(captures.count == 4)
        let council = try #require(captures.first { ($0["url"] as? String)?.hasSuffix("/news/harbour-council-vote") == true })
        #expect(council["status"] as? Int == 200)
        #expect(council["ip"] as? String == "127.0.0.1")
        let headers = Dictionary(uniqueKeysWithValues: (council["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) })
        #expect(headers["content-type"] == "text/html; charset=utf-8")
        #expect(headers["etag"] != nil)
        #expect(Timestamp.parse(council["fetched"] as? String) != nil)
        // The body file is the page's bytes, gzip-compressed, named by their SHA-1.
        let digest = try #require(council["body"] as? String)
        #expect(bodies(store) == Set(captures.compactMap { $0["body"] as? String }).map {
            String($0.dropFirst("sha1:".count)) + ".gz" }.sorted())
        let gz = try #require(FileManager.default.contents(atPath: store.appendingPathComponent("raw/bodies/\(digest.dropFirst(5)).gz").path))
        #expect(gz.starts(with: [0x1F, 0x8B]))
        #expect(council["length"] as? Int == SmallWorld.page(title: "Harbour council delays vote", paragraphs: SmallWorld.paragraphs(seed: 2),
                                                             canonical: nil).utf8.count)

        // Two more URLs serving the same bytes: two captures, one body.
        let same = SmallWorld.page(title: "Same bytes", paragraphs: SmallWorld.paragraphs(seed: 9), canonical: nil)
        world.route("/same/a", site: 0, same)
        world.route("/same/b", site: 0, same)
        let imported = try IngestBinary.run(["import", "--store", "s", "--keep-raw", world.server.url("/same/a"),
                                             world.server.url("/same/b")], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        captures = try lines(store.appendingPathComponent("raw/captures.jsonl").path)
        #expect(captures.count == 6)
        #expect(bodies(store).count == 5)

        // status shows the bytes held in raw/.
        let status = try JSONSerialization.jsonObject(with: Data(try IngestBinary.run(["status", "--store", "s", "--json"], in: dir).stdout.utf8))
        let rawBytes = (status as? [String: Any])?["raw_bytes"] as? Int
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: store.appendingPathComponent("raw").path).reduce(0) { total, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: store.appendingPathComponent("raw/" + name).path)
            return total + (attributes[.type] as? FileAttributeType == .typeRegular ? (attributes[.size] as? Int ?? 0) : 0)
        }
        #expect(rawBytes == onDisk && onDisk > 0)
        #expect(try IngestBinary.run(["status", "--store", "s"], in: dir).stdout.contains("raw pages (keepRaw):"))

        // An edit: a new revision and its capture; compaction drops the old capture and its body.
        world.route("/news/harbour-council-vote", site: 0, SmallWorld.page(
            title: "Harbour council delays vote", paragraphs: SmallWorld.paragraphs(seed: 2) + ["The vote is now set for Friday after a long debate."],
            canonical: nil))
        #expect(try IngestBinary.run(["sync", "--store", "s", "--revalidate"], in: dir).status == 0)
        captures = try lines(store.appendingPathComponent("raw/captures.jsonl").path)
        #expect(captures.count == 7)
        #expect(bodies(store).contains(String(digest.dropFirst(5)) + ".gz"))
        #expect(try IngestBinary.run(["compact", "--store", "s"], in: dir).status == 0)
        captures = try lines(store.appendingPathComponent("raw/captures.jsonl").path)
        #expect(captures.count == 6)
        #expect(!bodies(store).contains(String(digest.dropFirst(5)) + ".gz"))
        #expect(bodies(store).count == 5)
        // A store without keepRaw has no raw/ folder.
        #expect(try IngestBinary.run(["import", "--store", "plain", world.server.url("/same/a")], in: dir).status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("plain/raw").path))
    }
}

extension RawCaptureTests {
    /// `ingest import --keep-raw` of a WARC SIGKILLed at random moments, each time into a fresh
    /// store: no capture ever names a body that is missing or not whole, and the export's
    /// response records (one per capture) carry digests that match their bodies.
    @Test func killedKeepRawImportNeverNamesAHalfWrittenBody() throws {
        let temp = TemporaryDirectory("ingest-raw-kill")
        defer { temp.remove() }
        let dir = temp.url
        let records = (0..<60).map { i in
            WARCImportTests.response("http://example.test/p\(i)", date: "2026-11-01T08:00:00Z", body: Array(SmallWorld.page(
                title: "Page \(i)", paragraphs: SmallWorld.paragraphs(seed: UInt64(700 + i)) + [String(repeating: "Filler text for size. ", count: 2000)],
                canonical: nil).utf8))
        }
        _ = try WARCImportTests.writeArchive(records, to: dir.appendingPathComponent("crawl.warc.gz").path)
        let log = dir.appendingPathComponent("import.log")
        func handledAPage() -> Bool { (try? String(contentsOf: log, encoding: .utf8))?.contains(" http://") == true }
        var random = SplitMix(seed: 15)
        var kills = 0, midway = 0
        for attempt in 0..<40 where kills < 10 {
            let store = "s\(attempt)"
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = IngestBinary.url
            process.arguments = ["import", "--verbose", "--keep-raw", "--store", store, "crawl.warc.gz"]
            process.currentDirectoryURL = dir
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            let deadline = ContinuousClock.now + .seconds(20)
            while process.isRunning, !handledAPage(), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.002) }
            Thread.sleep(forTimeInterval: Double(random.next() % 400) / 1000)
            guard process.isRunning, handledAPage() else { process.waitUntilExit(); continue }
            kill(process.processIdentifier, SIGKILL)
            kills += 1
            process.waitUntilExit()

            let captures = try lines(dir.appendingPathComponent("\(store)/raw/captures.jsonl").path)
            if !captures.isEmpty && captures.count < records.count { midway += 1 }
            for capture in captures {
                let name = String((capture["body"] as? String ?? "").dropFirst(5)) + ".gz"
                #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(store)/raw/bodies/\(name)").path))
            }
            let exported = try IngestBinary.run(["export", "--store", store, "-f", "warc", "-o", "\(store).warc"], in: dir)
            #expect(exported.status == 0, "\(exported.stderr)")
            let fd = open(dir.appendingPathComponent("\(store).warc").path, O_RDONLY)
            let reader = WARCReader(fileDescriptor: fd)
            var responses = 0
            while let event = reader.next() {
                guard case .record(let record) = event, record.type == .response else { continue }
                responses += 1
                let http = try #require(HTTPMessage(parsing: record.block))
                #expect(record["WARC-Payload-Digest"] == WARCDigest.sha1(http.body))
            }
            close(fd)
            #expect(responses == captures.count, "every capture's body inflated whole")
        }
        #expect(kills >= 10)
        #expect(midway >= 1, "some kill landed while captures were being written")
    }
}

private enum Timestamp {
    static func parse(_ text: String?) -> Date? { text.flatMap { ISO8601DateFormatter().date(from: $0) } }
}

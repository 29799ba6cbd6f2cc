import Foundation
import IngestTesting
import Testing

/// `ingest import` through the binary: saved files, loopback URLs, stdin, and SIGKILLs.
@Suite struct ImportCommandTests {
    private func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// Writes `count` saved pages under `dir/saved/`; pages from `count - wire` on are wire
    /// copies (another headline, an added line) of the first `wire` pages.
    private func savedPages(in dir: URL, count: Int, wire: Int) throws -> [String] {
        let folder = dir.appendingPathComponent("saved")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try (0..<count).map { i in
            let isCopy = i >= count - wire
            let seed = UInt64(isCopy ? i - (count - wire) : i) + 100
            let text = SmallWorld.paragraphs(seed: seed) + (isCopy ? ["Additional reporting by the wire desk."] : [])
            let name = "saved/page-\(i).html"
            try SmallWorld.page(title: "Saved page \(i)", paragraphs: text, canonical: nil)
                .write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return name
        }
    }

    /// Ids come from FNV-1a-64 (README, docs/dedup.md), never a per-process seeded hash: two
    /// processes give a page whose canonical URL is https://example.com/a the same ids, and
    /// they are the ones computed outside Swift (Python: copy id `c` + FNV-1a-64 of the URL,
    /// c046a4934057f51cf; story id FNV-1a-64 of that copy id).
    @Test func idsAreTheDocumentedHashesInEveryProcess() throws {
        let temp = TemporaryDirectory("ingest-import-ids")
        defer { temp.remove() }
        let dir = temp.url
        try SmallWorld.page(title: "Pinned", paragraphs: SmallWorld.paragraphs(seed: 7), canonical: "https://example.com/a")
            .write(to: dir.appendingPathComponent("pinned.html"), atomically: true, encoding: .utf8)
        for store in ["first", "second"] {
            #expect(try IngestBinary.run(["import", "--store", store, "pinned.html"], in: dir).status == 0)
            let stories = try objects(try IngestBinary.run(["export", "--store", store], in: dir).stdout)
            #expect(stories.map { $0["id"] as? String } == ["1379370e7849088a"], "store \(store)")
        }
    }

    @Test func importsSavedFilesAndURLsThenRevalidatesConditionally() throws {
        let world = try SmallWorld()
        defer { world.server.stop() }
        let dirTemp = TemporaryDirectory("ingest-import")
        defer { dirTemp.remove() }
        let dir = dirTemp.url
        let files = try savedPages(in: dir, count: 2, wire: 0)
        let url = world.server.url("/news/harbour-council-vote")
        let first = try IngestBinary.run(["import", files[0], files[1], url, "missing.html"], in: dir)
        #expect(first.status == 3)
        let lines = first.stdout.split(separator: "\n").map(String.init)
        let fileURL = dir.appendingPathComponent(files[0]).absoluteString
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("new ") && lines[0].hasSuffix(" " + fileURL), "\(lines)")
        #expect(lines[2].hasPrefix("new ") && lines[2].hasSuffix(" " + url))
        #expect(lines[3] == "failed missing.html: no such file")

        let copies = try objects(try IngestBinary.run(["export", "--copies"], in: dir).stdout)
        #expect(copies.compactMap { $0["url"] as? String }.contains(fileURL), "a file without canonical keeps its file URL")
        #expect(copies.allSatisfy { $0["source"] as? String == "import" })

        let before = world.server.requests("/news/harbour-council-vote").count
        let again = try IngestBinary.run(["import", url, files[0]], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout == "unchanged \(url)\nunchanged \(fileURL)\n")
        let revalidation = world.server.requests("/news/harbour-council-vote").dropFirst(before)
        #expect(revalidation.count == 1 && revalidation.first?.headers["if-none-match"] != nil)
    }

    /// Story ids follow the README's rule, computed here independently of the code: the copy
    /// id is "c" + 16 hex digits of FNV-1a-64 of the canonical URL, the story id 16 hex
    /// digits of FNV-1a-64 of the first copy's id. The binary is another process, so a
    /// per-process hash seed would show.
    @Test func storyIdsArePinnedToTheDocumentedHash() throws {
        func fnv1a64(_ text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
        let temp = TemporaryDirectory("ingest-import")
        defer { temp.remove() }
        let canonical = "https://example.test/2026/12/pinned-story"
        try SmallWorld.page(title: "Pinned story", paragraphs: SmallWorld.paragraphs(seed: 7), canonical: canonical)
            .write(to: temp.url.appendingPathComponent("pinned.html"), atomically: true, encoding: .utf8)
        let imported = try IngestBinary.run(["import", "pinned.html"], in: temp.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let copies = try objects(try IngestBinary.run(["export", "--copies"], in: temp.url).stdout)
        #expect(copies.count == 1)
        #expect(copies.first?["story"] as? String == fnv1a64("c" + fnv1a64(canonical)))
        // Pinned as a literal as well, so that the rule and this helper cannot drift together.
        #expect(fnv1a64("c" + fnv1a64("https://example.test/pinned-story")) == "c95ccbf1ef316493")
    }

    @Test func readsInputsFromStdinAndReportsJoinedStories() throws {
        let dirTemp = TemporaryDirectory("ingest-import")
        defer { dirTemp.remove() }
        let dir = dirTemp.url
        let files = try savedPages(in: dir, count: 3, wire: 1)
        let result = try IngestBinary.run(["import", "-"], stdin: files.joined(separator: "\n") + "\n\n", in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        // Pages are handled as they finish, so either the original or its copy comes first.
        #expect(lines.count == 3 && lines[1][0] == "new")
        #expect(Set([lines[0][0], lines[2][0]]) == ["new", "joined"])
        #expect(lines[2][1] == lines[0][1], "the wire copy and its original share a story")
        #expect(lines[1][1] != lines[0][1])
    }

    @Test func anUnreadableDedupSnapshotIsRebuiltFromTheStore() throws {
        let dirTemp = TemporaryDirectory("ingest-import")
        defer { dirTemp.remove() }
        let dir = dirTemp.url
        let files = try savedPages(in: dir, count: 3, wire: 1)
        let first = try IngestBinary.run(["import", files[0], files[1]], in: dir)
        #expect(first.status == 0)
        let story = try #require(first.stdout.split(separator: "\n").first?.split(separator: " ").dropFirst().first)
        try Data("not a snapshot".utf8).write(to: dir.appendingPathComponent("store/dedup-index.snapshot"))
        let copy = try IngestBinary.run(["import", files[2]], in: dir)
        #expect(copy.stdout.hasPrefix("joined \(story) "), "\(copy.stdout)")
    }

    /// Issue 5's kill loop: `ingest import` of 60 pages SIGKILLed at random moments, then run
    /// to completion: every store line parses, nothing is duplicated, every input is there.
    @Test func importSurvivesRepeatedSIGKILLs() throws {
        let dirTemp = TemporaryDirectory("ingest-import")
        defer { dirTemp.remove() }
        let dir = dirTemp.url
        let files = try savedPages(in: dir, count: 60, wire: 10)
        // Kill moments are spread over the time a whole import takes on this machine now.
        let scratchTemp = TemporaryDirectory("ingest-import")
        defer { scratchTemp.remove() }
        let scratch = scratchTemp.url
        _ = try savedPages(in: scratch, count: 60, wire: 10)
        let started = Date()
        #expect(try IngestBinary.run(["import"] + files, in: scratch).status == 0)
        // Timed from the first page, so the window is shorter than a whole run; a run of a store
        // that already holds most pages is shorter still, so misses are retried, boundedly.
        let millis = UInt64(max(100, Date().timeIntervalSince(started) * 800))
        var random = SplitMix(seed: 5)
        var kills = 0
        // Kill moments are timed from the first page the run handled (`--verbose` logs it to a
        // file), never from process start: a kill during start-up or the store's opening would
        // test nothing, and would still have counted.
        let log = scratch.appendingPathComponent("import.log")
        func handledAPage() -> Bool { (try? String(contentsOf: log, encoding: .utf8))?.contains(" file://") == true }
        for _ in 0..<200 where kills < 20 {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = IngestBinary.url
            process.arguments = ["import", "--verbose"] + files
            process.currentDirectoryURL = dir
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning, !handledAPage(), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.002) }
            Thread.sleep(forTimeInterval: Double(random.next() % millis) / 1000)
            if process.isRunning, handledAPage() {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        #expect(kills >= 20)

        let final = try IngestBinary.run(["import"] + files, in: dir)
        #expect(final.status == 0, "\(final.stderr)")
        let store = dir.appendingPathComponent("store")
        let storeFiles = try FileManager.default.contentsOfDirectory(atPath: store.path).filter { $0.hasSuffix(".jsonl") }
        #expect(Set(["copies.jsonl", "fetch.jsonl"]).isSubset(of: storeFiles), "the line checks below cover the store: \(storeFiles)")
        for name in storeFiles {
            let text = try String(contentsOf: store.appendingPathComponent(name), encoding: .utf8)
            #expect(text.isEmpty || text.hasSuffix("\n"), "\(name) ends with a whole line")
            for line in text.split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(name): \(line.prefix(80))")
            }
        }
        let copies = try objects(try IngestBinary.run(["export", "--copies"], in: dir).stdout)
        #expect(copies.count == 60)
        #expect(Set(copies.compactMap { $0["url"] as? String }) == Set(files.map { dir.appendingPathComponent($0).absoluteString }))
        #expect(copies.allSatisfy { $0["revision"] as? Int == 1 }, "no text stored twice")
        let stories = try objects(try IngestBinary.run(["export"], in: dir).stdout)
        #expect(Set(stories.compactMap { $0["id"] as? String }).count == stories.count)
        #expect(stories.count == 50, "each wire copy joined its original")
    }
}

import Foundation
import IngestTesting
import Testing

/// A damaged or incomplete store through the binary: every command says the same, `repair`
/// quarantines, `export --skip-damaged` exports the rest.
@Suite struct StoreDamageTests {
    /// Cuts line `number` (1-based) of `file` to half its length, newline kept; returns the
    /// line's offset and the bytes left of it.
    private func cutLine(_ number: Int, of file: URL) throws -> (offset: Int, left: Data) {
        var lines = try Data(contentsOf: file).split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        let offset = lines[..<(number - 1)].reduce(0) { $0 + $1.count + 1 }
        lines[number - 1] = lines[number - 1].prefix(lines[number - 1].count / 2)
        try Data(lines.joined(separator: [0x0A])).write(to: file)
        return (offset, lines[number - 1])
    }

    /// Every command that reads the store, with the files it needs beside it.
    private func everyCommand(_ store: URL, in temp: TemporaryDirectory) throws -> [[String]] {
        let feeds = temp.url.appendingPathComponent("feeds.json")
        // Never polled: the store is judged before any request.
        try Data(#"{"sources":[{"name":"closed","url":"http://127.0.0.1:9/feed.xml","kind":"rss"}]}"#.utf8).write(to: feeds)
        let page = temp.url.appendingPathComponent("page.html")
        try Data("<html><head><title>A page</title></head><body><article><h1>A page</h1><p>\(String(repeating: "Words of a story. ", count: 40))</p></article></body></html>".utf8).write(to: page)
        return [["status"], ["status", "--json"], ["export"], ["export", "--copies"], ["compact"],
                ["import", page.path], ["sync", "--feeds", feeds.path]].map { $0 + ["--store", store.path] }
    }

    /// Every file under the store directory with its bytes (the lock aside).
    private func contents(of store: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: store.path)!
        while let name = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if name != "lock", FileManager.default.fileExists(atPath: store.appendingPathComponent(name).path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                files[name] = try Data(contentsOf: store.appendingPathComponent(name))
            }
        }
        return files
    }

    @Test func aDamagedMiddleLineIsReportedByEveryCommandAndRepaired() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let copies = store.appendingPathComponent("copies.jsonl")
        let intact = try IngestBinary.run(["export", "--store", store.path, "--copies", "--include-deleted"]).stdout
        let cut = try cutLine(7, of: copies)
        let damaged = try contents(of: store)

        for command in try everyCommand(store, in: temp) {
            let result = try IngestBinary.run(command)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("copies.jsonl:7: damaged line at byte \(cut.offset) (not a copy revision)"),
                    "\(command): \(result.stderr)")
        }
        #expect(try contents(of: store) == damaged, "a command changed the damaged store")

        // The rest can be exported, each skipped line named.
        let skipping = try IngestBinary.run(["export", "--store", store.path, "--copies", "--include-deleted", "--skip-damaged"])
        #expect(skipping.status == 3)
        #expect(skipping.stderr.contains("skipped \(store.path)/copies.jsonl:7: damaged line at byte \(cut.offset)"))
        // Line 7 is copy-6's only revision: that copy is left out, every other is as before.
        let intactLines = intact.split(separator: "\n"), rest = skipping.stdout.split(separator: "\n")
        #expect(rest.count == intactLines.count - 1 && Set(rest).isSubset(of: Set(intactLines)))

        let repair = try IngestBinary.run(["repair", "--store", store.path])
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("moved \(store.path)/copies.jsonl:7 (byte \(cut.offset), \(cut.left.count) bytes"))
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent("quarantine").path)
        #expect(quarantined.count == 1 && quarantined[0].hasPrefix("copies.jsonl."))
        let kept = try Data(contentsOf: store.appendingPathComponent("quarantine/" + quarantined[0]))
        #expect(kept == cut.left + Data([0x0A]), "the quarantined line is the bytes that were in the file")
        var expected = damaged["copies.jsonl"]!
        expected.removeSubrange(cut.offset..<(cut.offset + cut.left.count + 1))
        #expect(try Data(contentsOf: copies) == expected)

        for command in try everyCommand(store, in: temp) where command[0] != "sync" {
            let result = try IngestBinary.run(command)
            #expect(result.status == 0, "\(command) after repair: \(result.stderr)")
        }
        #expect(try IngestBinary.run(["export", "--store", store.path, "--skip-damaged"]).status == 0)
        let again = try IngestBinary.run(["repair", "--store", store.path])
        #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.contains("no damage"))
    }

    /// A repair resets the fetch states of quarantined copies: the next sync fetches them anew
    /// instead of taking a 304 for "unchanged".
    @Test func aSyncAfterRepairFetchesTheQuarantinedCopyAgain() throws {
        let world = try SmallWorld()
        defer { world.server.stop() }
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        try world.feedsJSON.write(to: temp.url.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
        #expect(try IngestBinary.run(["sync"], in: temp.url).status == 0)
        let before = try IngestBinary.run(["export", "--copies"], in: temp.url).stdout
        #expect(before.split(separator: "\n").count == 4)
        let cut = try cutLine(2, of: temp.url.appendingPathComponent("store/copies.jsonl"))

        let refused = try IngestBinary.run(["sync"], in: temp.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("copies.jsonl:2: damaged line at byte \(cut.offset)"), "\(refused.stderr)")
        let repair = try IngestBinary.run(["repair"], in: temp.url)
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("moved ./store/copies.jsonl:2"))
        #expect(repair.stdout.contains("reset the fetch state of http://127.0.0.1:"), "\(repair.stdout)")
        #expect(try IngestBinary.run(["export", "--copies"], in: temp.url).stdout.split(separator: "\n").count == 3)

        let again = try IngestBinary.run(["sync"], in: temp.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("1 new"), "\(again.stderr)")
        let after = try IngestBinary.run(["export", "--copies"], in: temp.url).stdout
        func texts(_ jsonl: String) throws -> Set<String> {
            Set(try jsonl.split(separator: "\n").map {
                let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
                return "\(object["url"] ?? "") \(object["text"] ?? "") \(object["story"] ?? "")"
            })
        }
        #expect(try texts(after) == texts(before), "the copy is back, with its text and story")
        #expect(try IngestBinary.run(["status"], in: temp.url).status == 0)
    }

    /// A whole line taken out of the middle (copy-6's only revision): every line parses, but a
    /// fetch state still names the copy.
    @Test func aCopyLineTakenOutIsMissingForEveryCommandUntilRepair() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let copies = store.appendingPathComponent("copies.jsonl")
        var lines = try Data(contentsOf: copies).split(separator: 0x0A).map { Data($0) + Data([0x0A]) }
        lines.remove(at: 6)
        try lines.reduce(Data(), +).write(to: copies)
        for command in try everyCommand(store, in: temp) {
            let result = try IngestBinary.run(command)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("copies.jsonl: missing (fetch.jsonl names copy copy-6 that it does not hold"),
                    "\(command): \(result.stderr)")
        }
        let repair = try IngestBinary.run(["repair", "--store", store.path])
        #expect(repair.status == 0)
        #expect(repair.stdout == "reset the fetch state of https://example.test/6: its copy is not in the store, "
            + "the next sync fetches it again\n")
        #expect(try IngestBinary.run(["status", "--store", store.path]).status == 0)
    }

    @Test func aDeletedCopiesFileIsMissingForEveryCommand() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        try FileManager.default.removeItem(at: store.appendingPathComponent("copies.jsonl"))
        let before = try contents(of: store)
        for command in try everyCommand(store, in: temp) + [["repair", "--store", store.path]] {
            let result = try IngestBinary.run(command)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("\(store.path)/copies.jsonl: missing"), "\(command): \(result.stderr)")
        }
        #expect(try contents(of: store) == before, "copies.jsonl must not come back empty")
    }

    @Test func copiesEmptiedOrCutShortAreMissing() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let copies = store.appendingPathComponent("copies.jsonl")
        let whole = try Data(contentsOf: copies)
        try Data().write(to: copies)
        let emptied = try IngestBinary.run(["export", "--store", store.path])
        #expect(emptied.status == 1)
        #expect(emptied.stderr.contains("copies.jsonl: missing (absent or empty, but fetch.jsonl names copy"), "\(emptied.stderr)")

        let firstTen = whole.split(separator: 0x0A).prefix(10).map { Data($0) + Data([0x0A]) }.reduce(Data(), +)
        try firstTen.write(to: copies)
        for command in [["status"], ["export"], ["compact"]] {
            let result = try IngestBinary.run(command + ["--store", store.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("its last copy revision is 10, but dedup.jsonl covers revisions up to 18"), "\(result.stderr)")
        }
    }

    @Test func aDeletedFormatFileIsMissingAndNotRecreated() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        try FileManager.default.removeItem(at: store.appendingPathComponent("format.json"))
        for command in try everyCommand(store, in: temp) {
            let result = try IngestBinary.run(command)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("format.json: missing (aliases.jsonl, copies.jsonl"), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: store.appendingPathComponent("format.json").path))
    }

    @Test func aTornLastLineIsNoDamage() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let copies = try FileHandle(forWritingTo: store.appendingPathComponent("copies.jsonl"))
        try copies.seekToEnd()
        try copies.write(contentsOf: Data(#"{"authors":[],"content_hash":"sha256:x","dele"#.utf8))
        try copies.close()
        for command in [["status"], ["export"], ["repair"], ["compact"]] {
            let result = try IngestBinary.run(command + ["--store", store.path])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
    }

    @Test func repairAnswersHelpAndLeavesANewStoreAlone() throws {
        let help = try IngestBinary.run(["repair", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: ingest repair"))
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let missing = temp.url.appendingPathComponent("nothing-here")
        let result = try IngestBinary.run(["repair", "--store", missing.path])
        #expect(result.status == 0 && result.stderr.contains("no damage"))
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }
}

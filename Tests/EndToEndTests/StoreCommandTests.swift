import Foundation
import Synchronization
import IngestTesting
import Testing

/// `ingest export`, `status` and `compact` on real store directories, through the binary.
@Suite struct StoreCommandTests {
    private func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func exportFoldsMergedStoriesAndHidesDeletedCopies() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let result = try IngestBinary.run(["export", "--store", store.path])
        #expect(result.status == 0)
        let stories = try objects(result.stdout)
        #expect(stories.map { $0["id"] as? String } == ["story-0", "story-1", "story-2", "story-3"])
        #expect(stories.map { ($0["copies"] as? [Any])?.count } == [2, 3, 3, 3])
        let copies = try objects(try IngestBinary.run(["export", "--store", store.path, "--copies", "--include-deleted"]).stdout)
        #expect(copies.count == 13)
        #expect(copies.last?["story"] as? String == "story-3")
        #expect(copies.filter { $0["deleted"] as? Bool == true }.count == 2)
    }

    @Test func exportToAFileEqualsStdoutAndRepeatsByteForByte() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let output = store.deletingLastPathComponent().appendingPathComponent("out.csv")
        let first = try IngestBinary.run(["export", "--store", store.path, "--format", "csv"])
        let second = try IngestBinary.run(["export", "--store", store.path, "--format", "csv", "--output", output.path])
        #expect(second.status == 0)
        #expect(second.stdout.isEmpty)
        #expect(try String(contentsOf: output, encoding: .utf8) == first.stdout)
        #expect(first.stdout.hasPrefix("id,url,title,text,author,published,published_utc,site,language,content_hash,first_seen,updated,revision,copies,copy_urls\r\n"))
    }

    /// `--output` through a symlink replaces the file it points to and keeps the link; to a FIFO
    /// (as to /dev/null) it writes in place: renaming a temp file over either would replace it.
    @Test func exportToASymlinkOrAFIFOWritesThroughIt() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp).path
        let expected = try IngestBinary.run(["export", "--store", store, "--copies"]).stdout
        let target = temp.path + "/real.jsonl", link = temp.path + "/link.jsonl"
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try IngestBinary.run(["export", "--store", store, "--copies", "-o", link]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == expected)

        for format in ["jsonl", "warc"] {
            let fifo = temp.path + "/fifo-\(format)"
            #expect(mkfifo(fifo, 0o600) == 0)
            // The reader opens the FIFO first; the export's open then finds it and never blocks.
            let read = ReadAll(fifo)
            let result = try IngestBinary.run(["export", "--store", store, "--copies", "-f", format, "-o", fifo])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            let bytes = read.wait()
            #expect(format == "warc" ? bytes.starts(with: [0x1F, 0x8B]) : String(decoding: bytes, as: UTF8.self) == expected)
            var info = stat()
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "\(format): the FIFO was replaced")
        }
    }

    /// Reads a path to its end on a thread of its own.
    private final class ReadAll: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let bytes = Mutex<[UInt8]>([])
        init(_ path: String) {
            Thread.detachNewThread { [self] in
                let data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data()
                bytes.withLock { $0 = [UInt8](data) }
                done.signal()
            }
        }
        func wait() -> [UInt8] {
            _ = done.wait(timeout: .now() + 60)
            return bytes.withLock { $0 }
        }
    }

    @Test func exportFiltersByDateFieldSiteSourceAndLanguage() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp).path
        func export(_ extra: [String]) throws -> [[String: Any]] {
            let result = try IngestBinary.run(["export", "-s", store, "--copies"] + extra)
            #expect(result.status == 0, "\(extra): \(result.stderr)")
            return try objects(result.stdout)
        }
        let all = try export([])
        let first = try #require(all.first)
        let site = try #require(first["site"] as? String), source = try #require(first["source"] as? String)
        #expect(try export(["--site", site]).allSatisfy { $0["site"] as? String == site })
        #expect(try export(["--site", site]).count == all.filter { $0["site"] as? String == site }.count)
        #expect(try export(["--source", source]).count == all.filter { $0["source"] as? String == source }.count)
        #expect(try export(["--site", "no-such-site.example"]).isEmpty)
        #expect(try export(["--language", "xx"]).isEmpty)
        // --until with a day alone covers that whole day.
        let seen = try #require(first["first_seen"] as? String)
        let day = String(seen.prefix(10))
        let sameDay = all.filter { ($0["first_seen"] as? String)?.hasPrefix(day) == true }.count
        #expect(try export(["--date-field", "first_seen", "--since", day, "--until", day]).count == sameDay)
        #expect(try export(["--until", "2000-01-01"]).isEmpty)

        let bom = try IngestBinary.run(["export", "-s", store, "-f", "csv", "--bom"])
        #expect(bom.status == 0 && bom.stdout.hasPrefix("\u{FEFF}id,url,"))
        #expect(try IngestBinary.run(["export", "-s", store, "--bom"]).status == 64, "--bom is for CSV")
        #expect(try IngestBinary.run(["export", "-s", store, "--date-field", "seen"]).status == 64)
        #expect(try IngestBinary.run(["export", "-s", store, "--until", "soon"]).status == 64)
    }

    @Test func statusReportsCountsAndTheLastSync() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let text = try IngestBinary.run(["status", "--store", store.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("stories: 4 (0 deleted, 1 merged away)"))
        #expect(text.stdout.contains("copies: 11 (2 deleted, 18 revisions stored)"))
        let json = try IngestBinary.run(["status", "--store", store.path, "--json"])
        let status = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(status["stories"] as? Int == 4)
        #expect(status["sources"] as? Int == 4)
        let lastSync = try #require(status["last_sync"] as? [String: Any])
        #expect(lastSync["exit_code"] as? Int == 0)
        let source = try #require((lastSync["sources"] as? [[String: Any]])?.first)
        // SPEC's per-source keys, and `polled` as in `sync --json` (schemas/run.schema.json).
        #expect(Set(source.keys) == ["name", "ok", "error", "new", "updated", "deleted", "polled"])
    }

    /// Regression: `status` on a store that exists but has no sync run recorded (reported to
    /// crash with SIGSEGV once the run's counters were added), in text and JSON.
    @Test func aStoreWithoutASyncRunReportsNone() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        try Data().write(to: store.appendingPathComponent("runs.jsonl"))
        let text = try IngestBinary.run(["status", "--store", store.path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasSuffix("last sync: none\n"))
        let json = try IngestBinary.run(["status", "--store", store.path, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let status = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(status["last_sync"] is NSNull && status["stories"] as? Int == 4)
    }

    @Test func statusShowsTheLastRunsCountersWhenItHasThem() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let plain = try IngestBinary.run(["status", "--store", store.path])
        #expect(plain.stdout.contains("0 of 1 sources failed\n"), "a run recorded without counters: \(plain.stdout)")
        let line = #"{"ended":"2026-01-02T00:00:05Z","exit_code":0,"sources":[],"started":"2026-01-02T00:00:00Z","#
            + #""totals":{"bytes":3100000,"deleted":1,"failed_sources":0,"merged":4,"new":12,"requests":260,"#
            + #""seconds":4.283,"unchanged":240,"updated":3}}"# + "\n"
        let runs = try FileHandle(forWritingTo: store.appendingPathComponent("runs.jsonl"))
        try runs.seekToEnd()
        try runs.write(contentsOf: Data(line.utf8))
        try runs.close()
        let text = try IngestBinary.run(["status", "--store", store.path])
        #expect(text.stdout.contains("12 new, 3 updated, 1 deleted, 0 of 0 sources failed; "
            + "240 unchanged, 4 merged; 260 requests, 3.1 MB, 4.3 s\n"), "\(text.stdout)")
        let json = try IngestBinary.run(["status", "--store", store.path, "--json"])
        let status = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let run = try #require(status["last_sync"] as? [String: Any])
        #expect(run["unchanged"] as? Int == 240 && run["merged"] as? Int == 4)
        #expect(run["requests"] as? Int == 260 && run["bytes"] as? Int == 3_100_000)
        #expect(run["seconds"] as? Double == 4.283)
        // Recorded before skipped and failed pages were kept: unknown, not 0.
        #expect(run["skipped"] is NSNull && run["failed"] is NSNull && run["problems"] is NSNull)
    }

    /// A one-character name relative to the working directory (it crashed in the directory
    /// fsync), and `-`, which is stdout as everywhere in Unix.
    @Test(arguments: ["x", "-"])
    func exportOutputNames(name: String) throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let expected = try IngestBinary.run(["export", "--store", store.path]).stdout
        #expect(!expected.isEmpty)
        let result = try IngestBinary.run(["export", "--store", store.path, "--output", name], in: temp.url)
        #expect(result.status == 0, "\(result.stderr)")
        let written = temp.url.appendingPathComponent(name).path
        if name == "-" {
            #expect(result.stdout == expected)
            #expect(!FileManager.default.fileExists(atPath: written))
        } else {
            #expect(result.stdout.isEmpty)
            #expect(try String(contentsOfFile: written, encoding: .utf8) == expected)
        }
        // No temp file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == (name == "-" ? ["store"] : ["store", name]))
    }

    @Test func exportingFromAPathWithNoStoreIsAUsageErrorAndStatusSaysEmpty() throws {
        let missingTemp = TemporaryDirectory("ingest-e2e")
        defer { missingTemp.remove() }
        let missing = missingTemp.url.appendingPathComponent("nothing-here").path
        let export = try IngestBinary.run(["export", "--store", missing])
        #expect(export.status == 64)
        #expect(export.stdout.isEmpty)
        #expect(export.stderr.contains("\(missing): no such store"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing), "nothing is created")
        let status = try IngestBinary.run(["status", "--store", missing, "--json"])
        #expect(status.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["exists"] as? Bool == false)
        #expect(try IngestBinary.run(["status", "--store", missing]).stdout.contains("empty"))
    }

    @Test func compactKeepsTheExportAndRefusesALockedStore() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let before = try IngestBinary.run(["export", "--store", store.path, "--include-deleted"]).stdout
        #expect(try IngestBinary.run(["compact", "--store", store.path]).status == 0)
        #expect(try IngestBinary.run(["export", "--store", store.path, "--include-deleted"]).stdout == before)

        // Hold the lock the way a running sync does: flock plus our pid in the lock file.
        let lock = open(store.appendingPathComponent("lock").path, O_RDWR | O_CREAT, 0o644)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        let pid = Array("\(getpid())\n".utf8)
        #expect(ftruncate(lock, 0) == 0 && pwrite(lock, pid, pid.count, 0) == pid.count)
        let locked = try IngestBinary.run(["compact", "--store", store.path])
        #expect(locked.status == 75)
        #expect(locked.stderr.contains("locked by process \(getpid())"))
        #expect(try IngestBinary.run(["export", "--store", store.path, "--include-deleted"]).stdout == before)
    }

    @Test func aNewerStoreFormatIsFatal() throws {
        let temp = TemporaryDirectory("ingest-e2e")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        try Data(#"{"format":"ingest-store","version":2}"#.utf8).write(to: store.appendingPathComponent("format.json"))
        for command in [["export"], ["status"], ["compact"]] {
            let result = try IngestBinary.run(command + ["--store", store.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("newer ingest"))
        }
    }

    @Test func compactAnswersHelp() throws {
        let result = try IngestBinary.run(["compact", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: ingest compact"))
    }

    @Test func badExportArgumentsAreUsageErrors() throws {
        #expect(try IngestBinary.run(["export", "--format", "xml"]).status == 64)
        #expect(try IngestBinary.run(["export", "--since", "last week"]).status == 64)
    }
}

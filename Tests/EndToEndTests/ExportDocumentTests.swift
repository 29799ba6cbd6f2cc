import Foundation
import IngestTesting
import Testing

/// `ingest export --format txt|md --output DIR` (issue #14): one file per story, through the binary.
@Suite struct ExportDocumentTests {
    private func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    private func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// Each story's file holds what its JSON record holds: txt the title and text, md the fields
    /// as front matter (JSON-quoted), a heading and the text.
    @Test func aFilePerStoryHoldsItsRecordsTitleTextAndFields() throws {
        let temp = TemporaryDirectory("ingest-docs")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp).path
        let stories = try objects(try IngestBinary.run(["export", "-s", store]).stdout)
        try #require(stories.count == 4)
        let out = temp.url.appendingPathComponent("out/nested")

        let txt = try IngestBinary.run(["export", "-s", store, "-f", "txt", "-o", out.path])
        #expect(txt.status == 0 && txt.stdout.isEmpty, "\(txt.stderr)")
        #expect(txt.stderr.contains("ingest export: 4 stories in \(out.path) (4 written, 0 unchanged)"), "\(txt.stderr)")
        let md = try IngestBinary.run(["export", "-s", store, "-f", "md", "-o", out.path])
        #expect(md.status == 0, "\(md.stderr)")
        let ids = stories.map { $0["id"] as! String }
        #expect(try files(in: out) == (ids.map { $0 + ".md" } + ids.map { $0 + ".txt" }).sorted())

        for story in stories {
            let id = story["id"] as! String, title = story["title"] as! String, text = story["text"] as! String
            #expect(try String(contentsOf: out.appendingPathComponent(id + ".txt"), encoding: .utf8) == "\(title)\n\n\(text)\n")
            let document = try String(contentsOf: out.appendingPathComponent(id + ".md"), encoding: .utf8)
            let parts = document.components(separatedBy: "\n---\n")
            try #require(parts.count == 2 && parts[0].hasPrefix("---\n"), "\(document)")
            func value(_ key: String) throws -> Any? {
                let line = parts[0].split(separator: "\n").first { $0.hasPrefix(key + ": ") }.map { String($0.dropFirst(key.count + 2)) }
                return try line.map { try JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed) }
            }
            for key in ["id", "title", "author", "url", "site", "language", "first_seen", "updated"] {
                #expect(try value(key) as? String == story[key] as? String, "\(key) of \(id)")
            }
            #expect(try value("revision") as? Int == story["revision"] as? Int)
            let copyURLs = (story["copies"] as! [[String: Any]]).map { $0["url"] as! String }
            #expect(try parts[0].split(separator: "\n").filter { $0.hasPrefix("  - url: ") }
                .map { try JSONSerialization.jsonObject(with: Data($0.dropFirst(9).utf8), options: .fragmentsAllowed) as? String } == copyURLs)
            #expect(parts[1] == "\n# \(title)\n\n\(text)\n")
        }
    }

    /// The filters pick the same stories as for JSON lines; with --include-deleted the deleted
    /// copies are listed, marked in the front matter.
    @Test func theExportFiltersPickTheFiles() throws {
        let temp = TemporaryDirectory("ingest-docs")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp).path
        for filter in [["--source", "feed-3"], ["--include-deleted"], ["--until", "2000-01-01"], ["--language", "en"]] {
            let expected = try objects(try IngestBinary.run(["export", "-s", store] + filter).stdout).map { ($0["id"] as! String) + ".md" }
            let out = temp.url.appendingPathComponent("out-\(filter.joined())")
            let result = try IngestBinary.run(["export", "-s", store, "-f", "md", "-o", out.path] + filter)
            #expect(result.status == 0, "\(filter): \(result.stderr)")
            #expect(try files(in: out) == expected.sorted(), "\(filter)")
        }
        let all = temp.url.appendingPathComponent("out---include-deleted")
        let withDeletedCopies = try objects(try IngestBinary.run(["export", "-s", store, "--include-deleted"]).stdout)
            .filter { ($0["copies"] as! [[String: Any]]).contains { $0["deleted"] as? Bool == true } }.map { ($0["id"] as! String) + ".md" }
        try #require(!withDeletedCopies.isEmpty)
        #expect(try files(in: all).filter {
            try String(contentsOf: all.appendingPathComponent($0), encoding: .utf8).contains("\n    deleted: true\n")
        } == withDeletedCopies.sorted())
    }

    /// Each file is replaced through a temp file and a rename: a symlink planted at a story's
    /// name is replaced, not written through; a file that would not change is left alone (same
    /// inode); no temp file stays behind.
    @Test func filesAreReplacedAtomicallyAndUnchangedOnesAreLeftAlone() throws {
        let temp = TemporaryDirectory("ingest-docs")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp).path
        let out = temp.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let victim = temp.url.appendingPathComponent("victim")
        try Data("keep me".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("story-0.txt").path, withDestinationPath: victim.path)
        #expect(try IngestBinary.run(["export", "-s", store, "-f", "txt", "-o", out.path]).status == 0)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")
        let link = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("story-0.txt").path)
        #expect(link[.type] as? FileAttributeType == .typeRegular)

        func inodes() throws -> [Int] {
            try files(in: out).map { try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent($0).path)[.systemFileNumber] as! Int }
        }
        let before = try inodes()
        try Data("stale".utf8).write(to: out.appendingPathComponent("story-2.txt"))
        let again = try IngestBinary.run(["export", "-s", store, "-f", "txt", "-o", out.path])
        #expect(again.stderr.contains("4 stories in \(out.path) (1 written, 3 unchanged)"), "\(again.stderr)")
        let after = try inodes()
        #expect(after.enumerated().filter { before[$0.offset] != $0.element }.map { try! files(in: out)[$0.offset] } == ["story-2.txt"])
        #expect(try files(in: out) == ["story-0.txt", "story-1.txt", "story-2.txt", "story-3.txt"], "no temp file left")
    }

    @Test func documentFormatsNeedADirectoryAndStories() throws {
        let temp = TemporaryDirectory("ingest-docs")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp).path
        let file = temp.url.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        for arguments in [["-f", "md"], ["-f", "txt", "-o", "-"], ["-f", "md", "--copies", "-o", temp.url.appendingPathComponent("d").path],
                          ["-f", "txt", "-o", file.path]] {
            let result = try IngestBinary.run(["export", "-s", store] + arguments)
            #expect(result.status == 64 && result.stdout.isEmpty, "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: temp.url.appendingPathComponent("d").path))
        #expect(try String(contentsOf: file, encoding: .utf8) == "x")
    }
}

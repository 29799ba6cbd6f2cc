import Foundation
import IngestTesting
import Testing

/// A store folder the process may not write (`chattr +i`): every writing command exits 1 with
/// the path in its message, writes nothing, and readers still see what was committed.
@Suite struct UnwritableStoreTests {
    @Test(.enabled(if: ReadOnlyDirectory.available, "root needs chattr +i to make a directory unwritable"))
    func writingCommandsExitOneNamingTheStoreAndReadersStillWork() throws {
        let temp = TemporaryDirectory("ingest-unwritable")
        defer { temp.remove() }
        let dir = temp.url
        for name in ["first", "second"] {
            try SmallWorld.page(title: name, paragraphs: SmallWorld.paragraphs(seed: name == "first" ? 21 : 22), canonical: nil)
                .write(to: dir.appendingPathComponent(name + ".html"), atomically: true, encoding: .utf8)
        }
        #expect(try IngestBinary.run(["import", "first.html"], in: dir).status == 0)
        let store = dir.appendingPathComponent("store").path
        let before = try IngestBinary.run(["export", "--copies"], in: dir).stdout
        let files = try FileManager.default.contentsOfDirectory(atPath: store).sorted()
        try #require(ReadOnlyDirectory.make(store))
        defer { ReadOnlyDirectory.undo(store) }

        try #"{"sources": [{"name": "a", "url": "http://127.0.0.1:9/feed.xml", "kind": "rss"}]}"#
            .write(to: dir.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
        for command in [["import", "second.html"], ["sync"], ["compact"]] {
            let result = try IngestBinary.run(command, in: dir)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            // The store as the user named it (here the default, ./store), and why.
            #expect(result.stderr.contains("./store: write access failed: Operation not permitted"), "\(command): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: store).sorted() == files, "nothing written")
        let export = try IngestBinary.run(["export", "--copies"], in: dir)
        #expect(export.status == 0 && export.stdout == before)
        #expect(try IngestBinary.run(["status"], in: dir).status == 0)
    }
}

import Foundation
import IngestTesting
import Testing

/// `scripts/run --demo` is the README's first command for a newcomer: its tour (scripts/demo)
/// run with the binary under test, offline, on 127.0.0.1.
@Suite struct DemoTests {
    @Test func theDemoSyncsMergesUpdatesAndExportsWithoutTheInternet() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let temp = TemporaryDirectory("ingest-demo-test")
        defer { temp.remove() }
        let work = temp.url.appendingPathComponent("demo")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repo.appendingPathComponent("scripts/demo").path, IngestBinary.url.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["INGEST_DEMO_DIR": work.path]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("ingest sync: 2 sources ok, 0 failed; 4 new, 0 updated, 0 deleted, 0 unchanged, 1 merged"), "\(text)")
        #expect(text.contains("ingest sync: source valley-wire: not modified"), "\(text)")
        #expect(text.contains(" 1 updated, "), "\(text)")

        let export = try IngestBinary.run(["export", "-s", work.appendingPathComponent("store").path])
        let stories = try export.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // Pages are fetched concurrently, so the stories' order varies; their shape does not.
        #expect(stories.compactMap { ($0["copies"] as? [Any])?.count }.sorted() == [1, 1, 2], "the wire copy is folded into its story")
        #expect(stories.contains { ($0["text"] as? String)?.contains("Sunday afternoons") == true }, "the edit is exported")
    }
}

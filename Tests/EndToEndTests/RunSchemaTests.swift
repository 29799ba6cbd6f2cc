import Foundation
import IngestTesting
import Testing

/// `ingest sync --json` and `ingest status --json`'s `last_sync` describe a run with one
/// schema (issue #14): schemas/run.schema.json, held against both.
@Suite struct RunSchemaTests {
    private func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
    }

    /// The same run, printed by the sync and shown by status: both fit the schema and say the
    /// same, but for the problems, which the store does not keep.
    @Test func syncAndStatusPrintTheSameRunObject() throws {
        let schema = try JSONSchema(named: "run.schema.json")
        let world = try SmallWorld()
        defer { world.server.stop() }
        let temp = TemporaryDirectory("ingest-run-schema")
        defer { temp.remove() }
        let dir = temp.url
        // A third source that fails, so the run has an error, a skipped count and exit 3.
        let feeds = world.feedsJSON.replacingOccurrences(
            of: "\"kind\": \"atom\"}]",
            with: "\"kind\": \"atom\"}, {\"name\": \"gone\", \"url\": \"\(world.server.url("/missing.xml"))\"}]")
        try feeds.write(to: dir.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
        for arguments in [["sync", "--json"], ["sync", "--json", "--force"]] {
            let sync = try IngestBinary.run(arguments, in: dir)
            #expect(sync.status == 3, "\(sync.stderr)")
            let printed = try object(sync.stdout)
            #expect(schema.problems(printed) == [], "sync --json")
            let status = try object(try IngestBinary.run(["status", "--json"], in: dir).stdout)
            var shown = try #require(status["last_sync"] as? [String: Any])
            #expect(schema.problems(shown) == [], "status --json last_sync")
            #expect(shown["problems"] is NSNull)
            shown["problems"] = printed["problems"]
            #expect(NSDictionary(dictionary: shown).isEqual(to: printed), "\(shown)\n\(printed)")
        }
    }

    /// A run recorded by an older ingest (no counters beyond new/updated/deleted) still fits,
    /// with null for what it did not keep.
    @Test func anOldRecordedRunFitsWithNulls() throws {
        let schema = try JSONSchema(named: "run.schema.json")
        let temp = TemporaryDirectory("ingest-run-schema")
        defer { temp.remove() }
        let store = try fixtureStore(in: temp)
        let status = try object(try IngestBinary.run(["status", "-s", store.path, "--json"]).stdout)
        let run = try #require(status["last_sync"] as? [String: Any])
        #expect(schema.problems(run) == [])
        #expect(run["new"] as? Int == 13 && run["unchanged"] is NSNull && run["seconds"] is NSNull)
    }
}

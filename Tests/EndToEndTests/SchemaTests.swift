import Foundation
import IngestTesting
import Testing

/// `schemas/*.json` held against what the binary really accepts and writes.
@Suite struct SchemaTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func object(_ json: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    }

    @Test func theExampleFeedsFileFitsItsSchema() throws {
        let schema = try JSONSchema(named: "feeds.schema.json")
        let text = try String(contentsOf: Self.repo.appendingPathComponent("feeds.json"), encoding: .utf8)
        #expect(schema.problems(try object(text)) == [])
    }

    /// Both ways: configs the schema accepts, `ingest sync` accepts (they fail only on the
    /// closed port they point at, exit 3), and every config it refuses (exit 64) the schema
    /// refuses too.
    @Test func theSchemaAndTheValidatorAgree() throws {
        let schema = try JSONSchema(named: "feeds.schema.json")
        let url = "http://127.0.0.1:9/feed.xml"  // the discard port: nothing listens
        let accepted = [
            #"{"sources": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"$schema": "./schemas/feeds.schema.json", "sources": [{"name": "a", "url": "\#(url)", "kind": "rss"}]}"#,
            #"{"settings": {"userAgent": "x", "concurrency": 256, "perHostConcurrency": 1, "perHostDelayMs": 0, "timeoutSeconds": 1, "maxPageBytes": 1024}, "sources": [{"name": "a", "url": "\#(url)", "kind": "auto"}]}"#,
            #"{"settings": {"schedule": {"minSourceIntervalMinutes": 1, "maxSourceIntervalMinutes": 10080, "maxBackoffHours": 720, "revalidate": [{"ageDays": 1, "everyMinutes": 15}, {"ageDays": 3650, "everyMinutes": 60}], "revalidateOlderEveryMinutes": 525600}}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
        ]
        let refused = [
            #"{"sources": []}"#,
            #"{"sources": [{"name": "a", "url": "\#(url)", "kindd": "rss"}]}"#,
            #"{"sources": [{"name": "a", "url": "ftp://example.com/feed"}]}"#,
            #"{"sources": [{"name": "a", "url": "\#(url)", "kind": "podcast"}]}"#,
            #"{"sources": [{"url": "\#(url)"}]}"#,
            #"{"settings": {"concurrency": 0}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"settings": {"maxPageBytes": 1000000001}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"settings": {"timeout": 5}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"settings": {"userAgent": ""}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"source": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"settings": {"schedule": {"maxBackoffHours": 0}}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"settings": {"schedule": {"maxBackof": 2}}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"settings": {"schedule": {"revalidate": [{"ageDays": 1}]}}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
            #"{"settings": {"schedule": {"revalidate": [{"ageDays": 1, "everyMinutes": 0}]}}, "sources": [{"name": "a", "url": "\#(url)"}]}"#,
        ]
        let temp = TemporaryDirectory("ingest-schema")
        defer { temp.remove() }
        for (index, config) in (accepted + refused).enumerated() {
            let path = temp.url.appendingPathComponent("feeds-\(index).json").path
            try config.write(toFile: path, atomically: true, encoding: .utf8)
            let store = temp.url.appendingPathComponent("store-\(index)").path
            let result = try IngestBinary.run(["sync", "-f", path, "-s", store, "-q"])
            let schemaProblems = schema.problems(try object(config))
            if index < accepted.count {
                #expect(schemaProblems == [], "\(config)")
                #expect(result.status == 3, "\(config): \(result.stderr)")
            } else {
                #expect(!schemaProblems.isEmpty, "the schema lets through \(config)")
                #expect(result.status == 64, "\(config): \(result.stderr)")
            }
        }
    }

    /// Real export output, stories and copies, deleted ones included, fits the record schemas.
    @Test func exportRecordsFitTheirSchemas() throws {
        let temp = TemporaryDirectory("ingest-schema")
        defer { temp.remove() }
        let store = temp.url.appendingPathComponent("store")
        try FileManager.default.copyItem(
            at: Self.repo.appendingPathComponent("Tests/Fixtures/store/thirteen-copies-merged-revised-deleted"), to: store)
        for (schemaName, flags) in [("story.schema.json", [String]()), ("copy.schema.json", ["--copies"])] {
            let schema = try JSONSchema(named: schemaName)
            let result = try IngestBinary.run(["export", "-s", store.path, "--include-deleted"] + flags)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count > 3)
            #expect(result.stdout.contains(#""deleted":true"#), "the fixture has deleted records")
            for line in lines { #expect(schema.problems(try object(String(line))) == [], "\(schemaName): \(line.prefix(120))") }
        }
    }

    /// The checker itself: a record with a wrong type, a missing key and an extra key fails.
    @Test func theCheckerFindsWhatIsWrong() throws {
        let schema = try JSONSchema(named: "copy.schema.json")
        let problems = schema.problems(try object(#"{"story": 3, "extra": true}"#))
        #expect(problems.contains("$.story: integer, expected string"), "\(problems)")
        #expect(problems.contains("$: missing \"url\"") && problems.contains("$: unexpected \"extra\""), "\(problems)")
    }
}

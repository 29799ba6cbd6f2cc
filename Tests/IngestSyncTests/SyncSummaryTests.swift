import Foundation
import IngestCore
import Testing
@testable import IngestSync

@Suite("sync summary")
struct SyncSummaryTests {
    func sample() -> SyncSummary {
        var summary = SyncSummary(started: Date(timeIntervalSince1970: 1_714_557_600),
                                  ended: Date(timeIntervalSince1970: 1_714_557_604.25))
        var ok = SyncSummary.Source(name: "wire")
        ok.new = 12
        ok.updated = 3
        summary.sources = [ok, SyncSummary.Source(name: "tass", ok: false, error: "HTTP 503 from https://tass.example/rss")]
        summary.new = 12
        summary.updated = 3
        summary.deleted = 1
        summary.unchanged = 240
        summary.merged = 4
        summary.skipped = 2
        summary.requests = 260
        summary.bytes = 3_140_000
        return summary
    }

    @Test func cronLine() {
        #expect(sample().line == "1 sources ok, 1 failed; 12 new, 3 updated, 1 deleted, 240 unchanged, "
            + "4 merged, 2 skipped, 0 failed pages; 260 requests, 3.1 MB, 4.2 s")
    }

    @Test func jsonHasTotalsAndPerSourceCounters() throws {
        var summary = sample()
        summary.exitCode = 3
        let object = try #require(JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
        #expect(object["started"] as? String == "2024-05-01T10:00:00Z")
        #expect(object["ended"] as? String == "2024-05-01T10:00:04Z")
        #expect(object["exit_code"] as? Int == 3)
        #expect(object["sources_ok"] as? Int == 1 && object["sources_failed"] as? Int == 1)
        #expect(object["new"] as? Int == 12 && object["unchanged"] as? Int == 240 && object["merged"] as? Int == 4)
        #expect(object["seconds"] as? Double == 4.25)
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.map { $0["name"] as? String } == ["wire", "tass"])
        #expect(sources[1]["ok"] as? Bool == false)
        #expect(sources[1]["error"] as? String == "HTTP 503 from https://tass.example/rss")
        #expect(sources[0]["new"] as? Int == 12 && sources[0]["deleted"] as? Int == 0)
    }

    @Test func storedFormRoundTrips() throws {
        let summary = sample()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let back = try decoder.decode(SyncSummary.self, from: encoder.encode(summary))
        #expect(back.line == summary.line)
        #expect(back.sources == summary.sources)
    }

    @Test func problemsAreBounded() {
        var summary = sample()
        for index in 0..<(SyncSummary.maxProblems + 50) { summary.report("https://x.example/\(index)", "HTTP 403") }
        #expect(summary.problems.count == SyncSummary.maxProblems)
        #expect(summary.problems[0] == "https://x.example/0: HTTP 403")
    }
}

import Foundation

/// How a sync run went: per-source counters and run totals, rendered as the one-line cron
/// summary or as JSON (`--json`). The engine produces it; the store keeps it (`runs.jsonl`, in
/// its own layout) and `ingest status` shows the last one.
public struct SyncSummary: Sendable, Equatable, Codable {
    /// One source's outcome (`{"name", "ok", "error", "new", "updated", "deleted"}`).
    public struct Source: Sendable, Equatable, Codable {
        public var name: String
        public var ok: Bool
        public var error: String?
        public var new = 0
        public var updated = 0
        public var deleted = 0
        /// False when the source was not due and not polled this run.
        public var polled = true

        public init(name: String, ok: Bool = true, error: String? = nil, polled: Bool = true) {
            self.name = name
            self.ok = ok
            self.error = error
            self.polled = polled
        }
    }

    public var started: Date
    /// Set with `finish(at:)`, which also sets `seconds`.
    public private(set) var ended: Date
    /// Wall-clock duration, kept exactly (ISO 8601 dates in JSON drop fractions).
    public private(set) var seconds: Double
    /// How the run exits: set by `SyncRun` to 0 or `partialFailureExitCode`; a command
    /// that fails otherwise may overwrite it.
    public var exitCode: Int32?
    public var sources: [Source] = []
    /// New copies, copies with a new revision, copies deleted (404/410), over all sources.
    public var new = 0
    public var updated = 0
    public var deleted = 0
    /// Known articles seen or revalidated whose text did not change.
    public var unchanged = 0
    /// New copies that joined an existing story (wire copies).
    public var merged = 0
    /// Pages not stored: not articles, refused by the fetcher, other non-2xx answers.
    public var skipped = 0
    /// Article fetches that failed transiently; retried next run.
    public var failed = 0
    public var requests = 0
    /// Response body bytes received.
    public var bytes = 0
    /// One line per skipped or failed URL, `url: reason` (the first `maxProblems`).
    public var problems: [String] = []
    /// False for a run the store recorded before it kept `unchanged`, `merged`, `requests`,
    /// `bytes` and `seconds`: those read as 0 but are unknown.
    public var countersKept = true
    /// False for a run the store recorded before it kept `skipped` and `failed`.
    public var pageCountersKept = true
    /// False for a run read back from the store, which does not keep `problems`.
    public var problemsKept = true

    public static let maxProblems = 200
    /// The README's exit code for "some sources failed, the others were synced".
    public static let partialFailureExitCode: Int32 = 3

    public init(started: Date, ended: Date? = nil) {
        self.started = started
        self.ended = ended ?? started
        self.seconds = (ended ?? started).timeIntervalSince(started)
    }

    /// A finished run as recorded: `seconds` as kept, which may differ from `ended - started`
    /// when the dates were recorded to the second.
    public init(started: Date, ended: Date, seconds: Double) {
        self.started = started
        self.ended = ended
        self.seconds = seconds
    }

    /// Records the end of the run.
    public mutating func finish(at date: Date) {
        ended = date
        seconds = date.timeIntervalSince(started)
    }

    public var sourcesOK: Int { sources.count { $0.ok } }
    /// Sources polled this run that failed.
    public var sourcesFailed: Int { sources.count { !$0.ok && $0.polled } }
    /// Failing sources left alone this run while they back off.
    public var sourcesBackingOff: Int { sources.count { !$0.ok && !$0.polled } }
    /// True when some source polled this run failed: the run exits with the partial-failure
    /// code. A source backing off was not polled, so it alone does not make a run fail.
    public var isPartialFailure: Bool { sourcesFailed > 0 }

    /// Records a skipped or failed URL, keeping the list bounded.
    public mutating func report(_ url: String, _ reason: String) {
        if problems.count < Self.maxProblems { problems.append("\(url): \(reason)") }
    }

    /// The cron line (the command prefixes `ingest sync:`): `6 sources ok, 1 failed; 12 new,
    /// 3 updated, 1 deleted, 240 unchanged, 4 merged, 2 skipped, 0 failed pages; 260 requests,
    /// 3.1 MB, 4.2 s`; `, 1 backing off` follows `failed` when a source is backing off.
    public var line: String {
        let backingOff = sourcesBackingOff > 0 ? ", \(sourcesBackingOff) backing off" : ""
        return "\(sourcesOK) sources ok, \(sourcesFailed) failed\(backingOff); \(new) new, \(updated) updated, "
            + "\(deleted) deleted, \(unchanged) unchanged, \(merged) merged, \(skipped) skipped, "
            + "\(failed) failed pages; \(requests) requests, "
            + "\(Self.megabytes(bytes)), \(String(format: "%.1f", seconds)) s"
    }

    /// The summary as one JSON object (sorted keys, ISO 8601 dates), totals included: the
    /// run object of `schemas/run.schema.json`, as `sync --json` prints it.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(runJSON)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The run object of `schemas/run.schema.json`, for embedding in other JSON (`ingest status
    /// --json`'s `last_sync`): what `sync --json` prints, with null for what a recorded run
    /// did not keep. Dates are strings whatever the encoder's date strategy.
    public var runJSON: some Encodable { JSONForm(self) }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    /// The JSON shape: the stored fields plus the derived totals; every key always present.
    private struct JSONForm: Encodable {
        let summary: SyncSummary
        init(_ summary: SyncSummary) { self.summary = summary }

        enum Keys: String, CodingKey {
            case started, ended, exitCode = "exit_code", sources, sourcesOK = "sources_ok",
                 sourcesFailed = "sources_failed", sourcesBackingOff = "sources_backing_off", new, updated, deleted, unchanged, merged, skipped,
                 failed, requests, bytes, seconds, problems
        }

        enum SourceKeys: String, CodingKey {
            case name, ok, error, new, updated, deleted, polled
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            let kept = summary.countersKept, pagesKept = summary.pageCountersKept
            try c.encode(Timestamp.string(summary.started), forKey: .started)
            try c.encode(Timestamp.string(summary.ended), forKey: .ended)
            try c.encode(summary.exitCode, forKey: .exitCode)
            var sources = c.nestedUnkeyedContainer(forKey: .sources)
            for source in summary.sources {
                var s = sources.nestedContainer(keyedBy: SourceKeys.self)
                try s.encode(source.name, forKey: .name)
                try s.encode(source.ok, forKey: .ok)
                try s.encode(source.error, forKey: .error)  // null, not absent: scripts test it
                try s.encode(source.new, forKey: .new)
                try s.encode(source.updated, forKey: .updated)
                try s.encode(source.deleted, forKey: .deleted)
                try s.encode(source.polled, forKey: .polled)
            }
            try c.encode(summary.sourcesOK, forKey: .sourcesOK)
            try c.encode(summary.sourcesFailed, forKey: .sourcesFailed)
            try c.encode(summary.sourcesBackingOff, forKey: .sourcesBackingOff)
            try c.encode(summary.new, forKey: .new)
            try c.encode(summary.updated, forKey: .updated)
            try c.encode(summary.deleted, forKey: .deleted)
            try c.encode(kept ? summary.unchanged : nil, forKey: .unchanged)
            try c.encode(kept ? summary.merged : nil, forKey: .merged)
            try c.encode(pagesKept ? summary.skipped : nil, forKey: .skipped)
            try c.encode(pagesKept ? summary.failed : nil, forKey: .failed)
            try c.encode(kept ? summary.requests : nil, forKey: .requests)
            try c.encode(kept ? summary.bytes : nil, forKey: .bytes)
            try c.encode(kept ? (summary.seconds * 1000).rounded() / 1000 : nil, forKey: .seconds)
            try c.encode(summary.problemsKept ? summary.problems : nil, forKey: .problems)
        }
    }
}

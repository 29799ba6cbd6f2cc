import Foundation
import IngestCore
import IngestStore

// The engine's run summary as the store's runs.jsonl record (ISO 8601 strings to the second).

extension SyncRunSummary {
    /// The record `ingest status` shows for a finished run.
    init(_ summary: SyncSummary) {
        self.init(started: Timestamp.string(summary.started), ended: Timestamp.string(summary.ended),
                  exitCode: summary.exitCode ?? 0,
                  sources: summary.sources.map {
                      Source(name: $0.name, ok: $0.ok, error: $0.error, new: $0.new, updated: $0.updated, deleted: $0.deleted,
                             polled: $0.polled ? nil : false)
                  },
                  // Seconds to the millisecond, as `sync --json` shows them.
                  counters: Counters(unchanged: summary.unchanged, merged: summary.merged, requests: summary.requests,
                                     bytes: summary.bytes, seconds: (summary.seconds * 1000).rounded() / 1000))
    }
}

import Foundation
import IngestCore
import IngestStore

// Conversions between the engine's states (dates) and the store's records (ISO 8601
// strings to the second). Every field the engine keeps has a place in the store's record.

extension URLState {
    /// The engine's view of a stored fetch state.
    init(_ record: FetchState) {
        let lastChecked = record.lastChecked.flatMap(Timestamp.date)
        self.init(url: record.url, copyID: record.copy, isAlias: record.alias ?? false,
                  source: record.source ?? SyncRun.importSource, etag: record.etag, lastModified: record.lastModified,
                  allowPrivateAddresses: record.allowPrivate ?? false,
                  firstSeen: record.firstSeen.flatMap(Timestamp.date) ?? lastChecked ?? Date(timeIntervalSince1970: 0),
                  lastChecked: lastChecked, published: record.published.flatMap(Timestamp.date), gone: record.gone ?? false)
    }
}

extension FetchState {
    /// The store record of an engine URL state (false flags are left out of the line).
    init(_ state: URLState) {
        self.init(url: state.url, copy: state.copyID, etag: state.etag, lastModified: state.lastModified,
                  lastChecked: state.lastChecked.map(Timestamp.string), alias: state.isAlias ? true : nil,
                  source: state.source, allowPrivate: state.allowPrivateAddresses ? true : nil,
                  firstSeen: Timestamp.string(state.firstSeen), published: state.published.map(Timestamp.string),
                  gone: state.gone ? true : nil)
    }
}

extension SyncRunSummary {
    /// The record `ingest status` shows for a finished run.
    init(_ summary: SyncSummary) {
        self.init(started: Timestamp.string(summary.started), ended: Timestamp.string(summary.ended),
                  exitCode: summary.exitCode ?? 0,
                  sources: summary.sources.map {
                      Source(name: $0.name, ok: $0.ok, error: $0.error, new: $0.new, updated: $0.updated, deleted: $0.deleted)
                  },
                  // Seconds to the millisecond, as `sync --json` shows them.
                  counters: Counters(unchanged: summary.unchanged, merged: summary.merged, requests: summary.requests,
                                     bytes: summary.bytes, seconds: (summary.seconds * 1000).rounded() / 1000))
    }
}

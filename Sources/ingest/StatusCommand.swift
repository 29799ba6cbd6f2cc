import ArgumentParser
import Foundation
import IngestPipeline

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the store holds and how the last sync went.",
        discussion: """
        Examples:
          ingest status
          ingest status -s ~/news/store --json | jq .last_sync     (the object 'ingest sync --json' printed)
        """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let status = try reportingStoreErrors("status") { try Pipeline.status(store: storeOptions.store) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(Self.text(for: status), terminator: "")
        }
    }

    /// The human-readable report.
    static func text(for status: StoreStatus) -> String {
        guard status.exists else { return "store \(status.directory): empty (no store here yet)\n" }
        var lines = [
            "store \(status.directory): format \(status.formatVersion ?? 0), \(megabytes(status.bytesOnDisk)) on disk",
            "stories: \(status.stories) (\(status.deletedStories) deleted, \(status.storyAliases) merged away)",
            "copies: \(status.copies) (\(status.deletedCopies) deleted, \(status.copyRevisions) revisions stored)",
            "sources: \(status.sources); URLs tracked: \(status.trackedURLs)",
        ]
        if status.rawBytes > 0 { lines.append("raw pages (keepRaw): \(megabytes(status.rawBytes)) in raw/") }
        lines += status.sourceStates.map(sourceLine)
        if let run = status.lastSync {
            lines.append("last sync: \(Timestamp.string(run.started)) to \(Timestamp.string(run.ended)), "
                + "exit code \(run.exitCode ?? 0): \(run.new) new, \(run.updated) updated, \(run.deleted) deleted, "
                + "\(run.sourcesFailed) of \(run.sources.count) sources failed" + counters(of: run))
            for source in run.sources where !source.ok {
                lines.append("  \(source.name): \(source.error ?? "failed")")
            }
        } else {
            lines.append("last sync: none")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `  name: 12 articles, ok, polled …, next poll …` or, for a failing source,
    /// `  name: 0 articles, failing since … (failed polls in a row: 3), next poll …: <error>`.
    private static func sourceLine(_ source: StoreStatus.Source) -> String {
        var parts = ["\(source.articles) articles"]
        if let since = source.failingSince ?? (source.lastError == nil ? nil : source.lastPolled) {
            parts.append("failing since \(since) (failed polls in a row: \(source.failures))")
        } else if let result = source.lastResult {
            parts.append(result)
        } else {
            parts.append("never polled")
        }
        if let polled = source.lastPolled { parts.append("polled \(polled)") }
        if let next = source.nextPoll { parts.append("next poll \(next)") }
        return "  \(source.name): " + parts.joined(separator: ", ") + (source.lastError.map { ": \($0)" } ?? "")
    }

    /// The run's other counters as in the sync's cron line (`; 240 unchanged, 4 merged; 260 requests,
    /// 3.1 MB, 4.2 s`); runs recorded before they were kept have none.
    private static func counters(of run: SyncSummary) -> String {
        guard run.countersKept else { return "" }
        return "; \(run.unchanged) unchanged, \(run.merged) merged; \(run.requests) requests, "
            + "\(megabytes(Int64(run.bytes))), \(String(format: "%.1f s", run.seconds))"
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

import ArgumentParser
import Foundation
import IngestFetch
import IngestStore
import IngestSync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Run one incremental pass over every source in feeds.json.",
        discussion: """
        Quiet on success apart from a one-line summary on stderr; --json prints the summary \
        as JSON on stdout. Exit codes: 0 all sources synced; 3 some sources failed (the \
        others were synced); 64 invalid feeds.json (nothing written); 75 another sync holds \
        the store; 1 the store is unusable (disk full, unwritable, newer format).
        """)

    @Option(help: "The feeds file.") var feeds = "./feeds.json"
    @Option(help: "The store directory.") var store = "./store"
    @Flag(help: "Poll every source now, ignoring next-poll times.") var force = false
    @Flag(help: "Print the run summary as JSON on stdout.") var json = false
    @Flag(help: "Log every source and page on stderr.") var verbose = false
    @Flag(help: "No summary line on stderr (failures are still reported).") var quiet = false

    func run() async throws {
        // Validated before anything touches the store: an invalid config writes nothing.
        let config: FeedsConfig
        do {
            config = try FeedsConfig.load(path: feeds)
        } catch {
            for problem in error.description.split(separator: "\n") {
                FileHandleOutput.standardError("ingest sync: \(problem)\n")
            }
            throw ExitCode.usage
        }
        let live = try reportingStoreErrors("sync") { try LiveStore.open(directory: store) }
        let fetcher = Fetcher(settings: FetchSettings(config.settings))
        defer { fetcher.shutdown() }
        let run = SyncRun(config: config, fetcher: FetcherAdapter(fetcher), extractor: ExtractorAdapter(),
                          clusterer: live.clusterer, store: live.adapter, options: SyncOptions(force: force))
        let progress = SyncProgress(command: "sync", verbose: verbose, quiet: quiet)
        run.onEvent = progress.handle
        let summary: SyncSummary
        do {
            summary = try await run.run()
            try live.finish()
        } catch {
            progress.finish()
            FileHandleOutput.standardError("ingest sync: \(error)\n")
            throw (error as? StoreError)?.exitCode ?? .fatal
        }
        progress.finish()
        report(summary)
        if summary.exitCode ?? 0 != 0 { throw ExitCode(summary.exitCode ?? 1) }
    }

    private func report(_ summary: SyncSummary) {
        if json { print(summary.json) }
        for source in summary.sources where !source.ok {
            FileHandleOutput.standardError("ingest sync: source \(source.name) failed: \(source.error ?? "unknown error")\n")
        }
        if !quiet { FileHandleOutput.standardError(summary.line + "\n") }
    }
}

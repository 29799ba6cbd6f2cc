import ArgumentParser
import Foundation
import IngestPipeline

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Run one incremental pass over every source in feeds.json.",
        discussion: """
        Quiet on success apart from a one-line summary on stderr; --json prints the summary \
        as JSON on stdout. Exit codes: 0 all sources synced; 3 a source polled in this run \
        failed (the others were synced; a failing source backing off until a later run does \
        not count); 64 invalid feeds.json (nothing written); 75 another sync holds \
        the store; 1 the store is unusable (disk full, unwritable, newer format).

        Examples:
          ingest sync
          ingest sync -f ~/news/feeds.json -s ~/news/store --json > last-run.json
          ingest sync --revalidate          (check every known article now, e.g. once a night)
          */10 * * * * cd ~/news && ingest sync 2>>sync.log     (a crontab line)
        """)

    @Option(name: .shortAndLong, help: ArgumentHelp("The feeds file.", valueName: "file")) var feeds = "./feeds.json"
    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Poll every source now, ignoring next-poll times and the backoff of failing sources.") var force = false
    @Flag(help: "Poll every source and re-request every known article now (conditional requests: unchanged ones cost a 304), so every edit and deletion is seen at once.")
    var revalidate = false
    @Flag(help: "Print the run summary as JSON on stdout.") var json = false
    @OptionGroup var logOptions: LogOptions

    func run() async throws {
        // Validated before anything touches the store: an invalid config writes nothing.
        let config: FeedsConfig
        do {
            config = try FeedsConfig.load(path: feeds)
        } catch {
            for problem in error.description.split(separator: "\n") {
                Log.line("sync", String(problem))
            }
            throw ExitCode.usage
        }
        // As for import --keep-raw: a PostgreSQL writer's raw/ would stay in its private copy.
        if config.settings.keepRaw && storeOptions.isPostgres {
            Log.line("sync", "\(feeds): settings.keepRaw keeps raw pages in a directory store only; a PostgreSQL store does not keep them")
            throw ExitCode.usage
        }
        let live = try reportingStoreErrors("sync") { try Pipeline.open(store: storeOptions.store, worker: true, onWait: storeOptions.waitNotice("sync")) }
        let progress = SyncProgress(command: "sync", verbose: logOptions.verbose, quiet: logOptions.quiet)
        let summary: SyncSummary
        do {
            summary = try await Pipeline.sync(config, into: live, options: SyncOptions(force: force, revalidateAll: revalidate),
                                              onEvent: progress.handle)
        } catch {
            progress.finish()
            Log.line("sync", "\(error)")
            throw (error as? StoreError)?.exitCode ?? .fatal
        }
        progress.finish()
        report(summary)
        if summary.exitCode ?? 0 != 0 { throw ExitCode(summary.exitCode ?? 1) }
    }

    private func report(_ summary: SyncSummary) {
        if json { print(summary.json) }
        for source in summary.sources where !source.ok {
            let verb = source.polled ? "failed:" : "is"  // "is backing off after …"
            Log.line("sync", "source \(source.name) \(verb) \(source.error ?? "unknown error")")
        }
        if !logOptions.quiet { Log.line("sync", summary.line) }
    }
}

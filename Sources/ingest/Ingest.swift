import ArgumentParser

/// The `ingest` command: a thin layer over the library modules.
@main
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Keep a local, deduplicated store of news articles in sync with their sites.",
        discussion: """
        Exit codes: 0 success; 1 fatal error (store unusable, disk full); \
        3 some sources or inputs failed, the rest were done; 64 usage or config error; \
        75 the store is locked by another running sync.

        Start with 'ingest sync' (reads ./feeds.json, writes ./store), then 'ingest export'.
        """,
        version: "0.1.0",
        subcommands: [SyncCommand.self, ImportCommand.self, ExportCommand.self,
                      ExtractCommand.self, StatusCommand.self, CompactCommand.self, RepairCommand.self,
                      MigrateCommand.self]
    )
}

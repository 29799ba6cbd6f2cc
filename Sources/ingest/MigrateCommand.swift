import ArgumentParser
import IngestPipeline

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move a store between a directory and PostgreSQL, keeping everything.",
        discussion: """
        Copies every record as it is: story ids, revisions, fetch states (ETags, so the next \
        sync asks conditionally), merges, sources, runs and the dedup snapshot; both stores \
        then export the same bytes. The target must be empty (a database without ingest's \
        tables or with an empty store; a directory that does not exist or is empty). The \
        source is held by its write lock meanwhile (a directory: exit 75 while a sync runs; \
        PostgreSQL: waits for its writers). Exit codes: 0 done; 1 unreachable database, \
        damaged or newer store, target not empty; 64 not one directory and one URL.

        Examples:
          ingest migrate --from store --to postgresql://ingest@db.internal/news
          ingest migrate --from postgresql://ingest@db.internal/news --to store-copy
        """)

    @Option(help: ArgumentHelp("The store to copy: a directory or a postgresql:// URL.", valueName: "dir-or-url"))
    var from: String
    @Option(help: ArgumentHelp("Where to copy it: a postgresql:// URL or a directory.", valueName: "url-or-dir"))
    var to: String

    func validate() throws {
        guard PostgresURL.isPostgres(from) != PostgresURL.isPostgres(to) else {
            throw ValidationError("--from and --to: one must be a directory and the other a postgresql:// URL")
        }
        for url in [from, to] where PostgresURL.isPostgres(url) {
            do { _ = try PostgresURL(url) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws {
        try reportingStoreErrors("migrate") { try Pipeline.migrate(from: from, to: to) }
        let name = { (location: String) in (try? PostgresURL(location))?.description ?? location }
        Log.line("migrate", "copied \(name(from)) to \(name(to))")
    }
}

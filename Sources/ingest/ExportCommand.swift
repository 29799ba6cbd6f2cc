import ArgumentParser
import IngestStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the deduplicated store: one record per story, or per copy.",
        discussion: """
        JSON lines (one object per line, keys sorted) or CSV (RFC 4180, header row, CRLF). \
        A missing or empty store exports nothing and succeeds. Readers never wait for a \
        running sync: the export is a snapshot of the store as it was when it began.

        Examples:
          ingest export > stories.jsonl
          ingest export --copies --since 2026-11-22 -o copies.jsonl
          ingest export -f csv -o stories.csv
          ingest export | jq -r 'select(.copies | length > 1) | .title'
          ingest export --skip-damaged -o rest.jsonl   (a damaged store: export what is readable)
        """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .shortAndLong, help: "jsonl or csv.") var format: ExportOptions.Format = .jsonl
    @Flag(help: "One record per copy instead of per story.") var copies = false
    @Flag(help: "Keep deleted stories and copies, marked \"deleted\": true.") var includeDeleted = false
    @Option(help: ArgumentHelp("Only records updated at or after this date (2026-11-22 or ISO 8601).", valueName: "date"))
    var since: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here (atomically) instead of stdout; - is stdout.", valueName: "file"))
    var output: String?
    @Flag(help: "Leave out damaged store lines, naming each on stderr (exit 3 if any), instead of failing.")
    var skipDamaged = false

    func validate() throws {
        if let since, Store.timestamp(parsing: since) == nil {
            throw ValidationError("--since: '\(since)' is not a date (use 2026-11-22 or 2026-11-22T08:00:00Z)")
        }
    }

    func run() async throws {
        let options = ExportOptions(format: format, perCopy: copies, includeDeleted: includeDeleted,
                                    since: since.flatMap(Store.timestamp(parsing:)))
        var skipped = 0
        try reportingStoreErrors("export") {
            let destination: ExportDestination = output.flatMap { $0 == "-" ? nil : .file(path: $0) } ?? .fileDescriptor(1)
            let report = { (damage: DamagedLine) in
                skipped += 1
                Log.line("export", "skipped \(damage.error)")
            }
            try Store.export(directory: storeOptions.store, options, to: destination,
                             skippingDamaged: skipDamaged ? report : nil)
        }
        if skipped > 0 { throw ExitCode.partialFailure }
    }
}

extension ExportOptions.Format: ExpressibleByArgument {}

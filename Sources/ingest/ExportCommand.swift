import ArgumentParser
import Foundation
import IngestPipeline

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
          ingest export -f csv --bom -o stories.csv
          ingest export --date-field published --since 2026-11-01 --until 2026-11-30 --language en
          ingest export | jq -r 'select(.copies | length > 1) | .title'
          ingest export --skip-damaged -o rest.jsonl   (a damaged store: export what is readable)
          ingest export -f md -o stories/ --since 2026-11-22   (one file per story: stories/<id>.md)
          ingest export -f warc -o store.warc.gz        (WARC/1.1: raw pages, extracted texts, metadata)
        """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .shortAndLong, help: "jsonl, csv, txt or md (txt and md: a file per story in the --output directory).")
    var format: ExportOptions.Format = .jsonl
    @Flag(help: "One record per copy instead of per story.") var copies = false
    @Flag(help: "Keep deleted stories and copies, marked \"deleted\": true.") var includeDeleted = false
    @Option(help: ArgumentHelp("Only records dated at or after this date (2026-11-22 or ISO 8601).", valueName: "date"))
    var since: String?
    @Option(help: ArgumentHelp("Only records dated at or before this date (a day without a time: to its end).",
                               valueName: "date"))
    var until: String?
    @Option(help: ArgumentHelp("The date --since and --until apply to: updated, published (in UTC; records without one are left out) or first_seen.",
                               valueName: "field"))
    var dateField: ExportFilter.DateField = .updated
    @Option(help: ArgumentHelp("Only this site (repeatable).", valueName: "site")) var site: [String] = []
    @Option(help: ArgumentHelp("Only this feeds.json source, or import (repeatable; a story when one of its copies came from it).",
                               valueName: "name"))
    var source: [String] = []
    @Option(help: ArgumentHelp("Only this language: en also keeps en-GB (repeatable).", valueName: "tag"))
    var language: [String] = []
    @Flag(help: "CSV: start with a UTF-8 byte order mark, for spreadsheet programs.") var bom = false
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here (atomically) instead of stdout; - is stdout. With txt or md, a directory.",
                                                    valueName: "file-or-dir"))
    var output: String?
    @Flag(help: "Leave out damaged store lines, naming each on stderr (exit 3 if any), instead of failing.")
    var skipDamaged = false

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, Timestamp.string(parsing: value) == nil {
                throw ValidationError("\(flag): '\(value)' is not a date (use 2026-11-22 or 2026-11-22T08:00:00Z)")
            }
        }
        if bom && format != .csv { throw ValidationError("--bom is for --format csv only.") }
        if format.isDocument {
            if copies { throw ValidationError("--format \(format.rawValue) writes stories; --copies is for jsonl and csv.") }
            if output == nil || output == "-" {
                throw ValidationError("--format \(format.rawValue) writes a file per story: name a directory with --output.")
            }
        }
    }

    func run() async throws {
        let store = storeOptions.store
        // A path that holds no store is a mistake on the command line, not an empty export.
        var isDirectory: ObjCBool = false
        guard storeOptions.isPostgres || FileManager.default.fileExists(atPath: store, isDirectory: &isDirectory) && isDirectory.boolValue
        else {
            Log.line("export", "\(store): no such store (run 'ingest sync' or 'ingest import' first, or pass --store)")
            throw ExitCode.usage
        }
        let filter = ExportFilter(dateField: dateField, since: since.flatMap(Timestamp.string(parsing:)),
                                  until: until.flatMap(Self.endOfRange(parsing:)),
                                  sites: Set(site), sources: Set(source), languages: Set(language))
        let options = ExportOptions(format: format, perCopy: copies, includeDeleted: includeDeleted, filter: filter,
                                    byteOrderMark: bom)
        if format.isDocument, let output, FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            Log.line("export", "\(output): not a directory (--format \(format.rawValue) writes a file per story into a directory)")
            throw ExitCode.usage
        }
        if format == .warc { return try exportWARC(store: store, options: options) }
        var skipped = 0
        try reportingStoreErrors("export") {
            let destination: ExportDestination = format.isDocument ? .directory(path: output ?? ".")
                : output.flatMap { $0 == "-" ? nil : .file(path: $0) } ?? .fileDescriptor(1)
            let report = { (damage: DamagedLine) in
                skipped += 1
                Log.line("export", "skipped \(damage.error)")
            }
            let counts = try Pipeline.withReadableStore(store) { directory in
                try Store.export(directory: directory, options, to: destination, skippingDamaged: skipDamaged ? report : nil)
            }
            if case .directory(let path) = destination {
                Log.line("export", "\(counts.records) stories in \(path) (\(counts.records - counts.unchanged) written, \(counts.unchanged) unchanged)")
            }
        }
        if skipped > 0 { throw ExitCode.partialFailure }
    }

    /// `--until 2026-11-22` means to the end of that day; a date with a time, that moment.
    static func endOfRange(parsing text: String) -> String? {
        guard let moment = Timestamp.string(parsing: text) else { return nil }
        guard text.count == 10, let start = Timestamp.date(moment) else { return moment }
        return Timestamp.string(start.addingTimeInterval(86_399))
    }
}

extension ExportOptions.Format: ExpressibleByArgument {}
extension ExportFilter.DateField: ExpressibleByArgument {}

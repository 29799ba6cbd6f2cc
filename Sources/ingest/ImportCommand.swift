import ArgumentParser
import Foundation
import IngestPipeline

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import URLs or saved HTML files into the store ('-' reads a list from stdin).",
        discussion: """
        Prints one line per input on stdout: 'new STORY URL', 'joined STORY URL', \
        'updated STORY URL', 'unchanged URL', 'deleted STORY URL' (the URL answered 404/410) \
        or 'failed INPUT: WHY'. A file path becomes file:///absolute/path. Exit codes: 0 every \
        input succeeded; 3 some failed; 75 a sync holds the store; 1 the store is unusable \
        (when it fails midway, as on a full disk, the lines still say what was committed).

        Examples:
          ingest import https://example.com/news/story.html
          ingest import saved/*.html --store ~/news/store
          ingest import saved/                  (every .html file in the folder)
          cat urls.txt | ingest import -
          ingest import crawl.warc.gz           (HTML responses of status 200 in a WARC archive)
          zcat crawl.warc.gz | ingest import -
        """)

    @Argument(help: ArgumentHelp("URLs, files, folders of .html files or WARC archives (.warc, .warc.gz); '-' reads one per line from stdin, or a WARC archive.",
                                 valueName: "url-or-file"))
    var inputs: [String]
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .shortAndLong, help: "Log every page on stderr.") var verbose = false
    @Flag(name: .customLong("keep-raw"), help: "Keep each stored page as fetched (status, headers, body) in the store's raw/ folder.")
    var keepRaw = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one URL or file, or '-' to read them from stdin.") }
        // A PostgreSQL writer works in a private copy of the store, and raw/ is not sent back:
        // kept pages would silently vanish.
        if keepRaw && storeOptions.isPostgres {
            throw ValidationError("--keep-raw keeps raw pages in a directory store only; a PostgreSQL store does not keep them.")
        }
    }

    func run() async throws {
        // WARC archives (by name, or sniffed on stdin) are read record by record; the rest as before.
        let stdin = inputs.contains("-") ? Self.sniffStandardInput() : (isArchive: false, prefix: [])
        let archives = inputs.filter { Self.isArchivePath($0) || ($0 == "-" && stdin.isArchive) }
        let given = InputList.expand(inputs.filter { !archives.contains($0) }, stdinPrefix: stdin.prefix)
        let urls = given.map(Pipeline.url(forInput:))
        // Small batches: a hand-run import is short, and an interrupted one keeps most of its work.
        let live = try reportingStoreErrors("import") { try Pipeline.open(store: storeOptions.store, batchSize: 16, onWait: storeOptions.waitNotice("import")) }
        var archiveFailures = 0
        for archive in archives {
            let fd = archive == "-" ? 0 : open(archive, O_RDONLY)
            guard fd >= 0 else {
                print("failed \(archive): \(String(cString: strerror(errno)))")
                archiveFailures += 1
                continue
            }
            defer { if fd != 0 { close(fd) } }
            do {
                archiveFailures += try await importArchive(named: archive == "-" ? "stdin" : archive, fileDescriptor: fd,
                                                           prefix: archive == "-" ? stdin.prefix : [], into: live)
            } catch {
                Log.line("import", "\(error)")
                throw (error as? StoreError)?.exitCode ?? .fatal
            }
        }
        if given.isEmpty {
            if archiveFailures > 0 { throw ExitCode.partialFailure }
            return
        }
        let progress = SyncProgress(command: "import", verbose: verbose, quiet: false)
        var outcomes: [String: (SyncEvent.PageOutcome, String?)] = [:]
        let onEvent = { (event: SyncEvent) in
            progress.handle(event)
            if case let .page(url, outcome, reason, _, _) = event { outcomes[url] = (outcome, reason) }
        }
        /// One line per input; after a store error (disk full) the inputs committed before it are
        /// said as on success, and those whose copy was not committed as failed.
        func report(storeFailed: Bool) -> Int {
            var failures = 0
            for (input, url) in zip(given, urls) {
                let key = CanonicalURL.normalise(url) ?? url
                let line = Self.line(input: input, url: key, outcome: outcomes[key], story: live.adapter.storyID(ofURL: key),
                                     storeFailed: storeFailed)
                if line.hasPrefix("failed ") { failures += 1 }
                print(line)
            }
            return failures
        }
        do {
            _ = try await Pipeline.importPages(urls, into: live, keepRaw: keepRaw, onEvent: onEvent)
        } catch {
            progress.finish()
            _ = report(storeFailed: true)
            Log.line("import", "\(error)")
            throw (error as? StoreError)?.exitCode ?? .fatal
        }
        progress.finish()
        if report(storeFailed: false) + archiveFailures > 0 { throw ExitCode.partialFailure }
    }

    /// The README's output line for one input. `story` is the story of the copy committed for
    /// the URL (nil when its fetch state is not committed); with `storeFailed`, a page stored but
    /// not committed with its state failed.
    static func line(input: String, url: String, outcome: (SyncEvent.PageOutcome, String?)?, story: String?,
                     storeFailed: Bool = false) -> String {
        guard let (kind, reason) = outcome else {
            return "failed \(input): " + (storeFailed ? "not imported (the store failed first)" : "not a URL or file ingest can read")
        }
        switch kind {
        case .new, .joined, .updated, .deleted:
            if storeFailed && story == nil {
                return "failed \(input): not saved in full (the store failed; importing it again completes it)"
            }
            return "\(kind.rawValue) \(story ?? "-") \(url)"
        case .unchanged:
            return "unchanged \(url)"
        case .skipped, .failed:
            // One line per input, whatever a page's title or a server's message holds.
            let why = (reason ?? kind.rawValue).split(whereSeparator: { $0.isNewline }).joined(separator: " ")
            return "failed \(input): \(why)"
        }
    }
}

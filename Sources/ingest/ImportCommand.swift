import ArgumentParser
import Foundation
import IngestFetch
import IngestStore
import IngestSync

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import URLs or saved HTML files into the store ('-' reads a list from stdin).",
        discussion: """
        Prints one line per input on stdout: 'new STORY URL', 'joined STORY URL', \
        'updated STORY URL', 'unchanged URL', 'deleted STORY URL' (the URL answered 404/410) \
        or 'failed INPUT: WHY'. A file path becomes file:///absolute/path. Exit codes: 0 every \
        input succeeded; 3 some failed; 75 a sync holds the store; 1 the store is unusable.

        Examples:
          ingest import https://example.com/news/story.html
          ingest import saved/*.html --store ~/news/store
          ingest import saved/                  (every .html file in the folder)
          cat urls.txt | ingest import -
        """)

    @Argument(help: ArgumentHelp("URLs, files or folders of .html files; '-' reads one per line from stdin.",
                                 valueName: "url-or-file"))
    var inputs: [String]
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .shortAndLong, help: "Log every page on stderr.") var verbose = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one URL or file, or '-' to read them from stdin.") }
    }

    func run() async throws {
        let given = InputList.expand(inputs)
        let urls = given.map(Self.url(for:))
        // Small batches: a hand-run import is short, and an interrupted one keeps most of its work.
        let live = try reportingStoreErrors("import") { try LiveStore.open(directory: storeOptions.store, batchSize: 16) }
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        let run = SyncRun(config: FeedsConfig(sources: []), fetcher: FileFetcher(network: FetcherAdapter(fetcher)),
                          extractor: ExtractorAdapter(), clusterer: live.clusterer, store: live.adapter)
        let progress = SyncProgress(command: "import", verbose: verbose, quiet: false)
        var outcomes: [String: (SyncEvent.PageOutcome, String?)] = [:]
        run.onEvent = { event in
            progress.handle(event)
            if case let .page(url, outcome, reason, _, _) = event { outcomes[url] = (outcome, reason) }
        }
        do {
            _ = try await run.importPages(urls)
            try live.finish()
        } catch {
            progress.finish()
            Log.line("import", "\(error)")
            throw (error as? StoreError)?.exitCode ?? .fatal
        }
        progress.finish()
        var failures = 0
        for (input, url) in zip(given, urls) {
            let key = CanonicalURL.normalise(url) ?? url
            let line = Self.line(input: input, url: key, outcome: outcomes[key], story: live.adapter.storyID(ofURL: key))
            if line.hasPrefix("failed ") { failures += 1 }
            print(line)
        }
        if failures > 0 { throw ExitCode.partialFailure }
    }

    /// The README's output line for one input.
    static func line(input: String, url: String, outcome: (SyncEvent.PageOutcome, String?)?, story: String?) -> String {
        guard let (kind, reason) = outcome else { return "failed \(input): not a URL or file ingest can read" }
        switch kind {
        case .new, .joined, .updated, .deleted:
            return "\(kind.rawValue) \(story ?? "-") \(url)"
        case .unchanged:
            return "unchanged \(url)"
        case .skipped, .failed:
            return "failed \(input): \(reason ?? kind.rawValue)"
        }
    }

    /// URLs stay as they are; anything else is a file path, made an absolute `file://` URL.
    static func url(for input: String) -> String {
        let lower = input.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("file://") { return input }
        return FileFetcher.fileURL(forPath: input)
    }
}

import Foundation
import IngestCore

extension SyncRun {
    /// The source name `importPages` gives its copies (the export's `"source": "import"`).
    public static let importSource = URLState.importSource

    /// Fetches, extracts, clusters and stores the given pages as `ingest import` does, with
    /// the same identity, revision and deletion rules as a sync; no source is polled and the
    /// last-sync summary is not replaced. Inputs are http(s) URLs (normalised here) or
    /// anything else the fetcher understands, such as `file:///absolute/path` for a saved
    /// page, which stays the copy's URL unless the page declares a canonical one. The user
    /// named them, so they may be on private addresses.
    public nonisolated(nonsending) func importPages(_ inputs: [String]) async throws -> SyncSummary {
        try beginImport()
        try await importBatch(inputs)
        return finishImport()
    }

    /// Starts an import made of several `importBatch` calls (a WARC archive read in batches):
    /// URL states are loaded once for all of them.
    public func beginImport() throws {
        now = clock()
        summary = SyncSummary(started: now)
        try loadStates()
    }

    /// One batch of an import begun with `beginImport()`. A copy met again in a later batch is
    /// handled again (a later capture of a page may be its next revision); inputs repeated
    /// within one batch count once. With `inOrder`, pages are stored in input order (fetched
    /// and extracted concurrently all the same).
    public nonisolated(nonsending) func importBatch(_ inputs: [String], inOrder: Bool = false) async throws {
        handledCopies = []
        var seen: Set<String> = []
        let jobs = inputs.compactMap { input -> FetchJob? in
            let url = CanonicalURL.normalise(input) ?? input
            guard seen.insert(url).inserted else { return nil }
            let known = states[url]?.copyID.flatMap { primaryByCopy[$0] }
            // A page already stored is revalidated with its validators: a 304 costs nothing more.
            let validators = Validators(etag: known?.etag, lastModified: known?.lastModified)
            return FetchJob(url: url, source: known?.source ?? Self.importSource, validators: validators,
                            allowPrivate: true, known: known)
        }
        pagesPlanned += jobs.count
        onEvent?(.planned(pages: pagesPlanned))
        try await fetchArticles(jobs, inOrder: inOrder)
    }

    /// The summary of an import begun with `beginImport()`.
    public func finishImport() -> SyncSummary {
        summary.finish(at: clock())
        summary.exitCode = summary.failed + summary.skipped > 0 ? SyncSummary.partialFailureExitCode : 0
        return summary
    }
}

// The CLI reads archives with IngestWARC's reader through this facade.
@_exported import IngestWARC
import Foundation
import IngestCore
import IngestDiscover
import IngestFetch
import IngestSync

/// What `Pipeline.importArchive` reports besides the pages' own events.
public enum ArchiveEvent: Sendable, Equatable {
    /// A record that is not an importable page, with the reason it is counted under.
    case skipped(url: String?, reason: String)
    /// A damaged stretch of the archive, skipped (a record cut short, gzip that does not inflate).
    case damaged(String)
    /// A batch of pages was imported and committed: the normalised URLs, in archive order.
    case committed([String])
}

extension Pipeline {
    /// Pages held in memory at once while importing an archive; with the reader's one record,
    /// this bounds memory on a file of any size.
    static let archiveBatchPages = 128
    /// Bytes of page bodies held in a batch. Bounding pages alone let peak memory grow with the
    /// archive: the more records, the likelier a batch of 128 large pages (the 821 dev pages under
    /// 1, 5, 10 sets of URLs: the fullest batch held 59, 69, 70 MB of bodies). 32 MB is about
    /// 130 pages of the dev corpus's average 240 KB, so most batches still end at 128 pages.
    static let archiveBatchBytes = 32 << 20

    /// Whether a batch of `pages` pages holding `bytes` bytes of bodies must be committed before
    /// a page of `adding` bytes joins it (pure). A page over the byte bound goes in a batch alone.
    static func archiveBatchIsFull(pages: Int, bytes: Int, adding: Int) -> Bool {
        pages >= archiveBatchPages || (pages > 0 && bytes + adding > archiveBatchBytes)
    }
    /// The fetcher's page limit, which archived pages obey too.
    public static let archiveMaxPageBytes = FetchSettings().maxPageBytes
    /// The largest record block worth reading: a page at the limit and its HTTP head.
    public static let archiveMaxBlockBytes = archiveMaxPageBytes + 64 * 1024

    /// Imports the `response` records of a WARC archive (plain or gzip) read from `reader`,
    /// as `ingest import FILE.warc.gz` does: each HTML page answering 200 as if fetched from
    /// its `WARC-Target-URI` at its `WARC-Date`, through the same extraction, dedup and
    /// revision rules as `importPages`. Other records are reported through `onArchive`
    /// (`.skipped` with a reason, `.damaged`), as is each committed batch.
    public static func importArchive(_ reader: WARCReader, into store: LiveStore, maxPageBytes: Int = archiveMaxPageBytes,
                                     keepRaw: Bool = false, onEvent: ((SyncEvent) -> Void)? = nil,
                                     onArchive: (ArchiveEvent) -> Void) async throws -> SyncSummary {
        let fetcher = ArchiveFetcher()
        var options = SyncOptions()
        options.keepRaw = keepRaw
        let run = SyncRun(config: FeedsConfig(sources: []), fetcher: fetcher, discoverer: FeedDiscoverer(),
                          extractor: ExtractorAdapter(), clusterer: store.clusterer, store: store.adapter, options: options)
        run.onEvent = onEvent
        try run.beginImport()
        var batch: [String] = []
        var batchBytes = 0
        func flush() async throws {
            guard !batch.isEmpty else { return }
            // In archive order: which copy comes first decides a story's id and representative.
            try await run.importBatch(batch, inOrder: true)
            try store.adapter.commit()
            // The pages go before the batch is reported: a caller may give freed memory back then.
            fetcher.clear()
            onArchive(.committed(batch))
            batch = []
            batchBytes = 0
        }
        while let event = reader.next() {
            switch event {
            case .damaged(let damage):
                onArchive(.damaged(damage.line))
            case .oversized(let head):
                onArchive(.skipped(url: head.targetURI, reason: "larger than maxPageBytes"))
            case .record(let record):
                switch ArchivedPage.decide(record, maxPageBytes: maxPageBytes) {
                case .failure(let skip):
                    onArchive(.skipped(url: record.targetURI, reason: skip.reason))
                case .success(let page):
                    let url = CanonicalURL.normalise(page.url) ?? page.url
                    // A second capture of a URL goes in the next batch: it may be the copy's next revision.
                    let bytes = page.response.body.count
                    if fetcher.holds(url) || archiveBatchIsFull(pages: batch.count, bytes: batchBytes, adding: bytes) {
                        try await flush()
                    }
                    fetcher.add(page, as: url)
                    batch.append(url)
                    batchBytes += bytes
                }
            }
        }
        try await flush()
        try store.finish()
        return run.finishImport()
    }
}

/// The pages of one batch of an archive, answered as the network fetcher answers (the charset
/// found as for a live fetch, the address the record names), dated with their capture time.
/// A URL not in the batch fails (it is never fetched live).
///
/// `@unchecked Sendable`: the table is only touched under `lock`.
final class ArchiveFetcher: PageFetching, @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: ArchivedPage] = [:]

    func add(_ page: ArchivedPage, as url: String) { lock.withLock { pages[url] = page } }
    func holds(_ url: String) -> Bool { lock.withLock { pages[url] != nil } }
    func clear() { lock.withLock { pages = [:] } }

    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        guard let page = lock.withLock({ pages[request.url] }) else {
            return .failure(.unreadable(url: request.url, reason: "not in the archive"))
        }
        return .success(page.response)
    }
}

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

    /// Batches read ahead of the one being imported, by default: the next batch is read,
    /// inflated and decoded on its own thread while the current one is extracted, so the
    /// extraction threads do not wait for one inflating thread between batches; memory holds
    /// two batches instead of one.
    public static let archiveBatchesAhead = 1

    /// Imports the `response` records of a WARC archive (plain or gzip) read from `reader`,
    /// as `ingest import FILE.warc.gz` does: each HTML page answering 200 as if fetched from
    /// its `WARC-Target-URI` at its `WARC-Date`, through the same extraction, dedup and
    /// revision rules as `importPages`. Other records are reported through `onArchive`
    /// (`.skipped` with a reason, `.damaged`), as is each committed batch.
    ///
    /// The reader is handed to a thread of its own, which reads and decodes up to `batchesAhead`
    /// batches beyond the one being imported (0: each batch is read after the last one is
    /// committed). Batches and events come in archive order whatever `batchesAhead` is, so
    /// the store ends the same.
    public static func importArchive(_ reader: sending WARCReader, into store: LiveStore,
                                     maxPageBytes: Int = archiveMaxPageBytes, batchesAhead: Int = archiveBatchesAhead,
                                     keepRaw: Bool = false, onEvent: ((SyncEvent) -> Void)? = nil,
                                     onArchive: (ArchiveEvent) -> Void) async throws -> SyncSummary {
        let fetcher = ArchiveFetcher()
        var options = SyncOptions()
        options.keepRaw = keepRaw
        let run = SyncRun(config: FeedsConfig(sources: []), fetcher: fetcher, discoverer: FeedDiscoverer(),
                          extractor: ExtractorAdapter(), clusterer: store.clusterer, store: store.adapter, options: options)
        run.onEvent = onEvent
        try run.beginImport()
        let queue = ArchiveBatchQueue(ahead: max(0, batchesAhead))
        let handoff = ReaderHandoff(reader)
        Thread { readBatches(handoff.reader, maxPageBytes: maxPageBytes, into: queue) }.start()
        do {
            while var batch = await queue.next() {
                batch.events.forEach(onArchive)
                if !batch.pages.isEmpty {
                    let urls = batch.pages.map(\.url)
                    for (url, page) in batch.pages { fetcher.add(page, as: url) }
                    batch.pages = []
                    // In archive order: which copy comes first decides a story's id and representative.
                    try await run.importBatch(urls, inOrder: true)
                    try store.adapter.commit()
                    // The pages go before the batch is reported: a caller may give freed memory back then.
                    fetcher.clear()
                    queue.finished()
                    onArchive(.committed(urls))
                } else {
                    queue.finished()
                }
            }
        } catch {
            // The reading thread stops at its next record; the caller may close the file once it has.
            queue.cancel()
            while await queue.next() != nil {}
            throw error
        }
        try store.finish()
        return run.finishImport()
    }

    /// The reading thread: records from `reader` into batches of at most `archiveBatchPages`
    /// pages and `archiveBatchBytes` of bodies, one URL at most once per batch (a second capture
    /// of a URL goes in the next batch: it may be the copy's next revision), each with the
    /// records skipped and the damage met while it filled. Closes `queue` when done.
    static func readBatches(_ reader: WARCReader, maxPageBytes: Int, into queue: ArchiveBatchQueue) {
        defer { queue.close() }
        var batch = ArchiveBatch()
        var urls: Set<String> = []
        var index = 0
        guard queue.mayStart(index) else { return }
        while let event = reader.next() {
            if queue.isCancelled { return }
            switch event {
            case .damaged(let damage):
                batch.events.append(.damaged(damage.line))
            case .oversized(let head):
                batch.events.append(.skipped(url: head.targetURI, reason: "larger than maxPageBytes"))
            case .record(let record):
                switch ArchivedPage.decide(record, maxPageBytes: maxPageBytes) {
                case .failure(let skip):
                    batch.events.append(.skipped(url: record.targetURI, reason: skip.reason))
                case .success(let page):
                    let url = CanonicalURL.normalise(page.url) ?? page.url
                    let bytes = page.response.body.count
                    if urls.contains(url) || archiveBatchIsFull(pages: batch.pages.count, bytes: batch.bytes, adding: bytes) {
                        queue.put(batch)
                        batch = ArchiveBatch()
                        urls = []
                        index += 1
                        guard queue.mayStart(index) else { return }
                    }
                    urls.insert(url)
                    batch.pages.append((url, page))
                    batch.bytes += bytes
                }
            }
        }
        // The last pages, and what was skipped after them.
        queue.put(batch)
    }
}

/// One batch of an archive as the reading thread hands it over: the records skipped and the
/// damage met while it filled (reported before it is imported), and its pages in archive order.
struct ArchiveBatch: Sendable {
    var events: [ArchiveEvent] = []
    var pages: [(url: String, page: ArchivedPage)] = []
    var bytes = 0
}

/// Batches from the reading thread to the importing task, in order. The thread may start
/// batch `k` once `k - ahead` batches are finished, so at most `ahead + 1` batches of pages
/// are held (the one imported, and those read ahead of it), whatever the archive's size.
///
/// `@unchecked Sendable`: every stored property is touched only under `condition`'s lock.
final class ArchiveBatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let ahead: Int
    private var ready: [ArchiveBatch] = []
    private var waiting: CheckedContinuation<ArchiveBatch?, Never>?
    private var finishedCount = 0
    private var closed = false
    private var cancelled = false

    init(ahead: Int) { self.ahead = ahead }

    /// Reading thread: waits until batch `index` may be read; false once cancelled.
    func mayStart(_ index: Int) -> Bool {
        condition.withLock {
            while !cancelled && finishedCount < index - ahead { condition.wait() }
            return !cancelled
        }
    }

    /// Reading thread: whether the importer gave up (a store error).
    var isCancelled: Bool { condition.withLock { cancelled } }

    /// Reading thread: hands a batch over.
    func put(_ batch: ArchiveBatch) {
        condition.lock()
        guard !cancelled else { return condition.unlock() }
        if let waiting {
            self.waiting = nil
            condition.unlock()
            waiting.resume(returning: batch)
        } else {
            ready.append(batch)
            condition.unlock()
        }
    }

    /// Reading thread: no more batches (the thread's last touch of the reader is behind it).
    func close() {
        condition.lock()
        closed = true
        let waiting = self.waiting
        self.waiting = nil
        condition.unlock()
        waiting?.resume(returning: nil)
    }

    /// Importer: the next batch, or nil once the thread closed the queue.
    func next() async -> ArchiveBatch? {
        await withCheckedContinuation { continuation in
            condition.lock()
            if !ready.isEmpty {
                let batch = ready.removeFirst()
                condition.unlock()
                continuation.resume(returning: batch)
            } else if closed {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                waiting = continuation
                condition.unlock()
            }
        }
    }

    /// Importer: a batch is committed and its pages freed; the thread may read further.
    func finished() {
        condition.withLock {
            finishedCount += 1
            condition.broadcast()
        }
    }

    /// Importer: stop reading; batches read ahead are dropped.
    func cancel() {
        condition.withLock {
            cancelled = true
            ready = []
            condition.broadcast()
        }
    }
}

/// Carries the reader to its thread. `@unchecked Sendable`: `importArchive` takes the reader
/// as `sending` (its caller keeps no use of it) and only the reading thread touches it after.
private final class ReaderHandoff: @unchecked Sendable {
    let reader: WARCReader
    init(_ reader: WARCReader) { self.reader = reader }
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
    func clear() { lock.withLock { pages = [:] } }

    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        guard let page = lock.withLock({ pages[request.url] }) else {
            return .failure(.unreadable(url: request.url, reason: "not in the archive"))
        }
        return .success(page.response)
    }
}

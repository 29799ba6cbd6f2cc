import Testing
@testable import IngestPipeline

/// When `ingest import FILE.warc` commits a batch: memory holds one batch of pages, bounded
/// both in pages and in bytes of bodies, whatever the archive's size.
@Suite struct ArchiveBatchTests {
    let limit = Pipeline.archiveBatchBytes

    @Test func endsAtTheLastPageThatFitsTheByteBound() {
        // Three pages of 40 % of the bound: the third would take the batch over it.
        let page = limit * 2 / 5
        #expect(!Pipeline.archiveBatchIsFull(pages: 1, bytes: page, adding: page))
        #expect(Pipeline.archiveBatchIsFull(pages: 2, bytes: 2 * page, adding: page))
    }

    @Test func aPageReachingTheBoundExactlyStillJoins() {
        #expect(!Pipeline.archiveBatchIsFull(pages: 3, bytes: limit - 10, adding: 10))
        #expect(Pipeline.archiveBatchIsFull(pages: 3, bytes: limit - 10, adding: 11))
    }

    @Test func aPageOverTheBoundGoesInABatchAlone() {
        #expect(!Pipeline.archiveBatchIsFull(pages: 0, bytes: 0, adding: limit * 3))
        #expect(Pipeline.archiveBatchIsFull(pages: 1, bytes: 1, adding: limit * 3))
    }

    @Test func smallPagesStillEndAtThePageBound() {
        #expect(!Pipeline.archiveBatchIsFull(pages: Pipeline.archiveBatchPages - 1, bytes: 100, adding: 1))
        #expect(Pipeline.archiveBatchIsFull(pages: Pipeline.archiveBatchPages, bytes: 100, adding: 1))
    }
}

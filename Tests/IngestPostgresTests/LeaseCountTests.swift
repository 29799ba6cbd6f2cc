import Testing
@testable import IngestPostgres

/// A later lease claim's size (`PostgresStore.leaseCount`): what the fetcher can keep busy, or
/// the worker's share of the origins left, whichever is more. Pure: no server needed.
@Suite struct LeaseCountTests {
    @Test(arguments: [
        // limit, free origins, running workers → origins to claim
        (8, 20, 3, 8),   // a share of 7 is less than the fetcher's 8
        (8, 30, 3, 10),  // a share of 10 is more
        (2, 7, 3, 3),    // shares round up: nobody is left one origin behind
        (4, 12, 1, 12),  // alone: every origin left
        (4, 12, 0, 12),  // no worker counted (the lock not yet visible): as one
        (4, 0, 3, 4),    // nothing free: the fetcher's number, the query finds none
    ])
    func aClaimTakesItsShareOrWhatItsFetcherCanUse(limit: Int, free: Int, workers: Int, expected: Int) {
        #expect(PostgresStore.leaseCount(limit: limit, free: free, workers: workers) == expected)
    }

    /// A worker's first claim: what its fetcher can keep busy, but no more than its share, so
    /// that workers starting together split the origins evenly.
    @Test(arguments: [
        (8, 20, 3, 7),   // 7, 7 and 6 of 20, not 8, 8 and 4
        (8, 20, 1, 8),   // alone: what the fetcher can use, the rest later
        (8, 20, 0, 8),   // no worker counted: as one
        (4, 30, 3, 4),   // a share of 10 is more than the fetcher's 4
        (8, 0, 3, 1),    // nothing free: at least one asked (the query finds none)
    ])
    func aFirstClaimTakesNoMoreThanItsShare(limit: Int, free: Int, workers: Int, expected: Int) {
        #expect(PostgresStore.leaseCount(limit: limit, free: free, workers: workers, first: true) == expected)
    }
}

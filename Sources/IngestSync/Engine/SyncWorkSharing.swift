import Foundation

/// The work of one round shared between runs on one store at the same time (PostgreSQL
/// workers, issue #16), by **origin** (`host[:port]`): a run leases a few origins, polls the
/// sources on them and fetches their due URLs, marks them done and leases more, until none
/// is left for this round. One run at a time holds an origin, so the fetcher's per-origin
/// politeness holds across runs, and a page is fetched once per round.
///
/// Every decision that reads what other runs may have written (story assignment, a copy's
/// latest revision) and every write happen in `exclusively`, which first brings the store up
/// to date with what the others committed.
public protocol SyncWorkSharing: AnyObject {
    /// Leases up to `limit` of `origins` that no other run holds or finished this round;
    /// empty when none is left.
    func claim(_ origins: [String], limit: Int) throws -> [String]
    /// Marks leased origins done for this round (after their source states are saved).
    func finish(_ origins: [String]) throws
    /// Runs `body` with the store to itself, caught up with the other runs' commits, and
    /// commits what `body` saved before any other run may write.
    func exclusively(_ body: () throws -> Void) throws
    /// `exclusively`, unless another run is in its section now: then `body` does not run and
    /// the result is false, so the caller can go on fetching and try again later.
    func exclusivelyIfFree(_ body: () throws -> Void) throws -> Bool
}

extension SyncWorkSharing {
    /// A sharing that cannot tell whether the store is free waits for it.
    public func exclusivelyIfFree(_ body: () throws -> Void) throws -> Bool {
        try exclusively(body)
        return true
    }
}

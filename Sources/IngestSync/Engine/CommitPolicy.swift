import Foundation

/// When a batching `SyncStore` commits what it buffered: once `maxCopies` copies or
/// `maxStates` URL states wait, or once the oldest buffered record has waited `maxDelay`.
/// The time bound is what makes a page handled just before a slow one durable (and visible
/// to `ingest export`, or kept by a kill) within `maxDelay`, not when the slow page ends;
/// `SyncRun` asks through `SyncStore.commitIfDue()` between pages and on a timer.
public struct CommitPolicy: Sendable, Equatable {
    public var maxCopies: Int
    public var maxStates: Int
    public var maxDelay: TimeInterval

    public init(maxCopies: Int, maxStates: Int, maxDelay: TimeInterval) {
        self.maxCopies = maxCopies
        self.maxStates = maxStates
        self.maxDelay = maxDelay
    }

    /// Whether to commit now, given what is buffered and when the oldest of it was buffered
    /// (nil: nothing is).
    public func shouldCommit(copies: Int, states: Int, oldestPending: Date?, now: Date) -> Bool {
        guard let oldestPending else { return false }
        return copies >= maxCopies || states >= maxStates || now.timeIntervalSince(oldestPending) >= maxDelay
    }
}

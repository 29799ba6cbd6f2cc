import Foundation
import Testing

/// A sync killed half-way, then rerun; and two syncs at once on one store.
@Suite struct SyncCrashAndLockTests {
    /// Polls `condition` every 50 ms for at most 10 s; whether it came true.
    private func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    @Test func aSyncKilledHalfWayThenRerunLeavesACompleteStoreWithoutDuplicates() throws {
        let world = try World()
        defer { world.stop() }
        try world.writeFeeds()
        world.slowArticles(by: .milliseconds(500))
        let sync = try world.startSync()
        // Kill it once some copies are committed (the store commits in batches) while others are in flight.
        var partial = 0
        #expect(try waitUntil { partial = try world.export(["--copies"]).count; return partial > 0 || !sync.isRunning })
        #expect(sync.isRunning)
        kill(sync.processIdentifier, SIGKILL)
        sync.waitUntilExit()
        #expect(sync.terminationReason == .uncaughtSignal)
        #expect(partial > 0 && partial < world.currentArticles.count, "\(partial) copies before the kill")

        world.slowArticles(by: .zero)
        let rerun = try world.sync()
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let copies = try world.export(["--copies", "--include-deleted"])
        let urls = copies.map { $0["url"] as! String }
        #expect(urls.count == Set(urls).count)
        let stories = Dictionary(grouping: copies, by: { $0["story"] as! String }).mapValues { Set($0.map { $0["url"] as! String }) }
        #expect(Set(stories.values) == Set(world.expectedStories().values))
        #expect(try world.export().count == world.expectedStories().count)
    }

    @Test func aSecondSyncOnALockedStoreExitsSeventyFiveAtOnce() throws {
        let world = try World()
        defer { world.stop() }
        try world.writeFeeds()
        world.slowArticles(by: .milliseconds(400))
        let first = try world.startSync()
        // The first sync takes the lock before it fetches anything: once it has asked for an
        // article it holds the lock. If that never happens the test stops here rather than
        // carry on against an unlocked store.
        try #require(waitUntil { world.responses().contains { world.isArticle($0.path, site: $0.site) } })
        let second = try world.sync()
        #expect(second.status == 75, "\(second.stderr)")
        // "At once": the second sync returned while the first still holds the lock, so it
        // did not wait for it (order, not a wall-clock bound).
        #expect(first.isRunning)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(Set(try world.export(["--copies"]).map { $0["url"] as! String }).count == world.currentArticles.count)
    }
}

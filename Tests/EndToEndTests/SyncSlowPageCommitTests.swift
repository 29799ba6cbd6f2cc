import Foundation
import Testing

/// Pages handled while one slow page still downloads are committed within a fraction of a
/// second (the run's commit timer), not when the slow page ends: a kill or an export in the
/// meantime sees them.
@Suite struct SyncSlowPageCommitTests {
    @Test func pagesFetchedAroundAStalledOneAreExportedWhileItStalls() throws {
        let world = try World()
        defer { world.stop() }
        try world.writeFeeds(timeoutSeconds: 20)
        let slow = try #require(world.currentArticles.first { $0.seed == 12 })
        world.stall(slow, by: .seconds(6))
        let slowURL = world.url(of: slow)
        let others = Set(world.currentArticles.map(world.url(of:))).subtracting([slowURL])

        let started = ContinuousClock.now
        let sync = try world.startSync()
        defer { if sync.isRunning { sync.terminate() } }

        // Within 5 s of the start (the slow page answers after 6), every other page is exported.
        var seen: Set<String> = []
        while ContinuousClock.now < started + .seconds(5), sync.isRunning {
            seen = Set(try world.export(["--copies"]).map { $0["url"] as! String })
            if seen == others { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(sync.isRunning, "the sync still waits on the slow page")
        #expect(seen == others, "missing while the slow page stalls: \(others.subtracting(seen).sorted())")

        sync.waitUntilExit()
        #expect(sync.terminationStatus == 0)
        #expect(Set(try world.export(["--copies"]).map { $0["url"] as! String }) == others.union([slowURL]))
    }
}

import Foundation
import Testing

/// Fault sites: each fault is reported for its own source or page while the other sources sync.
@Suite struct SyncFaultTests {
    @Test func eachFaultIsReportedWhileTheOtherSourcesSyncAndTheRunExitsThree() throws {
        let world = try World()
        defer { world.stop() }
        try world.writeFeeds(faults: true)
        let clock = ContinuousClock.now
        let result = try world.sync(["--json"])
        #expect(result.status == 3, "\(result.stderr)")
        // Not a speed check: 30 times the 1 s timeout, it catches a source whose timeout was
        // lost (a hang), which no other assertion here would.
        #expect(ContinuousClock.now - clock < .seconds(30))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sources = try #require(summary["sources"] as? [[String: Any]])
        func source(_ name: String) -> [String: Any]? { sources.first { $0["name"] as? String == name } }

        // Failing sources, each with its own error; every main site still synced.
        #expect(source("unavailable")?["ok"] as? Bool == false)
        #expect((source("unavailable")?["error"] as? String)?.contains("503") == true)
        #expect(source("truncated")?["ok"] as? Bool == false)
        #expect(result.stderr.contains("source unavailable failed"))
        #expect(result.stderr.components(separatedBy: "source unavailable").count == 2, "named once: \(result.stderr)")
        for site in world.sites { #expect(source(site.name)?["ok"] as? Bool == true) }
        #expect(source("guarded")?["ok"] as? Bool == true)

        let urls = Set(try world.export(["--copies"]).map { $0["url"] as! String })
        for url in world.expectedStories().values.flatMap({ $0 }) { #expect(urls.contains(url)) }
        // Good pages next to the faults are stored; the traps, the cut item and the disallowed page are not.
        let site = World.faultsSite
        #expect(urls.contains(world.url(World.truncatedKeptPath, site: site)))
        #expect(urls.contains(world.url(World.trapsGoodPath, site: site)))
        #expect(urls.contains(world.url(World.guardedPublicPath, site: World.guardedSite)))
        #expect(!urls.contains(world.url(World.guardedPrivatePath, site: World.guardedSite)))
        for trap in World.Trap.allCases { #expect(!urls.contains(world.url(trap.rawValue, site: site))) }
        #expect(!urls.contains { !$0.hasPrefix("http://127.0.0.1:") })

        // Each trap page is reported with its reason.
        let problems = summary["problems"] as? [String] ?? []
        func reason(_ trap: World.Trap) -> String? {
            problems.first { $0.hasPrefix(world.url(trap.rawValue, site: site) + ": ") }?.lowercased()
        }
        #expect(reason(.slow)?.contains("timeout") == true || reason(.slow)?.contains("timed out") == true, "\(problems)")
        #expect(reason(.oversize)?.contains("limit") == true, "\(problems)")
        #expect(reason(.redirectLoop)?.contains("redirect") == true, "\(problems)")
        #expect(reason(.png) != nil, "\(problems)")
        // robots.txt was read and the disallowed page never requested; other schemes never followed.
        let responses = world.responses()
        #expect(responses.contains { $0.site == World.guardedSite && $0.path == "/robots.txt" })
        #expect(!responses.contains { $0.path == World.guardedPrivatePath })
        let status = try #require(try world.status()["last_sync"] as? [String: Any])
        #expect(status["exit_code"] as? Int == 3)
    }

    @Test func aSourceAnswering503WithRetryAfterIsNotPolledAgainBeforeThenAndReportedBackingOff() throws {
        let world = try World()
        defer { world.stop() }
        try world.writeFeeds(only: ["unavailable"])
        #expect(try world.sync().status == 3)
        let polls = world.responses().filter { $0.site == World.faultsSite && $0.path == "/unavailable.xml" }.count
        #expect(polls >= 1)
        let cron = try world.sync(["--json"], force: false)
        // Not polled, so not a failure of this run: exit 3 is for sources that failed now.
        #expect(cron.status == 0, "\(cron.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(cron.stdout.utf8)) as? [String: Any])
        let source = (summary["sources"] as? [[String: Any]])?.first { $0["name"] as? String == "unavailable" }
        #expect(source?["ok"] as? Bool == false)
        // The 503's Retry-After holds the source back: the cron run does not poll it again.
        #expect(world.responses().filter { $0.site == World.faultsSite && $0.path == "/unavailable.xml" }.count == polls)
        #expect(source?["polled"] as? Bool == false)
    }
}

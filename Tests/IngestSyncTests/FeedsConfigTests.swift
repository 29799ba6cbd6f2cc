import Foundation
import IngestTesting
import Testing
@testable import IngestSync

@Suite("feeds.json validation")
struct FeedsConfigTests {
    @Test func fullConfigParses() throws {
        let config = try FeedsConfig.load(path: Fixture.path("config/valid-full.json"))
        #expect(config.settings.userAgent == "testbot/1.0")
        #expect(config.settings.concurrency == 8)
        #expect(config.settings.perHostConcurrency == 1)
        #expect(config.settings.perHostDelayMs == 0)
        #expect(config.settings.timeoutSeconds == 5)
        #expect(config.settings.maxPageBytes == 100_000)
        #expect(config.settings.workerJoinSeconds == 30)
        #expect(config.sources.map(\.name) == ["wire-rss", "local-sitemap", "front"])
        #expect(config.sources.map(\.kind) == [.rss, .sitemap, .auto])
    }

    @Test func missingSettingsTakeDefaults() throws {
        let config = try FeedsConfig.load(path: Fixture.path("config/valid-defaults.json"))
        #expect(config.settings == FeedsConfig.Settings())
        #expect(config.settings.concurrency == 16 && config.settings.maxPageBytes == 5_000_000)
    }

    @Test func scheduleSettingsReachTheSchedules() throws {
        let settings = try FeedsConfig.load(path: Fixture.path("config/valid-schedule.json")).settings
        #expect(settings.poll.minimumInterval == 30 * 60)
        #expect(settings.poll.maximumInterval == 2 * 3600)
        #expect(settings.poll.maximumBackoff == 6 * 3600)
        #expect(settings.revalidation.table.map(\.age) == [2 * 86_400, 14 * 86_400])
        #expect(settings.revalidation.table.map(\.interval) == [3600, 12 * 3600])
        #expect(settings.revalidation.oldestInterval == 7 * 86_400)
    }

    /// Absent keys keep today's schedules, so a config without `schedule` behaves as before.
    @Test func absentScheduleKeepsTheDefaults() throws {
        let data = Data(#"{"settings": {"schedule": {"maxBackoffHours": 24}}, "sources": [{"name": "a", "url": "http://a.example/"}]}"#.utf8)
        let settings = try FeedsConfig.parse(data).settings
        #expect(settings.poll == PollSchedule())
        #expect(settings.revalidation == RevalidationSchedule())
    }

    @Test func repositoryFeedsJSONIsValid() throws {
        let repo = Fixture.root.deletingLastPathComponent().deletingLastPathComponent()
        let config = try FeedsConfig.load(path: repo.appendingPathComponent("feeds.json").path)
        #expect(config.sources.count >= 1)
    }

    /// Each invalid file and every problem line it must produce (all of them, not the first).
    static let invalidCases: [(file: String, problems: [String])] = [
        ("unknown-keys.json", [
            "unknown top-level key \"extra\"",
            "settings: unknown key \"concurency\" (did you mean \"concurrency\"?)",
            "sources[2] \"tass\": unknown key \"kindd\" (did you mean \"kind\"?)",
        ]),
        ("bad-values.json", [
            "settings: \"concurrency\" must be an integer from 1 to 256, got 0",
            "settings: \"keepRaw\" must be true or false, got \"yes\"",
            "settings: \"maxPageBytes\" must be an integer from 1024 to 1000000000, got 1.5",
            "settings: \"perHostConcurrency\" must be an integer from 1 to 32, got true",
            "settings: \"perHostDelayMs\" must be an integer from 0 to 600000, got -1",
            "settings: \"timeoutSeconds\" must be an integer from 1 to 600, got \"20\"",
            "settings: \"userAgent\" must be a non-empty one-line string, got \"\"",
            "settings: \"workerJoinSeconds\" must be an integer from 0 to 600, got 601",
        ]),
        ("bad-urls.json", [
            "sources[0] \"ftp\": \"url\" must be an absolute http:// or https:// URL, got \"ftp://files.example/feed.xml\"",
            "sources[1] \"file\": \"url\" must be an absolute http:// or https:// URL, got \"file:///etc/passwd\"",
            "sources[2] \"words\": \"url\" must be an absolute http:// or https:// URL, got \"not a url\"",
            "sources[3] \"nourl\": missing key \"url\"",
            "sources[4] \"number\": \"url\" must be a string, got a number",
            "sources[5]: missing key \"name\"",
        ]),
        ("bad-kind.json", [
            "sources[0] \"x\": \"kind\" must be one of auto, rss, atom, jsonfeed, sitemap, html, got \"podcast\"",
        ]),
        ("credentials.json", [
            "sources[0] \"basic\": \"url\" must not carry credentials (user:password@), got \"http://feeds.example/feed.xml\"",
            "sources[1] \"user-only\": \"url\" must not carry credentials (user:password@), got \"https://feeds.example/atom\"",
        ]),
        ("bad-schedule-values.json", [
            "settings.schedule: unknown key \"maxBackofHours\" (did you mean \"maxBackoffHours\"?)",
            "settings.schedule: \"maxBackoffHours\" must be an integer from 1 to 720, got 1.5",
            "settings.schedule: \"maxSourceIntervalMinutes\" must be an integer from 1 to 10080, got \"60\"",
            "settings.schedule: \"minSourceIntervalMinutes\" must be an integer from 1 to 1440, got 0",
            "settings.schedule: \"revalidateOlderEveryMinutes\" must be an integer from 1 to 525600, got -1",
        ]),
        ("schedule-bounds-crossed.json", [
            "settings.schedule: \"minSourceIntervalMinutes\" (90) must not exceed \"maxSourceIntervalMinutes\" (60)",
            "settings.schedule: \"revalidateOlderEveryMinutes\" (300) must not be shorter than the last \"revalidate\" row's \"everyMinutes\" (600)",
        ]),
        ("schedule-table-not-ascending.json", [
            "settings.schedule.revalidate[1]: \"ageDays\" must be larger than the row before's (7), got 1",
            "settings.schedule.revalidate[2]: \"everyMinutes\" must not be shorter than the row before's (720), got 60",
            "settings.schedule.revalidate[3]: unknown key \"every\"",
            "settings.schedule.revalidate[3]: missing key \"everyMinutes\"",
        ]),
        ("schedule-not-an-object.json", ["settings: \"schedule\" must be an object, got an array"]),
        ("duplicate-names.json", ["sources[2] \"same\": duplicate name (also sources[0])"]),
        ("not-an-object.json", ["the top level must be an object with \"settings\" and \"sources\", got an array"]),
        ("empty-sources.json", ["\"sources\" is empty: add at least one source"]),
    ]

    @Test(arguments: invalidCases)
    func invalidConfigListsEveryProblem(file: String, problems: [String]) {
        let path = Fixture.path("config/" + file)
        #expect {
            try FeedsConfig.load(path: path)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            #expect(error.problems == problems)
            #expect(error.description.hasPrefix(path + ": "))
            return true
        }
    }

    @Test func invalidJSONAndMissingFileAreConfigErrors() {
        for (file, expected) in [("config/invalid-json.json", "invalid JSON"), ("config/no-such-file.json", "does not exist")] {
            do {
                _ = try FeedsConfig.load(path: Fixture.path(file))
                Issue.record("\(file) should not load")
            } catch {
                #expect(error.problems.count == 1)
                #expect(error.problems[0].contains(expected), "\(error.problems)")
            }
        }
    }
}

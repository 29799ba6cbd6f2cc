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
        #expect(config.sources.map(\.name) == ["wire-rss", "local-sitemap", "front"])
        #expect(config.sources.map(\.kind) == [.rss, .sitemap, .auto])
    }

    @Test func missingSettingsTakeDefaults() throws {
        let config = try FeedsConfig.load(path: Fixture.path("config/valid-defaults.json"))
        #expect(config.settings == FeedsConfig.Settings())
        #expect(config.settings.concurrency == 16 && config.settings.maxPageBytes == 5_000_000)
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
            "settings: \"maxPageBytes\" must be an integer from 1024 to 1000000000, got 1.5",
            "settings: \"perHostConcurrency\" must be an integer from 1 to 32, got true",
            "settings: \"perHostDelayMs\" must be an integer from 0 to 600000, got -1",
            "settings: \"timeoutSeconds\" must be an integer from 1 to 600, got \"20\"",
            "settings: \"userAgent\" must be a non-empty one-line string, got \"\"",
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

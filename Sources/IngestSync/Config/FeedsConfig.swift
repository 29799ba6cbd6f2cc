import Foundation
import IngestCore

/// A validated feeds.json: run settings and the sources to follow.
///
///     let config = try FeedsConfig.load(path: "feeds.json")   // throws ConfigError
///     for source in config.sources { print(source.name, source.kind) }
public struct FeedsConfig: Sendable, Equatable {
    public var settings: Settings
    public var sources: [Source]

    public init(settings: Settings = Settings(), sources: [Source]) {
        self.settings = settings
        self.sources = sources
    }

    /// The `settings` object; every key is optional and defaults to the value below.
    public struct Settings: Sendable, Equatable {
        public var userAgent = Settings.defaultUserAgent
        /// Requests in flight over the whole run.
        public var concurrency = 16
        /// Requests in flight per origin (scheme, host, port).
        public var perHostConcurrency = 2
        /// Pause between two requests to one origin.
        public var perHostDelayMs = 250
        public var timeoutSeconds = 20
        /// A page larger than this is skipped and reported, never stored truncated.
        public var maxPageBytes = 5_000_000
        /// Keep every fetched article body as fetched, with its headers, in the store (`raw/`).
        public var keepRaw = false
        /// PostgreSQL sync workers: how long after its start a worker waits for others started
        /// with it (the same cron minute on N machines) before it leases more than a few sites.
        public var workerJoinSeconds = 2
        /// When sources are polled and known articles revalidated (`settings.schedule`).
        public var poll = PollSchedule()
        public var revalidation = RevalidationSchedule()

        public static let defaultUserAgent = "ingest/0.1 (+https://github.com/ingest-news/ingest; news archiving bot)"

        public init() {}
    }

    /// One followed source.
    public struct Source: Sendable, Equatable {
        public var name: String
        /// The http(s) URL polled each run.
        public var url: String
        public var kind: FeedKind

        public init(name: String, url: String, kind: FeedKind = .auto) {
            self.name = name
            self.url = url
            self.kind = kind
        }
    }

    /// Reads and validates a feeds.json file.
    public static func load(path: String) throws(ConfigError) -> FeedsConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw ConfigError(file: path, problems: ["the file \(reason)"])
        }
        do {
            return try parse(data)
        } catch {
            throw ConfigError(file: path, problems: error.problems)
        }
    }

    /// Validates feeds.json bytes, reporting every problem at once.
    public static func parse(_ data: Data) throws(ConfigError) -> FeedsConfig {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ConfigError(problems: ["invalid JSON: \(jsonErrorSummary(error))"])
        }
        var validator = ConfigValidator()
        let config = validator.config(from: root)
        guard validator.problems.isEmpty, let config else {
            throw ConfigError(problems: validator.problems)
        }
        return config
    }

    private static func jsonErrorSummary(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}

import IngestFetch
import IngestSync

extension FetchSettings {
    /// The fetcher settings a feeds.json `settings` object asks for; the rest keep their defaults.
    public init(_ settings: FeedsConfig.Settings) {
        self.init()
        userAgent = settings.userAgent
        concurrency = settings.concurrency
        perHostConcurrency = settings.perHostConcurrency
        perHostDelay = Double(settings.perHostDelayMs) / 1000
        timeout = Double(settings.timeoutSeconds)
        maxPageBytes = settings.maxPageBytes
    }
}

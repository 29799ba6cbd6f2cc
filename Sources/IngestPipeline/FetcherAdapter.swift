import IngestCore
import IngestFetch

/// The real network edge of sync: `IngestFetch`'s fetcher behind `SyncFetching`.
///
/// Bodies are passed on as received, with the charset the fetcher found (BOM, header,
/// `<meta>`, sniffing): `ExtractorAdapter` converts an article to UTF-8 after checking the
/// raw bytes, and discovery parses an HTML section page with it. Feed and sitemap bodies are
/// for libxml2's XML parser, which reads their `<?xml encoding?>` declaration itself.
public struct FetcherAdapter: SyncFetching {
    let fetcher: any PageFetching

    public init(_ fetcher: any PageFetching) {
        self.fetcher = fetcher
    }

    public func fetch(_ request: FetchRequest) async -> Result<SyncResponse, SyncFetchError> {
        let fetched = await fetcher.fetch(request)
        switch fetched {
        case .success(let response):
            var answer = SyncResponse(
                status: response.status, finalURL: response.finalURL, headers: response.headers,
                body: response.body, charset: response.charset,
                remoteIsPrivate: response.remoteIP.flatMap(AddressPolicy.classify(ipAddress:)).map { !$0.isPublic })
            answer.remoteIP = response.remoteIP
            return .success(answer)
        case .failure(.httpStatus(let status, let url, let headers)):
            // 404/410 mean deletion and 5xx a transient failure: the engine decides by status.
            return .success(SyncResponse(status: status, finalURL: url, headers: headers))
        case .failure(let error):
            return .failure(SyncFetchError(transient: error.isTransient, description: error.description))
        }
    }
}

extension FetchError {
    /// Network trouble that may pass by the next run; refusals (robots, size, address,
    /// redirects, scheme) will not.
    var isTransient: Bool {
        switch self {
        case .timeout, .transport, .truncated, .shutDown, .cancelled: true
        default: false
        }
    }
}

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

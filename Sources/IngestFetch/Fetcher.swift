import Foundation
import IngestCore

/// The libcurl fetcher: one multi handle on its own thread, per-origin politeness,
/// robots.txt, redirects checked hop by hop, retries with backoff, conditional GET and
/// charset detection. Create one per run and share it; `shutdown()` (or deinit) frees it.
///
///     let fetcher = Fetcher(settings: FetchSettings())
///     switch await fetcher.fetch(FetchRequest(url: url, allowPrivateAddresses: true)) {
///     case .success(let page): print(page.status, page.charset ?? "", page.body.count)
///     case .failure(let error): print(error)
///     }
public final class Fetcher: PageFetching {
    /// The settings this fetcher was made with.
    public let settings: FetchSettings
    private let driver: CurlDriver
    private let robots = RobotsCache()
    private let jobIDs = Counter()
    /// Politeness shared with other processes (PostgreSQL sync workers), asked before each
    /// request on top of this fetcher's own.
    private let shared: (any SharedPoliteness)?

    /// Starts the fetcher thread. With `shared`, every request also waits for its origin's
    /// turn there, and 429/503 back-offs and Crawl-delays are recorded there for all.
    public init(settings: FetchSettings = FetchSettings(), shared: (any SharedPoliteness)? = nil) {
        self.settings = settings
        self.shared = shared
        driver = CurlDriver(settings: settings)
    }

    /// What `shared` is asked to hold per origin: these settings' limits; a slot outlives any
    /// attempt (connect, the whole transfer, and as long again queued behind other origins).
    var sharedLimits: OriginLimits {
        OriginLimits(perOrigin: settings.perHostConcurrency, delay: settings.perHostDelay,
                     slotLifetime: 2 * (settings.connectTimeout + settings.timeout))
    }

    deinit { driver.shutdown() }

    /// Cancels queued and running transfers (they fail with `.shutDown`), stops the thread
    /// and frees every curl handle. Later fetches fail with `.shutDown`. Idempotent.
    public func shutdown() { driver.shutdown() }

    /// Transfers queued and origins held back so far, in the driver's order: what a test
    /// waits for instead of a fixed sleep (e.g. a 429 seen before the next request).
    var acceptedCommands: (submits: Int, blocks: Int) { driver.acceptedCommands }

    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        await follow(request, obeyRobots: settings.obeyRobots)
    }

    /// Fetches `request.url`, following at most `maxRedirects` http(s) hops, each one
    /// re-checked against robots.txt and (in the driver) the address policy.
    private func follow(_ request: FetchRequest, obeyRobots: Bool) async -> Result<FetchResponse, FetchError> {
        var state = RedirectState(request: request, maxRedirects: settings.maxRedirects)
        // Stored validators are echoed back; a CR or LF would let one smuggle in a header.
        let conditional = [("If-None-Match", request.etag), ("If-Modified-Since", request.lastModified)]
            .compactMap { name, value in
                value.flatMap { $0.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) ? nil : "\(name): \($0)" }
            }
        while true {
            let url = state.url
            let origin: Origin
            switch Fetcher.checkedOrigin(url) {
            case .success(let found): origin = found
            case .failure(let error): return .failure(error)
            }
            if obeyRobots {
                let rules = await robotsRules(for: origin, allowPrivateAddresses: state.allowsPrivateNow)
                guard rules.allows(Fetcher.pathAndQuery(url)) else { return .failure(.disallowedByRobots(url: url)) }
            }
            let attempt = await perform(url: url, origin: origin, headers: conditional,
                                        allowPrivateAddresses: state.allowsPrivateNow)
            let result: TransferResult
            switch attempt {
            case .success(let done): result = done
            case .failure(let error): return .failure(state.refusal(error))
            }
            switch state.answered(status: result.status, headers: result.headers,
                                  from: result.remoteIP.flatMap(AddressPolicy.classify(ipAddress:))) {
            case .follow: continue
            case .fail(let error): return .failure(error)
            case .finish:
                return .success(FetchResponse(
                    status: result.status, finalURL: url, requestedURL: request.url, redirects: state.redirects,
                    headers: result.headers, body: result.body,
                    charset: Charset.detect(result.body, contentType: result.headers["content-type"]),
                    remoteIP: result.remoteIP, head: result.head.isEmpty ? nil : result.head,
                    requestHead: result.requestHead.isEmpty ? nil : result.requestHead))
            }
        }
    }

    /// One URL with retries: each attempt goes through the driver's scheduler; 429/503
    /// hold back the whole origin, other retries only this request.
    private func perform(url: String, origin: Origin, headers: [String], allowPrivateAddresses: Bool) async
        -> Result<TransferResult, FetchError> {
        let policy = settings.retryPolicy
        var notBefore: UInt64 = 0
        var attempt = 0
        while true {
            guard !Task.isCancelled else { return .failure(.cancelled) }
            let id = jobIDs.next()
            var slot: Int64?
            if let shared {
                // A retry waits out its backoff before taking a shared slot, not holding one.
                let now = Monotonic.now()
                if notBefore > now { try? await Task.sleep(nanoseconds: notBefore - now) }
                do {
                    slot = try await shared.start(origin.description, limits: sharedLimits)
                } catch is CancellationError {
                    return .failure(.cancelled)
                } catch {
                    return .failure(.transport(url: url, code: 0, message: "shared politeness unavailable: \(error)"))
                }
            }
            let result = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let job = TransferJob(id: id, url: url, headers: headers, allowPrivateAddresses: allowPrivateAddresses) {
                        continuation.resume(returning: $0)
                    }
                    driver.submit(job, origin: origin, notBefore: notBefore)
                }
            } onCancel: { [driver] in
                driver.cancel(id: id)
            }
            if let shared, let slot { await shared.finish(origin.description, slot: slot) }
            let outcome: RetryPolicy.Outcome
            switch FetchError.classify(result, limit: settings.maxPageBytes) {
            case .success(let status): outcome = .status(status, retryAfter: result.headers["retry-after"])
            case .failure(let failure):
                guard failure.transient else { return .failure(failure.error) }
                outcome = .transport(transient: true)
            }
            switch policy.decide(attempt: attempt, outcome: outcome, now: Date(), jitter: Double.random(in: 0..<1)) {
            case .stop:
                if case .failure(let failure) = FetchError.classify(result, limit: settings.maxPageBytes) { return .failure(failure.error) }
                return .success(result)
            case .retry(let delay, let wholeOrigin):
                if wholeOrigin {
                    driver.block(origin, forSeconds: delay)
                    await shared?.backOff(origin.description, seconds: delay)
                }
                notBefore = Monotonic.now() + Monotonic.nanoseconds(delay)
                attempt += 1
            }
        }
    }

    /// The robots.txt rules of `origin`, fetched once per fetcher (concurrent callers
    /// share one fetch). A Crawl-delay raises the origin's delay.
    private func robotsRules(for origin: Origin, allowPrivateAddresses: Bool) async -> RobotsRules {
        await robots.rules(for: origin) { [self] in
            let answer = await follow(FetchRequest(url: origin.robotsURL, allowPrivateAddresses: allowPrivateAddresses),
                                      obeyRobots: false)
            let rules: RobotsRules
            switch answer {
            case .success(let page) where page.status == 200:
                rules = RobotsRules(parsing: String(decoding: page.body, as: UTF8.self), userAgent: settings.userAgent)
            case .success(let page) where page.status >= 500:
                rules = .disallowAll
            case .failure(.forbiddenAddress):
                return nil  // not cached: a request allowed to go there may ask again
            default:
                rules = .allowAll  // 4xx, unreachable: the page fetch will say what is wrong
            }
            if let delay = rules.crawlDelay, delay > settings.perHostDelay {
                driver.setDelay(min(delay, settings.maxCrawlDelay), for: origin)
            }
            await shared?.setCrawlDelay(origin.description, seconds: min(rules.crawlDelay ?? 0, settings.maxCrawlDelay))
            return rules
        }
    }

    /// The origin of an http(s) URL, or why it has none.
    static func checkedOrigin(_ url: String) -> Result<Origin, FetchError> {
        if let origin = Origin(url: url) { return .success(origin) }
        if let scheme = URLComponents(string: url)?.scheme, scheme.lowercased() != "http", scheme.lowercased() != "https" {
            return .failure(.unsupportedScheme(scheme.lowercased(), url: url))
        }
        return .failure(.invalidURL(url))
    }

    /// `/path?query` as robots.txt rules see it.
    static func pathAndQuery(_ url: String) -> String {
        guard let parts = URLComponents(string: url) else { return "/" }
        let path = parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath
        return parts.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }
}

/// Unique job numbers, from any thread. `@unchecked Sendable`: `value` is only touched under `lock`.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: UInt64 = 0

    func next() -> UInt64 { lock.withLock { value += 1; return value } }
}

/// robots.txt rules per origin, loaded at most once (concurrent askers share the load).
actor RobotsCache {
    private var entries: [Origin: Task<RobotsRules?, Never>] = [:]

    func rules(for origin: Origin, load: @escaping @Sendable () async -> RobotsRules?) async -> RobotsRules {
        let task = entries[origin] ?? Task { await load() }
        entries[origin] = task
        if let rules = await task.value { return rules }
        entries[origin] = nil
        return .allowAll
    }
}

import IngestCore
import Foundation
@testable import IngestFetch
import LoopbackServer

extension FetchSettings {
    /// Defaults made fast for loopback tests: no politeness delay, short timeouts and
    /// backoffs, robots.txt off unless a test turns it on.
    static func fast(_ tweak: (inout FetchSettings) -> Void = { _ in }) -> FetchSettings {
        var settings = FetchSettings()
        settings.userAgent = "ingest-test/1.0 (+https://example.org/contact)"
        settings.perHostDelay = 0
        settings.timeout = 5
        settings.connectTimeout = 2
        settings.backoffBase = 0.02
        settings.backoffCap = 0.1
        settings.obeyRobots = false
        tweak(&settings)
        return settings
    }
}

extension Fetcher {
    /// Fetches a URL a user gave (private addresses allowed, as for loopback tests).
    func get(_ url: String, etag: String? = nil, lastModified: String? = nil) async -> Result<FetchResponse, FetchError> {
        await fetch(FetchRequest(url: url, etag: etag, lastModified: lastModified, allowPrivateAddresses: true))
    }
}

extension Result {
    var value: Success? { if case .success(let value) = self { value } else { nil } }
    var error: Failure? { if case .failure(let error) = self { error } else { nil } }
}

/// A counter of requests in flight in a server handler, with the maximum seen.
final class InFlight: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var current = 0
    private var peak = 0

    var maximum: Int { lock.withLock { peak } }

    /// Counts the caller as in flight on every counter for `seconds` (blocks the server's
    /// connection thread, which is what a slow handler does).
    static func hold(_ counters: [InFlight], for seconds: Double) {
        for counter in counters { counter.lock.withLock { counter.current += 1; counter.peak = max(counter.peak, counter.current) } }
        usleep(useconds_t(seconds * 1_000_000))
        for counter in counters { counter.lock.withLock { counter.current -= 1 } }
    }
}

/// Polls `condition` every 5 ms until it holds or `limit` has passed; whether it held.
/// The limit only bounds a hang: the events waited for take milliseconds, but on a loaded
/// two-core machine (the whole suite beside a benchmark) a 429's round trip once took over 10 s.
func eventually(within limit: Duration = .seconds(30), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try await Task.sleep(for: .milliseconds(5))
    }
    return true
}

extension Fetcher {
    /// Transfers the fetcher has handed to its driver so far (robots.txt fetches included).
    var submittedTransfers: Int { acceptedCommands.submits }
    /// Origin hold-backs (429/503 with retries left) the fetcher has handed to its driver so far.
    var originHoldBacks: Int { acceptedCommands.blocks }
}

/// Seconds between two recorded instants.
func seconds(_ from: ContinuousClock.Instant, _ to: ContinuousClock.Instant) -> Double {
    let (s, atto) = (to - from).components
    return Double(s) + Double(atto) / 1e18
}

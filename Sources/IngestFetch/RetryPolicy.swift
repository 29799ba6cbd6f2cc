import Foundation
import IngestCore

/// When to retry a failed attempt and how long to wait: exponential backoff with jitter,
/// never sooner than the server's `Retry-After`. Pure; randomness comes in as a parameter.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    public var retries: Int
    /// The first backoff; attempt n waits about `base * 2^n`.
    public var backoffBase: Double
    /// No computed backoff exceeds this.
    public var backoffCap: Double
    /// The longest `Retry-After` honoured; a longer one is not retried at all.
    public var retryAfterMax: Double

    /// Builds a policy (times in seconds).
    public init(retries: Int, backoffBase: Double, backoffCap: Double, retryAfterMax: Double) {
        self.retries = retries
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.retryAfterMax = retryAfterMax
    }

    /// What happened on one attempt, as far as retrying is concerned.
    public enum Outcome: Sendable, Equatable {
        /// An HTTP answer, with its `Retry-After` header if any.
        case status(Int, retryAfter: String?)
        /// A transport failure; `transient` ones (reset, timeout, empty reply) are retried.
        case transport(transient: Bool)
    }

    /// The verdict for one attempt.
    public enum Decision: Sendable, Equatable {
        /// Give up (success, or a permanent failure, or out of retries).
        case stop
        /// Try again after `delay` seconds; `wholeOrigin` means every request to that
        /// origin waits too (429 and 503).
        case retry(delay: Double, wholeOrigin: Bool)
    }

    /// Whether an HTTP status is worth another try: 408, 429 and 5xx (not 501, which will not change).
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status) && status != 501
    }

    /// Decides after `attempt` (0 for the first) ended in `outcome`; `now` dates an
    /// HTTP-date `Retry-After`; `jitter` in 0..<1 spreads the backoff over its upper half.
    public func decide(attempt: Int, outcome: Outcome, now: Date, jitter: Double) -> Decision {
        guard attempt < retries else { return .stop }
        switch outcome {
        case .transport(let transient):
            return transient ? .retry(delay: backoff(attempt: attempt, jitter: jitter), wholeOrigin: false) : .stop
        case .status(let status, let header):
            guard RetryPolicy.isRetryable(status: status) else { return .stop }
            var delay = backoff(attempt: attempt, jitter: jitter)
            if let header, let asked = InternetDate.retryAfter(header, now: now) {
                if asked > retryAfterMax { return .stop }
                delay = max(delay, asked)
            }
            return .retry(delay: delay, wholeOrigin: status == 429 || status == 503)
        }
    }

    /// `base * 2^attempt` capped, then jittered into [½, 1] of that ("equal jitter").
    public func backoff(attempt: Int, jitter: Double) -> Double {
        let full = min(backoffCap, backoffBase * pow(2, Double(min(attempt, 30))))
        return full / 2 + full / 2 * min(max(jitter, 0), 1)
    }
}

import Foundation
import Testing
@testable import IngestFetch

@Suite struct RetryPolicyTests {
    static let policy = RetryPolicy(retries: 3, backoffBase: 1, backoffCap: 10, retryAfterMax: 60)
    static let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT

    @Test(arguments: [
        // attempt, outcome, jitter, expected
        (0, RetryPolicy.Outcome.status(503, retryAfter: nil), 1.0, RetryPolicy.Decision.retry(delay: 1, wholeOrigin: true)),
        (1, .status(500, retryAfter: nil), 1.0, .retry(delay: 2, wholeOrigin: false)),
        (2, .status(502, retryAfter: nil), 0.0, .retry(delay: 2, wholeOrigin: false)),
        (3, .status(500, retryAfter: nil), 1.0, .stop),
        (0, .status(429, retryAfter: "5"), 1.0, .retry(delay: 5, wholeOrigin: true)),
        (0, .status(429, retryAfter: "Tue, 14 Nov 2023 22:13:27 GMT"), 1.0, .retry(delay: 7, wholeOrigin: true)),
        (0, .status(503, retryAfter: "Tue, 14 Nov 2023 22:00:00 GMT"), 1.0, .retry(delay: 1, wholeOrigin: true)),
        (0, .status(503, retryAfter: "3600"), 1.0, .stop),
        (0, .status(503, retryAfter: "soon"), 1.0, .retry(delay: 1, wholeOrigin: true)),
        (0, .status(408, retryAfter: nil), 1.0, .retry(delay: 1, wholeOrigin: false)),
        (0, .status(404, retryAfter: nil), 1.0, .stop),
        (0, .status(501, retryAfter: nil), 1.0, .stop),
        (0, .status(200, retryAfter: nil), 1.0, .stop),
        (0, .transport(transient: true), 0.5, .retry(delay: 0.75, wholeOrigin: false)),
        (0, .transport(transient: false), 1.0, .stop),
        (10, .status(503, retryAfter: nil), 1.0, .stop),
    ])
    func decides(_ attempt: Int, _ outcome: RetryPolicy.Outcome, _ jitter: Double, _ expected: RetryPolicy.Decision) {
        #expect(Self.policy.decide(attempt: attempt, outcome: outcome, now: Self.now, jitter: jitter) == expected)
    }

    @Test func backoffDoublesThenCapsAndJitterStaysInTheUpperHalf() {
        let full = (0..<6).map { Self.policy.backoff(attempt: $0, jitter: 1) }
        #expect(full == [1, 2, 4, 8, 10, 10])
        for attempt in 0..<6 {
            let low = Self.policy.backoff(attempt: attempt, jitter: 0)
            #expect(low == full[attempt] / 2)
        }
    }

}

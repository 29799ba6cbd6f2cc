import Foundation
import Testing
@testable import IngestCore

@Suite("feed and HTTP dates")
struct InternetDateTests {
    /// Input and the expected Unix time (checked against `date -u -d`).
    static let cases: [(String, Double?)] = [
        ("2024-05-01T10:00:00Z", 1_714_557_600),
        ("2024-05-01T12:00:00+02:00", 1_714_557_600),
        ("2024-05-01T05:00:00-0500", 1_714_557_600),
        ("2024-05-01T10:00:00.500Z", 1_714_557_600.5),
        ("2024-05-01T10:00Z", 1_714_557_600),
        ("2024-05-01", 1_714_521_600),
        ("Wed, 01 May 2024 10:00:00 GMT", 1_714_557_600),
        ("01 May 2024 12:00:00 +0200", 1_714_557_600),
        ("Wed, 1 May 24 06:00 EDT", 1_714_557_600),
        ("Thu, 29 Feb 2024 00:00:00 UT", 1_709_164_800),
        // The two older HTTP-date forms (RFC 9110 §5.6.7), which a Retry-After may use.
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
        ("Sun Nov  6 08:49:37 1994", 784_111_777),
        ("1970-01-01T00:00:00Z", 0),
        ("yesterday", nil),
        ("2024-13-01", nil),
        ("Wed, 01 Foo 2024 10:00:00 GMT", nil),
        ("", nil),
    ]

    @Test(arguments: cases)
    func parses(text: String, expected: Double?) {
        #expect(InternetDate.parse(text)?.timeIntervalSince1970 == expected)
    }
}

@Suite struct RetryAfterTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT

    @Test(arguments: [
        ("120", 120.0), (" 0 ", 0), ("Tue, 14 Nov 2023 22:14:20 GMT", 60),
        ("Tuesday, 14-Nov-23 22:14:20 GMT", 60), ("Tue Nov 14 22:14:20 2023", 60),
        ("Tue, 14 Nov 2023 22:00:00 GMT", 0),  // a past date: now
    ])
    func parsesRetryAfter(_ value: String, _ seconds: Double) {
        #expect(InternetDate.retryAfter(value, now: Self.now) == seconds)
    }

    @Test func rejectsBadRetryAfter() {
        #expect(InternetDate.retryAfter("-5", now: Self.now) == nil)
        #expect(InternetDate.retryAfter("tomorrow", now: Self.now) == nil)
    }
}

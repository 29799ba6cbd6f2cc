import Foundation
import Testing
@testable import IngestSync

@Suite("feed and HTTP dates")
struct FeedDateTests {
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
        ("1970-01-01T00:00:00Z", 0),
        ("yesterday", nil),
        ("2024-13-01", nil),
        ("Wed, 01 Foo 2024 10:00:00 GMT", nil),
        ("", nil),
    ]

    @Test(arguments: cases)
    func parses(text: String, expected: Double?) {
        #expect(FeedDate.parse(text)?.timeIntervalSince1970 == expected)
    }
}

import Foundation
import Testing
import IngestSync

/// When a batching store commits: by count, or by the age of the oldest buffered record.
@Suite struct CommitPolicyTests {
    static let policy = CommitPolicy(maxCopies: 200, maxStates: 1600, maxDelay: 2)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let cases: [(String, copies: Int, states: Int, oldestAge: TimeInterval?, commit: Bool)] = [
        ("nothing buffered", 0, 0, nil, false),
        ("one copy just buffered", 1, 0, 0, false),
        ("a batch below both counts, younger than the delay", 199, 1599, 1.9, false),
        ("a full batch of copies", 200, 0, 0, true),
        ("a full batch of URL states", 0, 1600, 0, true),
        ("one copy that waited the delay", 1, 0, 2, true),
        ("one URL state that waited longer", 0, 1, 25, true),
        ("only a tombstone or alias, waited the delay", 0, 0, 2, true),
    ]

    @Test(arguments: cases.map(\.0))
    func decides(_ name: String) throws {
        let row = try #require(Self.cases.first { $0.0 == name })
        let oldest = row.oldestAge.map { Self.now.addingTimeInterval(-$0) }
        #expect(Self.policy.shouldCommit(copies: row.copies, states: row.states, oldestPending: oldest, now: Self.now) == row.commit)
    }
}

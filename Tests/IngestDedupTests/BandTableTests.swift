import Testing
@testable import IngestDedup

@Suite struct BandTableTests {
    /// Band keys for document `doc`: documents with the same `group` share band `doc % 12`'s key.
    private func keys(doc: Int, group: Int) -> [UInt32] {
        (0..<Signature.bands).map { band in
            band == group % Signature.bands ? UInt32(group * 7_919 + 1) | 1 : UInt32(truncatingIfNeeded: doc &* 2_654_435_761 &+ band) | 1
        }
    }

    /// Through several growths: every document is found by its shared band, once per matching
    /// band and never through another band's equal key; removed documents are skipped.
    @Test func findsSharedBandsAcrossGrowthAndSkipsRemoved() {
        var table = BandTable()
        let groups = 50
        for doc in 0..<5_000 { table.insert(doc: Int32(doc), keys: keys(doc: doc, group: doc % groups)) }
        for doc in stride(from: 0, to: 5_000, by: 3) { table.remove(doc: Int32(doc)) }
        for group in [0, 7, 49] {
            var found: [Int32] = []
            table.collect(keys: keys(doc: 999_999, group: group), into: &found)
            let expected = (0..<5_000).filter { $0 % groups == group && $0 % 3 != 0 }.map(Int32.init)
            #expect(found.sorted() == expected)
        }
        // The same key under another band is not a match.
        var shifted = [UInt32](repeating: 0, count: Signature.bands)
        shifted[1] = keys(doc: 0, group: 0)[0]
        var found: [Int32] = []
        table.collect(keys: shifted, into: &found)
        #expect(found.isEmpty)
    }

    /// Removed documents' entries are dropped when the table is rebuilt, and a snapshot's key
    /// dump has every live key in place and zeros for removed documents.
    @Test func rebuildDropsRemovedAndKeysRoundTrip() {
        var table = BandTable()
        for doc in 0..<2_000 { table.insert(doc: Int32(doc), keys: keys(doc: doc, group: doc)) }
        for doc in 0..<1_500 { table.remove(doc: Int32(doc)) }
        let before = table.byteCount
        for doc in 2_000..<3_000 { table.insert(doc: Int32(doc), keys: keys(doc: doc, group: doc)) }
        #expect(table.byteCount <= before, "room freed by removed documents is reused before growing")
        let dump = table.keysByDocument()
        #expect(dump.count == 3_000 * Signature.bands)
        #expect(dump[..<(1_500 * Signature.bands)].allSatisfy { $0 == 0 })
        for doc in [1_500, 2_345, 2_999] {
            #expect(Array(dump[doc * Signature.bands..<(doc + 1) * Signature.bands]) == keys(doc: doc, group: doc))
        }
    }

    /// Empty bands (key 0) are neither stored nor looked up.
    @Test func emptyBandsAreIgnored() {
        var table = BandTable()
        var sparse = [UInt32](repeating: 0, count: Signature.bands)
        sparse[5] = 12_345
        table.insert(doc: 0, keys: sparse)
        table.insert(doc: 1, keys: [UInt32](repeating: 0, count: Signature.bands))
        var found: [Int32] = []
        table.collect(keys: sparse, into: &found)
        #expect(found == [0])
        #expect(table.keysByDocument() == sparse + [UInt32](repeating: 0, count: Signature.bands))
    }
}

@Suite struct MatchRuleTests {
    /// `minimumJaccard` is a true lower bound: no size pair accepts a lower similarity, and it
    /// is tight (some size pair accepts a similarity just above it).
    @Test func minimumJaccardBoundsEveryMatch() {
        let rule = MatchRule()
        var tightest = 1.0
        for small in stride(from: 50, through: 20_000, by: 997) {
            for ratio in stride(from: 1.0, through: 6.0, by: 0.005) {
                let large = UInt32(Double(small) * ratio)
                for step in 0...400 {
                    let j = Double(step) / 400
                    if rule.matches(jaccard: j, UInt32(small), large) {
                        #expect(j >= rule.minimumJaccard)
                        tightest = min(tightest, j)
                        break
                    }
                }
            }
        }
        #expect(tightest - rule.minimumJaccard < 0.01)
    }
}

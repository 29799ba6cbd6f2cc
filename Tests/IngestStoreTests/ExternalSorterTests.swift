import Foundation
import IngestTesting
import Testing
@testable import IngestStore

@Suite struct ExternalSorterTests {
    /// A record whose key repeats; `order` says where it was appended.
    struct Item: Equatable {
        var key: Int
        var order: Int
    }

    /// `count` items with keys in 0..<keys, in a seeded random order.
    private func items(_ count: Int, keys: Int = 50) -> [Item] {
        var random = SplitMix(seed: UInt64(count))
        return (0..<count).map { Item(key: Int.random(in: 0..<keys, using: &random), order: $0) }
    }

    /// Sorts by key only, with `capacity` records in memory.
    private func externallySorted(_ input: [Item], capacity: Int, in directory: String = NSTemporaryDirectory()) throws
        -> [Item] {
        var sorter = ExternalSorter<Item>(bufferCapacity: capacity, temporaryDirectory: directory) { $0.key < $1.key }
        for item in input { try sorter.append(item) }
        var sorted = try sorter.sorted()
        var output: [Item] = []
        while let item = try sorted.next() { output.append(item) }
        return output
    }

    /// The expected order: by key, equal keys in append order.
    private func stablySorted(_ input: [Item]) -> [Item] {
        input.sorted { ($0.key, $0.order) < ($1.key, $1.order) }
    }

    @Test(arguments: [0, 1, 6, 7, 8, 100])
    func fewRecordsAroundTheBufferSize(count: Int) throws {
        let input = items(count)
        #expect(try externallySorted(input, capacity: 7) == stablySorted(input))
    }

    @Test func manySpilledRunsMergeInOrderKeepingEqualKeysInAppendOrder() throws {
        // 20,000 records 7 at a time: 2,858 runs, merged in two passes.
        let input = items(20_000)
        #expect(20_000 / 7 > ExternalSorter<Item>.maxFanIn)
        #expect(try externallySorted(input, capacity: 7) == stablySorted(input))
    }

    @Test func oneRunInMemoryAgreesWithManyRuns() throws {
        let input = items(5_000, keys: 5_000)
        #expect(try externallySorted(input, capacity: 10_000) == externallySorted(input, capacity: 3))
    }

    @Test func spillFilesLeaveNothingInTheTemporaryDirectory() throws {
        let temp = TempDirectory()
        var sorter = ExternalSorter<Item>(bufferCapacity: 4, temporaryDirectory: temp.path) { $0.key < $1.key }
        for item in items(1_000) { try sorter.append(item) }
        // Unlinked as soon as created: nothing to leave even if the process died now.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty)
        var sorted = try sorter.sorted()
        var count = 0
        while try sorted.next() != nil { count += 1 }
        #expect(count == 1_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty)
    }

    @Test func anUnusableTemporaryDirectoryIsAnErrorNamingIt() throws {
        let temp = TempDirectory()
        let missing = temp.path + "/missing"
        let error = #expect(throws: StoreError.self) { try externallySorted(items(20), capacity: 4, in: missing) }
        #expect(error?.description.hasPrefix(missing + ": create a temporary sort file failed") == true)
        #expect(try externallySorted(items(3), capacity: 4, in: missing) == stablySorted(items(3)))  // no spill, no file
    }
}

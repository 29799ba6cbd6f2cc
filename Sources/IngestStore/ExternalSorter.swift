import Foundation

/// Sorts any number of fixed-size records in bounded memory: up to `bufferCapacity` records are
/// sorted in memory; beyond that, sorted runs are spilled to a temporary file and merged back,
/// at most `maxFanIn` runs at a time, so memory does not grow with the input.
///
///     var sorter = ExternalSorter<Slot>(bufferCapacity: 1 << 16) { $0.key < $1.key }
///     for slot in slots { try sorter.append(slot) }
///     var sorted = try sorter.sorted()
///     while let slot = try sorted.next() { … }
///
/// Stable: records that compare equal come out in the order they were appended.
struct ExternalSorter<Record: BitwiseCopyable> {
    /// The strict weak order, as for `sort(by:)`.
    typealias Order = (Record, Record) -> Bool

    /// Runs merged at once: each needs one read chunk, so this bounds the merge's memory.
    static var maxFanIn: Int { 64 }

    private let capacity: Int
    private let temporaryDirectory: String
    private let areInIncreasingOrder: Order
    private var buffer: [Record] = []
    private var spill: SpillFile<Record>?
    /// The sorted runs in the spill file, in the order their records were appended.
    private var runs: [Range<Int>] = []

    /// A sorter holding at most `bufferCapacity` records in memory (at least 2); spill files go
    /// to `temporaryDirectory`, never into the store, which may be read-only.
    init(bufferCapacity: Int, temporaryDirectory: String = NSTemporaryDirectory(), by areInIncreasingOrder: @escaping Order) {
        capacity = max(2, bufferCapacity)
        self.temporaryDirectory = temporaryDirectory
        self.areInIncreasingOrder = areInIncreasingOrder
    }

    /// A sorter whose buffer takes about `memoryBudget` bytes.
    init(memoryBudget: Int, by areInIncreasingOrder: @escaping Order) {
        self.init(bufferCapacity: memoryBudget / MemoryLayout<Record>.stride, by: areInIncreasingOrder)
    }

    /// Adds a record; a full buffer is sorted and spilled as one run.
    mutating func append(_ record: Record) throws {
        if buffer.isEmpty { buffer.reserveCapacity(capacity) }  // no doubling past the budget
        buffer.append(record)
        if buffer.count == capacity { try spillBuffer() }
    }

    /// Every appended record in order; the sorter is used up.
    consuming func sorted() throws -> SortedRecords<Record> {
        guard spill != nil else {
            buffer.sort(by: areInIncreasingOrder)  // documented stable
            return SortedRecords(memory: buffer)
        }
        try spillBuffer()
        let file = spill!
        while runs.count > Self.maxFanIn {  // a pass: each `maxFanIn` consecutive runs into one, in order
            runs = try stride(from: 0, to: runs.count, by: Self.maxFanIn).map { start in
                try merge(Array(runs[start..<min(start + Self.maxFanIn, runs.count)]), in: file)
            }
        }
        return SortedRecords(merger: RunMerger(file: file, runs: runs, by: areInIncreasingOrder))
    }

    /// Merges runs of the spill file into one new run at its end.
    private func merge(_ runs: [Range<Int>], in file: SpillFile<Record>) throws -> Range<Int> {
        guard runs.count > 1 else { return runs[0] }
        var merger = RunMerger(file: file, runs: runs, by: areInIncreasingOrder)
        let start = file.count
        var chunk: [Record] = []
        chunk.reserveCapacity(file.chunkCapacity)
        while let record = try merger.next() {
            chunk.append(record)
            if chunk.count == file.chunkCapacity {
                try file.append(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try file.append(chunk)
        return start..<file.count
    }

    /// Sorts the buffer and writes it as one run, freeing its memory.
    private mutating func spillBuffer() throws {
        guard !buffer.isEmpty else { return }
        let file = try spill ?? SpillFile(directory: temporaryDirectory)
        spill = file
        buffer.sort(by: areInIncreasingOrder)
        let start = file.count
        try file.append(buffer)
        runs.append(start..<file.count)
        buffer = []
    }
}

/// The output of an `ExternalSorter`, read one record at a time.
struct SortedRecords<Record: BitwiseCopyable> {
    private var memory: IndexingIterator<[Record]>?
    private var merger: RunMerger<Record>?

    fileprivate init(memory: [Record]) { self.memory = memory.makeIterator() }
    fileprivate init(merger: RunMerger<Record>) { self.merger = merger }

    /// The next record, or nil after the last.
    mutating func next() throws -> Record? {
        if merger != nil { return try merger!.next() }
        return memory!.next()
    }
}

/// A k-way merge of sorted runs with a binary heap; equal records come from the earlier run.
private struct RunMerger<Record: BitwiseCopyable> {
    /// One run being read, a chunk at a time.
    private struct Cursor {
        var next: Int
        let end: Int
        var chunk: [Record] = []
        var position = 0
    }

    private let file: SpillFile<Record>
    private let areInIncreasingOrder: ExternalSorter<Record>.Order
    private var cursors: [Cursor]
    private var started = false
    /// The current record of each run (stale once the run is out of the heap).
    private var heads: [Record] = []
    /// Indices of cursors that still have records, ordered as a min-heap by their heads.
    private var heap: [Int] = []

    init(file: SpillFile<Record>, runs: [Range<Int>], by areInIncreasingOrder: @escaping ExternalSorter<Record>.Order) {
        self.file = file
        self.areInIncreasingOrder = areInIncreasingOrder
        cursors = runs.map { Cursor(next: $0.lowerBound, end: $0.upperBound) }
    }

    mutating func next() throws -> Record? {
        if !started { try start() }
        guard let top = heap.first else { return nil }
        let record = heads[top]
        if let following = try advance(top) {
            heads[top] = following
        } else {
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
        }
        siftDown()
        return record
    }

    /// Reads the first record of every run and builds the heap.
    private mutating func start() throws {
        started = true
        for index in cursors.indices {
            guard let first = try advance(index) else { preconditionFailure("the sorter writes no empty runs") }
            heads.append(first)
            heap.append(index)
        }
        for position in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(from: position) }
    }

    /// The next record of run `index`, reading its next chunk when needed.
    private mutating func advance(_ index: Int) throws -> Record? {
        if cursors[index].position == cursors[index].chunk.count {
            let count = min(file.chunkCapacity, cursors[index].end - cursors[index].next)
            guard count > 0 else { return nil }
            cursors[index].chunk = try file.read(at: cursors[index].next, count: count)
            cursors[index].next += count
            cursors[index].position = 0
        }
        defer { cursors[index].position += 1 }
        return cursors[index].chunk[cursors[index].position]
    }

    /// Run `a`'s head before run `b`'s; ties go to the earlier run, which makes the merge stable.
    private func before(_ a: Int, _ b: Int) -> Bool {
        if areInIncreasingOrder(heads[a], heads[b]) { return true }
        return !areInIncreasingOrder(heads[b], heads[a]) && a < b
    }

    private mutating func siftDown(from start: Int = 0) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && before(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && before(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

import Foundation
import IngestCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file of fixed-size records for `ExternalSorter`'s runs.
///
/// Its name is unlinked as soon as it is created, so nothing is left behind whatever happens
/// next (an error, a crash, SIGKILL): the kernel frees the space when the descriptor closes,
/// which `deinit` does, the one place it is closed.
final class SpillFile<Record: BitwiseCopyable> {
    /// Records per read or write: 64 KiB pieces.
    let chunkCapacity = max(1, 65_536 / MemoryLayout<Record>.stride)
    /// Records written so far.
    private(set) var count = 0
    private let fd: Int32
    private let directory: String

    /// Creates the file in `directory` and unlinks its name at once.
    init(directory: String) throws {
        self.directory = directory
        var template = Array((directory + "/ingest-sort-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw StoreError.system("create a temporary sort file", directory) }
        // Close-on-exec like every other descriptor here (Glibc's Swift module has no mkostemp).
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }

    deinit { close(fd) }

    /// Writes records at the end of the file.
    func append(_ records: [Record]) throws {
        try records.withUnsafeBytes { bytes in
            try repeatUntilDone("write", bytes.count) { done in
                pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset(of: count) + done))
            }
        }
        count += records.count
    }

    /// Reads `count` records starting at record `index`.
    func read(at index: Int, count: Int) throws -> [Record] {
        try [Record](unsafeUninitializedCapacity: count) { buffer, initialized in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            try repeatUntilDone("read", bytes.count) { done in
                pread(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset(of: index) + done))
            }
            initialized = count
        }
    }

    private func offset(of index: Int) -> Int { index * MemoryLayout<Record>.stride }

    /// Calls `transfer` (a `pread` or `pwrite` of the rest, given the bytes done) until all
    /// `total` bytes are done.
    private func repeatUntilDone(_ operation: String, _ total: Int, _ transfer: (_ done: Int) -> Int) throws {
        switch POSIXIO.repeatUntilDone(total, transfer) {
        case .done: return
        case .endedEarly:
            throw StoreError.io(path: directory, operation: "\(operation) a temporary sort file (it ended early)", errno: EIO)
        case .failed: throw StoreError.system("\(operation) a temporary sort file", directory)
        }
    }
}

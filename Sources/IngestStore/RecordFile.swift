import Foundation
import IngestCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One append-only JSON-lines file of the store, read up to the length it had when opened.
///
/// A line is committed once it and its newline are written and `fsync`ed. Bytes after the last
/// newline are a torn write from a killed process, and trailing lines of NUL bytes only are
/// what a crashed file system leaves: readers ignore both and a writer truncates them when it
/// opens the file. Every other line is a record or damage (see `forEachRecord`).
final class RecordFile {
    let path: String
    private let fd: Int32
    /// The committed length: everything before it is whole lines.
    private(set) var length: Int64
    /// Whether appends are `fsync`ed (see `Store.open(…syncing:)`).
    private let syncing: Bool

    /// Opens for reading; a missing file reads as empty.
    init(readingAt path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        length = 0
        syncing = false
        if fd < 0 {
            guard errno == ENOENT else { throw StoreError.system("open", path) }
            return
        }
        length = try committedLength(size: try fileSize())
    }

    /// Opens for appending (creating the file), truncating the torn tail; appends are `fsync`ed
    /// when `syncing`.
    init(appendingAt path: String, syncing: Bool = true) throws {
        self.path = path
        self.syncing = syncing
        let existed = access(path, F_OK) == 0
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.system("open for writing", path) }
        length = 0
        if !existed { try fsyncDirectory(of: path) }
        let size = try fileSize()
        let good = try committedLength(size: size)
        if good != size {
            guard ftruncate(fd, off_t(good)) == 0, fsync(fd) == 0 else {
                throw StoreError.system("repair of the torn last line", path)
            }
        }
        length = good
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends whole lines (each without its newline) in one write and `fsync`s (when `syncing`); on an error
    /// the file is truncated back, so none of them stays.
    func append(_ lines: [Data]) throws {
        guard !lines.isEmpty else { return }
        var batch = Data(capacity: lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines {
            batch.append(line)
            batch.append(0x0A)
        }
        let ok = batch.withUnsafeBytes { POSIXIO.writeAll(fd, $0, at: length) && (!syncing || fsync(fd) == 0) }
        guard ok else {
            let failure = StoreError.system("append", path)
            // Leave no half batch behind; if this fails too, the next writer's open repairs it.
            _ = ftruncate(fd, off_t(length))
            throw failure
        }
        length += Int64(batch.count)
    }

    /// Takes in the whole lines another process appended since the file was opened or last
    /// followed (a PostgreSQL worker's local copy, into which it pulls other workers' lines);
    /// returns the offset where they start, for `forEachLine(from:)`.
    func followAppends() throws -> Int64 {
        let start = length
        length = try committedLength(size: try fileSize())
        return start
    }

    /// Calls `body` with each whole line (without newline) and its offset, in file order, from
    /// `start` (the start of a line) on.
    func forEachLine(from start: Int64 = 0, _ body: (_ offset: Int64, _ line: UnsafeRawBufferPointer) throws -> Void) throws {
        guard length > start else { return }
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        var filled = 0          // bytes of `buffer` holding data
        var bufferOffset = start  // file offset of buffer[0]
        var position = start      // file offset read so far
        while position < length {
            if buffer.count - filled < chunk / 2 { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let want = min(buffer.count - filled, Int(length - position))
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, want, off_t(position)) }
            guard n > 0 else { throw StoreError.system("read", path) }
            filled += n
            position += Int64(n)
            var start = 0
            try buffer.withUnsafeBytes { bytes in
                let base = bytes.baseAddress!
                while start < filled, let found = memchr(base + start, 0x0A, filled - start) {
                    let newline = base.distance(to: UnsafeRawPointer(found))
                    try body(bufferOffset + Int64(start), UnsafeRawBufferPointer(rebasing: bytes[start..<newline]))
                    start = newline + 1
                }
            }
            if start > 0 {
                buffer.withUnsafeMutableBytes { bytes in
                    bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + start, byteCount: filled - start)
                }
                filled -= start
                bufferOffset += Int64(start)
            }
        }
    }

    /// Reads `count` bytes at `offset` (one record line).
    func read(offset: Int64, count: Int) throws -> Data {
        var data = Data(count: count)
        let ok = data.withUnsafeMutableBytes { POSIXIO.readAll(fd, $0, at: offset) == .done }
        guard ok else { throw StoreError.system("read", path) }
        return data
    }

    /// The last committed line (without its newline), or nil for an empty file.
    func lastLine() throws -> Data? {
        guard length > 0 else { return nil }
        let start = try lastNewline(before: length - 1)
        return try read(offset: start, count: Int(length - 1 - start))
    }

    private func fileSize() throws -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.system("stat", path) }
        return Int64(info.st_size)
    }

    /// The length of the whole lines before the torn tail: up to the last newline at or before
    /// `size`, less trailing lines of NUL bytes (a bound keeps a damaged file from being emptied).
    private func committedLength(size: Int64) throws -> Int64 {
        var good = try lastNewline(before: size)
        for _ in 0..<16 where good > 0 {
            let start = try lastNewline(before: good - 1)
            guard start < good - 1, try read(offset: start, count: 1) == Data([0]),
                  try read(offset: start, count: Int(good - 1 - start)).allSatisfy({ $0 == 0 })
            else { break }
            good = start
        }
        return good
    }

    /// The length up to and including the last newline at or before `size`.
    private func lastNewline(before size: Int64) throws -> Int64 {
        var end = size
        while end > 0 {
            let start = max(0, end - 65_536)
            let bytes = try read(offset: start, count: Int(end - start))
            if let newline = bytes.lastIndex(of: 0x0A) { return start + Int64(newline - bytes.startIndex) + 1 }
            end = start
        }
        return 0
    }
}

/// `fsync`s the directory holding `path`, so that a created or renamed entry survives a crash.
func fsyncDirectory(of path: String) throws {
    try StoreError.io { try POSIXIO.fsyncDirectory(of: path) }
}

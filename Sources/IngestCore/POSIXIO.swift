#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: what was attempted, on which path, and `errno`.
public struct SystemCallError: Error, Equatable, Sendable {
    public var operation: String
    public var path: String
    public var errno: Int32

    public init(operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The error for a call that just failed, capturing `errno` now.
    public static func now(_ operation: String, _ path: String) -> SystemCallError {
        SystemCallError(operation: operation, path: path, errno: currentErrno())
    }
}

/// `errno`, under a name a property called `errno` does not shadow.
private func currentErrno() -> Int32 { errno }

/// The loops every read and write of the store, the export and the snapshots share: short
/// transfers continue and `EINTR` retries.
public enum POSIXIO {
    /// How a transfer loop ended.
    public enum Outcome: Equatable, Sendable {
        case done
        /// The call returned 0 before `total` bytes (end of file for a read).
        case endedEarly
        /// The call failed; `errno` says why.
        case failed
    }

    /// Calls `transfer` (a `read`/`write`/`pread`/`pwrite` of the rest, given the bytes done)
    /// until `total` bytes are done.
    public static func repeatUntilDone(_ total: Int, _ transfer: (_ done: Int) -> Int) -> Outcome {
        var done = 0
        while done < total {
            let n = transfer(done)
            if n < 0 && errno == EINTR { continue }
            if n == 0 { return .endedEarly }
            if n < 0 { return .failed }
            done += n
        }
        return .done
    }

    /// Writes all of `buffer` to `fd` (at `offset` with `pwrite` when given); false with
    /// `errno` set when it could not.
    public static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int64? = nil) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        return repeatUntilDone(buffer.count) { done in
            if let offset { return pwrite(fd, base + done, buffer.count - done, off_t(offset) + off_t(done)) }
            return write(fd, base + done, buffer.count - done)
        } == .done
    }

    /// Reads exactly `buffer.count` bytes at `offset`; `.endedEarly` when the file is shorter.
    public static func readAll(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Outcome {
        guard let base = buffer.baseAddress else { return .done }
        return repeatUntilDone(buffer.count) { done in
            pread(fd, base + done, buffer.count - done, off_t(offset) + off_t(done))
        }
    }

    /// `fsync`s the directory holding `path`, so that a created or renamed entry survives a crash.
    public static func fsyncDirectory(of path: String) throws(SystemCallError) {
        let directory = AtomicFile.directory(of: path)
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .now("open directory", directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .now("fsync directory", directory) }
    }
}

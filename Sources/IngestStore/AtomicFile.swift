import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files atomically: write a temp file beside it, `fsync`, `rename`, `fsync` the directory.
/// A crash at any point leaves either the old file or the new one, plus at most a stray temp file.
enum AtomicFile {
    /// Temp files end with this; `Store.open(access: .write)` removes strays.
    static let tempSuffix = ".tmp"

    /// A fresh, unpredictable temp path beside `path` (a fixed name could be planted in
    /// advance as a symlink to a file of someone else's).
    static func tempPath(for path: String) -> String {
        path + ".\(getpid())-" + String(UInt64.random(in: 1...UInt64.max), radix: 36) + tempSuffix
    }

    /// The directory part of `path` ("." for a bare name), by hand: Foundation's
    /// `deletingLastPathComponent` traps on one-character names.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Writes `data` to `path` atomically.
    static func write(_ data: Data, to path: String) throws {
        let writer = try Writer(replacing: path)
        try writer.write(data)
        try writer.commit()
    }

    /// A streaming atomic replacement: write in pieces, then `commit` (or drop it to abandon).
    final class Writer {
        let path: String
        let tempPath: String
        private var fd: Int32
        /// The temp file's descriptor, for streaming writers.
        var descriptor: Int32 { fd }

        /// Creates the temp file for `path`: a new file only (`O_EXCL`), never through a
        /// symlink (`O_NOFOLLOW`); `tempPath` is for tests that plant something there.
        init(replacing path: String, tempPath: String? = nil) throws {
            self.path = path
            self.tempPath = tempPath ?? AtomicFile.tempPath(for: path)
            fd = open(self.tempPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw StoreError.system("create", self.tempPath) }
        }

        deinit {
            if fd >= 0 {
                close(fd)
                unlink(tempPath)
            }
        }

        /// Appends bytes to the temp file.
        func write(_ data: Data) throws {
            try data.withUnsafeBytes { try write($0) }
        }

        /// Appends raw bytes to the temp file.
        func write(_ buffer: UnsafeRawBufferPointer) throws {
            var done = 0
            while done < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw StoreError.system("write", tempPath) }
                done += n
            }
        }

        /// Makes the new content durable and puts it in place.
        func commit() throws {
            guard fsync(fd) == 0 else { throw StoreError.system("fsync", tempPath) }
            close(fd)
            fd = -1
            guard rename(tempPath, path) == 0 else {
                let failure = StoreError.system("rename to \(path)", tempPath)
                unlink(tempPath)
                throw failure
            }
            try fsyncDirectory(of: path)
        }
    }
}

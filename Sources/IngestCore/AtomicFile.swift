import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files atomically: write a temp file beside it, `fsync`, `rename`, `fsync` the directory.
/// A crash at any point leaves either the old file or the new one, plus at most a stray temp file.
public enum AtomicFile {
    /// Temp files end with this; `Store.open(access: .write)` removes strays.
    public static let tempSuffix = ".tmp"

    /// A fresh, unpredictable temp path beside `path` (a fixed name could be planted in
    /// advance as a symlink to a file of someone else's).
    public static func tempPath(for path: String) -> String {
        path + ".\(getpid())-" + String(UInt64.random(in: 1...UInt64.max), radix: 36) + tempSuffix
    }

    /// The directory part of `path` ("." for a bare name), by hand: Foundation's
    /// `deletingLastPathComponent` traps on one-character names.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws(SystemCallError) {
        let writer = try Writer(replacing: path)
        try writer.write(data)
        try writer.commit()
    }

    /// A streaming atomic replacement: write in pieces, then `commit` (or drop it to abandon).
    public final class Writer {
        public let path: String
        public let tempPath: String
        private var fd: Int32
        /// The temp file's descriptor, for streaming writers.
        public var descriptor: Int32 { fd }

        /// Creates the temp file for `path`: a new file only (`O_EXCL`), never through a
        /// symlink (`O_NOFOLLOW`); `tempPath` is for tests that plant something there.
        public init(replacing path: String, tempPath: String? = nil) throws(SystemCallError) {
            self.path = path
            self.tempPath = tempPath ?? AtomicFile.tempPath(for: path)
            fd = open(self.tempPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .now("create", self.tempPath) }
        }

        deinit {
            if fd >= 0 {
                close(fd)
                unlink(tempPath)
            }
        }

        /// Appends bytes to the temp file.
        public func write(_ data: Data) throws(SystemCallError) {
            guard data.withUnsafeBytes({ POSIXIO.writeAll(fd, $0) }) else { throw .now("write", tempPath) }
        }

        /// Appends raw bytes to the temp file.
        public func write(_ buffer: UnsafeRawBufferPointer) throws(SystemCallError) {
            guard POSIXIO.writeAll(fd, buffer) else { throw .now("write", tempPath) }
        }

        /// Makes the new content durable and puts it in place; without `syncingDirectory` the
        /// rename is durable only once the caller fsyncs the directory (one fsync for many files).
        public func commit(syncingDirectory: Bool = true) throws(SystemCallError) {
            guard fsync(fd) == 0 else { throw .now("fsync", tempPath) }
            close(fd)
            fd = -1
            guard rename(tempPath, path) == 0 else {
                let failure = SystemCallError.now("rename to \(path)", tempPath)
                unlink(tempPath)
                throw failure
            }
            if syncingDirectory { try POSIXIO.fsyncDirectory(of: path) }
        }
    }
}
